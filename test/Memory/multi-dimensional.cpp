// Multi-dimensional arrays: a local 2x2 matrix built from an initializer
// list, struct members `double W[2][3]`, parameters `const double (*q)[3]`
// and `double a[][3]` (pointers to rows: their shadows and tangents have
// the same shape), a global table `kW[2][3]`, and a loop over rows and
// columns. chainrule keeps the numbers of an array row after row, so a
// row is a step over all its numbers. Checked against central differences
// in both modes.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

// CHECK:       double layer_grad(const Layer &l, const double (*q)[3], double (*a)[3],
// CHECK-NEXT:                    Layer *d_l, double (*d_q)[3], double (*d_a)[3]);
// CHECK:       double layer_jvp(const Layer &l, const double (*q)[3], double (*a)[3],
// CHECK-NEXT:                   const Layer &t_l, const double (*t_q)[3], double (*t_a)[3]);
#include <chainrule/chainrule.h>

#include <cmath>

struct Layer {
  double W[2][3];
  double bias;
};

static const double kW[2][3] = {{0.5, -0.25, 1.0}, {2.0, 0.75, -1.5}};

// The determinant of a local 2x2 matrix.
CHAINRULE_GRAD CHAINRULE_JVP
double det2(double a, double b) {
  double m[2][2] = {{a, b}, {b * b, a - b}};
  return m[0][0] * m[1][1] - m[0][1] * m[1][0];
}

// Rows of a member, of a pointer to rows (read), of an array parameter
// (written: a[i][j] *= ...), and of a global table.
CHAINRULE_GRAD CHAINRULE_JVP
double layer(const Layer &l, const double (*q)[3], double a[][3]) {
  double s = l.bias;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) {
      a[i][j] *= std::tanh(l.W[i][j] * q[i][j]);
      s += kW[i][j] * a[i][j] + q[1 - i][2 - j] * q[i][j];
    }
  return s;
}

#ifdef RUN_CHECKS
#include "check.h"
double det2_grad(double a, double b, double *d_a, double *d_b);
double det2_jvp(double a, double b, double t_a, double t_b);
double layer_grad(const Layer &l, const double (*q)[3], double a[][3],
                  Layer *d_l, double (*d_q)[3], double (*d_a)[3]);
double layer_jvp(const Layer &l, const double (*q)[3], double a[][3],
                 const Layer &t_l, const double (*t_q)[3], double (*t_a)[3]);

int main() {
  {
    double a = 1.3, b = -0.4, da = 0, db = 0;
    CR_EXPECT_EXACT(det2_grad(a, b, &da, &db), det2(a, b));
    // det = a (a - b) - b^3: d/da = 2a - b, d/db = -a - 3 b^2.
    CR_EXPECT_EXACT(da, 2 * a - b);
    CR_EXPECT_EXACT(db, -a - 3 * b * b);
    CR_EXPECT_EXACT(det2_jvp(a, b, 1, 0), da);
    CR_EXPECT_EXACT(det2_jvp(a, b, 0, 1), db);
  }
  Layer l{{{0.3, -0.7, 1.1}, {0.5, 0.2, -0.4}}, 0.25};
  double q[2][3] = {{0.9, 0.4, -0.6}, {1.3, -0.2, 0.8}};
  const double a0[2][3] = {{0.1, 0.2, 0.3}, {-0.4, 0.5, -0.6}};
  // L = layer + <seed, a after the call>.
  const double seed[2][3] = {{0.3, -0.1, 0.2}, {0.7, 0.4, -0.5}};
  auto L = [&](const Layer &ll, const double (*qq)[3]) {
    double a[2][3];
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j)
        a[i][j] = a0[i][j];
    double v = layer(ll, qq, a);
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j)
        v += seed[i][j] * a[i][j];
    return v;
  };
  double a[2][3], da[2][3], dq[2][3] = {};
  Layer dl{};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) {
      a[i][j] = a0[i][j];
      da[i][j] = seed[i][j];
    }
  double value = layer_grad(l, q, a, &dl, dq, da);
  double b[2][3];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      b[i][j] = a0[i][j];
  CR_EXPECT_EXACT(value, layer(l, q, b));
  crtest::expectGradient("d_q", &dq[0][0], &q[0][0], 6, [&] { return L(l, q); });
  crtest::expectGradient("d_l.W", &dl.W[0][0], &l.W[0][0], 6,
                         [&] { return L(l, q); });
  CR_EXPECT_FD(dl.bias, [&](double t) {
    Layer m = l;
    m.bias = t;
    return L(m, q);
  }, l.bias);
  // d_a holds the adjoint of a on entry: against differences in a0.
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) {
      auto F = [&](double t) {
        double c[2][3];
        for (int r = 0; r < 2; ++r)
          for (int s = 0; s < 3; ++s)
            c[r][s] = a0[r][s];
        c[i][j] = t;
        double v = layer(l, q, c);
        for (int r = 0; r < 2; ++r)
          for (int s = 0; s < 3; ++s)
            v += seed[r][s] * c[r][s];
        return v;
      };
      CR_EXPECT_FD(da[i][j], F, a0[i][j]);
    }
  // Forward mode, in the direction of q[1][2].
  Layer tl{};
  double tq[2][3] = {}, ta[2][3] = {};
  tq[1][2] = 1;
  double c[2][3];
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      c[i][j] = a0[i][j];
  double t = layer_jvp(l, q, c, tl, tq, ta);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      t += seed[i][j] * ta[i][j];
  CR_EXPECT_NEAR_REL(t, dq[1][2], 1e-12);
  return crtest::finish();
}
#endif
