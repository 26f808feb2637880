// std::min and std::max (the derivative follows the argument returned, the
// first on a tie, as std::max(a, b) returns a when !(a < b)), and constant
// expressions that are not literals (constexpr calls, sizeof) folded to
// their values.
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

#ifdef RUN_CHECKS
#include "check.h"
double clipped(double x, double y);
double clipped_grad(double x, double y, double *d_x, double *d_y);
double clipped_jvp(double x, double y, double t_x, double t_y);
double constants_grad(double x, double *d_x);

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
  return crtest::finish();
}
#endif
