// std::vector grown by push_back (or emplace_back, after reserve) in loops
// and branches, then read: the generated code grows it the same way; the
// reverse sweep gives its shadow the final size and pops each pushed
// element's adjoint, last first; forward mode grows a tangent vector beside
// it. Both modes against central differences.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.fwd.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK: double features_grad(const double *x, int n, double s, double *d_x,
// CHECK: std::vector<double> f{};
// CHECK: f.push_back(x[i] * s);
// CHECK: std::vector<double> d_f(
// CHECK: = d_f.back();
// CHECK-NEXT: d_f.pop_back();
// FWD: double features_jvp(
// FWD: f.push_back(x_i * s);
// FWD-NEXT: t_f.push_back(
#include <chainrule/chainrule.h>
#include <cmath>
#include <vector>

static double dot(const std::vector<double> &a, const double *w) {
  double s = 0;
  for (int i = 0; i < (int)a.size(); ++i)
    s += a[i] * w[i % 3];
  return s;
}

// Features made in a loop, some only in a branch, then one more; read by a
// counted loop, a range-based for and a helper.
CHAINRULE_GRAD CHAINRULE_JVP
double features(const double *x, int n, double s) {
  std::vector<double> f;
  f.reserve(2 * n + 1);
  for (int i = 0; i < n; ++i) {
    f.push_back(x[i] * s);
    if (x[i] > 0)
      f.emplace_back(std::sin(x[i]));
  }
  f.push_back(s * s);
  double t = 0;
  for (int i = 0; i < (int)f.size(); ++i)
    t += f[i] * f[i];
  for (double v : f)
    t += std::tanh(v);
  const double w[3] = {0.5, -1.0, 2.0};
  return t + dot(f, w);
}

// Floats, a vector of integers beside (inactive), and elements rewritten
// once the vector is built.
CHAINRULE_GRAD CHAINRULE_JVP
float smooth(const float *x, int n) {
  std::vector<float> y;
  std::vector<int> idx;
  for (int i = 0; i < n; i += 2) {
    y.push_back(x[i] * x[i]);
    idx.push_back(i);
  }
  if (y.empty())
    return 0;
  for (int k = 1; k < (int)y.size(); ++k)
    y[k] = 0.5f * (y[k] + y[k - 1]) + x[idx[k]];
  return y.back();
}

// A loop whose only effect is pushing a value it does not change (the
// random programs found its reverse left out: the loop carries no active
// value).
CHAINRULE_GRAD CHAINRULE_JVP
double repeated(double z, int n) {
  std::vector<double> g;
  for (int i = 0; i < n; ++i)
    g.push_back(z * z);
  double t = 0;
  for (double v : g)
    t += std::sin(v);
  return t;
}

// Returns among the pushes: the statements after an `if` that returns are
// lowered on each of its paths (once this rejected the last push as
// following the read of the other path).
CHAINRULE_GRAD CHAINRULE_JVP
double early_returns(const double *x, int n, double s) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i) {
    if (x[i] > 5)
      return s;
    v.push_back(x[i] * s);
  }
  if (s > 1) {
    v.push_back(s);
  } else if (s < -1) {
    return 2 * s;
  }
  v.push_back(s * s);
  double t = 0;
  for (double e : v)
    t += e * e;
  return t;
}

#ifdef RUN_CHECKS
#include "check.h"
double features_grad(const double *x, int n, double s, double *d_x,
                     double *d_s);
double features_jvp(const double *x, int n, double s, const double *t_x,
                    double t_s);
float smooth_grad(const float *x, int n, float *d_x);
float smooth_jvp(const float *x, int n, const float *t_x);
double repeated_grad(double z, int n, double *d_z);
double early_returns_grad(const double *x, int n, double s, double *d_x,
                          double *d_s);
double early_returns_jvp(const double *x, int n, double s, const double *t_x,
                         double t_s);
double repeated_jvp(double z, int n, double t_z);

int main() {
  const float xf_empty[1] = {1.0f};
  double x[5] = {0.3, -1.2, 0.8, 2.1, -0.4};
  const int n = 5;
  double s = 0.7, dx[5] = {}, ds = 0;
  CR_EXPECT_NEAR_REL(features_grad(x, n, s, dx, &ds), features(x, n, s), 1e-15);
  crtest::expectGradient("d_features", dx, x, n, [&] { return features(x, n, s); });
  float dnone[1] = {};
  CR_EXPECT_EXACT(smooth_grad(xf_empty, 0, dnone), 0.0f);
  CR_EXPECT_FD(ds, [&](double v) { return features(x, n, v); }, s);
  for (int j = 0; j < n; ++j) {
    double t[5] = {};
    t[j] = 1;
    CR_EXPECT_NEAR_REL(features_jvp(x, n, s, t, 0), dx[j], 1e-12);
  }
  double none[5] = {};
  CR_EXPECT_NEAR_REL(features_jvp(x, n, s, none, 1), ds, 1e-12);

  float xf[6] = {0.5f, 1.5f, -0.25f, 2.0f, 1.25f, -1.0f}, dxf[6] = {};
  smooth_grad(xf, 6, dxf);
  // y = (x0^2, x2^2, x4^2) averaged in place, plus x[idx[k]]: the result
  // is x4^2 / 2 + (x2^2 + x0^2) / 4 + x2 / 2 + x4.
  float want[6] = {0.5f * xf[0], 0, 0.5f * xf[2] + 0.5f, 0, xf[4] + 1, 0};
  for (int j = 0; j < 6; ++j)
    CR_EXPECT_NEAR_REL(dxf[j], want[j], 1e-6);
  for (int j = 0; j < 6; ++j) {
    float t[6] = {};
    t[j] = 1;
    CR_EXPECT_NEAR_REL(smooth_jvp(xf, 6, t), dxf[j], 1e-6);
  }
  for (double sv : {2.0, 0.5, -2.0}) {
    double ex[3] = {0.5, -1.0, 2.0}, edx[3] = {}, eds = 0;
    early_returns_grad(ex, 3, sv, edx, &eds);
    CR_EXPECT_FD(eds, [&](double v) { return early_returns(ex, 3, v); }, sv);
    crtest::expectGradient("d_early", edx, ex, 3,
                           [&] { return early_returns(ex, 3, sv); });
    double none3[3] = {};
    CR_EXPECT_NEAR_REL(early_returns_jvp(ex, 3, sv, none3, 1), eds, 1e-13);
  }
  double dz = 0, z = 0.8;
  repeated_grad(z, 4, &dz);
  CR_EXPECT_NEAR_REL(dz, 4 * std::cos(z * z) * 2 * z, 1e-14);
  CR_EXPECT_NEAR_REL(repeated_jvp(z, 4, 1), dz, 1e-14);
  return crtest::finish();
}
#endif
