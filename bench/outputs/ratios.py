#!/usr/bin/env python3
"""Turns bench-outputs' JSON output into the table of docs/performance.md.

  build/bench/bench-outputs --benchmark_repetitions=5 \\
      --benchmark_out=run.json --benchmark_out_format=json
  python3 bench/outputs/ratios.py run.json

Uses the median over repetitions when there are several, else the single
figure; times in ns of CPU per call.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from benchjson import kernels_of, median_times  # noqa: E402


def main(path):
    times = median_times(path)
    print("| kernel | derivative | C++ -O2 | LLVM IR -O2 | IR/C++ -O2 "
          "| C++ -O3 | LLVM IR -O3 | IR/C++ -O3 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for k in kernels_of(times):
        for d in ("grad", "jvp"):
            if f"{k}/{d}/cpp_O2" not in times:
                continue
            t = {v: times[f"{k}/{d}/{v}"]
                 for v in ("cpp_O2", "llvm_O2", "cpp_O3", "llvm_O3")}
            print(f"| {k} | {d} | {t['cpp_O2']:.1f} | {t['llvm_O2']:.1f} "
                  f"| **{t['llvm_O2'] / t['cpp_O2']:.2f}** "
                  f"| {t['cpp_O3']:.1f} | {t['llvm_O3']:.1f} "
                  f"| **{t['llvm_O3'] / t['cpp_O3']:.2f}** |")


if __name__ == "__main__":
    main(sys.argv[1])
