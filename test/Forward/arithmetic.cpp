// Forward mode (f_jvp) of arithmetic, literals, casts, float and long double
// functions, locals, compound assignments and ++/-- on an int counter.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t

#include <chainrule/chainrule.h>

// + - * /, unary minus, parentheses, literals: one tangent per parameter.
CHAINRULE_JVP
double arith(double x, double y) {
  double a = -(x + 2.5) * y;
  double b = a / (x - y);
  return b * 3 - a + 1;
}
// CHECK-LABEL: double arith_jvp(double x, double y, double t_x, double t_y) {

// Casts int <-> floating: the int parameter gets no tangent.
CHAINRULE_JVP
double casts(double x, int n) {
  double a = x * n;
  double b = static_cast<double>(n) * x;
  double c = (double)n + x * (float)2;
  double d = double(n) / x;
  int i = static_cast<int>(x);
  return a + b + c * d + i;
}
// CHECK-LABEL: double casts_jvp(double x, int n, double t_x) {

// float and long double: the tangent has the parameter's own type.
CHAINRULE_JVP
float flt(float x, float y) { return x * x * y - 0.5f * y / x; }
// CHECK-LABEL: float flt_jvp(float x, float y, float t_x, float t_y) {
// CHECK-NOT:     double
CHAINRULE_JVP
long double ldbl(long double x, int n) { return x * x * x / n + 2 * x; }
// CHECK-LABEL: long double ldbl_jvp(long double x, int n, long double t_x) {

// Locals, compound assignments and ++/-- on an int counter.
CHAINRULE_JVP
double compound(double x, double y, int n) {
  int k = n;
  k++;
  --k;
  ++k;
  double s = x;
  s += y * k;
  s -= x * y;
  s *= x;
  s /= y;
  double t = s;
  t = t * t;
  return t + s;
}
// CHECK-LABEL: double compound_jvp(double x, double y, int n, double t_x, double t_y) {

#ifdef RUN_CHECKS
#include "check.h"
double arith_jvp(double x, double y, double t_x, double t_y);
double casts_jvp(double x, int n, double t_x);
float flt_jvp(float x, float y, float t_x, float t_y);
long double ldbl_jvp(long double x, int n, long double t_x);
double compound_jvp(double x, double y, int n, double t_x, double t_y);

int main() {
  const double Pts[][2] = {{1.5, -0.5}, {-2.0, 3.0}, {0.25, 4.0}, {-1.5, -3.5}};
  for (auto &P : Pts) {
    double x = P[0], y = P[1];
    double dx = arith_jvp(x, y, 1, 0), dy = arith_jvp(x, y, 0, 1);
    CR_EXPECT_FD(dx, [&](double t) { return arith(t, y); }, x);
    CR_EXPECT_FD(dy, [&](double t) { return arith(x, t); }, y);
    CR_EXPECT_EXACT(arith_jvp(x, y, 2, -1), 2 * dx - dy);
    for (int n : {-2, 0, 3}) {
      dx = compound_jvp(x, y, n, 1, 0);
      dy = compound_jvp(x, y, n, 0, 1);
      CR_EXPECT_FD(dx, [&](double t) { return compound(t, y, n); }, x);
      CR_EXPECT_FD(dy, [&](double t) { return compound(x, t, n); }, y);
    }
    // float: compared with the exact derivative in double at 1e-5 relative
    // (float epsilon 6e-8 times a few roundings is far below; a wrong term
    // is off by O(1)).
    float fx = x, fy = y;
    double X = fx, Y = fy;
    crtest::expectNear("flt_jvp d/dx", flt_jvp(fx, fy, 1, 0),
                       2 * X * Y + 0.5 * Y / (X * X), 1e-5);
    crtest::expectNear("flt_jvp d/dy", flt_jvp(fx, fy, 0, 1), X * X - 0.5 / X,
                       1e-5);
  }
  for (double x : {-3.3, -0.75, 0.5, 2.3}) { // away from integers: int(x) jumps there
    for (int n : {-2, 1, 3}) {
      CR_EXPECT_FD(casts_jvp(x, n, 1), [&](double t) { return casts(t, n); }, x);
      CR_EXPECT_EXACT((double)ldbl_jvp(x, n, 1), 3 * x * x / n + 2);
    }
  }
  return crtest::finish();
}
#endif
