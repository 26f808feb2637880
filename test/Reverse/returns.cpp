// Functions whose every path returns although the end of the body follows
// a statement: a loop left only by a return (`while (true)`, `for (;;)`,
// `do ... while (true)`), a switch whose every case returns, a call that
// does not return. Clang's control-flow graph says that no path reaches
// the end; the path of the flags that would is never taken. Checked
// against central differences in both modes (reverse mode records the
// iterations of the endless loops like any other).
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

#include <cmath>
#include <cstdlib>

// Halving until below 1: the loop's only exit is the return, so after it
// the returned flag is known to be set and the value is the one returned.
CHAINRULE_GRAD CHAINRULE_JVP
double halve(double x, double s) {
  double y = x * x + s;
  while (true) {
    y = 0.5 * y + std::sin(s) * 0.1;
    if (y < 1)
      return y * s;
  }
}
// CHECK-LABEL: double halve_grad(double x, double s, double *d_x, double *d_s) {
// CHECK:         while (!returned) {
// CHECK-NOT:     if (returned)
// CHECK:         return return_value;

// The same with for (;;), a counter and a break-free early exit on a
// budget.
CHAINRULE_GRAD CHAINRULE_JVP
double newton_sqrt(double a, double guess) {
  double r = guess;
  for (int it = 0;; ++it) {
    double next = 0.5 * (r + a / r);
    if (std::fabs(next - r) < 1e-12 || it == 50)
      return next;
    r = next;
  }
}

// do ... while (true), with a continue.
CHAINRULE_GRAD CHAINRULE_JVP
double stepped(double x, int n) {
  double y = x;
  int k = 0;
  do {
    ++k;
    if (k % 2 == 0)
      continue;
    y = std::tanh(y + 0.3 * x);
    if (k > n)
      return y * x;
  } while (true);
}

// A switch whose every case returns, the default included.
CHAINRULE_GRAD CHAINRULE_JVP
double piece(double x, int k) {
  switch (k) {
  case 0:
    return x * x;
  case 1:
  case 2:
    return std::exp(0.5 * x) * k;
  default:
    return std::sin(x);
  }
}

// A call that does not return ends a path.
CHAINRULE_GRAD CHAINRULE_JVP
double checked_log(double x) {
  if (x > 0)
    return std::log(x) * x;
  std::abort();
}
// The call is kept where the function makes it (it has effects).
// CHECK-LABEL: double checked_log_grad(double x, double *d_x) {
// CHECK:         } else {
// CHECK-NEXT:      abort();

#ifdef RUN_CHECKS
#include "check.h"
double halve_grad(double x, double s, double *d_x, double *d_s);
double halve_jvp(double x, double s, double t_x, double t_s);
double newton_sqrt_grad(double a, double guess, double *d_a, double *d_guess);
double newton_sqrt_jvp(double a, double guess, double t_a, double t_guess);
double stepped_grad(double x, int n, double *d_x);
double stepped_jvp(double x, int n, double t_x);
double piece_grad(double x, int k, double *d_x);
double piece_jvp(double x, int k, double t_x);
double checked_log_grad(double x, double *d_x);
double checked_log_jvp(double x, double t_x);

int main() {
  for (double x : {0.7, 3.0, 12.5}) {
    double s = 0.8, dx = 0, ds = 0;
    CR_EXPECT_EXACT(halve_grad(x, s, &dx, &ds), halve(x, s));
    CR_EXPECT_FD(dx, [&](double t) { return halve(t, s); }, x);
    CR_EXPECT_FD(ds, [&](double t) { return halve(x, t); }, s);
    CR_EXPECT_NEAR_REL(halve_jvp(x, s, 1, 0), dx, 1e-12);
    CR_EXPECT_NEAR_REL(halve_jvp(x, s, 0, 1), ds, 1e-12);
  }
  // d sqrt(a) / da = 1 / (2 sqrt(a)); the converged result does not depend
  // on the guess.
  for (double a : {2.0, 9.0}) {
    double da = 0, dg = 0;
    CR_EXPECT_NEAR_REL(newton_sqrt_grad(a, 1.0, &da, &dg), std::sqrt(a), 1e-12);
    CR_EXPECT_NEAR_REL(da, 0.5 / std::sqrt(a), 1e-9);
    CR_EXPECT_NEAR_REL(dg, 0.0, 1e-9);
    CR_EXPECT_NEAR_REL(newton_sqrt_jvp(a, 1.0, 1, 0), da, 1e-12);
  }
  for (int n : {0, 3, 6}) {
    double dx = 0, x = 0.4;
    CR_EXPECT_EXACT(stepped_grad(x, n, &dx), stepped(x, n));
    CR_EXPECT_FD(dx, [&](double t) { return stepped(t, n); }, x);
    CR_EXPECT_NEAR_REL(stepped_jvp(x, n, 1), dx, 1e-12);
  }
  for (int k : {0, 1, 2, 7}) {
    double dx = 0, x = 0.9;
    CR_EXPECT_EXACT(piece_grad(x, k, &dx), piece(x, k));
    CR_EXPECT_FD(dx, [&](double t) { return piece(t, k); }, x);
    CR_EXPECT_NEAR_REL(piece_jvp(x, k, 1), dx, 1e-12);
  }
  double dx = 0;
  CR_EXPECT_EXACT(checked_log_grad(2.0, &dx), checked_log(2.0));
  CR_EXPECT_EXACT(dx, std::log(2.0) + 1);
  CR_EXPECT_EXACT(checked_log_jvp(2.0, 1), dx);
  return crtest::finish();
}
#endif
