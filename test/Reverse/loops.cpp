// Loops in reverse mode: the primal sweep counts the iterations and pushes
// on a tape only the carried values the reverse sweep reads; the reverse
// loop runs the count down, reusing each step's yielded value as the next
// step's carried value instead of recomputing it.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t

#include <chainrule/chainrule.h>

#include <cmath>

// The tanh recurrence: one double per iteration on the tape (h before the
// step); tanh' = 1 - h'^2 from the next step's h; the counter t is
// recomputed from the iteration index, not recorded; the trip count is
// counted, not recorded.
CHAINRULE_GRAD
double recur(double a, double h0, int n) {
  double h = h0;
  for (int t = 0; t < n; ++t)
    h = std::tanh(a * h + 0.1 * t);
  return h;
}
// CHECK-LABEL: double recur_grad(double a, double h0, int n, double *d_a, double *d_h0) {
// CHECK:         chainrule::Tape<double> [[TAPE:h_tape]];
// CHECK-NOT:     chainrule::Tape
// The trip count is known before the loop: room is reserved once, and the
// loop appends without a check; the reverse loop uses the same count.
// CHECK:         long iterations = tmp > 0L ? tmp : 0L;
// CHECK-NEXT:    [[TAPE]].reserve(iterations);
// CHECK:         while (t < n) {
// CHECK-NEXT:      [[TAPE]].append(h);
// CHECK-COUNT-1: std::tanh(
// CHECK-NOT:     std::tanh(
// CHECK:         while (k > 0L) {
// CHECK:           = [[TAPE]].pop();
// CHECK:           1 - h_next * h_next
// CHECK:         *d_a +=
// CHECK:         *d_h0 +=

// A library call whose value a partial needs and that is not carried to the
// next iteration is recorded, not called again in the reverse sweep.
CHAINRULE_GRAD
double recur_sin(double a, double b, int n) {
  double h = 0;
  for (int t = 0; t < n; ++t)
    h = std::tanh(a * h + b * std::sin(0.01 * t));
  return h;
}
// CHECK-LABEL: double recur_sin_grad(double a, double b, int n, double *d_a, double *d_b) {
// CHECK:         chainrule::Tape<double> h_tape;
// CHECK:         chainrule::Tape<double> [[SIN:sin_value_tape]];
// CHECK-COUNT-1: std::sin(
// CHECK-NOT:     std::sin(
// CHECK:         [[SIN]].append(
// CHECK:         = [[SIN]].pop();
// CHECK-NOT:     std::sin(
// CHECK:         return h;

// Library calls inside a branch of the body are recorded in the branch and
// popped in the same branch of the reverse iteration.
CHAINRULE_GRAD
double act(double a, double b, double c, int n) {
  double h = 0.1;
  for (int t = 0; t < n; ++t) {
    double s = a * h + b * t * 0.01 + c;
    if (s > 0)
      h = std::tanh(s) + std::sin(s) * 0.1;
    else
      h = std::exp(s) - 1;
  }
  return h;
}
// CHECK-LABEL: double act_grad(double a, double b, double c, int n, double *d_a, double *d_b,
// CHECK:         chainrule::Tape<double> tanh_value_tape;
// CHECK:         chainrule::Tape<double> exp_value_tape;
// CHECK-COUNT-1: std::tanh(
// CHECK-NOT:     std::tanh(
// CHECK:         = tanh_value_tape.pop();
// CHECK-NOT:     std::tanh(
// CHECK:         return h;

// A body that reads only loop-invariant values: nothing is recorded.
CHAINRULE_GRAD
double ssum(double a, double b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a * b + 1.5;
  return s * a;
}
// CHECK-LABEL: double ssum_grad(double a, double b, int n, double *d_a, double *d_b) {
// CHECK-NOT:     Tape
// CHECK:         return

// Power by repeated multiplication and Newton's square root (a trip count
// that depends on the active input).
CHAINRULE_GRAD
double power(double x, double c, int n) {
  double y = c;
  for (int i = 0; i < n; ++i)
    y = y * x;
  return y;
}
CHAINRULE_GRAD
double newton_sqrt(double a, double unused) {
  (void)unused;
  double x = a > 1 ? a : 1.0;
  int it = 0;
  while (std::fabs(x * x - a) > 1e-13 * a && it < 100) {
    x = 0.5 * (x + a / x);
    ++it;
  }
  return x;
}

// Nested loops with a branch inside: the inner trip counts go on a tape.
CHAINRULE_GRAD
double nest(double x, double y, int n, int m) {
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
// CHECK-LABEL: double nest_grad(double x, double y, int n, int m, double *d_x, double *d_y) {
// CHECK:         chainrule::Tape<long> iterations_tape;

// Nested loops inside a branch: the reverse sweep recomputes the inner loop
// from values of the branch (a regression: they were not visible there).
CHAINRULE_GRAD
double in_branch(double x, double y, int n) {
  double a = x;
  if (y > 0) {
    y -= std::exp(0.1 * x);
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n + 1; ++j)
        a = a * 0.9 + y;
      if (a > 1)
        a = std::sin(a);
    }
  }
  return a * y;
}

// Values that change places every iteration.
CHAINRULE_GRAD
double fib(double a, double b, int n) {
  for (int i = 0; i < n; ++i) {
    double t = a + b;
    a = b;
    b = t;
  }
  return b;
}

// A loop in a helper, called twice.
double geometric(double r, int n) {
  double s = 0, term = 1;
  for (int k = 0; k < n; ++k) {
    s += term;
    term *= r;
  }
  return s;
}
CHAINRULE_GRAD
double uses_geometric(double r, double q) {
  return geometric(r, 6) * q + geometric(q, 3);
}

