//===- bench/memory/BenchMemory.cpp - Buffer kernel benchmarks ------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// bench-memory: kernels over buffers, side by side in one Google Benchmark
/// run. For the perceptron's loss (Mlp.cpp; in = 32, hid = 64, out = 10) the
/// primal, chainrule's `_grad` and a hand-written one; for the ADBench GMM
/// objective (Gmm.cpp; d = 10, k = 5, n = 100) the primal and chainrule's
/// `_grad`, which has no hand-written counterpart here.
///
/// The parameters are fixed random values (fixed seed); each perceptron call
/// takes the next of a table of random samples (x, t), as calls over a
/// training batch do. The primal value goes through benchmark::DoNotOptimize
/// and the shadows are read after the timed loop, so no call can be deleted;
/// the kernels live in other translation units (Kernels.h), so no side is
/// inlined into the loop. Before timing, main checks that chainrule's and the
/// hand-written perceptron gradients agree on every sample, and that every
/// `_grad` returns the primal value.
//===----------------------------------------------------------------------===//

#include "../BenchMain.h"
#include "Kernels.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

namespace {

using Buffer = std::vector<double>;

/// \p N values uniform in [Lo, Hi], drawn from \p Gen.
Buffer uniform(std::mt19937_64 &Gen, size_t N, double Lo, double Hi) {
  std::uniform_real_distribution<double> Dist(Lo, Hi);
  Buffer V(N);
  for (double &X : V)
    X = Dist(Gen);
  return V;
}

/// Relative agreement: |A - B| <= Tol * max(|A|, |B|, Floor).
bool close(double A, double B, double Tol, double Floor = 0) {
  return std::fabs(A - B) <=
         Tol * std::max({std::fabs(A), std::fabs(B), Floor});
}

/// The tolerance of every check: chainrule's and the hand-written gradients
/// form the same products and differ only in the order of a few sums.
constexpr double Tol = 1e-10;

//===----------------------------------------------------------------------===//
// The perceptron.
//===----------------------------------------------------------------------===//

constexpr int MlpIn = 32, MlpHid = 64, MlpOut = 10;
/// Samples (x, t) per run: a power of two, all of them in L1 with the
/// parameters.
constexpr unsigned MlpSamples = 16;

/// The parameters, the samples and the four shadows of the perceptron.
struct Mlp {
  Buffer W1, B1, W2, B2; ///< Parameters, W1 hid x in, W2 out x hid.
  Buffer X, T;           ///< MlpSamples inputs and targets, one after another.
  Buffer DW1, DB1, DW2, DB2;

  /// Weights uniform in +-1/sqrt(fan-in), so that the hidden layer does not
  /// saturate; inputs and targets uniform in [-1, 1].
  Mlp() {
    std::mt19937_64 Gen(11);
    W1 = uniform(Gen, MlpHid * MlpIn, -1 / std::sqrt(MlpIn),
                 1 / std::sqrt(MlpIn));
    B1 = uniform(Gen, MlpHid, -0.1, 0.1);
    W2 = uniform(Gen, MlpOut * MlpHid, -1 / std::sqrt(MlpHid),
                 1 / std::sqrt(MlpHid));
    B2 = uniform(Gen, MlpOut, -0.1, 0.1);
    X = uniform(Gen, MlpSamples * MlpIn, -1, 1);
    T = uniform(Gen, MlpSamples * MlpOut, -1, 1);
    DW1.resize(W1.size());
    DB1.resize(B1.size());
    DW2.resize(W2.size());
    DB2.resize(B2.size());
  }

  void zeroShadows() {
    for (Buffer *D : {&DW1, &DB1, &DW2, &DB2})
      std::fill(D->begin(), D->end(), 0.0);
  }

