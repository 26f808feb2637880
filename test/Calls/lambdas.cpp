// Lambdas called inside the differentiated function: without captures,
// generic, capturing by value (a scalar whose variable changes after the
// capture, a struct, a pointer, an init-capture) and by reference (a scalar the lambda
// changes, an array), implicitly ([&], [=]), called in a loop, called
// where it is written, and calling another lambda, also one that captures
// (nested captures, a buffer captured by reference). Calls are inlined: no
// helper is generated for a lambda.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.fwd.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK-NOT: static {{.*}}_vjp(
// CHECK-LABEL: double model_grad(
// CHECK: return
// FWD-NOT: static {{.*}}_jvp(
// FWD-LABEL: const double *t_w) {
// FWD: return
#include <chainrule/chainrule.h>
#include <cmath>

struct Affine {
  double a, b;
};

CHAINRULE_GRAD CHAINRULE_JVP
double model(double x, double y, const double *w) {
  auto sq = [](double t) { return t * t; };
  auto twice = [](auto t) { return t + t; }; // generic
  double scale = y;
  auto scaled = [scale, &sq](double t) { return scale * sq(t); };
  scale = 100; // the lambda keeps the value it captured
  Affine f{x, y};
  auto apply = [f](double t) { return f.a * t + f.b; };
  double total = 0;
  auto add = [&total](double v) { total += v; }; // changes the caller's local
  double acc[3] = {0, 0, 0};
  auto put = [&](int i, double v) { acc[i] += v * x; };
  const double *p = w;
  auto weight = [=, k = 0.5 * y](int i) { return p[i] * scale + k; };
  for (int i = 0; i < 3; ++i) {
    add(weight(i) * std::sin(x * (i + 1)));
    put(i, w[i]);
  }
  add(scaled(x) + apply(y) + twice(x * y));
  double cube = [&](double t) { return t * sq(t); }(y); // called where written
  return total + acc[0] * acc[1] + acc[2] * cube;
}

// Lambdas capturing lambdas that capture (by reference, by copy, with an
// init-capture), a buffer parameter captured by reference ([&], its value:
// nothing reassigns it), and a lambda called where it is written calling
// a captured one.
CHAINRULE_GRAD CHAINRULE_JVP
double nested(double x, double k, const double *w) {
  auto sq = [&](double t) { return k * t * t; };
  auto both = [&, c = 2.0](double t) { return sq(t) + c * sq(w[0] * t); };
  auto outer = [=](double t) { return both(t) * k; };
  double s = 0;
  for (int i = 0; i < 3; ++i)
    s += outer(x + i);
  return s + [&](double t) { return sq(t); }(x);
}

#ifdef RUN_CHECKS
#include "check.h"
double nested_grad(double x, double k, const double *w, double *d_x,
                   double *d_k, double *d_w);
double nested_jvp(double x, double k, const double *w, double t_x, double t_k,
                  const double *t_w);
double model_grad(double x, double y, const double *w, double *d_x,
                  double *d_y, double *d_w);
double model_jvp(double x, double y, const double *w, double t_x, double t_y,
                 const double *t_w);

int main() {
  double x = 0.7, y = -0.4, w[3] = {0.3, -1.2, 0.8};
  double dx = 0, dy = 0, dw[3] = {0, 0, 0};
  CR_EXPECT_NEAR_REL(model_grad(x, y, w, &dx, &dy, dw), model(x, y, w), 1e-15);
  CR_EXPECT_NEAR_REL(
      dx, crtest::central([&](double t) { return model(t, y, w); }, x),
      crtest::kFiniteDifferenceTol);
  CR_EXPECT_NEAR_REL(
      dy, crtest::central([&](double t) { return model(x, t, w); }, y),
      crtest::kFiniteDifferenceTol);
  double zero[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    auto F = [&](double t) {
      double c[3] = {w[0], w[1], w[2]};
      c[i] = t;
      return model(x, y, c);
    };
    CR_EXPECT_NEAR_REL(dw[i], crtest::central(F, w[i]),
                       crtest::kFiniteDifferenceTol);
    double e[3] = {0, 0, 0};
    e[i] = 1;
    CR_EXPECT_NEAR_REL(model_jvp(x, y, w, 0, 0, e), dw[i], 1e-12);
  }
  CR_EXPECT_NEAR_REL(model_jvp(x, y, w, 1, 0, zero), dx, 1e-12);

  double nx = 0, nk = 0, nw[3] = {0, 0, 0}, k = 0.8;
  CR_EXPECT_NEAR_REL(nested_grad(x, k, w, &nx, &nk, nw), nested(x, k, w),
                     1e-15);
  CR_EXPECT_NEAR_REL(
      nx, crtest::central([&](double t) { return nested(t, k, w); }, x),
      crtest::kFiniteDifferenceTol);
  CR_EXPECT_NEAR_REL(
      nk, crtest::central([&](double t) { return nested(x, t, w); }, k),
      crtest::kFiniteDifferenceTol);
  CR_EXPECT_NEAR_REL(nw[0], crtest::central([&](double t) {
                       double c[3] = {t, w[1], w[2]};
                       return nested(x, k, c);
                     }, w[0]),
                     crtest::kFiniteDifferenceTol);
  double e0[3] = {1, 0, 0};
  CR_EXPECT_NEAR_REL(nested_jvp(x, k, w, 1, 0, zero), nx, 1e-12);
  CR_EXPECT_NEAR_REL(nested_jvp(x, k, w, 0, 1, zero), nk, 1e-12);
  CR_EXPECT_NEAR_REL(nested_jvp(x, k, w, 0, 0, e0), nw[0], 1e-12);
  CR_EXPECT_NEAR_REL(model_jvp(x, y, w, 0, 1, zero), dy, 1e-12);
  return crtest::finish();
}
#endif
