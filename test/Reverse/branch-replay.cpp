// A branch that assigns two active locals: the reverse sweep replays the
// branch taken from the same condition (no tape), reading the primal values
// it needs from locals the primal branch assigned (initialised, so that
// compilers do not warn that the other path leaves them unset).
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// The same numeric checks with gradients computed in forward mode:
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

#include <cmath>

CHAINRULE_GRAD
double two(double x, double y) {
  double a = x, b = y;
  if (x > y) {
    a = x * y;
    b = std::tanh(x);
  }
  return a * b;
}
// CHECK-LABEL: double two_grad(double x, double y, double *d_x, double *d_y) {
// CHECK:         bool [[C:[a-z0-9_]+]] = x > y;
// CHECK:         double [[T2:[a-z0-9_]+]] = 0;
// CHECK:         if ([[C]]) {
// CHECK:           [[T:[a-z0-9_]+]] = std::tanh(x);
// CHECK:         if ([[C]]) {
// CHECK-NOT:       std::tanh
// CHECK:           1 - [[T2]] * [[T2]]
// CHECK:         *d_x +=
// CHECK:         *d_y +=

#ifdef RUN_CHECKS
#include "check.h"
double two(double x, double y);
double two_grad(double x, double y, double *d_x, double *d_y);

int main() {
  for (double x : {-1.0, 0.5, 2.0})
    for (double y : {-0.5, 1.0}) {
      double dx = 0, dy = 0;
      CR_EXPECT_EXACT(two_grad(x, y, &dx, &dy), two(x, y));
      CR_EXPECT_FD(dx, [&](double t) { return two(t, y); }, x);
      CR_EXPECT_FD(dy, [&](double t) { return two(x, t); }, y);
    }
  return crtest::finish();
}
#endif
