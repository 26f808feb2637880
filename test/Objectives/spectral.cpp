// A spectral loss written as a signal-processing person writes it: the
// discrete Fourier transform of a real signal into a std::vector of
// std::complex (accumulated with std::polar), the log power of the bins
// collected by push_back, and their mean and variance from a helper
// returning a std::pair, unpacked by a structured binding. Gradient and
// tangents (both modes) checked against central differences.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd
#include <chainrule/chainrule.h>
#include <cmath>
#include <complex>
#include <utility>
#include <vector>

using cplx = std::complex<double>;

static std::pair<double, double> mean_var(const std::vector<double> &v) {
  double s = 0, q = 0;
  for (double e : v) {
    s += e;
    q += e * e;
  }
  double m = s / v.size();
  return {m, q / v.size() - m * m};
}

CHAINRULE_GRAD CHAINRULE_JVP
double spectral_loss(const double *x, int n, double target) {
  const double pi = std::acos(-1.0);
  std::vector<cplx> X(n);
  for (int k = 0; k < n; ++k)
    for (int j = 0; j < n; ++j)
      X[k] += x[j] * std::polar(1.0, -2 * pi * k * j / n);
  std::vector<double> logp;
  for (int k = 1; k <= n / 2; ++k)
    logp.push_back(std::log(std::norm(X[k]) + 1e-9));
  auto [m, var] = mean_var(logp);
  double d = m - target;
  return d * d + 0.1 * var;
}

#ifdef RUN_CHECKS
#include "check.h"
double spectral_loss_grad(const double *x, int n, double target, double *d_x,
                          double *d_target);
double spectral_loss_jvp(const double *x, int n, double target,
                         const double *t_x, double t_target);

int main() {
  const int n = 8;
  double x[n] = {0.3, -1.2, 0.8, 2.1, -0.4, 0.9, 1.7, -0.6};
  double d[n] = {}, dt = 0, target = 0.5;
  CR_EXPECT_NEAR_REL(spectral_loss_grad(x, n, target, d, &dt),
                     spectral_loss(x, n, target), 1e-14);
  crtest::expectGradient("d_x", d, x, n,
                         [&] { return spectral_loss(x, n, target); });
  CR_EXPECT_FD(dt, [&](double v) { return spectral_loss(x, n, v); }, target);
  for (int j = 0; j < n; ++j) {
    double t[n] = {};
    t[j] = 1;
    CR_EXPECT_NEAR_REL(spectral_loss_jvp(x, n, target, t, 0), d[j], 1e-11);
  }
  return crtest::finish();
}
#endif
