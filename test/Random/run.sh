#!/usr/bin/env bash
# Differential test of random programs: for each seed, generates a function
# (gen_program.py), differentiates it in reverse and in forward mode, and
# checks on a few points that the gradient equals the jvp (to 1e-9 relative:
# the same derivative up to rounding) and central finite differences (to
# 1e-4 relative, where differences of two step sizes agree: near a branch
# that flips or iterations that blow up, a difference quotient means
# nothing). See check_main.cpp.
#   run.sh <chainrule-gen> <c++ compiler> <include dir> <work dir> <first> <last>
set -uo pipefail
gen=$1 cxx=$2 inc=$3 work=$4 first=$5 last=$6
here=$(dirname "$0")
mkdir -p "$work"
failures=0
for seed in $(seq "$first" "$last"); do
  src="$work/p$seed.cpp"
  python3 "$here/gen_program.py" "$seed" > "$src"
  for mode in reverse forward; do
    out="$work/p$seed.$mode"
    if ! "$gen" --grad-mode=$mode "$src" -o "$out.ad.cpp" -- -std=c++17 -I"$inc" 2> "$out.err"; then
      echo "seed $seed ($mode): chainrule-gen failed"; sed -n 1,3p "$out.err"; failures=$((failures + 1)); continue
    fi
    # -fno-builtin: <cmath> calls are evaluated by the library at run time,
    # never folded by the C++ compiler (whose correctly rounded constants
    # can differ in the last bit), so the primal value of f_grad can be
    # compared with f's bit for bit.
    if ! "$cxx" -std=c++17 -O1 -fno-builtin -I"$inc" "$out.ad.cpp" "$here/check_main.cpp" -o "$out" 2> "$out.cerr"; then
      echo "seed $seed ($mode): the generated code does not compile"; sed -n 1,3p "$out.cerr"; failures=$((failures + 1)); continue
    fi
    if ! "$out" > "$out.txt"; then
      echo "seed $seed ($mode): wrong derivatives"; sed -n 1,3p "$out.txt"; failures=$((failures + 1))
    fi
  done
done
echo "random programs: $((last - first + 1)) seeds, $failures failures"
[ "$failures" -eq 0 ]
