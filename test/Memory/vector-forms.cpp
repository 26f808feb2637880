// std::vector and std::array made as people make them: from an initializer
// list, with a size and a value, declared empty and sized by resize or
// assign before use, and std::array::fill. Both modes against central
// differences.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd
#include <chainrule/chainrule.h>
#include <array>
#include <cmath>
#include <vector>

CHAINRULE_GRAD CHAINRULE_JVP
double from_list(double u, double v) {
  std::vector<double> a{u, v * v, 2.0};
  double s = 0;
  for (double x : a)
    s += std::sin(x) * u;
  return s;
}

CHAINRULE_GRAD CHAINRULE_JVP
double sized_with_value(double u, int n) {
  std::vector<double> a(n, u * u);
  a[n - 1] += u;
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * (i + 1);
  return s;
}

CHAINRULE_GRAD CHAINRULE_JVP
double resized(double u, int n) {
  std::vector<double> a;
  a.resize(n);
  std::vector<double> b;
  b.assign(n, std::exp(u));
  for (int i = 0; i < n; ++i)
    a[i] = u * i + b[i];
  return a[n - 1] * b[0];
}

CHAINRULE_GRAD CHAINRULE_JVP
double filled(double u) {
  std::array<double, 3> a;
  a.fill(u * 0.5);
  a[1] *= u;
  return a[0] * a[1] + a[2];
}

#ifdef RUN_CHECKS
#include "check.h"
double from_list_grad(double u, double v, double *d_u, double *d_v);
double from_list_jvp(double u, double v, double t_u, double t_v);
double sized_with_value_grad(double u, int n, double *d_u);
double sized_with_value_jvp(double u, int n, double t_u);
double resized_grad(double u, int n, double *d_u);
double resized_jvp(double u, int n, double t_u);
double filled_grad(double u, double *d_u);
double filled_jvp(double u, double t_u);
int main() {
  double u = 0.8, v = -0.6, du = 0, dv = 0;
  CR_EXPECT_EXACT(from_list_grad(u, v, &du, &dv), from_list(u, v));
  CR_EXPECT_FD(du, [&](double x) { return from_list(x, v); }, u);
  CR_EXPECT_FD(dv, [&](double x) { return from_list(u, x); }, v);
  CR_EXPECT_NEAR_REL(from_list_jvp(u, v, 0, 1), dv, 1e-12);
  for (int n : {1, 4}) {
    double d = 0;
    sized_with_value_grad(u, n, &d);
    CR_EXPECT_FD(d, [&](double x) { return sized_with_value(x, n); }, u);
    CR_EXPECT_NEAR_REL(sized_with_value_jvp(u, n, 1), d, 1e-12);
    d = 0;
    resized_grad(u, n, &d);
    CR_EXPECT_FD(d, [&](double x) { return resized(x, n); }, u);
    CR_EXPECT_NEAR_REL(resized_jvp(u, n, 1), d, 1e-12);
  }
  double d = 0;
  filled_grad(u, &d);
  CR_EXPECT_FD(d, filled, u);
  CR_EXPECT_NEAR_REL(filled_jvp(u, 1), d, 1e-12);
  return crtest::finish();
}
#endif
