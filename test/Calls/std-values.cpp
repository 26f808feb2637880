// The value types of the standard library: std::pair, std::tuple and
// std::complex as locals, parameters and returned values; std::make_pair,
// std::make_tuple, std::get (by position and by type), std::tie (with
// std::ignore), structured bindings, and the arithmetic and functions of
// complex numbers. Each derivative is checked against central differences
// of the function itself.
// RUN: %chainrule-gen %s -o %t.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.cpp -o %t && %t

// CHECK: void polar_vjp(double r, double t, const std::pair<double, double> &d_ret,
// CHECK-NEXT: double *d_r, double *d_t);
// CHECK-NEXT: std::pair<double, double> polar_jvp(double r, double t, double t_r, double t_t);
// CHECK-NEXT: void stats_vjp(const double *x, int n,
// CHECK-NEXT: const std::tuple<double, double, int> &d_ret, double *d_x);
// CHECK: void rotate_vjp(Complex z, double angle, const std::complex<double> &d_ret,
// CHECK-NEXT: std::complex<double> *d_z, double *d_angle);
//
// A pair's members by name, a tuple's by std::get, a complex number's parts
// by real() and imag():
// CHECK: std::pair<double, double> polar_jvp(double r, double t, double t_r,
// CHECK-NEXT: double t_t) {
// CHECK: t_result.first =
// CHECK: t_result.second =
// CHECK: std::get<0>(d_ret)
// CHECK: double *d_angle) {
// CHECK: = z.real();
// CHECK: d_z->real(d_z->real() +
#include <chainrule/chainrule.h>
#include <cmath>
#include <complex>
#include <tuple>
#include <utility>

using Complex = std::complex<double>;

CHAINRULE_VJP CHAINRULE_JVP
std::pair<double, double> polar(double r, double t) {
  return {r * std::cos(t), r * std::sin(t)};
}

// The mean, the spread and a count: a tuple made by std::make_tuple.
CHAINRULE_VJP CHAINRULE_JVP
std::tuple<double, double, int> stats(const double *x, int n) {
  double sum = 0, sq = 0;
  for (int i = 0; i < n; ++i) {
    sum += x[i];
    sq += x[i] * x[i];
  }
  double mean = sum / n;
  return std::make_tuple(mean, sq / n - mean * mean, n);
}

static std::pair<double, double> minmax2(double a, double b) {
  return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
}

struct Span {
  double lo, hi;
};

// Pairs and tuples as locals: constructors, std::get, std::tie (with
// std::ignore), structured bindings of a tuple, a pair, a struct and an
// array, by value and by reference, and a pair chosen by `?:` in a helper.
CHAINRULE_GRAD CHAINRULE_JVP
double locals(double x, double y) {
  std::pair<double, double> p(x, y);
  auto q = std::make_pair(x * y, 2.0);
  p.first *= q.second;
  std::tuple<double, double, double> t{x, y, x * y};
  double a = 0, c = 0;
  std::tie(a, std::ignore, c) = t;
  auto [u, v, w] = t;
  auto &[lo, hi] = p;
  hi += lo * std::get<double>(std::make_tuple(1, x));
  Span s{x, y * y};
  auto [s0, s1] = s;
  double arr[2] = {x * x, y};
  auto [e0, e1] = arr;
  s0 += e0 * e1;
  std::pair<double, double> m = minmax2(a, hi);
  q = m;
  std::get<1>(t) = std::sin(v);
  // Conversions between element types, by construction and assignment.
  std::pair<long double, int> narrow(y, 3);
  std::pair<double, double> wide(narrow);
  wide = std::make_pair(wide.first * x, narrow.second);
  return a * u + c * w + std::get<1>(t) + s0 * s1 + q.first - q.second +
         std::get<0>(p) + wide.first * wide.second;
}

// A tuple assigned from std::tie's other side: a pair of results.
static std::pair<double, double> divmod(double a, double b) {
  double q = std::floor(a / b);
  return {q, a - q * b};
}

