// Optional buffers: a pointer tested against null (`b != nullptr`, `!mask`,
// `if (out)`, `p == nullptr`) tests whether the caller passed the buffer.
// The derivative tests the same buffer before it touches its shadow or
// tangent, so a caller passes null shadows and tangents for the buffers it
// passes null (as for the runtime's optional bias). Checked against central
// differences with each buffer passed and left out, in both modes.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK-LABEL: double layer_grad(
// The test is on the buffer itself, in the primal loop and in the reverse
// loop, where it guards the shadow.
// CHECK:         if (b != nullptr) {
// CHECK:         if (mask == nullptr) {
// CHECK:         if (b != nullptr) {
// CHECK-NEXT:      d_b[{{.*}}] += d_v;
// FWD-LABEL: double layer_jvp(
// FWD:           if (b != nullptr) {
// FWD:             t_v_1 = t_v + t_b[i];
#include <chainrule/chainrule.h>
#include <cmath>

/// A layer with an optional bias and an optional mask.
CHAINRULE_GRAD CHAINRULE_JVP
double layer(const double *x, const double *w, const double *b,
             const double *mask, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double v = w[i] * x[i];
    if (b != nullptr)
      v += b[i];
    if (!mask || mask[i] > 0.5)
      s += std::tanh(v);
  }
  return s;
}

/// An optional output written along the way, and an early return.
CHAINRULE_GRAD CHAINRULE_JVP
double scaled(const double *x, double k, double *out, int n) {
  if (x == nullptr)
    return 0;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    double v = k * x[i] * x[i];
    if (out)
      out[i] = std::sin(v);
    s += v;
  }
  return s;
}

#ifdef RUN_CHECKS
#include "check.h"
double layer_grad(const double *x, const double *w, const double *b,
                  const double *mask, int n, double *d_x, double *d_w,
                  double *d_b, double *d_mask);
double layer_jvp(const double *x, const double *w, const double *b,
                 const double *mask, int n, const double *t_x,
                 const double *t_w, const double *t_b, const double *t_mask);
double scaled_grad(const double *x, double k, double *out, int n, double *d_x,
                   double *d_k, double *d_out);
double scaled_jvp(const double *x, double k, double *out, int n,
                  const double *t_x, double t_k, double *t_out);

int main() {
  const int N = 4;
  double x[N] = {0.3, -0.7, 1.1, 0.5}, w[N] = {0.9, 0.4, -0.6, 1.3};
  double b[N] = {0.1, -0.2, 0.05, 0.3}, mask[N] = {1, 0, 1, 1};
  for (int Variant = 0; Variant < 4; ++Variant) {
    const double *B = Variant & 1 ? b : nullptr;
    const double *M = Variant & 2 ? mask : nullptr;
    double dx[N] = {}, dw[N] = {}, db[N] = {};
    CR_EXPECT_NEAR_REL(layer_grad(x, w, B, M, N, dx, dw, B ? db : nullptr,
                                  nullptr),
                       layer(x, w, B, M, N), 1e-15);
    for (int i = 0; i < N; ++i) {
      auto Fw = [&](double t) {
        double c[N] = {w[0], w[1], w[2], w[3]};
        c[i] = t;
        return layer(x, c, B, M, N);
      };
      CR_EXPECT_NEAR_REL(dw[i], crtest::central(Fw, w[i]),
                         crtest::kFiniteDifferenceTol);
      double e[N] = {}, zero[N] = {};
      e[i] = 1;
      CR_EXPECT_NEAR_REL(layer_jvp(x, w, B, M, N, zero, e, B ? zero : nullptr,
                                   nullptr),
                         dw[i], 1e-12);
      if (!B)
        continue;
      auto Fb = [&](double t) {
        double c[N] = {b[0], b[1], b[2], b[3]};
        c[i] = t;
        return layer(x, w, c, M, N);
      };
      CR_EXPECT_NEAR_REL(db[i], crtest::central(Fb, b[i]),
                         crtest::kFiniteDifferenceTol);
      CR_EXPECT_NEAR_REL(layer_jvp(x, w, B, M, N, zero, zero, e, nullptr),
                         db[i], 1e-12);
    }
  }

  // L = scaled + <seed, out>; without out, L = scaled.
  double seed[N] = {0.2, -0.5, 0.7, 0.1};
  for (bool WithOut : {false, true}) {
    auto L = [&](const double *xs, double k) {
      double o[N];
      double v = scaled(xs, k, WithOut ? o : nullptr, N);
      for (int i = 0; WithOut && i < N; ++i)
        v += seed[i] * o[i];
      return v;
    };
    double out[N], dout[N] = {seed[0], seed[1], seed[2], seed[3]};
    double dx[N] = {}, dk = 0;
    CR_EXPECT_NEAR_REL(scaled_grad(x, 0.8, WithOut ? out : nullptr, N, dx, &dk,
                                   WithOut ? dout : nullptr),
                       scaled(x, 0.8, nullptr, N), 1e-15);
    CR_EXPECT_NEAR_REL(dk, crtest::central([&](double t) { return L(x, t); }, 0.8),
                       crtest::kFiniteDifferenceTol);
    double zero[N] = {}, tout[N];
    double jk = scaled_jvp(x, 0.8, WithOut ? out : nullptr, N, zero, 1,
                           WithOut ? tout : nullptr);
    for (int i = 0; WithOut && i < N; ++i)
      jk += seed[i] * tout[i];
    CR_EXPECT_NEAR_REL(jk, dk, 1e-12);
    for (int i = 0; i < N; ++i) {
      auto F = [&](double t) {
        double c[N] = {x[0], x[1], x[2], x[3]};
        c[i] = t;
        return L(c, 0.8);
      };
      CR_EXPECT_NEAR_REL(dx[i], crtest::central(F, x[i]),
                         crtest::kFiniteDifferenceTol);
    }
  }
  double dk = 0;
  CR_EXPECT_EXACT(scaled_grad(nullptr, 0.8, nullptr, N, nullptr, &dk, nullptr), 0);
  CR_EXPECT_EXACT(dk, 0);
  return crtest::finish();
}
#endif
