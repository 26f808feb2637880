//===- bench/scalar/BenchScalar.cpp - Scalar kernel benchmarks ------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// bench-scalar: for each scalar kernel, the primal, chainrule's `_grad` and
/// `_jvp`, and hand-written ones, side by side in one Google Benchmark run;
/// for each loop kernel, the primal, chainrule's `_grad` in the default auto
/// mode and in reverse mode, and hand-written gradients.
///
/// Every call takes the next sample of a fixed table of random inputs, so the
/// work cannot be hoisted out of the loop; the primal value and every
/// derivative are passed to benchmark::DoNotOptimize, so none of it can be
/// deleted. The kernels live in other translation units (Kernels.h), so no
/// side is inlined into the loop. Before timing, main checks that chainrule's
/// and the hand-written derivatives agree on every sample.
//===----------------------------------------------------------------------===//

#include "../BenchMain.h"
#include "Kernels.h"
#include "Samples.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

namespace {

//===----------------------------------------------------------------------===//
// Agreement check, then registration.
//===----------------------------------------------------------------------===//

bool close(double A, double B, double Tol = 1e-11) {
  return std::fabs(A - B) <=
         Tol * std::max({1.0, std::fabs(A), std::fabs(B)});
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

//===----------------------------------------------------------------------===//
// Loop kernels: the primal and several gradients (chainrule's in the default
// auto mode and in reverse mode, hand-written ones), no JVPs.
//===----------------------------------------------------------------------===//

using ValueFn = double (*)(const Sample &);
using GradFn = double (*)(const Sample &, double *);

/// A gradient to time, under the benchmark name <kernel>/<Label>, and the
/// relative tolerance to which it must agree with the reference.
struct GradVariant {
  const char *Label;
  GradFn F;
  double Tol = 1e-11;
};

/// Checks, on every sample of \p Tab, that every gradient returns the primal
/// value (relative 1e-11) and the gradient of the first one, the hand-written
/// reference (relative GradVariant::Tol); if so, registers the primal and
/// every gradient.
template <unsigned NumArgs>
bool addLoopKernel(const char *Name, const Table &Tab, ValueFn Primal,
                   std::vector<GradVariant> Grads) {
  for (const Sample &S : Tab) {
    double P = Primal(S);
    double DRef[4] = {0, 0, 0, 0};
    Grads[0].F(S, DRef);
    for (const GradVariant &G : Grads) {
      double D[4] = {0, 0, 0, 0};
      double V = G.F(S, D);
      bool Ok = close(P, V);
      for (unsigned J = 0; J < NumArgs; ++J)
        Ok = Ok && close(D[J], DRef[J], G.Tol);
      if (!Ok) {
        std::fprintf(stderr,
                     "bench-scalar: %s: %s and %s disagree at (%g, %g, %g, "
                     "%g): primal %.17g %.17g, grad %.17g %.17g %.17g %.17g "
                     "/ %.17g %.17g %.17g %.17g\n",
                     Name, G.Label, Grads[0].Label, S.A[0], S.A[1], S.A[2],
                     S.A[3], P, V, D[0], D[1], D[2], D[3], DRef[0], DRef[1],
                     DRef[2], DRef[3]);
        return false;
      }
    }
  }
  std::string N = Name;
  const Table *T = &Tab;
  benchmark::RegisterBenchmark((N + "/primal").c_str(),
                               [T, Primal](benchmark::State &St) {
                                 timeValue(St, *T, Primal);
                               });
  for (const GradVariant &G : Grads) {
    GradFn F = G.F;
    benchmark::RegisterBenchmark((N + "/" + G.Label).c_str(),
                                 [T, F](benchmark::State &St) {
                                   timeGrad<NumArgs>(St, *T, F);
                                 });
  }
  return true;
}

#define LOOP_PRIMAL(CALL) [](const Sample &S) { return CALL; }
#define LOOP_GRAD(CALL) [](const Sample &S, double *D) { return CALL; }

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

  // The recurrences: a, b, c, h0 active, RecurSteps steps.
#define RECUR_ARGS S.A[0], S.A[1], S.A[2], S.A[3], RecurSteps
#define RECUR_SHADOWS &D[0], &D[1], &D[2], &D[3]
  Ok &= addLoopKernel<4>(
      "recur", RecurTable, LOOP_PRIMAL(kernels::recur(RECUR_ARGS)),
      {{"grad/hand", LOOP_GRAD(hand::recur_grad(RECUR_ARGS, RECUR_SHADOWS))},
       {"grad/chainrule",
        LOOP_GRAD(kernels::recur_grad(RECUR_ARGS, RECUR_SHADOWS))},
       {"grad/chainrule-reverse",
        LOOP_GRAD(kernels::recur_rev_grad(RECUR_ARGS, RECUR_SHADOWS))}});
  Ok &= addLoopKernel<4>(
      "recur_sin", RecurTable,
      LOOP_PRIMAL(kernels::recur_sin(RECUR_ARGS)),
      {{"grad/hand",
        LOOP_GRAD(hand::recur_sin_grad(RECUR_ARGS, RECUR_SHADOWS))},
       {"grad/chainrule",
        LOOP_GRAD(kernels::recur_sin_grad(RECUR_ARGS, RECUR_SHADOWS))},
       {"grad/chainrule-reverse",
        LOOP_GRAD(kernels::recur_sin_rev_grad(RECUR_ARGS, RECUR_SHADOWS))}});
  // The double sum: a, b, c active, SumRows x SumCols terms.
#define DSUM_ARGS S.A[0], S.A[1], S.A[2], SumRows, SumCols
#define DSUM_SHADOWS &D[0], &D[1], &D[2]
  Ok &= addLoopKernel<3>(
      "dsum", SumTable, LOOP_PRIMAL(kernels::dsum(DSUM_ARGS)),
      {{"grad/hand", LOOP_GRAD(hand::dsum_grad(DSUM_ARGS, DSUM_SHADOWS))},
       {"grad/chainrule",
        LOOP_GRAD(kernels::dsum_grad(DSUM_ARGS, DSUM_SHADOWS))},
       {"grad/chainrule-reverse",
        LOOP_GRAD(kernels::dsum_rev_grad(DSUM_ARGS, DSUM_SHADOWS))}});
  // Newton: p, q active. The reference is the hand-written reverse sweep,
  // which differentiates the iteration as chainrule does; the
  // implicit-function derivative ("grad/hand") differentiates the exact root
  // and agrees with it to about the last step's size only (hence 1e-9).
#define NEWTON_ARGS S.A[0], S.A[1]
#define NEWTON_SHADOWS &D[0], &D[1]
  Ok &= addLoopKernel<2>(
      "newton", NewtonTable, LOOP_PRIMAL(kernels::newton(NEWTON_ARGS)),
      {{"grad/hand-sweep",
        LOOP_GRAD(hand::newton_sweep_grad(NEWTON_ARGS, NEWTON_SHADOWS))},
       {"grad/hand",
        LOOP_GRAD(hand::newton_grad(NEWTON_ARGS, NEWTON_SHADOWS)), 1e-9},
       {"grad/chainrule",
        LOOP_GRAD(kernels::newton_grad(NEWTON_ARGS, NEWTON_SHADOWS))},
       {"grad/chainrule-reverse",
        LOOP_GRAD(kernels::newton_rev_grad(NEWTON_ARGS, NEWTON_SHADOWS))}});
  if (!Ok)
    return 1;

  return chainrule::bench::runBenchmarks(Argc, Argv);
}
