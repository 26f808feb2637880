#!/usr/bin/env bash
# Installs chainrule, builds the three-target project of Inputs/project
# against it in a fresh build folder with Ninja, and runs its programs.
#   project.sh <chainrule build dir> <source dir of this script> <work dir>
set -euo pipefail
build=$1 inputs=$2 work=$3
source "$inputs/install.sh"
cp -r "$inputs/project" "$work/src"
cmake -S "$work/src" -B "$work/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"
echo "== build"
ninja -C "$work/build" 2>&1 | sed 's/^\[[0-9/]*\] //'
echo "== run"
"$work/build/app"
"$work/build/net_test"
"$work/build/plain"
echo "== outputs"
(cd "$work/build" && find chainrule -name '*.ad.*' | LC_ALL=C sort)
echo "== one HEADER_DIR for two targets"
mkdir -p "$work/clash"
cat > "$work/clash/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(clash CXX)
find_package(ChainRule CONFIG REQUIRED)
add_executable(a "$work/src/physics/model.cpp")
add_executable(b "$work/src/physics/model.cpp")
chainrule_differentiate(a SOURCES "$work/src/physics/model.cpp" HEADER_DIR gen)
chainrule_differentiate(b SOURCES "$work/src/physics/model.cpp" HEADER_DIR gen)
CMAKE
cmake -S "$work/clash" -B "$work/clash/build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" 2>&1 | grep -A3 'CMake Error' || true
