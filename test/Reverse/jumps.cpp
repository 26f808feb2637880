// Leaving loops early, do loops and switch, in reverse mode (and, by the
// second run, forward mode): break, continue and return inside loops become
// flags the loop carries; switch becomes guarded blocks with fallthrough.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

#include <cmath>

// break: the flag ends the loop through its condition.
CHAINRULE_GRAD CHAINRULE_JVP
double brk(double x, int n) {
  double y = x;
  for (int i = 0; i < n; ++i) {
    y = y * 1.5 + std::sin(y);
    if (y > 10)
      break;
    y -= 0.25;
  }
  return y;
}
// CHECK-LABEL: double brk_grad(double x, int n, double *d_x) {
// CHECK:         bool broke = false;
// CHECK:         while (!broke && i < n) {
// CHECK:           broke =
// CHECK:         while (k > 0L) {

// continue: the rest of the iteration is skipped, the increment is not.
CHAINRULE_GRAD CHAINRULE_JVP
double cont(double x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (i % 3 == 1)
      continue;
    s += x * i;
    s = std::tanh(s);
  }
  return s;
}

// return inside a loop, and the code after the loop when it does not.
CHAINRULE_GRAD CHAINRULE_JVP
double ret(double x, double y) {
  double v = x;
  int k = 0;
  while (true) {
    v = v * y;
    if (v > 5)
      return v * 2;
    if (++k > 20)
      break;
  }
  return v - 1;
}
// CHECK-LABEL: double ret_grad(double x, double y, double *d_x, double *d_y) {
// CHECK:         bool returned = false;

// A do loop runs its body before testing.
CHAINRULE_GRAD CHAINRULE_JVP
double dow(double x) {
  double v = x;
  do {
    v = v * 0.5;
  } while (v > 1);
  return v;
}

// switch with and without fallthrough, and a default.
CHAINRULE_GRAD CHAINRULE_JVP
double sw(double x, int k) {
  double r = 0;
  switch (k) {
  case 0:
    r = x;
    break;
  case 1:
  case 2:
    r = x * x;
  case 3:
    r += std::sin(x);
    break;
  default:
    r = -x;
  }
  return r;
}

// A declaration after a label is seen by the statements that follow it
// (a regression: each statement was its own block).
CHAINRULE_GRAD
double swdecl(double x, int k) {
  double r = x;
  switch (k) {
  case 1:
    double t = x * x;
    r = t * std::sin(t);
    break;
  }
  return r;
}

// switch inside a loop, with continue inside the switch.
CHAINRULE_GRAD
double swloop(double x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    switch (i % 3) {
    case 0:
      s += x;
      break;
    case 1:
      s *= x;
      continue;
    default:
      s -= 1;
    }
    s = s * 0.9;
  }
  return s;
}

#ifdef RUN_CHECKS
#include "check.h"
double brk(double x, int n);
double brk_grad(double x, int n, double *d_x);
double brk_jvp(double x, int n, double t_x);
double cont(double x, int n);
double cont_grad(double x, int n, double *d_x);
double ret(double x, double y);
double ret_grad(double x, double y, double *d_x, double *d_y);
double dow(double x);
double dow_grad(double x, double *d_x);
double dow_jvp(double x, double t_x);
double sw(double x, int k);
double sw_grad(double x, int k, double *d_x);
double sw_jvp(double x, int k, double t_x);
double swdecl(double x, int k);
double swdecl_grad(double x, int k, double *d_x);
double swloop(double x, int n);
double swloop_grad(double x, int n, double *d_x);

int main() {
  for (double x : {0.3, 1.7, 4.0})
    for (int n : {0, 1, 5, 12}) {
      double d = 0;
      CR_EXPECT_EXACT(brk_grad(x, n, &d), brk(x, n));
      CR_EXPECT_FD(d, [&](double v) { return brk(v, n); }, x);
      CR_EXPECT_FD(brk_jvp(x, n, 1), [&](double v) { return brk(v, n); }, x);
      d = 0;
      CR_EXPECT_EXACT(cont_grad(x, n, &d), cont(x, n));
      CR_EXPECT_FD(d, [&](double v) { return cont(v, n); }, x);
      d = 0;
      CR_EXPECT_EXACT(swloop_grad(x, n, &d), swloop(x, n));
      CR_EXPECT_FD(d, [&](double v) { return swloop(v, n); }, x);
      d = 0;
      CR_EXPECT_EXACT(swdecl_grad(x, n % 3, &d), swdecl(x, n % 3));
      CR_EXPECT_FD(d, [&](double v) { return swdecl(v, n % 3); }, x);
      d = 0;
      CR_EXPECT_EXACT(sw_grad(x, n % 5, &d), sw(x, n % 5));
      CR_EXPECT_FD(d, [&](double v) { return sw(v, n % 5); }, x);
      CR_EXPECT_FD(sw_jvp(x, n % 5, 1), [&](double v) { return sw(v, n % 5); }, x);
    }
  // ret returns from inside the loop for some inputs and after it for others.
  for (double x : {0.5, 1.2, 3.0})
    for (double y : {0.9, 1.3}) {
      double dx = 0, dy = 0;
      CR_EXPECT_EXACT(ret_grad(x, y, &dx, &dy), ret(x, y));
      CR_EXPECT_FD(dx, [&](double v) { return ret(v, y); }, x);
      CR_EXPECT_FD(dy, [&](double v) { return ret(x, v); }, y);
    }
  for (double x : {0.5, 3.0, 100.0}) {
    double d = 0;
    CR_EXPECT_EXACT(dow_grad(x, &d), dow(x));
    CR_EXPECT_FD(d, dow, x);
    CR_EXPECT_FD(dow_jvp(x, 1), dow, x);
  }
  return crtest::finish();
}
#endif
