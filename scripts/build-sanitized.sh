#!/usr/bin/env bash
# Configures and builds chainrule in build-sanitize/ with Clang 19,
# AddressSanitizer and UndefinedBehaviorSanitizer, chainrule's assertions
# on, and the libFuzzer target chainrule-fuzz (no benchmarks; two jobs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
CC=clang-19 CXX=clang++-19 cmake -S . -B build-sanitize -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHAINRULE_SANITIZE=ON \
  -DCHAINRULE_ASSERTIONS=ON -DCHAINRULE_FUZZ=ON \
  -DCHAINRULE_BUILD_BENCHMARKS=OFF >/dev/null
ninja -C build-sanitize -j2 "$@"