  double primal(unsigned S) const {
    return kernels::mlp_loss(W1.data(), B1.data(), W2.data(), B2.data(),
                             &X[S * MlpIn], &T[S * MlpOut], MlpIn, MlpHid,
                             MlpOut);
  }
};

using MlpGradFn = double (*)(const double *, const double *, const double *,
                             const double *, const double *, const double *,
                             int, int, int, double *, double *, double *,
                             double *);

/// Calls gradient \p F at sample \p S, adding into M's shadows.
double mlpGrad(Mlp &M, MlpGradFn F, unsigned S) {
  return F(M.W1.data(), M.B1.data(), M.W2.data(), M.B2.data(), &M.X[S * MlpIn],
           &M.T[S * MlpOut], MlpIn, MlpHid, MlpOut, M.DW1.data(), M.DB1.data(),
           M.DW2.data(), M.DB2.data());
}

//===----------------------------------------------------------------------===//
// The GMM objective.
//===----------------------------------------------------------------------===//

constexpr int GmmD = 10, GmmK = 5, GmmN = 100;
constexpr int GmmIcfSize = GmmD * (GmmD + 1) / 2;

/// The parameters, data and shadows of the GMM objective.
struct Gmm {
  Buffer Alphas, Means, Icf, X;
  Buffer DAlphas, DMeans, DIcf;
  Wishart W{/*gamma=*/1.0, /*m=*/0};
  double LogGammaDistrib;

  /// Uniform values as ADBench's generator draws them: alphas in [-1, 1],
  /// means, icf and the points in [0, 1]; the Wishart prior of ADBench
  /// (gamma = 1, m = 0) with its log-gamma constant log Gamma_d(n / 2),
  /// n = d + m + 1.
  Gmm() {
    std::mt19937_64 Gen(12);
    Alphas = uniform(Gen, GmmK, -1, 1);
    Means = uniform(Gen, GmmK * GmmD, 0, 1);
    Icf = uniform(Gen, GmmK * GmmIcfSize, 0, 1);
    X = uniform(Gen, GmmN * GmmD, 0, 1);
    DAlphas.resize(Alphas.size());
    DMeans.resize(Means.size());
    DIcf.resize(Icf.size());
    double A = 0.5 * (GmmD + W.m + 1);
    LogGammaDistrib = 0.25 * GmmD * (GmmD - 1) * std::log(M_PI);
    for (int J = 1; J <= GmmD; ++J)
      LogGammaDistrib += std::lgamma(A + 0.5 * (1 - J));
  }

  void zeroShadows() {
    for (Buffer *D : {&DAlphas, &DMeans, &DIcf})
      std::fill(D->begin(), D->end(), 0.0);
  }

  double primal() const {
    return gmm_objective(GmmD, GmmK, GmmN, Alphas.data(), Means.data(),
                         Icf.data(), X.data(), W, LogGammaDistrib);
  }

