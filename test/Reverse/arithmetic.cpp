// Reverse mode (f_grad and f_vjp) of arithmetic, literals, casts between
// integer and floating types, float and long double functions, locals,
// reassignment, compound assignments and ++/-- on integers.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp --implicit-check-not=new --implicit-check-not=Tape
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t
// The same numeric checks with gradients computed in forward mode:
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

// + - * /, unary minus, parentheses and literals (int and floating). Both
// parameters are active; the adjoints go into the shadows with +=, once each.
CHAINRULE_GRAD CHAINRULE_VJP
double arith(double x, double y) {
  double a = -(x + 2.5) * y;
  double b = a / (x - y);
  return b * 3 - a + 1;
}
// CHECK-LABEL: double arith_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-COUNT-1: *d_x +=
// CHECK-NOT:     *d_x
// CHECK:         *d_y +=
// CHECK-NOT:     *d_y
// CHECK:         return
// CHECK-NEXT:  }
// CHECK-LABEL: void arith_vjp(double x, double y, double d_ret, double *d_x, double *d_y) {
// CHECK:         d_ret
// CHECK:         *d_x +=
// CHECK:         *d_y +=
// CHECK-NOT:     return
// CHECK:       }

// Implicit and explicit casts int -> floating (static_cast, C-style,
// functional) and floating -> floating: the int parameter gets no shadow and
// the casts of it are constants of the derivative.
CHAINRULE_GRAD CHAINRULE_VJP
double casts(double x, int n) {
  double a = x * n;                      // implicit int -> double
  double b = static_cast<double>(n) * x; // static_cast
  double c = (double)n + x * (float)2;   // C-style, to float and back
  double d = double(n) / x;              // functional
  int k = n;
  double e = k;                          // implicit, through an int local
  return a + b + c * d - e * x;
}
// CHECK-LABEL: double casts_grad(double x, int n, double *d_x) {
// CHECK:         static_cast<double>(n)
// CHECK:         *d_x +=
// CHECK-NOT:     *d_
// CHECK:         return
// CHECK-LABEL: void casts_vjp(double x, int n, double d_ret, double *d_x) {

// A float function: the shadow is float*, the computation stays float.
CHAINRULE_GRAD CHAINRULE_VJP
float flt(float x, float y) { return x * x * y - 0.5f * y / x; }
// CHECK-LABEL: float flt_grad(float x, float y, float *d_x, float *d_y) {
// CHECK-NOT:     double
// CHECK:         *d_x +=
// CHECK:         *d_y +=
// CHECK:         return
// CHECK-LABEL: void flt_vjp(float x, float y, float d_ret, float *d_x, float *d_y) {

// A long double function with an int parameter.
CHAINRULE_GRAD CHAINRULE_VJP
long double ldbl(long double x, int n) { return x * x * x / n + 2 * x; }
// CHECK-LABEL: long double ldbl_grad(long double x, int n, long double *d_x) {
// CHECK:         *d_x +=
// CHECK-LABEL: void ldbl_vjp(long double x, int n, long double d_ret, long double *d_x) {

// Floating -> integer cast: the truncated value is a constant (zero
// derivative through it), only the direct x contributes.
CHAINRULE_GRAD
double trunc_cast(double x) {
  int i = static_cast<int>(x);
  return x + i * 10;
}
// CHECK-LABEL: double trunc_cast_grad(double x, double *d_x) {
// CHECK:         *d_x += 1

// Locals, reassignment and compound assignments on a floating local.
CHAINRULE_GRAD CHAINRULE_VJP
double compound(double x, double y) {
  double s = x;
  s += y * 2;
  s -= x * y;
  s *= x;
  s /= y;
  double t = s;
  t = t * t; // reassignment of a local from itself
  return t + s;
}
// CHECK-LABEL: double compound_grad(double x, double y, double *d_x, double *d_y) {
// CHECK:         *d_x +=
// CHECK:         *d_y +=
// CHECK-LABEL: void compound_vjp(double x, double y, double d_ret, double *d_x, double *d_y) {

// ++ and -- on an int counter (prefix and postfix, also as a value) used in
// the arithmetic.
CHAINRULE_GRAD CHAINRULE_VJP
double counter(double x, int n) {
  int k = n;
  k++;
  ++k;
  k--;
  int j = k++;   // j = n + 1, k = n + 2
  int i = --k;   // i = k = n + 1
  return x * k + x * x * j - i;
}
// CHECK-LABEL: double counter_grad(double x, int n, double *d_x) {
// CHECK:         *d_x +=
// CHECK-LABEL: void counter_vjp(double x, int n, double d_ret, double *d_x) {

