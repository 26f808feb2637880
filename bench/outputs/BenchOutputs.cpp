//===- bench/outputs/BenchOutputs.cpp - C++ output against LLVM IR -------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// bench-outputs: every kernel of bench-scalar and bench-memory with its
/// derivatives from chainrule's two outputs, each compiled by clang at -O2
/// and at -O3, side by side in one Google Benchmark run. The four variants
/// are the same kernels in four namespaces (the build defines `kernels`, and
/// `gmm_objective` for the GMM objective, which lives in the global
/// namespace, to a name per variant):
///
///   cpp_O2, cpp_O3    the C++ output (<kernel>.ad.cpp) compiled at -O2, -O3
///   llvm_O2, llvm_O3  the kernel's source and the module of --emit=llvm
///                     (made with the same flag) compiled at -O2, -O3
///
/// Before timing, main checks on every input that every variant's
/// derivatives return the primal value and agree with those of cpp_O2.
//===----------------------------------------------------------------------===//

#include "../BenchMain.h"
#include "../scalar/Samples.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#define VARIANTS(X) X(cpp_O2) X(llvm_O2) X(cpp_O3) X(llvm_O3)

// Each variant's kernels and derivatives.
#define DECLARE(V)                                                             \
  namespace kernels_##V {                                                      \
  KERNEL_DECLARATIONS                                                          \
  }                                                                            \
  double gmm_objective_##V##_grad(                                             \
      int d, int k, int n, const double *alphas, const double *means,          \
      const double *icf, const double *x, Wishart wishart,                     \
      double log_gamma_distrib, double *d_alphas, double *d_means,             \
      double *d_icf);
#define KERNEL_DECLARATIONS                                                    \
  double poly8(double x);                                                      \
  double poly8_coef(double x, double c0, double c1, double c2);                \
  double cmath_chain(double x, double y);                                      \
  double piecewise(double x, double y);                                        \
  double sigmoid(double z);                                                    \
  double straight(double x, double y);                                         \
  double poly8_grad(double x, double *d_x);                                    \
  double poly8_jvp(double x, double t_x);                                      \
  double poly8_coef_grad(double x, double c0, double c1, double c2,            \
                         double *d_x, double *d_c0, double *d_c1,              \
                         double *d_c2);                                        \
  double poly8_coef_jvp(double x, double c0, double c1, double c2,             \
                        double t_x, double t_c0, double t_c1, double t_c2);    \
  double cmath_chain_grad(double x, double y, double *d_x, double *d_y);       \
  double cmath_chain_jvp(double x, double y, double t_x, double t_y);          \
  double piecewise_grad(double x, double y, double *d_x, double *d_y);         \
  double piecewise_jvp(double x, double y, double t_x, double t_y);            \
  double sigmoid_grad(double z, double *d_z);                                  \
  double sigmoid_jvp(double z, double t_z);                                    \
  double straight_grad(double x, double y, double *d_x, double *d_y);          \
  double straight_jvp(double x, double y, double t_x, double t_y);             \
  double recur_grad(double a, double b, double c, double h0, int n,            \
                    double *d_a, double *d_b, double *d_c, double *d_h0);      \
  double recur_sin_grad(double a, double b, double c, double h0, int n,        \
                        double *d_a, double *d_b, double *d_c, double *d_h0);  \
  double dsum_grad(double a, double b, double c, int n, int m, double *d_a,    \
                   double *d_b, double *d_c);                                  \
  double newton_grad(double p, double q, double *d_p, double *d_q);            \
  double mlp_loss_grad(const double *W1, const double *b1, const double *W2,   \
                       const double *b2, const double *x, const double *t,     \
                       int in, int hid, int out, double *d_W1, double *d_b1,   \
                       double *d_W2, double *d_b2);

struct Wishart {
  double gamma;
  int m;
};
VARIANTS(DECLARE)

