// CHAINRULE_VJP with buffers: the seed d_ret scales the adjoints of a
// function returning a value; a void function that writes a buffer has no
// seed parameter, its buffer's shadow is the seed.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t

// CHECK: void dotv_vjp(const double *x, const double *y, int n, double d_ret,
// CHECK-NEXT: double *d_x, double *d_y);
// CHECK: void scalev_vjp(double *y, double s, int n, double *d_y, double *d_s);
#include <chainrule/chainrule.h>
#include <cmath>
CHAINRULE_VJP
double dotv(const double* x, const double* y, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += x[i] * std::sin(y[i]);
  return s;
}
CHAINRULE_VJP
void scalev(double* y, double s, int n) { for (int i = 0; i < n; ++i) y[i] *= s; }
#ifdef RUN_CHECKS
#include "check.h"
void dotv_vjp(const double*, const double*, int, double, double*, double*);
void scalev_vjp(double*, double, int, double*, double*);
int main() {
  double x[3] = {1, 2, 3}, y[3] = {0.1, 0.2, 0.3}, dx[3] = {}, dy[3] = {};
  dotv_vjp(x, y, 3, 2.0, dx, dy);
  crtest::expectGradient("dx", dx, x, 3, [&] { return 2 * dotv(x, y, 3); });
  crtest::expectGradient("dy", dy, y, 3, [&] { return 2 * dotv(x, y, 3); });
  double w0[3] = {1, -1, 2}, w[3] = {1, -1, 2}, dw[3] = {1, 1, 1}, s = 1.5, ds = 0;
  scalev_vjp(w, s, 3, dw, &ds);
  crtest::expectGradient("ds", &ds, &s, 1, [&] { double t[3] = {1, -1, 2}; scalev(t, s, 3); return t[0] + t[1] + t[2]; });
  crtest::expectGradient("dw", dw, w0, 3, [&] { double t[3] = {w0[0], w0[1], w0[2]}; scalev(t, s, 3); return t[0] + t[1] + t[2]; });
  return crtest::finish();
}
#endif
