#!/usr/bin/env python3
"""Turns bench-memory's JSON output into the table of docs/performance.md.

  taskset -c 1 build/bench/bench-memory --benchmark_repetitions=5 \\
      --benchmark_out=run.json --benchmark_out_format=json
  python3 bench/memory/ratios.py run.json

Uses the median over repetitions when there are several, else the single
figure; times in ns of CPU per call. A kernel without a hand-written
gradient gets a dash in the hand-written columns.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from benchjson import kernels_of, median_times  # noqa: E402


def main(path):
    times = median_times(path)
    kernels = kernels_of(times)
    # Kernels with a hand-written gradient first, then by name (the JSON
    # order changes with --benchmark_enable_random_interleaving).
    kernels.sort(key=lambda k: (f"{k}/grad/hand" not in times, k))
    print("| kernel | primal | grad chainrule | grad hand | grad/primal "
          "(chainrule) | grad/primal (hand) | grad chainrule/hand |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for k in kernels:
        p = times[f"{k}/primal"]
        g = times[f"{k}/grad/chainrule"]
        h = times.get(f"{k}/grad/hand")
        if h is None:
            hand, ratios = "-", "| - | - |"
        else:
            hand, ratios = f"{h:.0f}", f"| {h / p:.2f} | **{g / h:.2f}** |"
        print(f"| {k} | {p:.0f} | {g:.0f} | {hand} | {g / p:.2f} {ratios}")


if __name__ == "__main__":
    main(sys.argv[1])
