// Buffers in both modes (docs/user-guide.md). Reverse: shadows of pointer and
// reference parameters accumulate; a written buffer's shadow holds its seed
// on entry and the adjoint of its entry contents on return. Values the
// reverse sweep needs are kept as SSA values; in loop bodies, only loads of
// elements that may be overwritten later are recorded (CHECK lines).
// Forward: tangent buffers beside the primal ones, read where the primal
// reads and written where it writes; an output buffer's tangent holds the
// tangent of its final contents (FWD lines).
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen %s -o %t.auto.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.auto.cpp -o %t.auto && %t.auto

#include <chainrule/chainrule.h>
#include <cmath>

// Nothing recorded: the inputs are read again in the reverse loop.
// (Labels match the last line of a definition's signature: the
// declarations before the definitions end in ';'.)
// CHECK-LABEL: double *d_y) {
// CHECK-NOT:     chainrule::Tape
// CHECK:         while (k > 0L) {
// CHECK:           d_y[[[I:i_[0-9]+]]] += d_s * x[[[I]]];
// CHECK-NEXT:      d_x[[[I]]] += d_s * y[[[I]]];
// FWD-LABEL: {{^}}               const double *t_y) {
// FWD:         double t_s_1 = t_s + (y_i * t_x[i] + x_i * t_y[i]);
CHAINRULE_GRAD CHAINRULE_JVP
double dot(const double* x, const double* y, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += x[i] * y[i];
  return s;
}

// A pointer walked through the buffer is an offset from its start; the two
// reads of *p are one.
// CHECK-LABEL: double sumsq_grad(const double *x, int n, double *d_x) {
// CHECK-NOT:     chainrule::Tape
// CHECK:         d_x[[[P:p_offset_[0-9]+]]] += 2 * (d_s * x[[[P]]]);
CHAINRULE_GRAD CHAINRULE_JVP
double sumsq(const double* x, int n) {
  double s = 0;
  for (const double* p = x; p != x + n; ++p) s += *p * *p;
  return s;
}

// y = W x, then loss = sum y^2
// The inner loop's result is recorded, not recomputed; its reverse reads W
// and x again. The output y's seed joins d_acc, and d_y is reset.
// CHECK-LABEL: int n, double *d_W, double *d_x, double *d_y) {
// CHECK:         acc_tape.append(acc);
// CHECK:         d_y[[[I:i_[0-9]+]]] = 0.0;
// CHECK:           d_x[[[J:j_[0-9]+]]] += {{.*}} * W[
// CHECK-NEXT:      d_W[{{.*}}] += {{.*}} * x[[[J]]];
CHAINRULE_GRAD CHAINRULE_JVP
double matvec_loss(const double* W, const double* x, double* y, int m, int n) {
  double loss = 0;
  for (int i = 0; i < m; ++i) {
    double acc = 0;
    for (int j = 0; j < n; ++j) acc += W[i * n + j] * x[j];
    y[i] = acc;
    loss += acc * acc;
  }
  return loss;
}

// In-place updates: the values overwritten are recorded as they are read.
// CHECK-LABEL: void scale_softmax_grad(double *y, double s, int n, double *d_y, double *d_s) {
// CHECK:         y_i_tape.append(y_i);
// CHECK-NEXT:    y[i] = y_i * s;
// FWD-LABEL: void scale_softmax_jvp(double *y, double s, int n, double *t_y, double t_s) {
// FWD:         y[i] = y_i * s;
// FWD-NEXT:    t_y[i] = s * t_y[i] + y_i * t_s;
CHAINRULE_GRAD CHAINRULE_JVP
void scale_softmax(double* y, double s, int n) {
  for (int i = 0; i < n; ++i) y[i] *= s;
  double m = y[0];
  for (int i = 1; i < n; ++i) if (y[i] > m) m = y[i];
  double z = 0;
  for (int i = 0; i < n; ++i) { y[i] = std::exp(y[i] - m); z += y[i]; }
  for (int i = 0; i < n; ++i) y[i] /= z;
}

