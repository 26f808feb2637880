// The chain-rule tutorial examples in reverse mode, with their known values.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t
// The same numeric checks with gradients computed in forward mode:
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

#include <cmath>

// d/dx (3x+2)^4 = 12 (3x+2)^3: the power's derivative reuses u.
CHAINRULE_GRAD
double power_of_linear(double x) {
  double u = 3 * x + 2;
  return std::pow(u, 4);
}
// CHECK-LABEL: double power_of_linear_grad(double x, double *d_x) {
// CHECK-NEXT:    double u = 3 * x + 2;
// CHECK-NEXT:    *d_x += 12 * (u * u * u);
// CHECK-NEXT:    return std::pow(u, 4.0);

// d/dx sin(x^2) = 2x cos(x^2): x*x is computed once.
CHAINRULE_GRAD
double sin_of_square(double x) { return std::sin(x * x); }
// CHECK-LABEL: double sin_of_square_grad(double x, double *d_x) {
// CHECK:         std::cos(
// CHECK:         return std::sin(

// The sigmoid as a chain of four functions: the derivative is s(1 - s).
CHAINRULE_GRAD
double sigmoid(double z) {
  double f = -z;
  double g = std::exp(f);
  double h = 1 + g;
  double i = 1 / h;
  return i;
}
// CHECK-LABEL: double sigmoid_grad(double z, double *d_z) {
// CHECK-NOT:     std::exp({{.*}}std::exp
// CHECK:         *d_z +=

// dz/dt for z = x^2 y, x = t^2, y = t^3: both paths add up (7 at t = 1).
double z_of_xy(double x, double y) { return x * x * y; }
CHAINRULE_GRAD
double z_of_t(double t) {
  double x = t * t;
  double y = t * t * t;
  return z_of_xy(x, y);
}
// CHECK-LABEL: double z_of_t_grad(double t, double *d_t) {
// CHECK:         z_of_xy_vjp(x, y, 1.0, &{{.*}}, &{{.*}});
// CHECK-LABEL: static double z_of_xy_vjp(double x, double y, double d_ret, double *d_x,

#ifdef RUN_CHECKS
#include "check.h"
double power_of_linear_grad(double x, double *d_x);
double sin_of_square_grad(double x, double *d_x);
double sigmoid_grad(double z, double *d_z);
double z_of_t_grad(double t, double *d_t);

int main() {
  double d = 0;
  double y = power_of_linear_grad(1, &d);
  CR_EXPECT_EXACT(y, 625);
  CR_EXPECT_EXACT(d, 1500);

  d = 0;
  sin_of_square_grad(2, &d);
  CR_EXPECT_EXACT(d, 4 * std::cos(4.0));

  for (double z : {-3.0, 0.0, 0.5, 4.0}) {
    d = 0;
    double s = sigmoid_grad(z, &d);
    CR_EXPECT_EXACT(d, s * (1 - s));
  }

  d = 0;
  z_of_t_grad(1, &d);
  CR_EXPECT_EXACT(d, 7);

  // Shadows accumulate: a second call adds the same gradient again.
  sin_of_square_grad(2, &d);
  CR_EXPECT_EXACT(d, 7 + 4 * std::cos(4.0));
  return crtest::finish();
}
#endif
