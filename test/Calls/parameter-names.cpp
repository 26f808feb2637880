// Parameter names as C++ allows them: the parameters of a pack expansion
// share one name (`T... y` instantiated for two arguments is `y, y`), and a
// user's parameter may already be called like a derivative's (`t_x`,
// `d_x`) or like chainrule's implicit ones (`self`, `primal`). Every
// parameter of generated code has a name of its own.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.fwd.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK: static double fn1_vjp(double x, double y, double y_, double d_ret, double *d_x,
// CHECK-NEXT: double *d_y, double *d_y_);
// CHECK: double named_grad(double x, double d_x, double t_x, double primal, double *d_x_,
// CHECK-NEXT: double *d_d_x, double *d_t_x, double *d_primal);
// FWD: static double fn1_jvp(double x, double y, double y_, double t_x, double t_y,
// FWD-NEXT: double t_y_, double *primal);
// FWD: double named_jvp(double x, double d_x, double t_x, double primal, double t_x_,
// FWD-NEXT: double t_d_x, double t_t_x, double t_primal);
#include <chainrule/chainrule.h>
#include <cmath>

template <typename... T> double fn1(double x, T... y) { return (x * ... * y); }

CHAINRULE_GRAD CHAINRULE_JVP
double packs(double x, double y) { return fn1(x, y, y) + fn1(y, x); }

CHAINRULE_GRAD CHAINRULE_JVP
double named(double x, double d_x, double t_x, double primal) {
  return x * std::sin(d_x) + t_x * t_x * primal;
}

#ifdef RUN_CHECKS
#include "check.h"
double packs_grad(double x, double y, double *d_x, double *d_y);
double packs_jvp(double x, double y, double t_x, double t_y);
double named_grad(double x, double d_x, double t_x, double primal, double *d_x_,
                  double *d_d_x, double *d_t_x, double *d_primal);
double named_jvp(double x, double d_x, double t_x, double primal, double t_x_,
                 double t_d_x, double t_t_x, double t_primal);
int main() {
  double x = 0.7, y = -1.3, dx = 0, dy = 0;
  packs_grad(x, y, &dx, &dy);
  // x y^2 + y x: d/dx = y^2 + y, d/dy = 2 x y + x.
  CR_EXPECT_EXACT(dx, y * y + y);
  CR_EXPECT_EXACT(dy, 2 * x * y + x);
  CR_EXPECT_EXACT(packs_jvp(x, y, 1, 0), dx);
  CR_EXPECT_EXACT(packs_jvp(x, y, 0, 1), dy);

  double a[4] = {0.4, 1.1, -0.6, 2.5}, d[4] = {};
  named_grad(a[0], a[1], a[2], a[3], &d[0], &d[1], &d[2], &d[3]);
  crtest::expectGradient("d_named", d, a, 4,
                         [&] { return named(a[0], a[1], a[2], a[3]); });
  for (int I = 0; I != 4; ++I) {
    double t[4] = {};
    t[I] = 1;
    CR_EXPECT_NEAR_REL(named_jvp(a[0], a[1], a[2], a[3], t[0], t[1], t[2], t[3]),
                       d[I], 1e-12);
  }
  return crtest::finish();
}
#endif
