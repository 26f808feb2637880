// Direct and mutual recursion, with values passed. Each recursive callee
// gets one pullback (reverse) and one pushforward (forward) that call
// themselves; gradients computed both ways are checked against central
// differences for several depths.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK-LABEL: static double even_vjp(double x, int n, double d_ret, double *d_x) {
// CHECK: odd_vjp(
// CHECK-LABEL: static double odd_vjp(double x, int n, double d_ret, double *d_x) {
// CHECK: even_vjp(
// CHECK-LABEL: static double nest_vjp(double x, int n, double d_ret, double *d_x) {
// CHECK: nest_vjp(x, {{.*}}, &d_x_nest);
#include <chainrule/chainrule.h>
#include <cmath>

double nest(double x, int n) {
  return n == 0 ? x : std::sin(nest(x, n - 1)) + 0.5 * x;
}

double odd(double x, int n);
double even(double x, int n) {
  if (n == 0)
    return x;
  return odd(x * 1.1, n - 1) * x;
}
double odd(double x, int n) {
  if (n == 0)
    return std::cos(x);
  return even(x, n - 1) + x;
}

// Exponentiation by squaring.
double power(double x, int n) {
  if (n == 0)
    return 1;
  double h = power(x, n / 2);
  return n % 2 ? h * h * x : h * h;
}

CHAINRULE_GRAD CHAINRULE_JVP
double loss(double x, int n) { return nest(x, n) + even(x, n) + power(x, n); }

#ifdef RUN_CHECKS
#include "check.h"
double loss_grad(double x, int n, double *d_x);
double loss_jvp(double x, int n, double t_x);
int main() {
  for (int n : {0, 1, 2, 5, 8}) {
    double x = 0.7, d = 0;
    double v = loss_grad(x, n, &d);
    CR_EXPECT_NEAR_REL(v, loss(x, n), 1e-15);
    CR_EXPECT_NEAR_REL(d, crtest::central([&](double t) { return loss(t, n); }, x),
                       crtest::kFiniteDifferenceTol);
    CR_EXPECT_NEAR_REL(loss_jvp(x, n, 1.0), d, 1e-12);
    CR_EXPECT_NEAR_REL(power(x, n), std::pow(x, n), 1e-14);
  }
  return crtest::finish();
}
#endif
