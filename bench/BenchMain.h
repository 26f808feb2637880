//===- BenchMain.h - The end of a benchmark program's main ------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Runs the registered benchmarks, after a program's own correctness checks.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_BENCH_BENCHMAIN_H
#define CHAINRULE_BENCH_BENCHMAIN_H

#include <benchmark/benchmark.h>

namespace chainrule::bench {

/// Google Benchmark's main with \p Argc and \p Argv; its exit status.
inline int runBenchmarks(int Argc, char **Argv) {
  benchmark::Initialize(&Argc, Argv);
  if (benchmark::ReportUnrecognizedArguments(Argc, Argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

} // namespace chainrule::bench

#endif // CHAINRULE_BENCH_BENCHMAIN_H
