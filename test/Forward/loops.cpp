// Loops (for, while) with loop-carried scalars in forward mode: _jvp, and
// _grad computed in forward mode (--grad-mode=auto picks it for these
// functions of few inputs; test/Reverse/loops.cpp pins reverse mode).
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t

#include <chainrule/chainrule.h>

#include <cmath>

// Power by repeated multiplication: the tangent is carried beside y.
CHAINRULE_GRAD CHAINRULE_JVP
double power(double x, int n) {
  double y = 1;
  for (int i = 0; i < n; ++i)
    y = y * x;
  return y;
}
// CHECK-LABEL: double power_jvp(double x, int n, double t_x) {
// CHECK:         double y = 1.0;
// CHECK:         int i = 0;
// CHECK:         double dy_dx = 0.0;
// CHECK:         while (i < n) {
// CHECK:           double dy_dx_1 = x * dy_dx + y;
// CHECK:           dy_dx = dy_dx_1;
// CHECK:         }
// CHECK:         return dy_dx * t_x;

// Newton's square root: a trip count that depends on the active value.
CHAINRULE_GRAD CHAINRULE_JVP
double newton_sqrt(double a) {
  double x = a > 1 ? a : 1.0;
  int it = 0;
  while (std::fabs(x * x - a) > 1e-13 * a && it < 100) {
    x = 0.5 * (x + a / x);
    ++it;
  }
  return x;
}
// CHECK-LABEL: double newton_sqrt_grad(double a, double *d_a) {
// CHECK:         while (std::fabs(

// A tanh recurrence: tanh is computed once per step, its derivative taken
// from its value.
CHAINRULE_GRAD CHAINRULE_JVP
double recur(double a, double h0, int n) {
  double h = h0;
  for (int t = 0; t < n; ++t)
    h = std::tanh(a * h + 0.1 * t);
  return h;
}
// CHECK-LABEL: double recur_grad(double a, double h0, int n, double *d_a, double *d_h0) {
// CHECK-COUNT-1: std::tanh(
// CHECK-NOT:     std::tanh(
// CHECK:         *d_a +=
// CHECK:         *d_h0 +=

// Values that change places every iteration are updated through
// temporaries only where the order matters.
CHAINRULE_GRAD CHAINRULE_JVP
double fib(double a, double b, int n) {
  for (int i = 0; i < n; ++i) {
    double t = a + b;
    a = b;
    b = t;
  }
  return b;
}

// Nested loops, a branch inside a loop, and a loop that may not run.
CHAINRULE_GRAD CHAINRULE_JVP
double nested(double x, double y, int n, int m) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double p = x;
    for (int j = 0; j < m; ++j) {
      if (p > y)
        p = p * 0.5 + y;
      else
        p = std::sin(p) + x * y;
    }
    s += p * p;
  }
  return s;
}

// A loop in a helper: the helper's pushforward carries the loop.
double geometric(double r, int n) {
  double s = 0, term = 1;
  for (int k = 0; k < n; ++k) {
    s += term;
    term *= r;
  }
  return s;
}
CHAINRULE_GRAD CHAINRULE_JVP
double uses_geometric(double r) { return geometric(r, 6) * r; }
// CHECK-LABEL: static double geometric_jvp(double r, int n, double t_r,
// CHECK:         while (k < n) {

// float.
CHAINRULE_GRAD
float fpow(float x) {
  float y = 1.0f;
  for (int i = 0; i < 3; ++i)
    y *= x;
  return y;
}

