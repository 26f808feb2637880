// An annotated function template: each instantiation the translation unit
// uses gets its derivatives, as overloads of one name (here for double,
// instantiated by a call, and for float, instantiated explicitly). A
// template with a non-type parameter works the same way.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=WARN --allow-empty
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.fwd.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK-DAG: double logsumexp_grad(const double *x, int n, double *d_x);
// CHECK-DAG: float logsumexp_grad(const float *x, int n, float *d_x);
// CHECK-DAG: double poly_grad(double x, double *d_x);
double logsumexp_jvp(const double *x, int n, const double *t_x);
// FWD-DAG: double logsumexp_jvp(const double *x, int n, const double *t_x);
// FWD-DAG: float logsumexp_jvp(const float *x, int n, const float *t_x);
// WARN: warning: chainrule: the annotated template 'unused' is not instantiated in this translation unit: no derivative is generated for it (call it, or instantiate it explicitly)
#include <chainrule/chainrule.h>
#include <cmath>

template <typename T>
CHAINRULE_GRAD CHAINRULE_JVP T logsumexp(const T *x, int n) {
  T m = x[0];
  for (int i = 1; i < n; ++i)
    m = std::max(m, x[i]);
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return m + std::log(s);
}
template float logsumexp<float>(const float *, int);

template <int N> CHAINRULE_GRAD double poly(double x) {
  double r = 0;
  for (int k = N; k >= 0; --k)
    r = r * x + (k + 1);
  return r;
}

template <typename T> CHAINRULE_GRAD T unused(T x) { return x * x; }

// Uses of the instantiations for double (and poly<3>).
double use(const double *x, int n) { return logsumexp(x, n) + poly<3>(x[0]); }

// A function calling an instantiation.
CHAINRULE_GRAD double twice(const double *x) { return 2 * logsumexp(x, 3); }

#ifdef RUN_CHECKS
#include "check.h"
double logsumexp_grad(const double *x, int n, double *d_x);
float logsumexp_grad(const float *x, int n, float *d_x);
double poly_grad(double x, double *d_x);
double logsumexp_jvp(const double *x, int n, const double *t_x);
double twice_grad(const double *x, double *d_x);

int main() {
  double x[4] = {0.3, -1.2, 2.1, 0.4}, dx[4] = {0, 0, 0, 0};
  CR_EXPECT_NEAR_REL(logsumexp_grad(x, 4, dx), logsumexp(x, 4), 1e-15);
  // The gradient of logsumexp is softmax.
  double z = 0;
  for (double v : x)
    z += std::exp(v);
  for (int i = 0; i < 4; ++i) {
    CR_EXPECT_NEAR_REL(dx[i], std::exp(x[i]) / z, 1e-12);
    double e[4] = {0, 0, 0, 0};
    e[i] = 1;
    CR_EXPECT_NEAR_REL(logsumexp_jvp(x, 4, e), dx[i], 1e-12);
  }
  float xf[3] = {0.5f, -0.25f, 1.0f}, dxf[3] = {0, 0, 0};
  CR_EXPECT_NEAR_REL(logsumexp_grad(xf, 3, dxf), logsumexp(xf, 3), 1e-7);
  float zf = std::exp(0.5f) + std::exp(-0.25f) + std::exp(1.0f);
  for (int i = 0; i < 3; ++i)
    CR_EXPECT_NEAR_REL(dxf[i], std::exp(xf[i]) / zf, 1e-6);
  double dp = 0;
  poly_grad(0.7, &dp);
  // d/dx (4x^3 + 3x^2 + 2x + 1) = 12x^2 + 6x + 2.
  CR_EXPECT_NEAR_REL(dp, 12 * 0.49 + 6 * 0.7 + 2, 1e-12);
  double dt[4] = {0, 0, 0, 0};
  twice_grad(x, dt);
  double z3 = std::exp(x[0]) + std::exp(x[1]) + std::exp(x[2]);
  for (int i = 0; i < 3; ++i)
    CR_EXPECT_NEAR_REL(dt[i], 2 * std::exp(x[i]) / z3, 1e-12);
  (void)use;
  return crtest::finish();
}
#endif
