//===- bench/scalar/Samples.h - Inputs and timed loops ----------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// What the benchmarks of scalar kernels share (bench-scalar, and
/// bench-outputs, which times the derivatives of chainrule's two outputs):
/// fixed tables of random inputs, adapters from a sample to a kernel's
/// call, and the timed loops.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_BENCH_SCALAR_SAMPLES_H
#define CHAINRULE_BENCH_SCALAR_SAMPLES_H

#include <benchmark/benchmark.h>

#include <array>
#include <random>

namespace {

/// Samples per kernel: a power of two, small enough to stay in L1.
constexpr unsigned NumSamples = 256;

/// One call's inputs: up to four primal arguments and their tangents.
struct Sample {
  double A[4];
  double T[4];
};

using Table = std::array<Sample, NumSamples>;

/// Primal arguments uniform in [Lo[i], Hi[i]], tangents in [-1, 1]; fixed
/// seed so that every run times the same calls.
Table makeTable(std::array<double, 4> Lo, std::array<double, 4> Hi,
                unsigned Seed) {
  std::mt19937_64 Gen(Seed);
  Table Tab;
  for (Sample &S : Tab)
    for (unsigned I = 0; I < 4; ++I) {
      S.A[I] = std::uniform_real_distribution<double>(Lo[I], Hi[I])(Gen);
      S.T[I] = std::uniform_real_distribution<double>(-1, 1)(Gen);
    }
  return Tab;
}

const Table PolyTable = makeTable({-1.5, -1, -1, -1}, {1.5, 1, 1, 1}, 1);
const Table ChainTable = makeTable({0.1, 0.1, 0, 0}, {2, 2, 0, 0}, 2);
// x in [-1, 4], y in [0.5, 2]: every branch of piecewise is taken.
const Table BranchTable = makeTable({-1, 0.5, 0, 0}, {4, 2, 0, 0}, 3);
const Table SigmoidTable = makeTable({-4, 0, 0, 0}, {4, 0, 0, 0}, 4);
const Table StraightTable = makeTable({-2, -2, 0, 0}, {2, 2, 0, 0}, 5);
// Loop kernels. recur, recur_sin: a in [-0.9, 0.9] (a contraction), b, c,
// h0; dsum: a, b, c; newton: p in [0.5, 3] (one real root), q in [-5, 5].
const Table RecurTable = makeTable({-0.9, -1, -0.5, -1}, {0.9, 1, 0.5, 1}, 6);
const Table SumTable = makeTable({-2, -2, -1, 0}, {2, 2, 1, 0}, 7);
const Table NewtonTable = makeTable({0.5, -5, 0, 0}, {3, 5, 0, 0}, 8);
/// Trip counts of the loop kernels: the recurrences run RecurSteps steps,
/// dsum sums SumRows x SumCols terms.
constexpr int RecurSteps = 1000;
constexpr int SumRows = 32, SumCols = 32;

#define GRAD1(NS, F)                                                           \
  [](const Sample &S, double *D) { return NS::F(S.A[0], &D[0]); }
#define GRAD2(NS, F)                                                           \
  [](const Sample &S, double *D) { return NS::F(S.A[0], S.A[1], &D[0], &D[1]); }
#define GRAD4(NS, F)                                                           \
  [](const Sample &S, double *D) {                                             \
    return NS::F(S.A[0], S.A[1], S.A[2], S.A[3], &D[0], &D[1], &D[2], &D[3]);  \
  }
#define JVP1(NS, F) [](const Sample &S) { return NS::F(S.A[0], S.T[0]); }
#define JVP2(NS, F)                                                            \
  [](const Sample &S) { return NS::F(S.A[0], S.A[1], S.T[0], S.T[1]); }
#define JVP4(NS, F)                                                            \
  [](const Sample &S) {                                                        \
    return NS::F(S.A[0], S.A[1], S.A[2], S.A[3], S.T[0], S.T[1], S.T[2],      \
                 S.T[3]);                                                      \
  }

// Timed loops. The adapters (closures) are inlined; the kernel calls are not.

template <typename Fn>
void timeValue(benchmark::State &State, const Table &Tab, Fn F) {
  unsigned I = 0;
  for (auto _ : State) {
    double V = F(Tab[I]);
    benchmark::DoNotOptimize(V);
    I = (I + 1) % NumSamples;
  }
}

template <unsigned NumArgs, typename Fn>
void timeGrad(benchmark::State &State, const Table &Tab, Fn F) {
  unsigned I = 0;
  for (auto _ : State) {
    double D[4] = {0, 0, 0, 0};
    double V = F(Tab[I], D);
    benchmark::DoNotOptimize(V);
    for (unsigned J = 0; J < NumArgs; ++J)
      benchmark::DoNotOptimize(D[J]);
    I = (I + 1) % NumSamples;
  }
}

} // namespace

#endif // CHAINRULE_BENCH_SCALAR_SAMPLES_H
