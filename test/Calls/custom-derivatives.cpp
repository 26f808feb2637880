// Custom derivatives (CHAINRULE_CUSTOM_DERIVATIVE): used for every call of
// the function they differentiate, also without a visible body, in both
// modes. softclip's custom derivative is deliberately not its true one
// (10 instead of 1/(1+x^2)), so the checks prove it was used. A g_grad is
// scaled by the incoming cotangent. stop_gradient and a function marked
// CHAINRULE_NONDIFFERENTIABLE are constants; a bodyless function whose
// result is not differentiated needs no derivative.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp %S/Inputs/softclip.cpp -o %t && %t

// CHECK-LABEL: double loss_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-DAG: softclip_vjp(x, k, &d_x_softclip);
// CHECK-DAG: sq_grad(y, &d_y_sq);
// CHECK-NOT: lookup_vjp
// CHECK-LABEL: double loss_jvp(
// CHECK: softclip_jvp(x, t_x)
// CHECK: sq_jvp(y, t_y)
#include <chainrule/chainrule.h>
#include <cmath>

double softclip(double x); // defined in another translation unit
CHAINRULE_CUSTOM_DERIVATIVE
void softclip_vjp(double x, double d_ret, double *d_x) {
  (void)x;
  *d_x += 10 * d_ret;
}
CHAINRULE_CUSTOM_DERIVATIVE
double softclip_jvp(double x, double t_x) {
  (void)x;
  return 10 * t_x;
}

// A body chainrule could differentiate, overridden: 3x^2 instead of 2x.
inline double sq(double x) { return x * x; }
CHAINRULE_CUSTOM_DERIVATIVE
inline double sq_grad(double x, double *d_x) {
  *d_x += 3 * x * x;
  return x * x;
}
CHAINRULE_CUSTOM_DERIVATIVE
inline double sq_jvp(double x, double t_x) { return 3 * x * x * t_x; }

CHAINRULE_NONDIFFERENTIABLE inline double rounded(double x) {
  return std::floor(x * 4) / 4;
}
double lookup(int i); // no body, no derivative: only called on constants

CHAINRULE_GRAD CHAINRULE_JVP
double loss(double x, double y) {
  double k = chainrule::stop_gradient(y * y);
  return softclip(x) * k + 2 * sq(y) + rounded(x) * y + lookup(3) * x;
}

#ifdef RUN_CHECKS
#include "check.h"
double loss_grad(double x, double y, double *d_x, double *d_y);
double loss_jvp(double x, double y, double t_x, double t_y);
int main() {
  double x = 0.8, y = -1.3, dx = 0, dy = 0;
  double v = loss_grad(x, y, &dx, &dy);
  CR_EXPECT_NEAR_REL(v, loss(x, y), 1e-15);
  // d/dx: 10 k + lookup(3); d/dy: 2 * 3y^2 + rounded(x) (k is a constant).
  CR_EXPECT_NEAR_REL(dx, 10 * y * y + lookup(3), 1e-12);
  CR_EXPECT_NEAR_REL(dy, 6 * y * y + std::floor(x * 4) / 4, 1e-12);
  CR_EXPECT_NEAR_REL(loss_jvp(x, y, 1, 0), dx, 1e-12);
  CR_EXPECT_NEAR_REL(loss_jvp(x, y, 0, 1), dy, 1e-12);
  // Seeds accumulate: a second call adds the same again.
  loss_grad(x, y, &dx, &dy);
  CR_EXPECT_NEAR_REL(dx, 2 * (10 * y * y + lookup(3)), 1e-12);
  return crtest::finish();
}
#endif