namespace {

/// The labels of the variants, in VARIANTS order.
#define LABEL(V) #V,
const char *const Labels[] = {VARIANTS(LABEL)};
constexpr unsigned NumVariants = sizeof(Labels) / sizeof(Labels[0]);

using ValueFn = double (*)(const Sample &);
using GradFn = double (*)(const Sample &, double *);

bool close(double A, double B, double Tol) {
  return std::fabs(A - B) <=
         Tol * std::max({1.0, std::fabs(A), std::fabs(B)});
}

/// The two outputs compute the same operations; the C++ compiler may order
/// or fold a few differently (it sees expressions, the module operations).
constexpr double Tol = 1e-12;

/// Checks, on every sample of \p Tab, that each variant's gradient (and
/// jvp, if any) returns the primal value and agrees with the first
/// variant's; if so, registers <Name>/grad/<variant> and
/// <Name>/jvp/<variant>.
template <unsigned NumArgs>
bool addKernel(const char *Name, const Table &Tab, ValueFn Primal,
               std::vector<GradFn> Grads, std::vector<ValueFn> Jvps) {
  for (const Sample &S : Tab) {
    double P = Primal(S);
    double Ref[4] = {0, 0, 0, 0};
    Grads[0](S, Ref);
    for (unsigned V = 0; V < Grads.size(); ++V) {
      double D[4] = {0, 0, 0, 0};
      bool Ok = close(Grads[V](S, D), P, Tol);
      for (unsigned J = 0; J < NumArgs; ++J)
        Ok = Ok && close(D[J], Ref[J], Tol);
      if (!Jvps.empty())
        Ok = Ok && close(Jvps[V](S), Jvps[0](S), Tol);
      if (!Ok) {
        std::fprintf(stderr,
                     "bench-outputs: %s: %s and %s disagree at (%g, %g, %g, "
                     "%g)\n",
                     Name, Labels[V], Labels[0], S.A[0], S.A[1], S.A[2],
                     S.A[3]);
        return false;
      }
    }
  }
  const Table *T = &Tab;
  for (unsigned V = 0; V < Grads.size(); ++V) {
    GradFn G = Grads[V];
    benchmark::RegisterBenchmark(
        (std::string(Name) + "/grad/" + Labels[V]).c_str(),
        [T, G](benchmark::State &St) { timeGrad<NumArgs>(St, *T, G); });
  }
  for (unsigned V = 0; V < Jvps.size(); ++V) {
    ValueFn J = Jvps[V];
    benchmark::RegisterBenchmark(
        (std::string(Name) + "/jvp/" + Labels[V]).c_str(),
        [T, J](benchmark::State &St) { timeValue(St, *T, J); });
  }
  return true;
}

/// A buffer of \p N values in [Lo, Hi], fixed seed.
std::vector<double> uniform(unsigned Seed, size_t N, double Lo, double Hi) {
  std::mt19937_64 Gen(Seed);
  std::uniform_real_distribution<double> Dist(Lo, Hi);
  std::vector<double> V(N);
  for (double &X : V)
    X = Dist(Gen);
  return V;
}

using BufferGrad = double (*)(double *);

/// A gradient over buffers, \p Grads one per variant: each on the same
/// inputs, checked against the first (all \p Shadows elements), then timed.
bool addBufferKernel(const char *Name, size_t Shadows,
                     std::vector<BufferGrad> Grads) {
  std::vector<double> Ref(Shadows), D(Shadows);
  double RefValue = Grads[0](Ref.data());
  for (unsigned V = 0; V < Grads.size(); ++V) {
    std::fill(D.begin(), D.end(), 0.0);
    bool Ok = close(Grads[V](D.data()), RefValue, Tol);
    for (size_t J = 0; J < Shadows; ++J)
      Ok = Ok && close(D[J], Ref[J], Tol);
    if (!Ok) {
      std::fprintf(stderr, "bench-outputs: %s: %s and %s disagree\n", Name,
                   Labels[V], Labels[0]);
      return false;
    }
  }
  for (unsigned V = 0; V < Grads.size(); ++V) {
    BufferGrad G = Grads[V];
    benchmark::RegisterBenchmark(
        (std::string(Name) + "/grad/" + Labels[V]).c_str(),
        [G, Shadows](benchmark::State &St) {
          std::vector<double> D(Shadows);
          for (auto _ : St) {
            benchmark::DoNotOptimize(G(D.data()));
            benchmark::ClobberMemory();
          }
        });
  }
  return true;
}

// The perceptron (in 32, hidden 64, out 10) and the GMM objective (d 10,
// k 5, n 100), as bench-memory sizes them, at fixed random inputs.
constexpr int In = 32, Hid = 64, Out = 10;
const std::vector<double> W1 = uniform(11, Hid * In, -0.17, 0.17),
                          B1 = uniform(12, Hid, -0.1, 0.1),
                          W2 = uniform(13, Out * Hid, -0.12, 0.12),
                          B2 = uniform(14, Out, -0.1, 0.1),
                          X = uniform(15, In, -1, 1),
                          T = uniform(16, Out, -1, 1);
constexpr int Dim = 10, K = 5, N = 100, Icf = Dim * (Dim + 1) / 2;
const std::vector<double> Alphas = uniform(21, K, -1, 1),
                          Means = uniform(22, K * Dim, -1, 1),
                          IcfV = uniform(23, K * Icf, -0.5, 0.5),
                          Points = uniform(24, N * Dim, -1, 1);

} // namespace

