// Reverse mode (f_grad and f_vjp) through if/else, nested branches, the
// conditional operator and early returns. The execution part takes every
// branch (the points are chosen so that each condition is true at one point
// and false at another).
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp --implicit-check-not=Tape --implicit-check-not=new
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t
// The same numeric checks with gradients computed in forward mode:
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

#include <cmath>

// if/else with a branch-dependent local: the branch computes the partials of
// its one active result next to the value, and the reverse sweep only scales
// them; the branch is not replayed.
CHAINRULE_GRAD CHAINRULE_VJP
double branch(double x, double y) {
  double r;
  if (x > y)
    r = x * y;
  else
    r = std::sin(x) + y;
  return r * x;
}
// CHECK-LABEL: double branch_grad(double x, double y, double *d_x, double *d_y) {
// CHECK:         if (x > y) {
// CHECK-NEXT:      r = x * y;
// CHECK-NEXT:      dr_dx = y;
// CHECK-NEXT:      dr_dy = x;
// CHECK-NEXT:    } else {
// CHECK-NEXT:      r = std::sin(x) + y;
// CHECK-NEXT:      dr_dx = std::cos(x);
// CHECK-NEXT:      dr_dy = 1.0;
// CHECK-NEXT:    }
// CHECK-NOT:     if (
// CHECK:         *d_x +=
// CHECK-NEXT:    *d_y +=
// CHECK-NEXT:    return
// CHECK-LABEL: void branch_vjp(double x, double y, double d_ret, double *d_x, double *d_y) {
// CHECK:         d_ret * x

// Nested branches and an early return from the outer else branch.
CHAINRULE_GRAD CHAINRULE_VJP
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
// CHECK-LABEL: double nested_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-COUNT-1: std::exp(x)
// CHECK-NOT:     std::exp
// CHECK:         *d_x +=
// CHECK-NOT:     std::exp
// CHECK-LABEL: void nested_vjp(double x, double y, double d_ret, double *d_x, double *d_y) {
// CHECK-COUNT-1: std::exp(x)
// CHECK-NOT:     std::exp

// The conditional operator, both as a value and nested.
CHAINRULE_GRAD CHAINRULE_VJP
double select(double x, double y) {
  double m = x < y ? x * 2 : y * y;
  return (x > 0 ? m : -m) + (y > 0 ? (x > 1 ? x : 1.0) : y);
}
// CHECK-LABEL: double select_grad(double x, double y, double *d_x, double *d_y) {
// CHECK:         ? x * 2 : y * y
// CHECK:         *d_x +=
// CHECK-NEXT:    *d_y +=
// CHECK-LABEL: void select_vjp(double x, double y, double d_ret, double *d_x, double *d_y) {

// Early return in the then-branch, fall-through code after the if.
CHAINRULE_GRAD CHAINRULE_VJP
double early(double x) {
  if (x < 0)
    return -x * x;
  double s = std::sqrt(x);
  return s * x;
}
// CHECK-LABEL: double early_grad(double x, double *d_x) {
// CHECK-COUNT-1: std::sqrt(x)
// CHECK-NOT:     std::sqrt
// CHECK:         *d_x +=
// CHECK-LABEL: void early_vjp(double x, double d_ret, double *d_x) {
// CHECK-COUNT-1: std::sqrt(x)
// CHECK-NOT:     std::sqrt

#ifdef RUN_CHECKS
#include "check.h"
double branch_grad(double x, double y, double *d_x, double *d_y);
void branch_vjp(double x, double y, double d_ret, double *d_x, double *d_y);
double nested_grad(double x, double y, double *d_x, double *d_y);
void nested_vjp(double x, double y, double d_ret, double *d_x, double *d_y);
double select_grad(double x, double y, double *d_x, double *d_y);
void select_vjp(double x, double y, double d_ret, double *d_x, double *d_y);
double early_grad(double x, double *d_x);
void early_vjp(double x, double d_ret, double *d_x);

#define CHECK2(F)                                                              \
  for (auto &P : Pts) {                                                        \
    double x = P[0], y = P[1], dx = 0, dy = 0;                                 \
    double v = F##_grad(x, y, &dx, &dy);                                       \
    CR_EXPECT_EXACT(v, F(x, y));                                               \
    CR_EXPECT_FD(dx, [&](double t) { return F(t, y); }, x);                   \
    CR_EXPECT_FD(dy, [&](double t) { return F(x, t); }, y);                   \
    double ex = 1, ey = 1;                                                     \
    F##_vjp(x, y, -0.5, &ex, &ey);                                             \
    CR_EXPECT_EXACT(ex, 1 - 0.5 * dx);                                         \
    CR_EXPECT_EXACT(ey, 1 - 0.5 * dy);                                         \
  }

int main() {
  const double Pts[][2] = {{1.5, -0.5}, {-2.0, 3.0}, {0.25, 4.0}, {-1.5, -3.5}, {2.0, 1.5}, {1.2, 0.5}, {0.5, 2.0}, {3.0, -1.0}};
  CHECK2(branch)
  CHECK2(nested)
  CHECK2(select)
  for (double x : {-2.0, -0.5, 0.3, 2.5}) {
    double d = 0;
    double v = early_grad(x, &d);
    CR_EXPECT_EXACT(v, early(x));
    CR_EXPECT_FD(d, [](double t) { return early(t); }, x);
    double e = 0;
    early_vjp(x, 4, &e);
    CR_EXPECT_EXACT(e, 4 * d);
  }
  return crtest::finish();
}
#endif
