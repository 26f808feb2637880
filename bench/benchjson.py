"""Reading Google Benchmark JSON output for the ratio scripts of bench/."""
import json


def median_times(path):
    """Benchmark name -> CPU time in ns per call: the median over
    repetitions when there are several, else the single figure."""
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
    return times


def kernels_of(times):
    """The kernel names (before the first '/'), in order of appearance."""
    kernels = []
    for name in times:
        kernel = name.split("/")[0]
        if kernel not in kernels:
            kernels.append(kernel)
    return kernels
