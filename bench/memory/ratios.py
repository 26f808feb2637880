#!/usr/bin/env python3
"""Turns bench-memory's JSON output into the table of docs/performance.md.

  taskset -c 1 build/bench/bench-memory --benchmark_repetitions=5 \\
      --benchmark_out=run.json --benchmark_out_format=json
  python3 bench/memory/ratios.py run.json

Uses the median over repetitions when there are several, else the single
figure; times in ns of CPU per call. A kernel without a hand-written
gradient gets a dash in the hand-written columns.
"""
import json
import sys


def main(path):
    with open(path) as f:
        runs = json.load(f)["benchmarks"]
    times = {}
    for r in runs:
        name = r.get("run_name", r["name"])
        aggregate = r.get("aggregate_name")
        if aggregate not in (None, "median"):
            continue
        if aggregate is None and name in times:
            continue  # plain repetitions: keep the median row only
        times[name] = r["cpu_time"]
    kernels = []
    for name in times:
        kernel = name.split("/")[0]
        if kernel not in kernels:
            kernels.append(kernel)
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