  double grad() {
    return gmm_objective_grad(GmmD, GmmK, GmmN, Alphas.data(), Means.data(),
                              Icf.data(), X.data(), W, LogGammaDistrib,
                              DAlphas.data(), DMeans.data(), DIcf.data());
  }
};

Mlp TheMlp;
Gmm TheGmm;

//===----------------------------------------------------------------------===//
// Agreement checks.
//===----------------------------------------------------------------------===//

/// Checks entry by entry that \p Got agrees with \p Ref to relative Tol;
/// entries below 1e-3 of the largest of \p Ref (where a sum may cancel) are
/// compared to that size instead of their own.
bool sameBuffer(const char *Name, const Buffer &Got, const Buffer &Ref,
                unsigned Sample) {
  double Largest = 0;
  for (double R : Ref)
    Largest = std::max(Largest, std::fabs(R));
  for (size_t I = 0; I < Ref.size(); ++I)
    if (!close(Got[I], Ref[I], Tol, 1e-3 * Largest)) {
      std::fprintf(stderr,
                   "bench-memory: mlp_loss: %s[%zu] at sample %u: chainrule "
                   "%.17g, hand-written %.17g\n",
                   Name, I, Sample, Got[I], Ref[I]);
      return false;
    }
  return true;
}

/// On every sample: both perceptron gradients return the primal value and
/// the same gradient.
bool checkMlp() {
  Mlp &M = TheMlp;
  for (unsigned S = 0; S < MlpSamples; ++S) {
    double P = M.primal(S);
    M.zeroShadows();
    double VH = mlpGrad(M, hand::mlp_loss_grad, S);
    Buffer HW1 = M.DW1, HB1 = M.DB1, HW2 = M.DW2, HB2 = M.DB2;
    M.zeroShadows();
    double VG = mlpGrad(M, kernels::mlp_loss_grad, S);
    if (!close(P, VG, Tol) || !close(P, VH, Tol)) {
      std::fprintf(stderr,
                   "bench-memory: mlp_loss: primal %.17g, chainrule %.17g, "
                   "hand-written %.17g at sample %u\n",
                   P, VG, VH, S);
      return false;
    }
    if (!sameBuffer("d_W1", M.DW1, HW1, S) ||
        !sameBuffer("d_b1", M.DB1, HB1, S) ||
        !sameBuffer("d_W2", M.DW2, HW2, S) ||
        !sameBuffer("d_b2", M.DB2, HB2, S))
      return false;
  }
  return true;
}

/// chainrule's GMM gradient returns the primal value (its gradient is
/// checked against central differences by test/Memory/gmm.test).
bool checkGmm() {
  Gmm &G = TheGmm;
  double P = G.primal();
  G.zeroShadows();
  double V = G.grad();
  if (!close(P, V, Tol)) {
    std::fprintf(stderr,
                 "bench-memory: gmm_objective: primal %.17g, chainrule "
                 "%.17g\n",
                 P, V);
    return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Timed loops. Shadows are zeroed once, before the timed loop, for every
// gradient alike, and the calls add into them, as gradients over a batch of
// samples are summed: that is what the += ABI is for, and zeroing per call
// would add the same 2,762 (perceptron) or 330 (GMM) stores to every
// variant. The shadows are passed to benchmark::DoNotOptimize after the loop.
//===----------------------------------------------------------------------===//

void mlpPrimal(benchmark::State &State) {
  unsigned S = 0;
  for (auto _ : State) {
    double V = TheMlp.primal(S);
    benchmark::DoNotOptimize(V);
    S = (S + 1) % MlpSamples;
  }
}

void mlpGradLoop(benchmark::State &State, MlpGradFn F) {
  Mlp &M = TheMlp;
  M.zeroShadows();
  unsigned S = 0;
  for (auto _ : State) {
    double V = mlpGrad(M, F, S);
    benchmark::DoNotOptimize(V);
    S = (S + 1) % MlpSamples;
  }
  for (Buffer *D : {&M.DW1, &M.DB1, &M.DW2, &M.DB2})
    benchmark::DoNotOptimize(D->data());
  benchmark::ClobberMemory();
}

void mlpGradChainrule(benchmark::State &State) {
  mlpGradLoop(State, kernels::mlp_loss_grad);
}

void mlpGradHand(benchmark::State &State) {
  mlpGradLoop(State, hand::mlp_loss_grad);
}

void gmmPrimal(benchmark::State &State) {
  for (auto _ : State) {
    double V = TheGmm.primal();
    benchmark::DoNotOptimize(V);
  }
}

void gmmGradChainrule(benchmark::State &State) {
  Gmm &G = TheGmm;
  G.zeroShadows();
  for (auto _ : State) {
    double V = G.grad();
    benchmark::DoNotOptimize(V);
  }
  for (Buffer *D : {&G.DAlphas, &G.DMeans, &G.DIcf})
    benchmark::DoNotOptimize(D->data());
  benchmark::ClobberMemory();
}

} // namespace

BENCHMARK(mlpPrimal)->Name("mlp_loss/primal");
BENCHMARK(mlpGradChainrule)->Name("mlp_loss/grad/chainrule");
BENCHMARK(mlpGradHand)->Name("mlp_loss/grad/hand");
BENCHMARK(gmmPrimal)->Name("gmm_objective/primal");
BENCHMARK(gmmGradChainrule)->Name("gmm_objective/grad/chainrule");

int main(int Argc, char **Argv) {
  bool Ok = checkMlp();
  Ok &= checkGmm();
  if (!Ok)
    return 1;

  return chainrule::bench::runBenchmarks(Argc, Argv);
}