// A local array has a zeroed shadow array.
// CHECK-LABEL: double local_tmp_grad(double a, double b, double *d_a, double *d_b) {
// CHECK:         double d_tmp[4] = {};
// FWD-LABEL: double local_tmp_jvp(double a, double b, double t_a, double t_b) {
// FWD:         double t_tmp[4] = {};
CHAINRULE_GRAD CHAINRULE_JVP
double local_tmp(double a, double b) {
  double tmp[4] = {a, b, a * b, 0};
  tmp[3] = tmp[0] + tmp[2];
  double s = 0;
  for (int i = 0; i < 4; ++i) s += std::sin(tmp[i]);
  return s;
}

// References: the output reference's seed is read and its shadow reset.
// CHECK-LABEL: double *d_out, double *d_b) {
// CHECK:         double d_out_1 = *d_out;
// CHECK-NEXT:    *d_out = 0.0;
// FWD-LABEL: double *t_out, double t_b) {
// FWD:         out = [[V:tmp]];
// FWD-NEXT:    *t_out = [[T:tmp_1]];
CHAINRULE_GRAD CHAINRULE_JVP
double refs(const double& a, double& out, double b) {
  out = a * b;
  out += std::exp(a);
  return out * b;
}

// A callee given sub-buffers (&x[i * d]) is differentiated in place.
static double dotn(const double* a, const double* b, int d) {
  double s = 0;
  for (int k = 0; k < d; ++k) s += a[k] * b[k];
  return s;
}

CHAINRULE_GRAD CHAINRULE_JVP
double rows(const double* x, const double* w, int n, int d) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += std::tanh(dotn(&x[i * d], w, d));
  return s;
}

// Overwritten and read again in a loop: a running recurrence in place.
// CHECK-LABEL: {{^}}                          double *d_a) {
// Only h[i - 1] is recorded: tanh' comes from the value stored.
// CHECK:         double [[H:h_[0-9]+]] = h[i - 1];
// CHECK-NEXT:    h_tape.append([[H]]);
// CHECK-NOT:     h_tape.append(
CHAINRULE_GRAD CHAINRULE_JVP
double inplace_recur(double* h, double a, int n, int steps) {
  for (int t = 0; t < steps; ++t)
    for (int i = 1; i < n; ++i)
      h[i] = std::tanh(a * h[i - 1] + h[i]);
  double s = 0;
  for (int i = 0; i < n; ++i) s += h[i];
  return s;
}