#ifdef RUN_CHECKS
#include "check.h"
double recur(double a, double h0, int n);
double recur_grad(double a, double h0, int n, double *d_a, double *d_h0);
double recur_sin(double a, double b, int n);
double recur_sin_grad(double a, double b, int n, double *d_a, double *d_b);
double act(double a, double b, double c, int n);
double act_grad(double a, double b, double c, int n, double *d_a, double *d_b,
                double *d_c);
double ssum(double a, double b, int n);
double ssum_grad(double a, double b, int n, double *d_a, double *d_b);
double power(double x, double c, int n);
double power_grad(double x, double c, int n, double *d_x, double *d_c);
double newton_sqrt(double a, double unused);
double newton_sqrt_grad(double a, double unused, double *d_a, double *d_unused);
double nest(double x, double y, int n, int m);
double nest_grad(double x, double y, int n, int m, double *d_x, double *d_y);
double in_branch(double x, double y, int n);
double in_branch_grad(double x, double y, int n, double *d_x, double *d_y);
double fib(double a, double b, int n);
double fib_grad(double a, double b, int n, double *d_a, double *d_b);
double uses_geometric(double r, double q);
double uses_geometric_grad(double r, double q, double *d_r, double *d_q);

int main() {
  for (int n : {0, 1, 40}) {
    double da = 0, dh = 0;
    CR_EXPECT_EXACT(recur_grad(0.7, 0.2, n, &da, &dh), recur(0.7, 0.2, n));
    CR_EXPECT_FD(da, [&](double v) { return recur(v, 0.2, n); }, 0.7);
    CR_EXPECT_FD(dh, [&](double v) { return recur(0.7, v, n); }, 0.2);
    double sa = 0, sb = 0;
    CR_EXPECT_EXACT(recur_sin_grad(0.7, 0.4, n, &sa, &sb), recur_sin(0.7, 0.4, n));
    CR_EXPECT_FD(sa, [&](double v) { return recur_sin(v, 0.4, n); }, 0.7);
    CR_EXPECT_FD(sb, [&](double v) { return recur_sin(0.7, v, n); }, 0.4);
    for (double a : {-0.5, 0.8}) {
      double ga[3] = {0, 0, 0};
      CR_EXPECT_EXACT(act_grad(a, 0.3, -0.2, n, &ga[0], &ga[1], &ga[2]),
                      act(a, 0.3, -0.2, n));
      CR_EXPECT_FD(ga[0], [&](double v) { return act(v, 0.3, -0.2, n); }, a);
      CR_EXPECT_FD(ga[1], [&](double v) { return act(a, v, -0.2, n); }, 0.3);
      CR_EXPECT_FD(ga[2], [&](double v) { return act(a, 0.3, v, n); }, -0.2);
    }
    double g[2] = {0, 0};
    CR_EXPECT_EXACT(ssum_grad(0.5, -1.5, n, &g[0], &g[1]), ssum(0.5, -1.5, n));
    CR_EXPECT_FD(g[0], [&](double v) { return ssum(v, -1.5, n); }, 0.5);
    CR_EXPECT_FD(g[1], [&](double v) { return ssum(0.5, v, n); }, -1.5);
    double dx = 0, dc = 0;
    power_grad(1.1, 0.5, n, &dx, &dc);
    CR_EXPECT_FD(dx, [&](double v) { return power(v, 0.5, n); }, 1.1);
    CR_EXPECT_FD(dc, [&](double v) { return power(1.1, v, n); }, 0.5);
  }
  for (double a : {0.25, 2.0, 7.0}) {
    double d = 0, du = 0;
    CR_EXPECT_EXACT(newton_sqrt_grad(a, 3.0, &d, &du), newton_sqrt(a, 3.0));
    CR_EXPECT_NEAR_REL(d, 0.5 / std::sqrt(a), 1e-12);
    CR_EXPECT_EXACT(du, 0);
  }
  for (int n : {0, 2})
    for (int m : {0, 3}) {
      double dx = 0, dy = 0;
      CR_EXPECT_EXACT(nest_grad(0.9, 0.4, n, m, &dx, &dy), nest(0.9, 0.4, n, m));
      CR_EXPECT_FD(dx, [&](double v) { return nest(v, 0.4, n, m); }, 0.9);
      CR_EXPECT_FD(dy, [&](double v) { return nest(0.9, v, n, m); }, 0.4);
    }
  for (double y : {-0.5, 1.25})
    for (int n : {0, 2, 4}) {
      double dx = 0, dy = 0;
      CR_EXPECT_EXACT(in_branch_grad(0.3, y, n, &dx, &dy), in_branch(0.3, y, n));
      CR_EXPECT_FD(dx, [&](double v) { return in_branch(v, y, n); }, 0.3);
      CR_EXPECT_FD(dy, [&](double v) { return in_branch(0.3, v, n); }, y);
    }
  double fa = 0, fb = 0;
  fib_grad(1.5, -0.5, 10, &fa, &fb);
  CR_EXPECT_EXACT(fa, 55);
  CR_EXPECT_EXACT(fb, 89);
  double dr = 0, dq = 0;
  CR_EXPECT_EXACT(uses_geometric_grad(0.8, 1.3, &dr, &dq), uses_geometric(0.8, 1.3));
  CR_EXPECT_FD(dr, [&](double v) { return uses_geometric(v, 1.3); }, 0.8);
  CR_EXPECT_FD(dq, [&](double v) { return uses_geometric(0.8, v); }, 1.3);
  return crtest::finish();
}
#endif
