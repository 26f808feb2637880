// The example of docs/memory.md (a struct of parameters, an input buffer,
// an output buffer with a seed), and calls that share memory with the
// caller: a local passed by reference, the address of a local, a reference
// to a local, and overlapping sub-buffers of one array passed to a helper.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// The same in forward mode (gradients one direction per input, and the
// jvp of the example against its gradient):
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK: double layer_grad(const Layer &p, const double *x, double *y, int n, Layer *d_p,
// CHECK: double layer_jvp(const Layer &p, const double *x, double *y, int n,
// CHECK-NEXT: const Layer &t_p, const double *t_x, double *t_y);
// The helper's body is part of the caller's derivative: no call remains.
// CHECK-LABEL: double misc_grad(double a, double b, double *d_a, double *d_b) {
// CHECK-NOT: accumulate(
// CHECK-NOT: shift(
// CHECK: return
#include <chainrule/chainrule.h>
#include <cmath>
#include <vector>

struct Layer {
  double w[3];
  double b;
};

CHAINRULE_GRAD CHAINRULE_JVP
double layer(const Layer &p, const double *x, double *y, int n) {
  double loss = 0;
  for (int i = 0; i < n; ++i) {
    double a = p.b;
    for (int j = 0; j < 3; ++j)
      a += p.w[j] * x[i * 3 + j];
    y[i] = std::tanh(a);
    loss += y[i] * y[i];
  }
  return loss;
}

static void accumulate(double &total, double v) { total += v * v; }
static void shift(double *dst, const double *src, int n) { for (int i = n - 1; i >= 0; --i) dst[i] = src[i]; }

CHAINRULE_GRAD CHAINRULE_JVP
double misc(double a, double b) {
  double s = 0;
  accumulate(s, a);
  accumulate(s, b);
  double *p = &s;
  *p *= 2;
  double &r = s;
  r += a;
  double arr[4] = {a, b, a * b, 1};
  shift(&arr[1], &arr[0], 3);
  return s + arr[1] * arr[2] + arr[3];
}
#ifdef RUN_CHECKS
#include "check.h"
double layer_grad(const Layer &p, const double *x, double *y, int n, Layer *d_p, double *d_x, double *d_y);
double misc_grad(double, double, double*, double*);
double misc_jvp(double, double, double, double);
double layer_jvp(const Layer &p, const double *x, double *y, int n, const Layer &t_p, const double *t_x, double *t_y);
int main() {
  Layer p{{0.1, 0.2, -0.3}, 0.5};
  double x[6] = {1, 2, 3, -1, 0.5, 0.25}, y[2], dy[2] = {0.5, -1}, dx[6] = {};
  Layer dp{};
  layer_grad(p, x, y, 2, &dp, dx, dy);
  auto L = [&] { double yy[2]; double l = layer(p, x, yy, 2); return l + 0.5 * yy[0] - yy[1]; };
  crtest::expectGradient("w", dp.w, p.w, 3, L);
  crtest::expectGradient("x", dx, x, 6, L);
  double ab[2] = {0.7, -1.3}, d[2] = {};
  misc_grad(ab[0], ab[1], &d[0], &d[1]);
  crtest::expectGradient("misc", d, ab, 2, [&] { return misc(ab[0], ab[1]); });
  CR_EXPECT_NEAR_REL(misc_jvp(ab[0], ab[1], 1, 0), d[0], 1e-12);
  CR_EXPECT_NEAR_REL(misc_jvp(ab[0], ab[1], 0, 1), d[1], 1e-12);
  // The layer's jvp in the direction of w[1] and x[4], against its gradient
  // (with the seed on y: the loss plus 0.5 y0 - y1).
  Layer tp{{0, 1, 0}, 0};
  double tx[6] = {0, 0, 0, 0, 1, 0}, ty[2];
  double ty0 = layer_jvp(p, x, y, 2, tp, tx, ty);
  CR_EXPECT_NEAR_REL(ty0 + 0.5 * ty[0] - ty[1], dp.w[1] + dx[4], 1e-12);
  return crtest::finish();
}
#endif
