#!/usr/bin/env bash
# Builds everything and runs the whole test suite: the lit suite (FileCheck
# golden tests, compiled and executed numeric checks, diagnostics) and the
# GoogleTest unit tests, which lit runs too. Ends with lit's summary; exits
# non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/test
