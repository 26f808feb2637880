#!/usr/bin/env bash
# Builds everything and runs the whole test suite twice: on the release
# build (build/; then its execution tests once more with the derivatives
# from the LLVM IR output, test/llvm_tier.py), and on a build of chainrule
# with AddressSanitizer,
# UndefinedBehaviorSanitizer and its assertions (build-sanitize/), where a
# minute of the libFuzzer target runs too. Each run is the lit suite
# (FileCheck golden tests, compiled and executed numeric checks,
# diagnostics, random programs) with the GoogleTest unit tests. Ends with
# lit's summaries and a one-line count; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
lit() { python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "$@" | tee -a "$log"; }

status=0
bash scripts/build.sh || exit 1
echo "=== the test suite (build/)"
lit build/test || status=1
echo "=== the execution tests again, with the derivatives from --emit=llvm (build/)"
lit build/test --param emit=llvm --filter-out 'Package/|Random/random-programs' || status=1
bash scripts/build-sanitized.sh || exit 1
echo "=== the test suite with sanitizers and assertions (build-sanitize/)"
lit build-sanitize/test || status=1

count() { sed -n "s/^ *$1 *: *\([0-9]*\).*/\1/p" "$log" | awk '{s += $1} END {print s + 0}'; }
passed=$(count Passed)
failed=0
for kind in Failed Unresolved Timed\ Out Unexpectedly\ Passed; do
  failed=$(( failed + $(count "$kind") ))
done
echo "tests: ${passed} passed, ${failed} failed (two builds and the LLVM IR tier)"
exit "$status"
