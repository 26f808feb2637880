// Reverse mode through calls to functions of the same file, annotated
// functions in namespaces, and an annotation on a declaration whose
// definition comes later, out of line.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: FileCheck %s --check-prefix=ONCE --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t
// The same numeric checks with gradients computed in forward mode:
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

#include <cmath>

// A helper called twice (with swapped arguments) gets exactly one derivative,
// a static helper_vjp that also returns helper's value, so the caller does
// not call helper again; the caller sums the two contributions.
double helper(double a, double b) { return a * std::exp(b); }
CHAINRULE_GRAD CHAINRULE_VJP
double twice(double x, double y) { return helper(x, y) + helper(y, x); }
// CHECK-LABEL: double twice_grad(double x, double y, double *d_x, double *d_y) {
// CHECK:         helper_vjp(y, x, 1.0,
// CHECK:         helper_vjp(x, y, 1.0,
// CHECK:         *d_x +=
// CHECK:         *d_y +=
// CHECK-NOT:     return helper(
// CHECK-LABEL: static double helper_vjp(double a, double b, double d_ret, double *d_a,
// CHECK-NEXT:                           double *d_b) {
// CHECK-COUNT-1: std::exp(b)
// CHECK-NOT:     std::exp
// CHECK:         *d_a +=
// CHECK:         *d_b +=
// CHECK-LABEL: void twice_vjp(double x, double y, double d_ret, double *d_x, double *d_y) {
// CHECK:         helper_vjp(y, x, d_ret,
// CHECK:         helper_vjp(x, y, d_ret,

// ONCE-COUNT-2: static double helper_vjp(double a, double b,
// ONCE-NOT:     static double helper_vjp(

// A chain of helpers: inner is called by middle, middle by the annotated one.
double inner(double u) { return std::sin(u) * u; }
double middle(double u, int k) { return inner(u * k) + u; }
CHAINRULE_GRAD
double outer(double x, int k) { return middle(x, k) * middle(2 * x, k); }
// CHECK-LABEL: double outer_grad(double x, int k, double *d_x) {
// CHECK:         middle_vjp(
// CHECK-LABEL: static double middle_vjp(double u, int k, double d_ret, double *d_u) {
// CHECK:         inner_vjp(
// CHECK-LABEL: static double inner_vjp(double u, double d_ret, double *d_u) {

// Annotated functions in a namespace: the derivatives are in it too, and a
// helper in the namespace is differentiated through.
namespace phys {
inline double sq(double v) { return v * v; }
CHAINRULE_GRAD CHAINRULE_VJP
double energy(double m, double v) { return 0.5 * m * sq(v); }
namespace inner2 {
CHAINRULE_GRAD
double cube(double x) { return x * x * x; }
} // namespace inner2
} // namespace phys
// CHECK-LABEL: namespace phys {
// CHECK:       double energy_grad(double m, double v, double *d_m, double *d_v) {
// CHECK:       void energy_vjp(double m, double v, double d_ret, double *d_m, double *d_v) {
// CHECK:       double cube_grad(double x, double *d_x) {

// The annotation on a declaration, the definition out of line later.
namespace ns {
CHAINRULE_GRAD CHAINRULE_VJP double f(double);
}
double ns::f(double x) { return std::log(x) * x; }
// CHECK:       namespace ns {
// CHECK:       double f_grad(double x, double *d_x) {
// CHECK:       void f_vjp(double x, double d_ret, double *d_x) {

#ifdef RUN_CHECKS
#include "check.h"
double twice_grad(double x, double y, double *d_x, double *d_y);
void twice_vjp(double x, double y, double d_ret, double *d_x, double *d_y);
double outer_grad(double x, int k, double *d_x);
namespace phys {
double energy_grad(double m, double v, double *d_m, double *d_v);
void energy_vjp(double m, double v, double d_ret, double *d_m, double *d_v);
namespace inner2 {
double cube_grad(double x, double *d_x);
}
} // namespace phys
namespace ns {
double f_grad(double x, double *d_x);
void f_vjp(double x, double d_ret, double *d_x);
} // namespace ns

int main() {
  const double Pts[][2] = {{1.5, -0.5}, {-2.0, 0.3}, {0.25, 1.2}, {-1.5, -0.7}};
  for (auto &P : Pts) {
    double x = P[0], y = P[1], dx = 0, dy = 0;
    double v = twice_grad(x, y, &dx, &dy);
    CR_EXPECT_EXACT(v, twice(x, y));
    CR_EXPECT_FD(dx, [&](double t) { return twice(t, y); }, x);
    CR_EXPECT_FD(dy, [&](double t) { return twice(x, t); }, y);
    double ex = 2, ey = 0;
    twice_vjp(x, y, 1.5, &ex, &ey);
    CR_EXPECT_EXACT(ex, 2 + 1.5 * dx);
    CR_EXPECT_EXACT(ey, 1.5 * dy);

    // energy: m = x, v = y; exact partials 0.5 v^2 and m v.
    dx = dy = 0;
    v = phys::energy_grad(x, y, &dx, &dy);
    CR_EXPECT_EXACT(v, phys::energy(x, y));
    CR_EXPECT_EXACT(dx, 0.5 * y * y);
    CR_EXPECT_EXACT(dy, x * y);
    ex = ey = 0;
    phys::energy_vjp(x, y, -2, &ex, &ey);
    CR_EXPECT_EXACT(ex, -y * y);
    CR_EXPECT_EXACT(ey, -2 * x * y);

    double d = 0;
    phys::inner2::cube_grad(x, &d);
    CR_EXPECT_EXACT(d, 3 * x * x);

    for (int k : {-2, 1, 3}) {
      d = 0;
      v = outer_grad(x, k, &d);
      CR_EXPECT_EXACT(v, outer(x, k));
      CR_EXPECT_FD(d, [&](double t) { return outer(t, k); }, x);
    }
  }
  for (double x : {0.2, 1.0, 3.5}) {
    double d = 0;
    double v = ns::f_grad(x, &d);
    CR_EXPECT_EXACT(v, ns::f(x));
    CR_EXPECT_EXACT(d, std::log(x) + 1);
    double e = 1;
    ns::f_vjp(x, 0.5, &e);
    CR_EXPECT_EXACT(e, 1 + 0.5 * d);
  }
  return crtest::finish();
}
#endif
