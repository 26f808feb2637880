// Structs that hold pointers into buffers (views): a struct of weight views
// made in the function (an LSTM cell's gates over one parameter buffer), a
// matrix view class with operator(), rows() and cols() made locally and
// passed to a helper, and views passed in by reference, active (their
// shadow and tangent are views of the same type, over the shadow and
// tangent buffers) or not. A view made in the function disappears: its
// pointers are the buffers' own. Checked against central differences in
// both modes.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

// The local views are gone: the gate reads the parameter buffer.
// CHECK:       double weighted_jvp(
// CHECK:       double cell_grad(
// CHECK-NOT:     Gates
// CHECK:         double a = params[i] * x_i + params[3 + i] * h_i + params[6 + i];
// A view passed in is read once; its shadow is the same member of the
// shadow view, written through.
// CHECK:       double quadratic_grad(
// CHECK:         auto *data = a.data;
// CHECK:         auto *d_data = const_cast<double *>(d_a->data);
#include <chainrule/chainrule.h>

#include <cmath>

/// The weights of one gate: views into a flat parameter buffer.
struct Gates {
  const double *w;
  const double *u;
  const double *b;
};

/// A row-major matrix view.
struct MatView {
  const double *data;
  int r, c;
  double operator()(int i, int j) const { return data[i * c + j]; }
  int rows() const { return r; }
  int cols() const { return c; }
};

constexpr int H = 3;

// One LSTM-like cell: gates built from one buffer of parameters.
CHAINRULE_GRAD CHAINRULE_JVP
double cell(const double *params, const double *x, const double *h) {
  Gates in{params, params + H, params + 2 * H};
  Gates forget{params + 3 * H, params + 4 * H, params + 5 * H};
  double s = 0;
  for (int i = 0; i < H; ++i) {
    double a = in.w[i] * x[i] + in.u[i] * h[i] + in.b[i];
    double f = forget.w[i] * x[i] + forget.u[i] * h[i] + forget.b[i];
    s += std::tanh(a) / (1 + std::exp(-f));
  }
  return s;
}

static double quad(const MatView &m, const double *x) {
  double s = 0;
  for (int i = 0; i < m.rows(); ++i)
    for (int j = 0; j < m.cols(); ++j)
      s += m(i, j) * x[i] * x[j];
  return s;
}

// A view made locally and passed to a helper.
CHAINRULE_GRAD CHAINRULE_JVP
double local_view(const double *p, const double *x) {
  MatView m{p, 2, 2};
  return quad(m, x) + std::sin(m(1, 0));
}

// A view passed in, active.
CHAINRULE_GRAD CHAINRULE_JVP
double quadratic(const MatView &a, const double *x) {
  return quad(a, x);
}

// A view passed in that carries no derivative.
CHAINRULE_GRAD_WRT(x) CHAINRULE_JVP_WRT(x)
double weighted(const MatView &weights, const double *x) {
  return std::exp(0.1 * quad(weights, x));
}

#ifdef RUN_CHECKS
#include "check.h"
double cell_grad(const double *params, const double *x, const double *h,
                 double *d_params, double *d_x, double *d_h);
double cell_jvp(const double *params, const double *x, const double *h,
                const double *t_params, const double *t_x, const double *t_h);
double local_view_grad(const double *p, const double *x, double *d_p,
                       double *d_x);
double local_view_jvp(const double *p, const double *x, const double *t_p,
                      const double *t_x);
double quadratic_grad(const MatView &a, const double *x, MatView *d_a,
                      double *d_x);
double quadratic_jvp(const MatView &a, const double *x, const MatView &t_a,
                     const double *t_x);
double weighted_grad(const MatView &weights, const double *x, double *d_x);
double weighted_jvp(const MatView &weights, const double *x, const double *t_x);

/// Checks a gradient over buffer \p X of \p N values against central
/// differences and the tangent \p Jvp in each direction.
template <typename F, typename J>
void checkBuffer(const char *Name, double *X, const double *Grad, int N, F Fn,
                 J Jvp) {
  crtest::expectGradient(Name, Grad, X, N, Fn);
  for (int i = 0; i < N; ++i) {
    double e[8] = {};
    e[i] = 1;
    CR_EXPECT_NEAR_REL(Jvp(e), Grad[i], 1e-12);
  }
}

int main() {
  double params[6 * H], x[H] = {0.3, -0.7, 1.1}, h[H] = {0.2, 0.5, -0.4};
  for (int i = 0; i < 6 * H; ++i)
    params[i] = 0.1 * (i % 7) - 0.3;
  {
    double dp[6 * H] = {}, dx[H] = {}, dh[H] = {}, zp[6 * H] = {}, z[H] = {};
    CR_EXPECT_EXACT(cell_grad(params, x, h, dp, dx, dh), cell(params, x, h));
    auto F = [&] { return cell(params, x, h); };
    crtest::expectGradient("d_params", dp, params, 6 * H, F);
    checkBuffer("d_x", x, dx, H, F,
                [&](const double *e) { return cell_jvp(params, x, h, zp, e, z); });
    checkBuffer("d_h", h, dh, H, F,
                [&](const double *e) { return cell_jvp(params, x, h, zp, z, e); });
  }
  double p[4] = {1, 2, 3, 4}, y[2] = {0.5, -1}, z2[4] = {};
  {
    double dp[4] = {}, dy[2] = {};
    CR_EXPECT_EXACT(local_view_grad(p, y, dp, dy), local_view(p, y));
    auto F = [&] { return local_view(p, y); };
    checkBuffer("d_p", p, dp, 4, F,
                [&](const double *e) { return local_view_jvp(p, y, e, z2); });
    checkBuffer("d_y", y, dy, 2, F,
                [&](const double *e) { return local_view_jvp(p, y, z2, e); });
  }
  {
    // The shadow view points into the shadow buffer.
    MatView a{p, 2, 2};
    double dp[4] = {}, dy[2] = {};
    MatView da{dp, 2, 2};
    CR_EXPECT_EXACT(quadratic_grad(a, y, &da, dy), quadratic(a, y));
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j)
        CR_EXPECT_EXACT(dp[i * 2 + j], y[i] * y[j]);
    CR_EXPECT_EXACT(dy[0], 2 * p[0] * y[0] + (p[1] + p[2]) * y[1]);
    CR_EXPECT_EXACT(dy[1], (p[1] + p[2]) * y[0] + 2 * p[3] * y[1]);
    auto F = [&] { return quadratic(a, y); };
    checkBuffer("d_p (view)", p, dp, 4, F, [&](const double *e) {
      return quadratic_jvp(a, y, MatView{e, 2, 2}, z2);
    });
    checkBuffer("d_y (view)", y, dy, 2, F, [&](const double *e) {
      return quadratic_jvp(a, y, MatView{z2, 2, 2}, e);
    });
  }
  {
    MatView w{p, 2, 2};
    double dy[2] = {};
    CR_EXPECT_EXACT(weighted_grad(w, y, dy), weighted(w, y));
    checkBuffer("d_y (weights)", y, dy, 2, [&] { return weighted(w, y); },
                [&](const double *e) { return weighted_jvp(w, y, e); });
  }
  return crtest::finish();
}
#endif