#ifdef RUN_CHECKS
#include "check.h"
double arith(double x, double y);
double arith_grad(double x, double y, double *d_x, double *d_y);
void arith_vjp(double x, double y, double d_ret, double *d_x, double *d_y);
double casts_grad(double x, int n, double *d_x);
void casts_vjp(double x, int n, double d_ret, double *d_x);
float flt_grad(float x, float y, float *d_x, float *d_y);
void flt_vjp(float x, float y, float d_ret, float *d_x, float *d_y);
long double ldbl_grad(long double x, int n, long double *d_x);
void ldbl_vjp(long double x, int n, long double d_ret, long double *d_x);
double trunc_cast_grad(double x, double *d_x);
double compound_grad(double x, double y, double *d_x, double *d_y);
void compound_vjp(double x, double y, double d_ret, double *d_x, double *d_y);
double counter_grad(double x, int n, double *d_x);
void counter_vjp(double x, int n, double d_ret, double *d_x);

int main() {
  const double Pts[][2] = {{1.5, -0.5}, {-2.0, 3.0}, {0.25, 4.0}, {-1.5, -3.5}};
  for (auto &P : Pts) {
    double x = P[0], y = P[1];
    double dx = 0, dy = 0;
    double v = arith_grad(x, y, &dx, &dy);
    CR_EXPECT_EXACT(v, arith(x, y));
    CR_EXPECT_FD(dx, [&](double t) { return arith(t, y); }, x);
    CR_EXPECT_FD(dy, [&](double t) { return arith(x, t); }, y);
    // The vjp scales by d_ret and accumulates on top of what is there.
    double vx = 1, vy = -1;
    arith_vjp(x, y, -2.5, &vx, &vy);
    CR_EXPECT_EXACT(vx, 1 - 2.5 * dx);
    CR_EXPECT_EXACT(vy, -1 - 2.5 * dy);

    dx = dy = 0;
    v = compound_grad(x, y, &dx, &dy);
    CR_EXPECT_EXACT(v, compound(x, y));
    CR_EXPECT_FD(dx, [&](double t) { return compound(t, y); }, x);
    CR_EXPECT_FD(dy, [&](double t) { return compound(x, t); }, y);
    vx = vy = 0;
    compound_vjp(x, y, 3, &vx, &vy);
    CR_EXPECT_EXACT(vx, 3 * dx);
    CR_EXPECT_EXACT(vy, 3 * dy);
  }

  for (double x : {-3.0, -0.75, 0.5, 2.0}) {
    for (int n : {-2, 0, 3}) {
      double d = 0;
      double v = casts_grad(x, n, &d);
      CR_EXPECT_EXACT(v, casts(x, n));
      CR_EXPECT_FD(d, [&](double t) { return casts(t, n); }, x);
      double e = 0;
      casts_vjp(x, n, 0.5, &e);
      CR_EXPECT_EXACT(e, 0.5 * d);

      d = 0;
      v = counter_grad(x, n, &d);
      CR_EXPECT_EXACT(v, counter(x, n));
      // Exact: d/dx [x (n+1) + x^2 (n+1) - (n+1)] = (n+1)(1 + 2x).
      CR_EXPECT_EXACT(d, (n + 1) * (1 + 2 * x));
      e = 0;
      counter_vjp(x, n, -1, &e);
      CR_EXPECT_EXACT(e, -d);
    }
    // int(x) is piecewise constant: the derivative is exactly 1.
    double d = 0;
    double v = trunc_cast_grad(x, &d);
    CR_EXPECT_EXACT(v, trunc_cast(x));
    CR_EXPECT_EXACT(d, 1);
  }

  // float: the derivative is computed in float, so it is compared with the
  // exact derivative evaluated in double at a tolerance of 1e-5 relative:
  // float's epsilon is 6e-8 and a handful of float roundings in the derivative
  // stay below 1e-6 relative, while any wrong term is off by O(1).
  for (auto &P : Pts) {
    float x = P[0], y = P[1];
    float dx = 0, dy = 0;
    float v = flt_grad(x, y, &dx, &dy);
    double X = x, Y = y;
    crtest::expectNear("flt value", v, X * X * Y - 0.5 * Y / X, 1e-5);
    crtest::expectNear("flt d_x", dx, 2 * X * Y + 0.5 * Y / (X * X), 1e-5);
    crtest::expectNear("flt d_y", dy, X * X - 0.5 / X, 1e-5);
    float vx = 0, vy = 0;
    flt_vjp(x, y, 2.0f, &vx, &vy);
    crtest::expectNear("flt_vjp d_x", vx, 2 * dx, 1e-6);
    crtest::expectNear("flt_vjp d_y", vy, 2 * dy, 1e-6);
  }

  // long double: compared with a central difference of the long double
  // function (evaluated through double) and with the exact value.
  for (double x : {-2.0, -0.5, 1.25, 3.0}) {
    for (int n : {-3, 1, 4}) {
      long double d = 0;
      long double v = ldbl_grad(x, n, &d);
      CR_EXPECT_EXACT((double)v, (double)ldbl(x, n));
      CR_EXPECT_FD((double)d, [&](double t) { return (double)ldbl(t, n); }, x);
      CR_EXPECT_EXACT((double)d, 3 * x * x / n + 2);
      long double e = 1;
      ldbl_vjp(x, n, 4, &e);
      CR_EXPECT_EXACT((double)e, (double)(1 + 4 * d));
    }
  }
  return crtest::finish();
}
#endif