#ifdef RUN_CHECKS
#include "check.h"
double power(double x, int n);
double power_grad(double x, int n, double *d_x);
double power_jvp(double x, int n, double t_x);
double newton_sqrt(double a);
double newton_sqrt_grad(double a, double *d_a);
double newton_sqrt_jvp(double a, double t_a);
double recur(double a, double h0, int n);
double recur_grad(double a, double h0, int n, double *d_a, double *d_h0);
double recur_jvp(double a, double h0, int n, double t_a, double t_h0);
double fib(double a, double b, int n);
double fib_grad(double a, double b, int n, double *d_a, double *d_b);
double fib_jvp(double a, double b, int n, double t_a, double t_b);
double nested(double x, double y, int n, int m);
double nested_grad(double x, double y, int n, int m, double *d_x, double *d_y);
double nested_jvp(double x, double y, int n, int m, double t_x, double t_y);
double uses_geometric(double r);
double uses_geometric_grad(double r, double *d_r);
double uses_geometric_jvp(double r, double t_r);
float fpow_grad(float x, float *d_x);

int main() {
  for (int n : {0, 1, 5}) {
    double d = 0;
    CR_EXPECT_EXACT(power_grad(1.3, n, &d), power(1.3, n));
    CR_EXPECT_FD(d, [&](double x) { return power(x, n); }, 1.3);
    CR_EXPECT_FD(power_jvp(-0.7, n, 1), [&](double x) { return power(x, n); }, -0.7);
  }
  for (double a : {0.25, 2.0, 7.0}) {
    double d = 0;
    CR_EXPECT_EXACT(newton_sqrt_grad(a, &d), newton_sqrt(a));
    CR_EXPECT_NEAR_REL(d, 0.5 / std::sqrt(a), 1e-12);
    CR_EXPECT_NEAR_REL(newton_sqrt_jvp(a, 1), 0.5 / std::sqrt(a), 1e-12);
  }
  for (int n : {0, 3, 20}) {
    double da = 0, dh = 0;
    CR_EXPECT_EXACT(recur_grad(0.7, 0.2, n, &da, &dh), recur(0.7, 0.2, n));
    auto fa = [&](double v) { return recur(v, 0.2, n); };
    auto fh = [&](double v) { return recur(0.7, v, n); };
    CR_EXPECT_FD(da, fa, 0.7);
    CR_EXPECT_FD(dh, fh, 0.2);
    CR_EXPECT_FD(recur_jvp(0.7, 0.2, n, 1, 0), fa, 0.7);
    CR_EXPECT_FD(recur_jvp(0.7, 0.2, n, 0, 1), fh, 0.2);
  }
  // fib(a, b, 10) = 34 a + 55 b... after the swaps: b_10 = F9 a + F10 b.
  double fa = 0, fb = 0;
  fib_grad(1.5, -0.5, 10, &fa, &fb);
  CR_EXPECT_EXACT(fa, 55);
  CR_EXPECT_EXACT(fb, 89);
  CR_EXPECT_EXACT(fib_jvp(1.5, -0.5, 10, 2, 1), 2 * 55 + 89);
  for (int n : {0, 2})
    for (int m : {0, 3}) {
      double dx = 0, dy = 0;
      CR_EXPECT_EXACT(nested_grad(0.9, 0.4, n, m, &dx, &dy), nested(0.9, 0.4, n, m));
      auto fx = [&](double v) { return nested(v, 0.4, n, m); };
      auto fy = [&](double v) { return nested(0.9, v, n, m); };
      CR_EXPECT_FD(dx, fx, 0.9);
      CR_EXPECT_FD(dy, fy, 0.4);
      CR_EXPECT_FD(nested_jvp(0.9, 0.4, n, m, 1, 0), fx, 0.9);
      CR_EXPECT_FD(nested_jvp(0.9, 0.4, n, m, 0, 1), fy, 0.4);
    }
  double dr = 0;
  CR_EXPECT_EXACT(uses_geometric_grad(0.8, &dr), uses_geometric(0.8));
  CR_EXPECT_FD(dr, uses_geometric, 0.8);
  CR_EXPECT_FD(uses_geometric_jvp(0.8, 1), uses_geometric, 0.8);
  float df = 0;
  fpow_grad(1.5f, &df);
  CR_EXPECT_EXACT(df, 3 * 1.5 * 1.5);
  return crtest::finish();
}
#endif
