// Direct and mutual recursion, with values and read-only buffers passed
// (a tree stored in an array, a divide-and-conquer sum over sub-buffers),
// and bookkeeping that the recursion writes and restores (a determinant by
// Laplace expansion marks the columns it has used: the reverse sweep puts
// back what each write overwrote before the pullback of the call after it).
// Each recursive callee gets one pullback (reverse) and one pushforward
// (forward) that call themselves, a buffer's with its shadow or tangent;
// gradients computed both ways are checked against central differences for
// several depths.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK-LABEL: static double even_vjp(double x, int n, double d_ret, double *d_x) {
// CHECK: odd_vjp(
// CHECK-LABEL: static double odd_vjp(double x, int n, double d_ret, double *d_x) {
// CHECK: even_vjp(
// CHECK-LABEL: static double nest_vjp(double x, int n, double d_ret, double *d_x) {
// CHECK: nest_vjp(x, {{.*}}, &d_x_nest);
// CHECK-LABEL: static double half_sum_vjp(const double *x, int n, double d_ret, double *d_x) {
// The second half's address is built again from its offset.
// CHECK: half_sum_vjp(x + [[H:[a-z_0-9]+]], {{.*}}, d_x + [[H]]);
// CHECK-LABEL: static double tree_vjp(const double *w, const double *x, int node,
// CHECK: tree_vjp(w, x, {{.*}}, d_w, d_x);
// CHECK-LABEL: static double minor_vjp(const double *a, int n, int row, int *used,
// CHECK:         used[j] = 1;
// CHECK:         used[j] = 0;
// CHECK:         used[{{.*}}] = {{.*}}old
// CHECK:         minor_vjp(a, n, {{.*}}, used, {{.*}}, d_a);
// CHECK:         used[{{.*}}] = {{.*}}old
#include <chainrule/chainrule.h>
#include <cmath>

double nest(double x, int n) {
  return n == 0 ? x : std::sin(nest(x, n - 1)) + 0.5 * x;
}

double odd(double x, int n);
double even(double x, int n) {
  if (n == 0)
    return x;
  return odd(x * 1.1, n - 1) * x;
}
double odd(double x, int n) {
  if (n == 0)
    return std::cos(x);
  return even(x, n - 1) + x;
}

// Exponentiation by squaring.
double power(double x, int n) {
  if (n == 0)
    return 1;
  double h = power(x, n / 2);
  return n % 2 ? h * h * x : h * h;
}

CHAINRULE_GRAD CHAINRULE_JVP
double loss(double x, int n) { return nest(x, n) + even(x, n) + power(x, n); }

/// A sum of n > 0 elements, halving the buffer.
double half_sum(const double *x, int n) {
  if (n == 1)
    return x[0] * x[0];
  int h = n / 2;
  return half_sum(x, h) + half_sum(x + h, n - h);
}

/// A complete binary tree of the given depth stored in arrays: node k has
/// children 2k + 1 and 2k + 2, a weight w[k] and, at the leaves, an input
/// x[k].
double tree(const double *w, const double *x, int node, int depth) {
  if (depth == 0)
    return w[node] * x[node];
  double l = tree(w, x, 2 * node + 1, depth - 1);
  double r = tree(w, x, 2 * node + 2, depth - 1);
  return std::tanh(w[node] * (l + r));
}

CHAINRULE_GRAD CHAINRULE_JVP
double model(const double *w, const double *x, int depth, int nodes) {
  return tree(w, x, 0, depth) + 0.1 * half_sum(w, nodes);
}

/// The determinant of the rows from \p row on of the n x n matrix a, over
/// the columns not marked in \p used.
double minor(const double *a, int n, int row, int *used) {
  if (row == n)
    return 1.0;
  double s = 0;
  int sign = 1;
  for (int j = 0; j < n; ++j) {
    if (used[j])
      continue;
    used[j] = 1;
    s += sign * a[row * n + j] * minor(a, n, row + 1, used);
    used[j] = 0;
    sign = -sign;
  }
  return s;
}

CHAINRULE_GRAD CHAINRULE_JVP
double det(const double *a, int n) {
  int used[8] = {0};
  return minor(a, n, 0, used);
}

#ifdef RUN_CHECKS
#include "check.h"
double loss_grad(double x, int n, double *d_x);
double loss_jvp(double x, int n, double t_x);
double model_grad(const double *w, const double *x, int depth, int nodes,
                  double *d_w, double *d_x);
double model_jvp(const double *w, const double *x, int depth, int nodes,
                 const double *t_w, const double *t_x);
double det_grad(const double *a, int n, double *d_a);
double det_jvp(const double *a, int n, const double *t_a);
int main() {
  // The gradient of a determinant is its cofactor matrix; checked against
  // central differences, for 1 x 1 to 4 x 4.
  for (int n = 1; n <= 4; ++n) {
    double a[16], da[16] = {};
    for (int i = 0; i < n * n; ++i)
      a[i] = 0.3 * ((i * 7) % 5) - 0.5 + (i % (n + 1) == 0 ? 1.0 : 0.0);
    CR_EXPECT_EXACT(det_grad(a, n, da), det(a, n));
    crtest::expectGradient("d_a", da, a, n * n, [&] { return det(a, n); });
    for (int i = 0; i < n * n; ++i) {
      double e[16] = {};
      e[i] = 1;
      CR_EXPECT_NEAR_REL(det_jvp(a, n, e), da[i], 1e-12);
    }
  }
  const int Nodes = 15;
  double w[Nodes], x[Nodes];
  for (int i = 0; i < Nodes; ++i) {
    w[i] = 0.1 * i - 0.6;
    x[i] = 0.3 - 0.05 * i;
  }
  for (int depth : {0, 1, 3}) {
    int n = (1 << (depth + 1)) - 1;
    double dw[Nodes] = {}, dx[Nodes] = {};
    CR_EXPECT_NEAR_REL(model_grad(w, x, depth, n, dw, dx), model(w, x, depth, n),
                       1e-15);
    for (int i = 0; i < n; ++i) {
      auto Fw = [&](double t) {
        double c[Nodes];
        std::copy(w, w + Nodes, c);
        c[i] = t;
        return model(c, x, depth, n);
      };
      auto Fx = [&](double t) {
        double c[Nodes];
        std::copy(x, x + Nodes, c);
        c[i] = t;
        return model(w, c, depth, n);
      };
      CR_EXPECT_NEAR_REL(dw[i], crtest::central(Fw, w[i]),
                         crtest::kFiniteDifferenceTol);
      CR_EXPECT_NEAR_REL(dx[i], crtest::central(Fx, x[i]),
                         crtest::kFiniteDifferenceTol);
      double e[Nodes] = {}, zero[Nodes] = {};
      e[i] = 1;
      CR_EXPECT_NEAR_REL(model_jvp(w, x, depth, n, e, zero), dw[i], 1e-12);
      CR_EXPECT_NEAR_REL(model_jvp(w, x, depth, n, zero, e), dx[i], 1e-12);
    }
  }
  for (int n : {0, 1, 2, 5, 8}) {
    double x = 0.7, d = 0;
    double v = loss_grad(x, n, &d);
    CR_EXPECT_NEAR_REL(v, loss(x, n), 1e-15);
    CR_EXPECT_NEAR_REL(d, crtest::central([&](double t) { return loss(t, n); }, x),
                       crtest::kFiniteDifferenceTol);
    CR_EXPECT_NEAR_REL(loss_jvp(x, n, 1.0), d, 1e-12);
    CR_EXPECT_NEAR_REL(power(x, n), std::pow(x, n), 1e-14);
  }
  return crtest::finish();
}
#endif
