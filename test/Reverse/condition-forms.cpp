// Control flow as people write it: a loop condition that assigns or
// decrements (`while (n--)`, `while ((y = g(y)) > eps)`), a condition
// variable in a loop (`while (int left = i--)`), in an `if`, in a
// `switch`, a `switch` with an initializer, `case` labels inside a nested
// block, an assignment to an assignment (`(t *= x) *= y`), assignments
// inside a conditional operator, a range-based for with an initializer, and
// a pointer passed by reference that is only read through (`double *&p`). Each in both modes against central
// differences.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// The pointer by reference keeps its C++ type; its shadow is a buffer:
// CHECK: double product_grad(double *&p, double *d_p);
// A condition that assigns runs in the body, which it leaves like a break:
// CHECK: double countdown_grad(double x, int n, double *d_x) {
// CHECK: bool broke = false;
// CHECK: while (!broke) {
#include <chainrule/chainrule.h>
#include <cmath>

CHAINRULE_GRAD CHAINRULE_JVP
double countdown(double x, int n) {
  double s = 0;
  int counter = n;
  while (counter--)
    s += std::sin(x * counter);
  return s;
}

CHAINRULE_GRAD CHAINRULE_JVP
double halve(double x) {
  double y = x;
  int k = 0;
  while ((y = 0.5 * y * std::cos(y)) > 0.01 && k < 100)
    ++k;
  return y + k;
}

CHAINRULE_GRAD CHAINRULE_JVP
double condition_variable(double x, int i) {
  double s = 0;
  while (int left = i--) {
    if (left == 2)
      continue;
    s += left * x * x;
  }
  for (int j = 0; double w = 3 - j; ++j)
    s += w * x;
  return s;
}

CHAINRULE_GRAD CHAINRULE_JVP
double do_with_assignment(double x) {
  double y = x;
  int k = 0;
  do {
    if (k == 1) {
      ++k;
      continue;
    }
    y = y * y + 0.1;
  } while ((k += 1) < 4);
  return y;
}

CHAINRULE_GRAD CHAINRULE_JVP
double if_variable(double x) {
  if (double d = x * x - 1)
    return d * x;
  return x;
}

CHAINRULE_GRAD CHAINRULE_JVP
double switch_initializer(double x, int k) {
  switch (int m = k % 3; m) {
  case 0:
    return x;
  case 1:
    return x * x;
  default:
    return m * x;
  }
}

CHAINRULE_GRAD CHAINRULE_JVP
double switch_variable(double x, int k) {
  switch (int m = k + 1) {
  case 1:
    return x * m;
  default:
    return std::exp(x) * m;
  }
}

// Labels inside a nested block of the switch, as the language allows.
CHAINRULE_GRAD CHAINRULE_JVP
double nested_labels(double x, int k) {
  double s = 0;
  switch (k) {
  case 0: {
    s = x;
    break;
  case 1:
    s = x * x;
  }
  default:
    s += std::sin(x);
  }
  return s;
}

// A switch that is a label's statement: its labels are its own.
CHAINRULE_GRAD CHAINRULE_JVP
double label_switch(double x, int k) {
  switch (k) {
  case 2:
    switch (k + 1) {
    case 3:
      return 3 * x * x;
    }
  default:
    return x;
  }
}

CHAINRULE_GRAD CHAINRULE_JVP
double chained_assignments(double x, double y) {
  double t = 1, u;
  (t *= x) *= y;
  (u = x) += t;
  ++(t += u);
  return t * u;
}

CHAINRULE_GRAD CHAINRULE_JVP
double assigning_conditional(double x, double y, bool b) {
  double t = 0, v = 1;
  double u = b ? (t = x * y) : (v = x - y, t = x);
  return t + u * v;
}

// A range-based for with an initializer (C++20, accepted by clang in C++17
// with a warning, silenced here).
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc++20-extensions"
CHAINRULE_GRAD CHAINRULE_JVP
double range_initializer(double x) {
  double s = 0;
  for (double w[3] = {x, x * x, 2}; double v : w)
    s += v * std::sin(v);
  return s;
}
#pragma clang diagnostic pop

CHAINRULE_GRAD CHAINRULE_JVP
double product(double *&p) { return p[0] * p[1] + std::sin(p[2]); }

#ifdef RUN_CHECKS
#include "check.h"
double countdown_grad(double x, int n, double *d_x);
double countdown_jvp(double x, int n, double t_x);
double halve_grad(double x, double *d_x);
double halve_jvp(double x, double t_x);
double condition_variable_grad(double x, int i, double *d_x);
double condition_variable_jvp(double x, int i, double t_x);
double do_with_assignment_grad(double x, double *d_x);
double do_with_assignment_jvp(double x, double t_x);
double if_variable_grad(double x, double *d_x);
double if_variable_jvp(double x, double t_x);
double switch_initializer_grad(double x, int k, double *d_x);
double switch_initializer_jvp(double x, int k, double t_x);
double switch_variable_grad(double x, int k, double *d_x);
double switch_variable_jvp(double x, int k, double t_x);
double nested_labels_grad(double x, int k, double *d_x);
double nested_labels_jvp(double x, int k, double t_x);
double label_switch_grad(double x, int k, double *d_x);
double label_switch_jvp(double x, int k, double t_x);
double chained_assignments_grad(double x, double y, double *d_x, double *d_y);
double chained_assignments_jvp(double x, double y, double t_x, double t_y);
double assigning_conditional_grad(double x, double y, bool b, double *d_x,
                                  double *d_y);