#ifdef RUN_CHECKS
#include "check.h"
#include <vector>
double dot_grad(const double*, const double*, int, double*, double*);
double sumsq_grad(const double*, int, double*);
double matvec_loss_grad(const double*, const double*, double*, int, int, double*, double*, double*);
void scale_softmax_grad(double*, double, int, double*, double*);
double local_tmp_grad(double, double, double*, double*);
double refs_grad(const double&, double&, double, double*, double*, double*);
double rows_grad(const double*, const double*, int, int, double*, double*);
double inplace_recur_grad(double*, double, int, int, double*, double*);
double dot_jvp(const double*, const double*, int, const double*, const double*);
double sumsq_jvp(const double*, int, const double*);
double matvec_loss_jvp(const double*, const double*, double*, int, int, const double*, const double*, double*);
void scale_softmax_jvp(double*, double, int, double*, double);
double local_tmp_jvp(double, double, double, double);
double refs_jvp(const double&, double&, double, const double&, double*, double);
double rows_jvp(const double*, const double*, int, int, const double*, const double*);
double inplace_recur_jvp(double*, double, int, int, double*, double);
/// Forward mode: each jvp against central differences in its direction.
static void forwardChecks() {
  double x[5] = {0.3, -1.2, 0.7, 2.0, -0.4}, y[5] = {1.1, 0.2, -0.3, 0.5, 0.9};
  double tx[5] = {1, 0.5, -0.25, 2, 1}, ty[5] = {0.1, -1, 0.3, 0.2, -0.5};
  auto dir = [](auto F, double *p, const double *t, int n) {
    double h = 1e-6; std::vector<double> s(p, p + n);
    for (int i = 0; i < n; ++i) p[i] = s[i] + h * t[i];
    double up = F();
    for (int i = 0; i < n; ++i) p[i] = s[i] - h * t[i];
    double dn = F();
    for (int i = 0; i < n; ++i) p[i] = s[i];
    return (up - dn) / (2 * h);
  };
  {
    double got = dot_jvp(x, y, 5, tx, ty);
    double want = dir([&]{ return dot(x, y, 5); }, x, tx, 5) + dir([&]{ return dot(x, y, 5); }, y, ty, 5);
    CR_EXPECT_NEAR_REL(got, want, 1e-6);
    // A pointer walked through the buffer.
    CR_EXPECT_NEAR_REL(sumsq_jvp(x, 5, tx),
                       dir([&] { return sumsq(x, 5); }, x, tx, 5), 1e-6);
  }
  {
    double W[6] = {0.1, 0.2, -0.3, 0.4, 0.5, -0.6}, v[3] = {1, -2, 0.5}, out[2], tout[2];
    double tW[6] = {1, 0, 0.5, -1, 0.2, 0.3}, tv[3] = {0.3, 0.1, -0.2};
    double got = matvec_loss_jvp(W, v, out, 2, 3, tW, tv, tout);
    auto L = [&] { double o[2]; return matvec_loss(W, v, o, 2, 3); };
    CR_EXPECT_NEAR_REL(got, dir(L, W, tW, 6) + dir(L, v, tv, 3), 1e-6);
    for (int k = 0; k < 2; ++k) {
      auto O = [&] { double o[2]; matvec_loss(W, v, o, 2, 3); return o[k]; };
      CR_EXPECT_NEAR_REL(tout[k], dir(O, W, tW, 6) + dir(O, v, tv, 3), 1e-6);
    }
  }
  {
    double y0[4] = {0.5, -1, 2, 0.1}, ty0[4] = {1, -2, 0.5, 3}, s = 0.7, yy[4], t[4];
    std::memcpy(yy, y0, sizeof yy); std::memcpy(t, ty0, sizeof t);
    scale_softmax_jvp(yy, s, 4, t, 0.5);
    for (int k = 0; k < 4; ++k) {
      auto O = [&] { double u[4]; std::memcpy(u, y0, sizeof u); scale_softmax(u, s, 4); return u[k]; };
      double sv = 0.5;
      CR_EXPECT_NEAR_REL(t[k], dir(O, y0, ty0, 4) + dir(O, &s, &sv, 1), 1e-6);
    }
  }
  {
    double ab[2] = {0.4, 1.3}, t[2] = {0.5, -1};
    CR_EXPECT_NEAR_REL(local_tmp_jvp(ab[0], ab[1], t[0], t[1]), dir([&]{ return local_tmp(ab[0], ab[1]); }, ab, t, 2), 1e-6);
  }
  {
    double in[2] = {0.3, 1.7}, t[2] = {1, 0.5}, out = 0, tout = 0;
    double got = refs_jvp(in[0], out, in[1], t[0], &tout, t[1]);
    CR_EXPECT_NEAR_REL(got, dir([&]{ double o; return refs(in[0], o, in[1]); }, in, t, 2), 1e-6);
    CR_EXPECT_NEAR_REL(tout, dir([&]{ double o; refs(in[0], o, in[1]); return o; }, in, t, 2), 1e-6);
  }
  {
    double X[6] = {0.1, 0.2, 0.3, -0.4, 0.5, 0.6}, w[3] = {0.7, -0.8, 0.9};
    double tX[6] = {1, 2, 3, 4, 5, 6}, tw[3] = {-1, 0.5, 0.25};
    auto L = [&] { return rows(X, w, 2, 3); };
    CR_EXPECT_NEAR_REL(rows_jvp(X, w, 2, 3, tX, tw), dir(L, X, tX, 6) + dir(L, w, tw, 3), 1e-6);
  }
  {
    double h0[4] = {0.1, -0.2, 0.3, 0.05}, th0[4] = {1, 0.5, -0.5, 2}, a = 0.8, h[4], th[4];
    std::memcpy(h, h0, sizeof h); std::memcpy(th, th0, sizeof th);
    double got = inplace_recur_jvp(h, a, 4, 3, th, 0.3);
    double ta = 0.3;
    auto L = [&] { double u[4]; std::memcpy(u, h0, sizeof u); return inplace_recur(u, a, 4, 3); };
    CR_EXPECT_NEAR_REL(got, dir(L, h0, th0, 4) + dir(L, &a, &ta, 1), 1e-6);
  }
}

