#!/usr/bin/env bash
# Builds everything and runs the whole test suite: the lit suite (FileCheck
# golden tests, compiled and executed numeric checks, diagnostics) and the
# GoogleTest unit tests, which lit runs too. Ends with lit's summary and a
# one-line count; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh || exit 1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv build/test | tee "$log"
status=${PIPESTATUS[0]}

count() { sed -n "s/^ *$1: *\([0-9]*\).*/\1/p" "$log" | head -n 1; }
passed=$(count Passed)
failed=$(( $(count Failed || true) + 0 ))
for kind in Unresolved Timed\ Out Unexpectedly\ Passed; do
  failed=$(( failed + $(count "$kind" || true) + 0 ))
done
echo "tests: ${passed:-0} passed, ${failed} failed"
exit "$status"
