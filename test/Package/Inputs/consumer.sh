#!/usr/bin/env bash
# Installs chainrule from <build dir> into <work>/prefix, builds the consumer
# example (a copy of examples/consumer) against it in a fresh build folder
# with Ninja, runs it, and checks incremental rebuilds.
#   consumer.sh <chainrule build dir> <chainrule source dir> <work dir>
set -euo pipefail
build=$1 src=$2 work=$3
source "$src/test/Package/Inputs/install.sh"
cp -r "$src/examples/consumer" "$work/src"
cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"

step() { echo "== $1"; ninja -C "$work/build" 2>&1 | sed 's/^\[[0-9/]*\] //'; }

step "first build"
"$work/build/train"
ls "$work/build/generated/model.ad.h"
# The headers generated code may include.
LC_ALL=C ls "$work/prefix/include/chainrule"
step "no-op rebuild"
sed -i 's/double err = y - target;/double err = target - y;/' "$work/src/model.cpp"
step "edit the annotated source"
sed -i 's/0.01/0.02/' "$work/src/model_config.h"
step "edit a header the annotated source includes"
echo "// an edit" >> "$work/src/main.cpp"
step "edit an unrelated source"
sed -i 's/double err = target - y;/double err = target - y; asm("");/' \
  "$work/src/model.cpp"
step "a source chainrule rejects" || true
step "the same source again" || true
