// std::min and std::max (the derivative follows the argument returned, the
// first on a tie, as std::max(a, b) returns a when !(a < b)), constant
// expressions that are not literals (constexpr calls, sizeof) folded to
// their values, and library functions without a derivative rule called on
// values that carry no derivative (kept as calls).
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t
// The same numeric checks with gradients computed in forward mode:
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd
// And in forward mode proper:
// RUN: FileCheck %s --check-prefix=JVP --input-file=%t.ad.cpp

#include <chainrule/chainrule.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

CHAINRULE_GRAD CHAINRULE_JVP
double clipped(double x, double y) {
  return std::max(x, 0.0) * std::min(y, 2.0) + std::max(x, y);
}
// CHECK-LABEL: double clipped_grad(double x, double y, double *d_x, double *d_y) {
// CHECK:         x < 0.0
// CHECK:         2.0 < y
// CHECK:         x < y
// JVP-LABEL:   double clipped_jvp(double x, double y, double t_x, double t_y) {

CHAINRULE_GRAD
double constants(double x) {
  double eps = std::numeric_limits<double>::epsilon();
  return x * eps * sizeof(float);
}
// CHECK-LABEL: double constants_grad(double x, double *d_x) {
// CHECK:         *d_x += 8.881784197001252e-16;

// The normalising constant of a chi-squared density with n degrees of
// freedom, as a log-likelihood writes it: std::lgamma and std::abs of
// integers carry no derivative.
CHAINRULE_GRAD CHAINRULE_JVP
double chi2_logpdf(double x, int n) {
  double k = 0.5 * std::abs(n);
  return (k - 1) * std::log(x) - 0.5 * x - k * std::log(2.0) - std::lgamma(k);
}
// CHECK-LABEL: double chi2_logpdf_grad(double x, int n, double *d_x) {
// CHECK-DAG:     lgamma(k)
// CHECK-DAG:     *d_x += d_x_1;
// JVP-LABEL:   double chi2_logpdf_jvp(double x, int n, double t_x) {

// A library function without a rule, on values that carry no derivative:
// a beta density's normalising constant (docs/calls.md).
CHAINRULE_GRAD CHAINRULE_JVP
double beta_logpdf(double x, int a, int b) {
  return (a - 1) * std::log(x) + (b - 1) * std::log1p(-x) -
         std::log(std::beta(a, b));
}
// CHECK-LABEL: double beta_logpdf_grad(double x, int a, int b, double *d_x) {
// CHECK:         std::beta<int, int>(a, b)

#ifdef RUN_CHECKS
#include "check.h"
double clipped(double x, double y);
double clipped_grad(double x, double y, double *d_x, double *d_y);
double clipped_jvp(double x, double y, double t_x, double t_y);
double constants_grad(double x, double *d_x);
double chi2_logpdf(double x, int n);
double chi2_logpdf_grad(double x, int n, double *d_x);
double chi2_logpdf_jvp(double x, int n, double t_x);
double beta_logpdf(double x, int a, int b);
double beta_logpdf_grad(double x, int a, int b, double *d_x);
double beta_logpdf_jvp(double x, int a, int b, double t_x);

int main() {
  for (double x : {-1.5, 0.5, 3.0})
    for (double y : {-2.0, 1.0, 4.0}) {
      double dx = 0, dy = 0;
      CR_EXPECT_EXACT(clipped_grad(x, y, &dx, &dy), clipped(x, y));
      auto fx = [&](double t) { return clipped(t, y); };
      auto fy = [&](double t) { return clipped(x, t); };
      CR_EXPECT_FD(dx, fx, x);
      CR_EXPECT_FD(dy, fy, y);
      CR_EXPECT_FD(clipped_jvp(x, y, 1, 0), fx, x);
      CR_EXPECT_FD(clipped_jvp(x, y, 0, 1), fy, y);
    }
  // At a tie std::max returns its first argument, and so does the derivative.
  double dx = 0, dy = 0;
  clipped_grad(1.0, 1.0, &dx, &dy);
  CR_EXPECT_EXACT(dx, 1.0 + 1.0);
  CR_EXPECT_EXACT(dy, 1.0);
  double d = 0;
  constants_grad(2.0, &d);
  CR_EXPECT_EXACT(d, std::numeric_limits<double>::epsilon() * 4);
  for (int n : {1, 3, -4}) {
    double x = 1.7, dx = 0;
    CR_EXPECT_EXACT(chi2_logpdf_grad(x, n, &dx), chi2_logpdf(x, n));
    CR_EXPECT_EXACT(dx, (0.5 * std::abs(n) - 1) / x - 0.5);
    CR_EXPECT_EXACT(chi2_logpdf_jvp(x, n, 1), dx);
  }
  for (double x : {0.2, 0.65}) {
    double dx = 0;
    CR_EXPECT_EXACT(beta_logpdf_grad(x, 3, 2, &dx), beta_logpdf(x, 3, 2));
    CR_EXPECT_EXACT(dx, 2 / x - 1 / (1 - x));
    CR_EXPECT_EXACT(beta_logpdf_jvp(x, 3, 2, 1), dx);
  }
  return crtest::finish();
}
#endif
