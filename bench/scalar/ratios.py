#!/usr/bin/env python3
"""Turns bench-scalar's JSON output into the table of docs/performance.md.

  build/bench/bench-scalar --benchmark_repetitions=5 \\
      --benchmark_out=run.json --benchmark_out_format=json
  python3 bench/scalar/ratios.py run.json

Uses the median over repetitions when there are several, else the single
figure; times in ns of CPU per call.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from benchjson import kernels_of, median_times  # noqa: E402


def main(path):
    times = median_times(path)
    kernels = kernels_of(times)
    scalar = [k for k in kernels if f"{k}/jvp/chainrule" in times]
    loops = [k for k in kernels if f"{k}/grad/chainrule-reverse" in times]
    print("| kernel | primal | grad chainrule | grad hand | grad/primal "
          "(chainrule) | grad chainrule/hand | jvp chainrule | jvp hand "
          "| jvp chainrule/hand |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in scalar:
        t = {v: times[f"{k}/{v}"] for v in ("primal", "grad/chainrule",
             "grad/hand", "jvp/chainrule", "jvp/hand")}
        print(f"| {k} | {t['primal']:.2f} | {t['grad/chainrule']:.2f} "
              f"| {t['grad/hand']:.2f} "
              f"| {t['grad/chainrule'] / t['primal']:.2f} "
              f"| **{t['grad/chainrule'] / t['grad/hand']:.2f}** "
              f"| {t['jvp/chainrule']:.2f} | {t['jvp/hand']:.2f} "
              f"| {t['jvp/chainrule'] / t['jvp/hand']:.2f} |")
    if not loops:
        return
    # Loop kernels: chainrule's _grad in auto mode (as users get it) and in
    # reverse mode, against each hand-written gradient (grad/hand, and
    # grad/hand-sweep where there is one).
    print()
    print("| kernel | hand-written | primal | grad hand | grad chainrule "
          "(auto) | grad chainrule (reverse) | hand/primal | auto/primal "
          "| reverse/primal | auto/hand | reverse/hand |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in loops:
        p = times[f"{k}/primal"]
        auto = times[f"{k}/grad/chainrule"]
        rev = times[f"{k}/grad/chainrule-reverse"]
        for hand in ("grad/hand", "grad/hand-sweep"):
            if f"{k}/{hand}" not in times:
                continue
            h = times[f"{k}/{hand}"]
            print(f"| {k} | {hand.split('/')[1]} | {p:.1f} | {h:.1f} "
                  f"| {auto:.1f} | {rev:.1f} | {h / p:.2f} | {auto / p:.2f} "
                  f"| {rev / p:.2f} | **{auto / h:.2f}** "
                  f"| **{rev / h:.2f}** |")

if __name__ == "__main__":
    main(sys.argv[1])