// One entry per variant: a captureless lambda calling kernels_<V>::CALL.
#define EACH_GRAD(V)                                                           \
  +[](const Sample &S, double *D) { return kernels_##V::GRAD_CALL; },
#define EACH_JVP(V) +[](const Sample &S) { return kernels_##V::JVP_CALL; },

int main(int Argc, char **Argv) {
  bool Ok = true;
  using namespace kernels_cpp_O2;
#define GRAD_CALL poly8_grad(S.A[0], &D[0])
#define JVP_CALL poly8_jvp(S.A[0], S.T[0])
  Ok &= addKernel<1>("poly8", PolyTable,
                     [](const Sample &S) { return poly8(S.A[0]); },
                     {VARIANTS(EACH_GRAD)}, {VARIANTS(EACH_JVP)});
#undef GRAD_CALL
#undef JVP_CALL
#define GRAD_CALL                                                              \
  poly8_coef_grad(S.A[0], S.A[1], S.A[2], S.A[3], &D[0], &D[1], &D[2], &D[3])
#define JVP_CALL                                                               \
  poly8_coef_jvp(S.A[0], S.A[1], S.A[2], S.A[3], S.T[0], S.T[1], S.T[2], S.T[3])
  Ok &= addKernel<4>(
      "poly8_coef", PolyTable,
      [](const Sample &S) {
        return poly8_coef(S.A[0], S.A[1], S.A[2], S.A[3]);
      },
      {VARIANTS(EACH_GRAD)}, {VARIANTS(EACH_JVP)});
#undef GRAD_CALL
#undef JVP_CALL
#define TWO_ARGS(F, Tab)                                                       \
  Ok &= addKernel<2>(                                                          \
      #F, Tab, [](const Sample &S) { return F(S.A[0], S.A[1]); },              \
      {VARIANTS(EACH_GRAD)}, {VARIANTS(EACH_JVP)});
#define GRAD_CALL cmath_chain_grad(S.A[0], S.A[1], &D[0], &D[1])
#define JVP_CALL cmath_chain_jvp(S.A[0], S.A[1], S.T[0], S.T[1])
  TWO_ARGS(cmath_chain, ChainTable)
#undef GRAD_CALL
#undef JVP_CALL
#define GRAD_CALL piecewise_grad(S.A[0], S.A[1], &D[0], &D[1])
#define JVP_CALL piecewise_jvp(S.A[0], S.A[1], S.T[0], S.T[1])
  TWO_ARGS(piecewise, BranchTable)
#undef GRAD_CALL
#undef JVP_CALL
#define GRAD_CALL straight_grad(S.A[0], S.A[1], &D[0], &D[1])
#define JVP_CALL straight_jvp(S.A[0], S.A[1], S.T[0], S.T[1])
  TWO_ARGS(straight, StraightTable)
#undef GRAD_CALL
#undef JVP_CALL
#define GRAD_CALL sigmoid_grad(S.A[0], &D[0])
#define JVP_CALL sigmoid_jvp(S.A[0], S.T[0])
  Ok &= addKernel<1>("sigmoid", SigmoidTable,
                     [](const Sample &S) { return sigmoid(S.A[0]); },
                     {VARIANTS(EACH_GRAD)}, {VARIANTS(EACH_JVP)});
#undef GRAD_CALL
#undef JVP_CALL

  // The loop kernels: gradients (default mode) only; the primal value is
  // the cpp_O2 gradient's.
#define LOOP(N, Name, Tab)                                                     \
  Ok &= addKernel<N>(                                                          \
      Name, Tab,                                                               \
      [](const Sample &S) {                                                    \
        double D[4] = {0, 0, 0, 0};                                            \
        return kernels_cpp_O2::GRAD_CALL;                                      \
      },                                                                       \
      {VARIANTS(EACH_GRAD)}, {});
#define GRAD_CALL                                                              \
  recur_grad(S.A[0], S.A[1], S.A[2], S.A[3], RecurSteps, &D[0], &D[1], &D[2],  \
             &D[3])
  LOOP(4, "recur", RecurTable)
#undef GRAD_CALL
#define GRAD_CALL                                                              \
  recur_sin_grad(S.A[0], S.A[1], S.A[2], S.A[3], RecurSteps, &D[0], &D[1],     \
                 &D[2], &D[3])
  LOOP(4, "recur_sin", RecurTable)
#undef GRAD_CALL
#define GRAD_CALL                                                              \
  dsum_grad(S.A[0], S.A[1], S.A[2], SumRows, SumCols, &D[0], &D[1], &D[2])
  LOOP(3, "dsum", SumTable)
#undef GRAD_CALL
#define GRAD_CALL newton_grad(S.A[0], S.A[1], &D[0], &D[1])
  LOOP(2, "newton", NewtonTable)
#undef GRAD_CALL

#define MLP_GRAD(V)                                                            \
  +[](double *D) {                                                             \
    return kernels_##V::mlp_loss_grad(                                         \
        W1.data(), B1.data(), W2.data(), B2.data(), X.data(), T.data(), In,    \
        Hid, Out, D, D + Hid * In, D + Hid * In + Hid,                         \
        D + Hid * In + Hid + Out * Hid);                                       \
  },
  Ok &= addBufferKernel("mlp_loss", Hid * In + Hid + Out * Hid + Out,
                        {VARIANTS(MLP_GRAD)});
#define GMM_GRAD(V)                                                            \
  +[](double *D) {                                                             \
    return gmm_objective_##V##_grad(Dim, K, N, Alphas.data(), Means.data(),    \
                                    IcfV.data(), Points.data(),                \
                                    Wishart{1.0, 0}, 0.0, D, D + K,            \
                                    D + K + K * Dim);                          \
  },
  Ok &= addBufferKernel("gmm", K + K * Dim + K * Icf, {VARIANTS(GMM_GRAD)});
  if (!Ok)
    return 1;
  return chainrule::bench::runBenchmarks(Argc, Argv);
}
