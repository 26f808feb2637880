// Forward mode (f_jvp) through if/else, nested branches, the conditional
// operator and early returns. The execution part takes every branch.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp --implicit-check-not=Tape --implicit-check-not=new
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t

#include <chainrule/chainrule.h>

#include <cmath>

// if/else with a branch-dependent local: only the taken branch's adjoint is
// propagated.
CHAINRULE_JVP
double branch(double x, double y) {
  double r;
  if (x > y)
    r = x * y;
  else
    r = std::sin(x) + y;
  return r * x;
}
// CHECK-LABEL: double branch_jvp(double x, double y, double t_x, double t_y) {
// CHECK:         if (x > y) {
// CHECK:         std::cos(x) * t_x

// Nested branches and an early return from the outer else branch.
CHAINRULE_JVP
double nested(double x, double y) {
  double r = x;
  if (x > 0) {
    if (y > 1)
      r = x * y;
    else
      r = std::exp(x);
  } else {
    return y * y - x;
  }
  return r + y;
}
// CHECK-LABEL: double nested_jvp(double x, double y, double t_x, double t_y) {
// CHECK-COUNT-1: std::exp(x)
// CHECK-NOT:     std::exp

// The conditional operator, both as a value and nested.
CHAINRULE_JVP
double select(double x, double y) {
  double m = x < y ? x * 2 : y * y;
  return (x > 0 ? m : -m) + (y > 0 ? (x > 1 ? x : 1.0) : y);
}
// CHECK-LABEL: double select_jvp(double x, double y, double t_x, double t_y) {
// CHECK:         x < y ?

// Early return in the then-branch, fall-through code after the if.
CHAINRULE_JVP
double early(double x) {
  if (x < 0)
    return -x * x;
  double s = std::sqrt(x);
  return s * x;
}
// CHECK-LABEL: double early_jvp(double x, double t_x) {
// CHECK-COUNT-1: std::sqrt(x)
// CHECK-NOT:     std::sqrt

#ifdef RUN_CHECKS
#include "check.h"
double branch_jvp(double x, double y, double t_x, double t_y);
double nested_jvp(double x, double y, double t_x, double t_y);
double select_jvp(double x, double y, double t_x, double t_y);
double early_jvp(double x, double t_x);

#define CHECK2(F)                                                              \
  for (auto &P : Pts) {                                                        \
    double x = P[0], y = P[1];                                                 \
    double dx = F##_jvp(x, y, 1, 0), dy = F##_jvp(x, y, 0, 1);                 \
    CR_EXPECT_FD(dx, [&](double t) { return F(t, y); }, x);                   \
    CR_EXPECT_FD(dy, [&](double t) { return F(x, t); }, y);                   \
    CR_EXPECT_EXACT(F##_jvp(x, y, 3, -2), 3 * dx - 2 * dy);                    \
  }

int main() {
  const double Pts[][2] = {{1.5, -0.5}, {-2.0, 3.0}, {0.25, 4.0}, {-1.5, -3.5}, {2.0, 1.5}, {1.2, 0.5}, {0.5, 2.0}, {3.0, -1.0}};
  CHECK2(branch)
  CHECK2(nested)
  CHECK2(select)
  for (double x : {-2.0, -0.5, 0.3, 2.5})
    CR_EXPECT_FD(early_jvp(x, 1), [](double t) { return early(t); }, x);
  return crtest::finish();
}
#endif
