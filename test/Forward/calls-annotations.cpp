// Forward mode through calls (one helper_jvp for a helper called twice), in
// namespaces, with an out-of-line definition, and with CHAINRULE_JVP_WRT.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: FileCheck %s --check-prefix=ONCE --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t

#include <chainrule/chainrule.h>

#include <cmath>

// A helper called twice: one static helper_jvp, which computes the tangent
// and stores helper's value through its last parameter, so that the caller
// never calls helper itself.
double helper(double a, double b) { return a * std::exp(b); }
CHAINRULE_JVP
double twice(double x, double y) { return helper(x, y) + helper(y, x); }
// CHECK-LABEL: double twice_jvp(double x, double y, double t_x, double t_y) {
// CHECK:         helper_jvp(x, y, t_x, t_y, &
// CHECK:         helper_jvp(y, x, t_y, t_x, &
// CHECK-NOT:     helper(
// CHECK-LABEL: static double helper_jvp(double a, double b, double t_a, double t_b,
// CHECK-NEXT:                           double *primal) {
// CHECK-COUNT-1: std::exp(b)
// CHECK-NOT:     std::exp
// ONCE-COUNT-2: static double helper_jvp(double a
// ONCE-NOT:     static double helper_jvp(

// JVP_WRT(y): only y has a tangent.
CHAINRULE_JVP_WRT(y)
double wrt_y(double x, double y) { return std::sin(x) * y * y; }
// CHECK-LABEL: double wrt_y_jvp(double x, double y, double t_y) {
// CHECK-NOT:     t_x

// In a namespace, annotation on the declaration, definition out of line.
namespace ns {
CHAINRULE_JVP double f(double, double);
}
double ns::f(double x, double y) { return std::atan2(y, x) * x; }
// CHECK-LABEL: namespace ns {
// CHECK:       double f_jvp(double x, double y, double t_x, double t_y) {

// A parameter named t_x: the tangent of x gets another name.
CHAINRULE_JVP
double named_tx(double x, double t_x) { return x * t_x; }
// CHECK-LABEL: double named_tx_jvp(double x, double t_x,
// CHECK-SAME:    double [[TX:t_x[a-z0-9_]+]], double {{[a-z0-9_]+}}) {

#ifdef RUN_CHECKS
#include "check.h"
double twice_jvp(double x, double y, double t_x, double t_y);
double wrt_y_jvp(double x, double y, double t_y);
namespace ns {
double f_jvp(double x, double y, double t_x, double t_y);
}
double named_tx_jvp(double x, double t_x, double u, double v);

int main() {
  const double Pts[][2] = {{1.5, -0.5}, {-2.0, 0.3}, {0.25, 1.2}, {-1.5, -0.7}};
  for (auto &P : Pts) {
    double x = P[0], y = P[1];
    CR_EXPECT_FD(twice_jvp(x, y, 1, 0), [&](double t) { return twice(t, y); }, x);
    CR_EXPECT_FD(twice_jvp(x, y, 0, 1), [&](double t) { return twice(x, t); }, y);
    CR_EXPECT_EXACT(wrt_y_jvp(x, y, 2), 4 * std::sin(x) * y);
    CR_EXPECT_FD(ns::f_jvp(x, y, 1, 0), [&](double t) { return ns::f(t, y); }, x);
    CR_EXPECT_FD(ns::f_jvp(x, y, 0, 1), [&](double t) { return ns::f(x, t); }, y);
    CR_EXPECT_EXACT(named_tx_jvp(x, y, 1, 0), y);
    CR_EXPECT_EXACT(named_tx_jvp(x, y, 0, 1), x);
  }
  return crtest::finish();
}
#endif
