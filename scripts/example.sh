#!/usr/bin/env bash
# The main job on the bundled example: differentiate examples/seeds/seeds.cpp
# (the chain-rule tutorial functions), show the generated C++, compile it and
# print each derivative next to its exact value.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh chainrule-gen

out=build/examples/seeds
mkdir -p "$out"
./build/bin/chainrule-gen examples/seeds/seeds.cpp -o "$out/seeds.ad.cpp" \
  --header "$out/seeds.ad.h" -- -std=c++17
echo "=== chainrule-gen examples/seeds/seeds.cpp -o $out/seeds.ad.cpp ==="
cat "$out/seeds.ad.cpp"
echo "=== compiled and run ==="
/usr/lib/llvm-19/bin/clang++ -std=c++17 -O2 -Iinclude -I"$out" \
  "$out/seeds.ad.cpp" examples/seeds/main.cpp -o "$out/seeds"
"$out/seeds"
