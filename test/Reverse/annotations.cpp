// The annotation macros in reverse mode: CHAINRULE_GRAD_WRT and
// CHAINRULE_VJP_WRT restrict the shadows; CHAINRULE_VJP's d_ret scales the
// result and the shadows accumulate across calls; parameters whose names
// collide with generated names (d_x, d_ret) get fresh shadow names.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t
// The same numeric checks with gradients computed in forward mode:
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

#include <cmath>

// GRAD_WRT(y): only y gets a shadow; x is a constant of the derivative.
CHAINRULE_GRAD_WRT(y)
double wrt_y(double x, double y, double z) { return x * y + std::sin(z) * y; }
// CHECK-LABEL: double wrt_y_grad(double x, double y, double z, double *d_y) {
// CHECK-NOT:     d_x
// CHECK-NOT:     d_z
// CHECK:         *d_y +=

// GRAD_WRT with two names, out of parameter order: the shadows follow the
// parameter order.
CHAINRULE_GRAD_WRT(z, x)
double wrt_zx(double x, double y, double z) { return x * y * z; }
// CHECK-LABEL: double wrt_zx_grad(double x, double y, double z, double *d_x, double *d_z) {

// VJP_WRT(x) beside a plain GRAD on the same function.
CHAINRULE_GRAD CHAINRULE_VJP_WRT(x)
double both(double x, double y) { return x / y; }
// CHECK-LABEL: double both_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-LABEL: void both_vjp(double /*x*/, double y, double d_ret, double *d_x) {
// CHECK-NOT:     d_y

// A parameter named d_x: the shadow of x must not clash with it.
CHAINRULE_GRAD CHAINRULE_VJP
double named_dx(double x, double d_x) { return x * d_x + d_x; }
// CHECK-LABEL: double named_dx_grad(double x, double d_x,
// CHECK-SAME:    double *[[DX:d_x[a-z0-9_]+]], double *{{[a-z0-9_]+}}) {
// CHECK:         *[[DX]] += d_x;
// CHECK-LABEL: void named_dx_vjp(double x, double d_x, double d_ret,

// A parameter named d_ret: the seed of the vjp gets another name.
CHAINRULE_VJP
double named_dret(double x, double d_ret) { return x * d_ret; }
// CHECK-LABEL: void named_dret_vjp(double x, double d_ret,
// CHECK-SAME:    double [[SEED:d_ret[a-z0-9_]+]],
// CHECK:         [[SEED]] * d_ret

#ifdef RUN_CHECKS
#include "check.h"
double wrt_y_grad(double x, double y, double z, double *d_y);
double wrt_zx_grad(double x, double y, double z, double *d_x, double *d_z);
double both_grad(double x, double y, double *d_x, double *d_y);
void both_vjp(double x, double y, double d_ret, double *d_x);
double named_dx_grad(double x, double d_x, double *s_x, double *s_dx);
void named_dx_vjp(double x, double d_x, double seed, double *s_x, double *s_dx);
void named_dret_vjp(double x, double d_ret, double seed, double *s_x, double *s_dret);

int main() {
  for (double x : {-1.5, 0.5, 2.0})
    for (double y : {-0.75, 1.25}) {
      double z = x - y;
      double dy = 0;
      double v = wrt_y_grad(x, y, z, &dy);
      CR_EXPECT_EXACT(v, wrt_y(x, y, z));
      CR_EXPECT_EXACT(dy, x + std::sin(z));

      double dx = 0, dz = 0;
      wrt_zx_grad(x, y, z, &dx, &dz);
      CR_EXPECT_EXACT(dx, y * z);
      CR_EXPECT_EXACT(dz, x * y);

      // Shadows accumulate across two calls, and d_ret scales the vjp.
      dx = 0, dy = 0;
      both_grad(x, y, &dx, &dy);
      both_grad(x, y, &dx, &dy);
      CR_EXPECT_EXACT(dx, 2 / y);
      CR_EXPECT_EXACT(dy, -2 * x / (y * y));
      double ex = 0;
      both_vjp(x, y, 3, &ex);
      both_vjp(x, y, -0.5, &ex);
      CR_EXPECT_EXACT(ex, 2.5 / y);

      double s1 = 0, s2 = 0;
      v = named_dx_grad(x, y, &s1, &s2);
      CR_EXPECT_EXACT(v, named_dx(x, y));
      CR_EXPECT_EXACT(s1, y);
      CR_EXPECT_EXACT(s2, x + 1);
      s1 = s2 = 0;
      named_dx_vjp(x, y, 2, &s1, &s2);
      CR_EXPECT_EXACT(s1, 2 * y);
      CR_EXPECT_EXACT(s2, 2 * (x + 1));

      s1 = s2 = 0;
      named_dret_vjp(x, y, -4, &s1, &s2);
      CR_EXPECT_EXACT(s1, -4 * y);
      CR_EXPECT_EXACT(s2, -4 * x);
    }
  return crtest::finish();
}
#endif
