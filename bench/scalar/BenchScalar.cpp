//===- bench/scalar/BenchScalar.cpp - Scalar kernel benchmarks ------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// bench-scalar: for each scalar kernel, the primal, chainrule's `_grad` and
/// `_jvp`, and hand-written ones, side by side in one Google Benchmark run.
///
/// Every call takes the next sample of a fixed table of random inputs, so the
/// work cannot be hoisted out of the loop; the primal value and every
/// derivative are passed to benchmark::DoNotOptimize, so none of it can be
/// deleted. The kernels live in other translation units (Kernels.h), so no
/// side is inlined into the loop. Before timing, main checks that chainrule's
/// and the hand-written derivatives agree on every sample.
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

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

//===----------------------------------------------------------------------===//
// Timed loops. The adapters (closures) are inlined; the kernel calls are not.
//===----------------------------------------------------------------------===//

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

//===----------------------------------------------------------------------===//
// Agreement check, then registration.
//===----------------------------------------------------------------------===//

bool close(double A, double B) {
  return std::fabs(A - B) <=
         1e-11 * std::max({1.0, std::fabs(A), std::fabs(B)});
}

/// Checks, on every sample of \p Tab, that both gradients return the primal
/// value and agree with each other and that both JVPs agree; if so, registers
/// the five benchmarks of the kernel.
template <unsigned NumArgs, typename PF, typename GGF, typename HGF,
          typename GJF, typename HJF>
bool addKernel(const char *Name, const Table &Tab, PF Primal, GGF GenGrad,
               HGF HandGrad, GJF GenJvp, HJF HandJvp) {
  for (const Sample &S : Tab) {
    double DG[4] = {0, 0, 0, 0}, DH[4] = {0, 0, 0, 0};
    double P = Primal(S);
    double VG = GenGrad(S, DG), VH = HandGrad(S, DH);
    double JG = GenJvp(S), JH = HandJvp(S);
    bool Ok = close(P, VG) && close(P, VH) && close(JG, JH);
    for (unsigned J = 0; J < NumArgs; ++J)
      Ok = Ok && close(DG[J], DH[J]);
    if (!Ok) {
      std::fprintf(stderr,
                   "bench-scalar: %s: chainrule and hand-written disagree at "
                   "(%g, %g, %g, %g): primal %.17g %.17g %.17g, jvp %.17g "
                   "%.17g, grad %.17g %.17g / %.17g %.17g\n",
                   Name, S.A[0], S.A[1], S.A[2], S.A[3], P, VG, VH, JG, JH,
                   DG[0], DG[1], DH[0], DH[1]);
      return false;
    }
  }
  std::string N = Name;
  const Table *T = &Tab;
  benchmark::RegisterBenchmark((N + "/primal").c_str(),
                               [T, Primal](benchmark::State &St) {
                                 timeValue(St, *T, Primal);
                               });
  benchmark::RegisterBenchmark((N + "/grad/chainrule").c_str(),
                               [T, GenGrad](benchmark::State &St) {
                                 timeGrad<NumArgs>(St, *T, GenGrad);
                               });
  benchmark::RegisterBenchmark((N + "/grad/hand").c_str(),
                               [T, HandGrad](benchmark::State &St) {
                                 timeGrad<NumArgs>(St, *T, HandGrad);
                               });
  benchmark::RegisterBenchmark((N + "/jvp/chainrule").c_str(),
                               [T, GenJvp](benchmark::State &St) {
                                 timeValue(St, *T, GenJvp);
                               });
  benchmark::RegisterBenchmark((N + "/jvp/hand").c_str(),
                               [T, HandJvp](benchmark::State &St) {
                                 timeValue(St, *T, HandJvp);
                               });
  return true;
}

/// Checks and registers kernel F of N arguments, whose primal call is
/// PrimalCall (in terms of the Sample S).
#define ADD_KERNEL(F, Tab, N, PrimalCall)                                      \
  addKernel<N>(#F, Tab, [](const Sample &S) { return PrimalCall; },           \
               GRAD##N(kernels, F##_grad), GRAD##N(hand, F##_grad),            \
               JVP##N(kernels, F##_jvp), JVP##N(hand, F##_jvp))

} // namespace

int main(int Argc, char **Argv) {
  bool Ok = true;
  Ok &= ADD_KERNEL(poly8, PolyTable, 1, kernels::poly8(S.A[0]));
  Ok &= ADD_KERNEL(poly8_coef, PolyTable, 4,
                   kernels::poly8_coef(S.A[0], S.A[1], S.A[2], S.A[3]));
  Ok &= ADD_KERNEL(cmath_chain, ChainTable, 2,
                   kernels::cmath_chain(S.A[0], S.A[1]));
  Ok &= ADD_KERNEL(piecewise, BranchTable, 2,
                   kernels::piecewise(S.A[0], S.A[1]));
  Ok &= ADD_KERNEL(sigmoid, SigmoidTable, 1, kernels::sigmoid(S.A[0]));
  Ok &= ADD_KERNEL(straight, StraightTable, 2,
                   kernels::straight(S.A[0], S.A[1]));
  if (!Ok)
    return 1;

  benchmark::Initialize(&Argc, Argv);
  if (benchmark::ReportUnrecognizedArguments(Argc, Argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