int main() {
  forwardChecks();
  using crtest::expectGradient;
  double x[5] = {0.3, -1.2, 0.7, 2.0, -0.4}, y[5] = {1.1, 0.2, -0.3, 0.5, 0.9};
  {
    double dx[5] = {}, dy[5] = {};
    dot_grad(x, y, 5, dx, dy);
    expectGradient("dot/dx", dx, x, 5, [&] { return dot(x, y, 5); });
    expectGradient("dot/dy", dy, y, 5, [&] { return dot(x, y, 5); });
    // Seeds accumulate over two calls.
    dot_grad(x, y, 5, dx, dy);
    for (int i = 0; i < 5; ++i) CR_EXPECT_EXACT(dx[i], 2 * y[i]);
  }
  {
    double dx[5] = {};
    sumsq_grad(x, 5, dx);
    expectGradient("sumsq", dx, x, 5, [&] { return sumsq(x, 5); });
  }
  {
    double W[6] = {0.1, 0.2, -0.3, 0.4, 0.5, -0.6}, v[3] = {1, -2, 0.5}, out[2];
    double dW[6] = {}, dv[3] = {}, dout[2] = {0.25, -0.5};
    // The seed on y adds sum(seed * y) to the loss.
    matvec_loss_grad(W, v, out, 2, 3, dW, dv, dout);
    auto L = [&] { double o[2]; double l = matvec_loss(W, v, o, 2, 3); return l + 0.25 * o[0] - 0.5 * o[1]; };
    expectGradient("matvec/dW", dW, W, 6, L);
    expectGradient("matvec/dx", dv, v, 3, L);
    CR_EXPECT_EXACT(dout[0], 0.0);
    CR_EXPECT_EXACT(dout[1], 0.0);
  }
  {
    double y0[4] = {0.5, -1, 2, 0.1}, seed[4] = {1, -2, 0.5, 3}, s = 0.7;
    double yy[4], dy[4], ds = 0;
    std::memcpy(yy, y0, sizeof yy);
    std::memcpy(dy, seed, sizeof dy);
    scale_softmax_grad(yy, s, 4, dy, &ds);
    auto L = [&] { double t[4]; std::memcpy(t, y0, sizeof t); scale_softmax(t, s, 4); double l = 0; for (int i = 0; i < 4; ++i) l += seed[i] * t[i]; return l; };
    expectGradient("softmax/dy", dy, y0, 4, L);
    expectGradient("softmax/ds", &ds, &s, 1, L);
  }
  {
    double ab[2] = {0.4, 1.3}, d[2] = {};
    local_tmp_grad(ab[0], ab[1], &d[0], &d[1]);
    expectGradient("local_tmp", d, ab, 2, [&] { return local_tmp(ab[0], ab[1]); });
  }
  {
    double in[2] = {0.3, 1.7}, out = 5, d[2] = {}, dout = 0.5;
    double r = refs_grad(in[0], out, in[1], &d[0], &dout, &d[1]);
    CR_EXPECT_EXACT(r, out * in[1]);
    auto L = [&] { double o = 0; double v = refs(in[0], o, in[1]); return v + 0.5 * o; };
    expectGradient("refs", d, in, 2, L);
    CR_EXPECT_EXACT(dout, 0.0);
  }
  {
    double X[6] = {0.1, 0.2, 0.3, -0.4, 0.5, 0.6}, w[3] = {0.7, -0.8, 0.9};
    double dX[6] = {}, dw[3] = {};
    rows_grad(X, w, 2, 3, dX, dw);
    expectGradient("rows/dx", dX, X, 6, [&] { return rows(X, w, 2, 3); });
    expectGradient("rows/dw", dw, w, 3, [&] { return rows(X, w, 2, 3); });
  }
  {
    double h0[4] = {0.1, -0.2, 0.3, 0.05}, a = 0.8, h[4], dh[4] = {0.5, 0, -1, 2}, da = 0;
    std::memcpy(h, h0, sizeof h);
    inplace_recur_grad(h, a, 4, 3, dh, &da);
    auto L = [&] { double t[4]; std::memcpy(t, h0, sizeof t); double v = inplace_recur(t, a, 4, 3); return v + 0.5 * t[0] - t[2] + 2 * t[3]; };
    expectGradient("recur/dh", dh, h0, 4, L);
    expectGradient("recur/da", &da, &a, 1, L);
  }
  return crtest::finish();
}
#endif