CHAINRULE_GRAD
double ties(double a, double b) {
  double q = 0, r = 0;
  for (int k = 0; k < 3; ++k) {
    std::tie(q, r) = divmod(a + k, b);
    a = r * q + a;
  }
  return a + r;
}

// Complex numbers: parameters, locals, arithmetic with reals, the library's
// functions, and the parts read and set.
CHAINRULE_VJP CHAINRULE_JVP
Complex rotate(Complex z, double angle) {
  Complex w = z * std::polar(1.0, angle);
  w += Complex(0.5, angle);
  w *= 2.0 * z - 1.0;
  w /= z + Complex(3, 1);
  w.imag(w.imag() * std::real(z));
  return w;
}

CHAINRULE_GRAD CHAINRULE_JVP
double spectral(double x, double y) {
  Complex z(x, y);
  Complex e = std::exp(z) / (z * z + 2.0) - std::log(z) + std::sqrt(z);
  Complex s = std::sin(z) * std::cos(z) + std::sinh(z) - std::cosh(z);
  Complex p = std::pow(z, Complex(0.5, 0.25)) + std::conj(z) / 3.0;
  Complex n = -e;
  return std::abs(e) + std::arg(s) + std::norm(p) + n.real() * std::imag(p) +
         (z == Complex(x, y) ? 1.0 : 0.0) * e.imag();
}

// Complex numbers from a helper chainrule sees into, and chosen by `?:`
// between values and between variables (a helper's complex result once
// recursed without end).
static Complex make(double x) { return {x * x, x}; }

CHAINRULE_GRAD CHAINRULE_JVP
double chosen(double x, bool c) {
  Complex z = make(x);
  Complex w = c ? z * z : make(x) + 1.0;
  Complex v = c ? z : w;
  return w.real() + std::abs(c ? w : z) + v.imag();
}

#ifdef RUN_CHECKS
#include "check.h"
void polar_vjp(double r, double t, const std::pair<double, double> &d_ret,
               double *d_r, double *d_t);
std::pair<double, double> polar_jvp(double r, double t, double t_r,
                                    double t_t);
void stats_vjp(const double *x, int n,
               const std::tuple<double, double, int> &d_ret, double *d_x);
std::tuple<double, double, int> stats_jvp(const double *x, int n,
                                          const double *t_x);
double locals_grad(double x, double y, double *d_x, double *d_y);
double locals_jvp(double x, double y, double t_x, double t_y);
double ties_grad(double a, double b, double *d_a, double *d_b);
void rotate_vjp(Complex z, double angle, const Complex &d_ret, Complex *d_z,
                double *d_angle);
Complex rotate_jvp(Complex z, double angle, Complex t_z, double t_angle);
double spectral_grad(double x, double y, double *d_x, double *d_y);
double spectral_jvp(double x, double y, double t_x, double t_y);
double chosen_grad(double x, bool c, double *d_x);
double chosen_jvp(double x, bool c, double t_x);

