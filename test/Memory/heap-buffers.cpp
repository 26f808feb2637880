// Heap buffers in differentiated code: `new T[n]` / `delete[]`, `new T(v)`
// / `delete`, `new T[n]{a, b}`, `malloc` and `calloc` cast to a pointer /
// `free`, `std::unique_ptr` (of `new`, of `std::make_unique`; `p[i]`, `*p`,
// `p.get()`). A buffer
// the function allocates lives while it runs: it is a local like any other
// (a std::vector of its elements, with a shadow of the same size in reverse
// mode), and freeing it is nothing. Both modes against central
// differences.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK: #include <vector>
// CHECK: double squares_grad(const double *x, int n, double *d_x) {
// CHECK: std::vector<double> heap(tmp);
// CHECK: std::vector<double> d_heap(tmp);
#include <chainrule/chainrule.h>
#include <cstdlib>
#include <cmath>
#include <memory>
CHAINRULE_GRAD CHAINRULE_JVP double squares(const double *x, int n) {
  double *w = new double[n];
  for (int i = 0; i < n; ++i) w[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; ++i) s += w[i] * std::sin(x[i]);
  delete[] w;
  return s;
}
CHAINRULE_GRAD CHAINRULE_JVP double scalar(double x, double y) {
  double *p = new double(x * y);
  *p += x;
  double r = *p * y;
  delete p;
  return r;
}
CHAINRULE_GRAD CHAINRULE_JVP double c_buffers(const double *x, int n) {
  double *w = (double *)malloc(n * sizeof(double));
  double *z = static_cast<double *>(std::calloc(n, sizeof(double)));
  for (int i = 0; i < n; ++i) { w[i] = std::exp(x[i]); z[i] += w[i] * x[i]; }
  double s = 0;
  for (int i = 0; i < n; ++i) s += z[i] / w[i];
  free(w);
  std::free(z);
  return s;
}
CHAINRULE_GRAD CHAINRULE_JVP double owned(const double *x, int n, double y) {
  std::unique_ptr<double[]> w(new double[n]);
  auto acc = std::make_unique<double>(y);
  auto z = std::make_unique<double[]>(n);
  double *raw = z.get();
  double *pair = new double[3]{y, 2 * y};
  for (int i = 0; i < n; ++i) {
    w[i] = x[i] * y + pair[i % 3];
    raw[i] = std::sin(w[i]);
    *acc += w[i] * z[i];
  }
  delete[] pair;
  auto last = std::unique_ptr<double[]>(new double[2]{raw[n - 1], y});
  return *acc * last[0] + last[1];
}

#ifdef RUN_CHECKS
#include "check.h"
double squares_grad(const double *x, int n, double *d_x);
double squares_jvp(const double *x, int n, const double *t_x);
double scalar_grad(double x, double y, double *d_x, double *d_y);
double scalar_jvp(double x, double y, double t_x, double t_y);
double c_buffers_grad(const double *x, int n, double *d_x);
double c_buffers_jvp(const double *x, int n, const double *t_x);
double owned_grad(const double *x, int n, double y, double *d_x, double *d_y);
double owned_jvp(const double *x, int n, double y, const double *t_x,
                 double t_y);
int main() {
  double x[4] = {0.3, -1.2, 0.8, 2.1};
  const int n = 4;
  double d[4] = {};
  CR_EXPECT_EXACT(squares_grad(x, n, d), squares(x, n));
  crtest::expectGradient("d_squares", d, x, n, [&] { return squares(x, n); });
  double t[4] = {0, 0, 1, 0};
  CR_EXPECT_NEAR_REL(squares_jvp(x, n, t), d[2], 1e-12);

  double dx = 0, dy = 0;
  scalar_grad(0.7, -1.5, &dx, &dy);
  CR_EXPECT_FD(dx, [](double v) { return scalar(v, -1.5); }, 0.7);
  CR_EXPECT_FD(dy, [](double v) { return scalar(0.7, v); }, -1.5);
  CR_EXPECT_NEAR_REL(scalar_jvp(0.7, -1.5, 0, 1), dy, 1e-12);

  double e[4] = {};
  c_buffers_grad(x, n, e);
  crtest::expectGradient("d_c_buffers", e, x, n, [&] { return c_buffers(x, n); });
  double u[4] = {1, 0, 0, 0};
  CR_EXPECT_NEAR_REL(c_buffers_jvp(x, n, u), e[0], 1e-12);

  double o[4] = {}, oy = 0, y = 0.6;
  CR_EXPECT_EXACT(owned_grad(x, n, y, o, &oy), owned(x, n, y));
  crtest::expectGradient("d_owned", o, x, n, [&] { return owned(x, n, y); });
  CR_EXPECT_FD(oy, [&](double v) { return owned(x, n, v); }, y);
  CR_EXPECT_NEAR_REL(owned_jvp(x, n, y, u, 0), o[0], 1e-12);
  double none[4] = {};
  CR_EXPECT_NEAR_REL(owned_jvp(x, n, y, none, 1), oy, 1e-12);
  return crtest::finish();
}
#endif