double assigning_conditional_jvp(double x, double y, bool b, double t_x,
                                 double t_y);
double range_initializer_grad(double x, double *d_x);
double range_initializer_jvp(double x, double t_x);
double product_grad(double *&p, double *d_p);
double product_jvp(double *&p, double *t_p);

// The derivative of a one-argument function, by its _grad and its _jvp,
// against central differences.
template <typename Grad, typename Jvp, typename Fn>
void check1(const char *What, Grad G, Jvp J, Fn F, double X) {
  double D = 0;
  double V = G(X, &D);
  crtest::expectNear(What, V, F(X), 1e-15);
  crtest::expectNear(What, D, crtest::central(F, X), 1e-6);
  crtest::expectNear(What, J(X, 1.0), D, 1e-12);
}

int main() {
  for (int n : {0, 1, 5})
    check1("countdown", [&](double x, double *d) { return countdown_grad(x, n, d); },
           [&](double x, double t) { return countdown_jvp(x, n, t); },
           [&](double x) { return countdown(x, n); }, 0.7);
  check1("halve", halve_grad, halve_jvp, halve, 0.9);
  for (int i : {0, 1, 4})
    check1("condition_variable",
           [&](double x, double *d) { return condition_variable_grad(x, i, d); },
           [&](double x, double t) { return condition_variable_jvp(x, i, t); },
           [&](double x) { return condition_variable(x, i); }, 1.3);
  check1("do_with_assignment", do_with_assignment_grad, do_with_assignment_jvp,
         do_with_assignment, 0.6);
  check1("range_initializer", range_initializer_grad, range_initializer_jvp,
         range_initializer, 0.9);
  check1("if_variable", if_variable_grad, if_variable_jvp, if_variable, 0.4);
  for (int k : {0, 1, 2, 5})
    check1("switch_initializer",
           [&](double x, double *d) { return switch_initializer_grad(x, k, d); },
           [&](double x, double t) { return switch_initializer_jvp(x, k, t); },
           [&](double x) { return switch_initializer(x, k); }, 1.1);
  for (int k : {0, 3})
    check1("switch_variable",
           [&](double x, double *d) { return switch_variable_grad(x, k, d); },
           [&](double x, double t) { return switch_variable_jvp(x, k, t); },
           [&](double x) { return switch_variable(x, k); }, 0.3);
  for (int k : {0, 1, 2})
    check1("nested_labels",
           [&](double x, double *d) { return nested_labels_grad(x, k, d); },
           [&](double x, double t) { return nested_labels_jvp(x, k, t); },
           [&](double x) { return nested_labels(x, k); }, 0.8);
  for (int k : {1, 2})
    check1("label_switch",
           [&](double x, double *d) { return label_switch_grad(x, k, d); },
           [&](double x, double t) { return label_switch_jvp(x, k, t); },
           [&](double x) { return label_switch(x, k); }, 0.8);

  double x = 0.7, y = -1.4, dx = 0, dy = 0;
  chained_assignments_grad(x, y, &dx, &dy);
  CR_EXPECT_FD(dx, [&](double v) { return chained_assignments(v, y); }, x);
  CR_EXPECT_FD(dy, [&](double v) { return chained_assignments(x, v); }, y);
  CR_EXPECT_NEAR_REL(chained_assignments_jvp(x, y, 1, 0), dx, 1e-12);
  CR_EXPECT_NEAR_REL(chained_assignments_jvp(x, y, 0, 1), dy, 1e-12);
  for (bool b : {true, false}) {
    double ax = 0, ay = 0;
    assigning_conditional_grad(x, y, b, &ax, &ay);
    CR_EXPECT_FD(ax, [&](double v) { return assigning_conditional(v, y, b); }, x);
    CR_EXPECT_FD(ay, [&](double v) { return assigning_conditional(x, v, b); }, y);
    CR_EXPECT_NEAR_REL(assigning_conditional_jvp(x, y, b, 1, 0), ax, 1e-12);
  }

  double buf[3] = {0.5, -2.0, 0.3}, dbuf[3] = {};
  double *p = buf;
  product_grad(p, dbuf);
  crtest::expectGradient("d_p", dbuf, buf, 3, [&] { return product(p); });
  double tp[3] = {0, 0, 1};
  CR_EXPECT_NEAR_REL(product_jvp(p, tp), dbuf[2], 1e-14);
  return crtest::finish();
}
#endif
