#!/usr/bin/env bash
# Links a program that calls the runtime without CMake: -lchainrule_rt
# alone, pkg-config (shared), pkg-config --static (the archive).
#   link.sh <chainrule build dir> <source dir of this script> <work dir>
set -euo pipefail
build=$1 inputs=$2 work=$3
source "$inputs/install.sh"
prefix=$work/prefix

echo "== the shared runtime"
readelf -d "$prefix/lib/libchainrule_rt.so" | grep -E 'SONAME|NEEDED' | grep -oE '\[.*\]' | sort
echo "== -lchainrule_rt alone"
$cxx $sanitize "$inputs/plain.cpp" -o "$work/plain" -I"$prefix/include" \
  -L"$prefix/lib" -lchainrule_rt -Wl,-rpath,"$prefix/lib"
"$work/plain"

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
echo "== pkg-config"
pkg-config --modversion chainrule
$cxx $sanitize "$inputs/plain.cpp" -o "$work/plain-pc" \
  $(pkg-config --cflags --libs chainrule) -Wl,-rpath,"$prefix/lib"
"$work/plain-pc"
echo "== pkg-config --static"
pkg-config --static --libs chainrule
$cxx $sanitize "$inputs/plain.cpp" -o "$work/plain-static" \
  $(pkg-config --cflags chainrule) -Wl,--as-needed \
  -Wl,-Bstatic -lchainrule_rt -Wl,-Bdynamic $(pkg-config --static --libs chainrule)
"$work/plain-static"
echo "dynamic dependencies on chainrule: $(ldd "$work/plain-static" | grep -c chainrule || true)"

# The installed tree moved elsewhere: chainrule-gen still finds its own
# headers (next to itself), with no flags at all; so does pkg-config.
echo "== moved"
mv "$prefix" "$work/moved"
mkdir -p "$work/bare" && cd "$work/bare" && echo '[]' > compile_commands.json
printf '#include <chainrule/chainrule.h>\nCHAINRULE_GRAD double sq(double x) { return x * x; }\n' > sq.cpp
"$work/moved/bin/chainrule-gen" sq.cpp -o sq.ad.cpp -MD
grep -o '[^ ]*/include/chainrule/chainrule.h' sq.ad.cpp.d | sed "s|^$work/||"
PKG_CONFIG_PATH=$work/moved/lib/pkgconfig pkg-config --cflags chainrule | sed "s|$work/||g"
