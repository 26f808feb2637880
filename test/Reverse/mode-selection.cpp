// How _grad is computed: with --grad-mode=auto (the default) chainrule uses
// forward mode when the function has few active inputs and forward mode
// forms fewer partial products, reverse mode otherwise. The signature and
// the values are the same either way.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t

#include <chainrule/chainrule.h>

#include <cmath>

// One input: forward mode, the derivative Horner scheme in one pass, with
// no second sweep over the powers of x.
CHAINRULE_GRAD
double horner(double x) {
  double p = 0.5;
  p = p * x - 1.5;
  p = p * x + 2.0;
  p = p * x - 3.0;
  return p;
}
// CHECK-LABEL: double horner_grad(double x, double *d_x) {
// CHECK-NEXT:    double p = 0.5 * x - 1.5;
// CHECK-NEXT:    double p_1 = p * x + 2;
// CHECK-NEXT:    double p_2 = p_1 * x - 3;
// CHECK-NEXT:    *d_x += x * (x * 0.5 + p) + p_1;
// CHECK-NEXT:    return p_2;

// Many inputs mixed at once: reverse mode, one sweep back.
CHAINRULE_GRAD
double mixed(double a, double b, double c, double d, double e) {
  double s = a * b + c * d + e * a;
  return std::sin(s) * s;
}
// CHECK-LABEL: double mixed_grad(double a, double b, double c, double d, double e,
// CHECK:         double d_s = {{.*}}std::cos(s)
// CHECK:         *d_a +=
// CHECK:         *d_e +=

// One input with a branch: forward mode computes the derivative inside the
// branch taken, next to the value; nothing is replayed.
CHAINRULE_GRAD
double branchy(double x) {
  if (x < 0)
    return std::exp(x);
  return std::sqrt(x + 1);
}
// CHECK-LABEL: double branchy_grad(double x, double *d_x) {
// CHECK-COUNT-1: if (
// CHECK-NOT:     if (

#ifdef RUN_CHECKS
#include "check.h"
double horner(double x);
double horner_grad(double x, double *d_x);
double mixed(double a, double b, double c, double d, double e);
double mixed_grad(double a, double b, double c, double d, double e,
                  double *d_a, double *d_b, double *d_c, double *d_d,
                  double *d_e);
double branchy(double x);
double branchy_grad(double x, double *d_x);

int main() {
  for (double x : {-2.0, 0.3, 1.7}) {
    double d = 0;
    CR_EXPECT_EXACT(horner_grad(x, &d), horner(x));
    CR_EXPECT_FD(d, horner, x);
    d = 0;
    CR_EXPECT_EXACT(branchy_grad(x, &d), branchy(x));
    CR_EXPECT_FD(d, branchy, x);
  }
  double v[5] = {0.3, -1.2, 0.7, 0.4, 2.0};
  double g[5] = {0, 0, 0, 0, 0};
  mixed_grad(v[0], v[1], v[2], v[3], v[4], &g[0], &g[1], &g[2], &g[3], &g[4]);
  for (int i = 0; i < 5; ++i) {
    auto f = [&](double t) {
      double w[5] = {v[0], v[1], v[2], v[3], v[4]};
      w[i] = t;
      return mixed(w[0], w[1], w[2], w[3], w[4]);
    };
    CR_EXPECT_FD(g[i], f, v[i]);
  }
  return crtest::finish();
}
#endif
