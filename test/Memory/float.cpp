// Buffers of float, array parameters (T[] and T[N]), *(p + i), accumulation
// into an output buffer (out[j] += a * x[i]), a std::vector by value, and
// both modes on the same functions: the gradient (reverse) against central
// differences and against the tangents (forward) in each direction.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t

#include <chainrule/chainrule.h>

#include <cmath>
#include <vector>

// An array parameter is a pointer (as C++ adjusts it).
// CHECK: float wsum_grad(const float *w, const float *x, int n, float *d_w, float *d_x);
CHAINRULE_GRAD
CHAINRULE_JVP
float wsum(const float *w, const float x[], int n) {
  float s = 0;
  for (int i = 0; i < n; ++i)
    s += *(w + i) * std::sin(x[i]);
  return s;
}

// out[j] += a * x[i]: the output's seed passes through to its entry value,
// so its shadow is only read, as by hand.
// CHECK-LABEL: float *d_a, float *d_x, float *d_out) {
// CHECK-NOT:     d_out[{{.*}}] =
// CHECK:         float [[S:d_out_[0-9]+]] = d_out[{{.*}}];
// CHECK-NEXT:    d_x[{{.*}}] += [[S]] * a
// CHECK-NOT:     d_out[{{.*}}] =
// CHECK-LABEL: const float *t_a, const float *t_x, float *t_out) {
CHAINRULE_GRAD
CHAINRULE_JVP
void outer(const float *a, const float *x, float *out, int m, int n) {
  for (int j = 0; j < m; ++j)
    for (int i = 0; i < n; ++i)
      out[j * n + i] += a[j] * x[i];
}

CHAINRULE_GRAD
CHAINRULE_JVP
double fixed(const double v[3], std::vector<double> u) {
  return v[0] * u[0] + v[1] * u[1] * u[1] + std::exp(v[2] * u[2]);
}

#ifdef RUN_CHECKS
#include "check.h"

float wsum_grad(const float *, const float[], int, float *, float *);
float wsum_jvp(const float *, const float[], int, const float *, const float *);
void outer_grad(const float *, const float *, float *, int, int, float *,
                float *, float *);
void outer_jvp(const float *, const float *, float *, int, int, const float *,
               const float *, float *);
double fixed_grad(const double[3], std::vector<double>, double *,
                  std::vector<double> *);
double fixed_jvp(const double[3], std::vector<double>, const double[3],
                 std::vector<double>);

/// Float checks: central differences of the float function with a step of
/// 1e-2 (float's rounding error, about 1e-7 relative, divided by a step of
/// 1e-6 would swamp the quotient), compared to 1e-3 relative.
constexpr double FloatStep = 1e-2, FloatTol = 1e-3;

int main() {
  float w[4] = {0.5f, -1, 2, 0.25f}, x[4] = {0.1f, 0.7f, -0.3f, 1.1f};
  {
    float dw[4] = {}, dx[4] = {};
    wsum_grad(w, x, 4, dw, dx);
    auto L = [&] { return wsum(w, x, 4); };
    crtest::expectGradient("wsum/w", dw, w, 4, L, FloatStep, FloatTol);
    crtest::expectGradient("wsum/x", dx, x, 4, L, FloatStep, FloatTol);
    // Forward mode in each direction agrees with reverse mode.
    for (int I = 0; I < 4; ++I) {
      float e[4] = {};
      e[I] = 1;
      float z[4] = {};
      CR_EXPECT_NEAR_REL(wsum_jvp(w, x, 4, e, z), dw[I], 1e-6);
      CR_EXPECT_NEAR_REL(wsum_jvp(w, x, 4, z, e), dx[I], 1e-6);
    }
  }
  {
    float a[2] = {1.5f, -0.5f}, out[8], da[2] = {}, dx[4] = {};
    float seed[8] = {1, 2, 3, 4, -1, -2, 0.5f, 0.25f}, dout[8];
    for (int I = 0; I < 8; ++I) {
      out[I] = 0.1f * I;
      dout[I] = seed[I];
    }
    outer_grad(a, x, out, 2, 4, da, dx, dout);
    auto L = [&] {
      float o[8] = {};
      outer(a, x, o, 2, 4);
      double S = 0;
      for (int I = 0; I < 8; ++I)
        S += seed[I] * o[I];
      return S;
    };
    crtest::expectGradient("outer/a", da, a, 2, L, FloatStep, FloatTol);
    crtest::expectGradient("outer/x", dx, x, 4, L, FloatStep, FloatTol);
    for (int I = 0; I < 8; ++I)
      CR_EXPECT_EXACT(dout[I], seed[I]); // += passes the seed through
    float ta[2] = {1, 0}, tx[4] = {0, 0, 1, 0}, t[8] = {};
    outer_jvp(a, x, out, 2, 4, ta, tx, t);
    CR_EXPECT_EXACT(t[2], x[2] * 1 + a[0] * 1);
  }
  {
    double v[3] = {0.3, -0.2, 0.9}, dv[3] = {};
    std::vector<double> u{1.5, 0.5, -1}, du(3);
    fixed_grad(v, u, dv, &du);
    crtest::expectGradient("fixed/v", dv, v, 3, [&] { return fixed(v, u); });
    crtest::expectGradient("fixed/u", du.data(), u.data(), 3,
                           [&] { return fixed(v, u); });
    double tv[3] = {1, 2, 3};
    std::vector<double> tu{0.5, -1, 2};
    CR_EXPECT_NEAR_REL(fixed_jvp(v, u, tv, tu),
                       dv[0] * 1 + dv[1] * 2 + dv[2] * 3 + du[0] * 0.5 -
                           du[1] + du[2] * 2,
                       1e-12);
  }
  return crtest::finish();
}
#endif
