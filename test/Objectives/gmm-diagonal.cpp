// A Gaussian mixture with diagonal covariances and a Wishart prior, written
// from its definition as numerical code writes it (a struct of views onto
// the parameter buffers, a table of constants, std::fill and
// std::accumulate, a log-sum-exp helper taking a std::vector):
//
//   L = sum_i logsumexp_k(a_k + sum_j q_kj - 1/2 sum_j (e^q_kj (x_ij - m_kj))^2)
//       - n logsumexp(a) - n d/2 log(2 pi)
//       + sum_k (g^2/2 sum_j e^(2 q_kj) - m_w sum_j q_kj)
//
// with weights a (k), means m (k x d) and log inverse standard deviations
// q (k x d). Gradient and tangents checked against central differences.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd
#include <chainrule/chainrule.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace gmm {

constexpr double kLog2Pi = 1.8378770664093453;

/// The parameters of one component, viewed in the flat buffers.
struct Component {
  const double *mean;
  const double *logprec; // log inverse standard deviations
};

double logsumexp(const std::vector<double> &v) {
  double mx = *std::max_element(v.begin(), v.end());
  double s = 0;
  for (double e : v)
    s += std::exp(e - mx);
  return mx + std::log(s);
}

/// The Wishart prior on the diagonal precisions.
double prior(const double *logprec, int d, int k, double gamma, int m) {
  double out = 0;
  for (int c = 0; c < k; ++c) {
    const double *q = logprec + c * d;
    double sq = 0;
    for (int j = 0; j < d; ++j)
      sq += std::exp(2 * q[j]);
    out += 0.5 * gamma * gamma * sq - m * std::accumulate(q, q + d, 0.0);
  }
  return out;
}

CHAINRULE_GRAD CHAINRULE_JVP_WRT(alphas, means)
double objective(int d, int k, int n, const double *alphas, const double *means,
                 const double *logprecs, const double *x, double gamma, int m) {
  std::vector<double> terms(k);
  double total = 0;
  double diff[8];
  for (int i = 0; i < n; ++i) {
    std::fill(terms.begin(), terms.end(), 0.0);
    for (int c = 0; c < k; ++c) {
      Component comp{means + c * d, logprecs + c * d};
      double sumq = 0, sqnorm = 0;
      for (int j = 0; j < d; ++j) {
        diff[j] = std::exp(comp.logprec[j]) * (x[i * d + j] - comp.mean[j]);
        sumq += comp.logprec[j];
        sqnorm += diff[j] * diff[j];
      }
      terms[c] = alphas[c] + sumq - 0.5 * sqnorm;
    }
    total += logsumexp(terms);
  }
  std::vector<double> a(alphas, alphas + k);
  return total - n * logsumexp(a) - 0.5 * n * d * kLog2Pi +
         prior(logprecs, d, k, gamma, m);
}

} // namespace gmm

#ifdef RUN_CHECKS
#include "check.h"
namespace gmm {
double objective_grad(int d, int k, int n, const double *alphas,
                      const double *means, const double *logprecs,
                      const double *x, double gamma, int m, double *d_alphas,
                      double *d_means, double *d_logprecs, double *d_x,
                      double *d_gamma);
double objective_jvp(int d, int k, int n, const double *alphas,
                     const double *means, const double *logprecs,
                     const double *x, double gamma, int m,
                     const double *t_alphas, const double *t_means);
} // namespace gmm

int main() {
  const int D = 3, K = 4, N = 5, M = 2;
  double alphas[K], means[K * D], logprecs[K * D], x[N * D], gamma = 0.7;
  for (int i = 0; i < K; ++i)
    alphas[i] = 0.3 * i - 0.4;
  for (int i = 0; i < K * D; ++i) {
    means[i] = std::sin(1.3 * i);
    logprecs[i] = 0.2 * std::cos(0.7 * i);
  }
  for (int i = 0; i < N * D; ++i)
    x[i] = std::cos(0.9 * i + 0.1);
  double da[K] = {}, dm[K * D] = {}, dq[K * D] = {}, dx[N * D] = {}, dg = 0;
  auto F = [&] {
    return gmm::objective(D, K, N, alphas, means, logprecs, x, gamma, M);
  };
  CR_EXPECT_EXACT(gmm::objective_grad(D, K, N, alphas, means, logprecs, x,
                                      gamma, M, da, dm, dq, dx, &dg),
                  F());
  crtest::expectGradient("d_alphas", da, alphas, K, F);
  crtest::expectGradient("d_means", dm, means, K * D, F);
  crtest::expectGradient("d_logprecs", dq, logprecs, K * D, F);
  crtest::expectGradient("d_x", dx, x, N * D, F);
  CR_EXPECT_FD(dg, [&](double t) {
    return gmm::objective(D, K, N, alphas, means, logprecs, x, t, M);
  }, gamma);
  double za[K] = {}, zm[K * D] = {};
  for (int i = 0; i < K; ++i) {
    double e[K] = {};
    e[i] = 1;
    CR_EXPECT_NEAR_REL(gmm::objective_jvp(D, K, N, alphas, means, logprecs, x,
                                          gamma, M, e, zm),
                       da[i], 1e-12);
  }
  for (int i = 0; i < K * D; ++i) {
    double e[K * D] = {};
    e[i] = 1;
    CR_EXPECT_NEAR_REL(gmm::objective_jvp(D, K, N, alphas, means, logprecs, x,
                                          gamma, M, za, e),
                       dm[i], 1e-12);
  }
  return crtest::finish();
}
#endif
