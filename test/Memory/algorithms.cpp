// The standard algorithms numerical code uses on buffers, over pointers and
// std::vector iterators: std::fill, std::fill_n, std::copy, std::copy_n,
// std::accumulate, std::inner_product, std::max_element, std::min_element
// (their index), std::swap and std::distance; iterator variables, their
// arithmetic and comparisons, std::begin and std::end. Each algorithm
// becomes the loop it stands for. Checked against central differences in
// both modes.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

// std::accumulate is the loop a person writes, and so is its reverse.
// CHECK-LABEL: double mean_grad(const double *x, int n, double *d_x) {
// CHECK:         while (k < tmp) {
// CHECK-NEXT:      sum = sum + x[k];
// CHECK-NEXT:      k = k + 1L;
// CHECK:         d_x[{{.*}}] += d_sum;
#include <chainrule/chainrule.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <vector>

CHAINRULE_GRAD CHAINRULE_JVP
double mean(const double *x, int n) {
  return std::accumulate(x, x + n, 0.0) / n;
}

// A scratch buffer filled, copied into and reduced; extremes by index.
CHAINRULE_GRAD CHAINRULE_JVP
double mixed(const double *x, double s) {
  double t[5];
  std::fill(t, t + 5, s);
  std::copy(x, x + 3, t + 1);
  double total = std::accumulate(std::begin(t), std::end(t), 0.0);
  double dot = std::inner_product(x, x + 4, t, 0.5);
  long hi = std::max_element(x, x + 4) - x;
  long lo = std::distance(x, std::min_element(x, x + 4));
  std::swap(t[0], t[4]);
  double a = total, b = dot;
  std::swap(a, b);
  std::fill_n(t + 1, 2, a * s);
  double *end = std::copy_n(x, 2, t + 3);
  return a + b * t[0] + x[hi] * x[lo] + t[1] * t[4] + (end - t) * s;
}

// Vectors through their iterators.
CHAINRULE_GRAD CHAINRULE_JVP
double scaled(const std::vector<double> &v, double w) {
  std::vector<double> u(v.size());
  std::copy(v.begin(), v.end(), u.begin());
  for (auto it = u.begin(); it != u.end(); ++it)
    *it *= std::tanh(w * *it);
  auto best = std::max_element(v.cbegin(), v.cend());
  double s = std::accumulate(u.begin(), u.end(), 0.0);
  std::fill(u.begin() + 1, u.end(), w);
  return s + *best * w + std::inner_product(u.begin(), u.end(), v.begin(), 0.0) +
         u[std::distance(v.cbegin(), best)] * v.back();
}

#ifdef RUN_CHECKS
#include "check.h"
double mean_grad(const double *x, int n, double *d_x);
double mean_jvp(const double *x, int n, const double *t_x);
double mixed_grad(const double *x, double s, double *d_x, double *d_s);
double mixed_jvp(const double *x, double s, const double *t_x, double t_s);
double scaled_grad(const std::vector<double> &v, double w,
                   std::vector<double> *d_v, double *d_w);
double scaled_jvp(const std::vector<double> &v, double w,
                  const std::vector<double> &t_v, double t_w);

int main() {
  const int N = 4;
  double x[N] = {0.3, -0.7, 1.1, 0.5};
  {
    double dx[N] = {};
    CR_EXPECT_EXACT(mean_grad(x, N, dx), mean(x, N));
    for (int i = 0; i < N; ++i) {
      CR_EXPECT_EXACT(dx[i], 1.0 / N);
      double e[N] = {};
      e[i] = 1;
      CR_EXPECT_EXACT(mean_jvp(x, N, e), 1.0 / N);
    }
  }
  {
    double s = 0.8, dx[N] = {}, ds = 0;
    CR_EXPECT_EXACT(mixed_grad(x, s, dx, &ds), mixed(x, s));
    crtest::expectGradient("d_x", dx, x, N, [&] { return mixed(x, s); });
    CR_EXPECT_FD(ds, [&](double t) { return mixed(x, t); }, s);
    double zero[N] = {};
    CR_EXPECT_NEAR_REL(mixed_jvp(x, s, zero, 1), ds, 1e-12);
    for (int i = 0; i < N; ++i) {
      double e[N] = {};
      e[i] = 1;
      CR_EXPECT_NEAR_REL(mixed_jvp(x, s, e, 0), dx[i], 1e-12);
    }
  }
  {
    std::vector<double> v = {0.3, -0.7, 1.1, 0.5, 0.2};
    std::vector<double> dv(v.size(), 0.0);
    double w = 0.6, dw = 0;
    CR_EXPECT_EXACT(scaled_grad(v, w, &dv, &dw), scaled(v, w));
    crtest::expectGradient("d_v", dv.data(), v.data(), int(v.size()),
                           [&] { return scaled(v, w); });
    CR_EXPECT_FD(dw, [&](double t) { return scaled(v, t); }, w);
    std::vector<double> zero(v.size(), 0.0);
    CR_EXPECT_NEAR_REL(scaled_jvp(v, w, zero, 1), dw, 1e-12);
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::vector<double> e(v.size(), 0.0);
      e[i] = 1;
      CR_EXPECT_NEAR_REL(scaled_jvp(v, w, e, 0), dv[i], 1e-12);
    }
  }
  return crtest::finish();
}
#endif
