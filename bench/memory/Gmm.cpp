//===- bench/memory/Gmm.cpp - The Gaussian mixture model objective --------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The Gaussian mixture model objective of ADBench (D dimensions, K
/// components, N points; the inverse covariance factor of each component is
/// its log-diagonal followed by the strictly lower triangle), written as in
/// the benchmark's C++ reference: buffers, sub-buffers passed to helpers
/// (&x[ix * d]), local std::vector scratch sized at run time, log-sum-exp.
/// The log-gamma constant of the Wishart prior does not depend on the
/// parameters and is passed in. Benchmarked in bench-memory and checked
/// against finite differences by test/Memory/gmm.test.
//===----------------------------------------------------------------------===//

#include <chainrule/chainrule.h>

#include <cmath>
#include <vector>

#include "Gmm.h"

static double arr_max(int n, const double *x) {
  double m = x[0];
  for (int i = 1; i < n; i++)
    if (m < x[i])
      m = x[i];
  return m;
}

static double sqnorm(int n, const double *x) {
  double res = x[0] * x[0];
  for (int i = 1; i < n; i++)
    res = res + x[i] * x[i];
  return res;
}

static void subtract(int d, const double *x, const double *y, double *out) {
  for (int id = 0; id < d; id++)
    out[id] = x[id] - y[id];
}

static double log_sum_exp(int n, const double *x) {
  double mx = arr_max(n, x);
  double semx = 0;
  for (int i = 0; i < n; i++)
    semx = semx + std::exp(x[i] - mx);
  return std::log(semx) + mx;
}

static void preprocess_qs(int d, int k, const double *icf, double *sum_qs,
                          double *Qdiags) {
  int icf_sz = d * (d + 1) / 2;
  for (int ik = 0; ik < k; ik++) {
    sum_qs[ik] = 0.;
    for (int id = 0; id < d; id++) {
      double q = icf[ik * icf_sz + id];
      sum_qs[ik] = sum_qs[ik] + q;
      Qdiags[ik * d + id] = std::exp(q);
    }
  }
}

static void Qtimesx(int d, const double *Qdiag, const double *ltri,
                    const double *x, double *out) {
  for (int id = 0; id < d; id++)
    out[id] = Qdiag[id] * x[id];
  int Lparamsidx = 0;
  for (int i = 0; i < d; i++)
    for (int j = i + 1; j < d; j++) {
      out[j] = out[j] + ltri[Lparamsidx] * x[i];
      Lparamsidx++;
    }
}

static double log_wishart_prior(int p, int k, Wishart wishart,
                                double log_gamma_distrib, const double *sum_qs,
                                const double *Qdiags, const double *icf) {
  int n = p + wishart.m + 1;
  int icf_sz = p * (p + 1) / 2;
  double C = n * p * (std::log(wishart.gamma) - 0.5 * std::log(2.0)) -
             log_gamma_distrib;
  double out = 0;
  for (int ik = 0; ik < k; ik++) {
    double frobenius = sqnorm(p, &Qdiags[ik * p]) +
                       sqnorm(icf_sz - p, &icf[ik * icf_sz + p]);
    out = out + 0.5 * wishart.gamma * wishart.gamma * frobenius -
          wishart.m * sum_qs[ik];
  }
  return out - k * C;
}

CHAINRULE_GRAD_WRT(alphas, means, icf)
double gmm_objective(int d, int k, int n, const double *alphas,
                     const double *means, const double *icf, const double *x,
                     Wishart wishart, double log_gamma_distrib) {
  const double CONSTANT = -n * d * 0.5 * std::log(2 * M_PI);
  int icf_sz = d * (d + 1) / 2;
  std::vector<double> Qdiags(d * k);
  std::vector<double> sum_qs(k);
  std::vector<double> xcentered(d);
  std::vector<double> Qxcentered(d);
  std::vector<double> main_term(k);
  preprocess_qs(d, k, icf, &sum_qs[0], &Qdiags[0]);
  double slse = 0.;
  for (int ix = 0; ix < n; ix++) {
    for (int ik = 0; ik < k; ik++) {
      subtract(d, &x[ix * d], &means[ik * d], &xcentered[0]);
      Qtimesx(d, &Qdiags[ik * d], &icf[ik * icf_sz + d], &xcentered[0],
              &Qxcentered[0]);
      main_term[ik] = alphas[ik] + sum_qs[ik] - 0.5 * sqnorm(d, &Qxcentered[0]);
    }
    slse = slse + log_sum_exp(k, &main_term[0]);
  }
  double lse_alphas = log_sum_exp(k, alphas);
  return CONSTANT + slse - n * lse_alphas +
         log_wishart_prior(d, k, wishart, log_gamma_distrib, &sum_qs[0],
                           &Qdiags[0], icf);
}