int main() {
  // polar: the cotangent (1, 2) pulled back; the tangent pushed forward.
  double r = 1.7, th = 0.6, dr = 0, dth = 0;
  polar_vjp(r, th, {1, 2}, &dr, &dth);
  CR_EXPECT_NEAR_REL(dr, std::cos(th) + 2 * std::sin(th), 1e-14);
  CR_EXPECT_NEAR_REL(dth, -r * std::sin(th) + 2 * r * std::cos(th), 1e-14);
  std::pair<double, double> tp = polar_jvp(r, th, 0, 1);
  CR_EXPECT_NEAR_REL(tp.first, -r * std::sin(th), 1e-14);
  CR_EXPECT_NEAR_REL(tp.second, r * std::cos(th), 1e-14);

  // stats: each output's gradient, and the tangent along one input.
  double x[4] = {0.3, -1.2, 2.5, 0.7};
  for (int k = 0; k < 2; ++k) {
    double dx[4] = {};
    stats_vjp(x, 4, std::make_tuple(k == 0, k == 1, 0), dx);
    for (int j = 0; j < 4; ++j) {
      auto Moved = [&](double v) {
        double m[4] = {x[0], x[1], x[2], x[3]};
        m[j] = v;
        auto o = stats(m, 4);
        return k == 0 ? std::get<0>(o) : std::get<1>(o);
      };
      CR_EXPECT_FD(dx[j], Moved, x[j]);
      double tx[4] = {};
      tx[j] = 1;
      auto t = stats_jvp(x, 4, tx);
      CR_EXPECT_NEAR_REL(k == 0 ? std::get<0>(t) : std::get<1>(t), dx[j], 1e-12);
      // An integer has no tangent: its member of the tangent is zero.
      CR_EXPECT_EXACT(std::get<2>(t), 0);
    }
  }

  // locals and ties: gradients against central differences, tangents
  // against gradients.
  for (double px : {0.8, 1.9}) {
    double py = 1.3, dx = 0, dy = 0;
    double v = locals_grad(px, py, &dx, &dy);
    CR_EXPECT_NEAR_REL(v, locals(px, py), 1e-15);
    CR_EXPECT_FD(dx, [&](double s) { return locals(s, py); }, px);
    CR_EXPECT_FD(dy, [&](double s) { return locals(px, s); }, py);
    CR_EXPECT_NEAR_REL(locals_jvp(px, py, 1, 0), dx, 1e-13);
    CR_EXPECT_NEAR_REL(locals_jvp(px, py, 0, 1), dy, 1e-13);
  }
  double da = 0, db = 0, a = 2.3, b = 0.7;
  ties_grad(a, b, &da, &db);
  CR_EXPECT_FD(da, [&](double s) { return ties(s, b); }, a);
  CR_EXPECT_FD(db, [&](double s) { return ties(a, s); }, b);

  // rotate: the 3x2 real Jacobian (z's two parts, the angle) by both modes.
  Complex z(0.4, -0.9);
  double angle = 0.3;
  for (int k = 0; k < 2; ++k) {
    Complex seed = k ? Complex(0, 1) : Complex(1, 0), dz = 0;
    double dangle = 0;
    rotate_vjp(z, angle, seed, &dz, &dangle);
    auto Part = [&](Complex w) { return k ? w.imag() : w.real(); };
    CR_EXPECT_FD(dz.real(), [&](double s) { return Part(rotate({s, z.imag()}, angle)); }, z.real());
    CR_EXPECT_FD(dz.imag(), [&](double s) { return Part(rotate({z.real(), s}, angle)); }, z.imag());
    CR_EXPECT_FD(dangle, [&](double s) { return Part(rotate(z, s)); }, angle);
    CR_EXPECT_NEAR_REL(Part(rotate_jvp(z, angle, {1, 0}, 0)), dz.real(), 1e-13);
    CR_EXPECT_NEAR_REL(Part(rotate_jvp(z, angle, {0, 1}, 0)), dz.imag(), 1e-13);
    CR_EXPECT_NEAR_REL(Part(rotate_jvp(z, angle, 0, 1)), dangle, 1e-13);
  }

  // spectral: every function of complex numbers at two points.
  for (double px : {0.7, 1.4}) {
    double py = 0.45, dx = 0, dy = 0;
    double v = spectral_grad(px, py, &dx, &dy);
    CR_EXPECT_NEAR_REL(v, spectral(px, py), 1e-14);
    CR_EXPECT_FD(dx, [&](double s) { return spectral(s, py); }, px);
    CR_EXPECT_FD(dy, [&](double s) { return spectral(px, s); }, py);
    CR_EXPECT_NEAR_REL(spectral_jvp(px, py, 1, 0), dx, 1e-12);
    CR_EXPECT_NEAR_REL(spectral_jvp(px, py, 0, 1), dy, 1e-12);
  }
  for (bool c : {false, true}) {
    double dx = 0;
    chosen_grad(0.7, c, &dx);
    CR_EXPECT_FD(dx, [&](double s) { return chosen(s, c); }, 0.7);
    CR_EXPECT_NEAR_REL(chosen_jvp(0.7, c, 1), dx, 1e-13);
  }
  return crtest::finish();
}
#endif
