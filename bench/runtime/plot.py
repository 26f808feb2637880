#!/usr/bin/env python3
"""Plots the elementwise operators' bandwidth against the copy loop.

Reads the JSON that bench-runtime writes with
  --benchmark_out=run.json --benchmark_out_format=json
(the medians, if it ran with --benchmark_repetitions)
and writes an SVG (docs/runtime/bandwidth.svg in the repository). Needs
matplotlib (Debian: python3-matplotlib); only used to make the figure, not
by the build or the tests.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["svg.hashsalt"] = "chainrule"  # deterministic ids
import matplotlib.pyplot as plt  # noqa: E402

SERIES = ["BM_Copy", "relu", "relu_vjp", "sigmoid", "sigmoid_vjp", "tanh",
          "tanh_vjp", "gelu", "gelu_vjp"]


def main(src, dst):
    runs = json.load(open(src))["benchmarks"]
    # With --benchmark_repetitions, plot the medians.
    medians = [b for b in runs if b.get("aggregate_name") == "median"]
    if medians:
        runs = [dict(b, name=b["run_name"]) for b in medians]
    fig, ax = plt.subplots(figsize=(8, 5))
    for name in SERIES:
        points = sorted(
            (int(b["name"].split("/")[1]), b["bytes_per_second"] / 1e9)
            for b in runs
            if b["name"].split("/")[0] == name and "bytes_per_second" in b)
        if not points:
            continue
        sizes, rates = zip(*points)
        style = "k--" if name == "BM_Copy" else ("-" if "vjp" in name else ":")
        label = "copy loop" if name == "BM_Copy" else name
        ax.plot([s / 1024 for s in sizes], rates, style, marker="o", label=label)
    ax.set_xscale("log", base=2)
    ax.set_xlabel("size of x (KiB)")
    ax.set_ylabel("GB/s (all bytes read and written)")
    ax.set_title("chainrule_rt elementwise operators, float")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(ncol=3, fontsize="small")
    fig.tight_layout()
    fig.savefig(dst, metadata={"Date": None})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
