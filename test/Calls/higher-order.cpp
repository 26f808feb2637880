// Lambdas and functors passed to function templates: a quadrature rule
// taking the integrand, a composition of two lambdas (by const reference
// and by forwarding reference), a Runge-Kutta step taking the right-hand
// side of an ODE that writes a buffer, and a functor object. A function
// that takes a lambda is inlined where the lambda is known, with the
// lambda's captures passed in: no helper is generated for it.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.fwd.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK-NOT: static {{.*}}_vjp(
// CHECK-LABEL: double area_grad(double k, double w, double *d_k, double *d_w) {
// The integrands' exp values are recorded in the primal loops and reused
// in the reverse sweep, not computed again.
// CHECK: exp_value_tape.append(
// CHECK: .pop()
// CHECK-NOT: std::exp(
// CHECK: return
// CHECK-LABEL: double oscillator_grad(double omega, double damping, const double *y0,
// FWD-NOT: static {{.*}}_jvp(
// FWD-LABEL: double area_jvp(double k, double w, double t_k, double t_w) {
// FWD-LABEL: double oscillator_jvp(
#include <chainrule/chainrule.h>
#include <cmath>

/// The trapezoidal rule for f over [a, b] with n intervals.
template <typename F> double integrate(F f, double a, double b, int n) {
  double h = (b - a) / n, s = 0.5 * (f(a) + f(b));
  for (int i = 1; i < n; ++i)
    s += f(a + i * h);
  return s * h;
}

template <typename F, typename G>
double compose(const F &f, G &&g, double x) {
  return f(g(x));
}

/// One classical Runge-Kutta step of y' = rhs(t, y) for two states.
template <typename F> void rk4(F &&rhs, double *y, double t, double dt) {
  double k1[2], k2[2], k3[2], k4[2], tmp[2];
  rhs(t, y, k1);
  for (int i = 0; i < 2; ++i)
    tmp[i] = y[i] + 0.5 * dt * k1[i];
  rhs(t + 0.5 * dt, tmp, k2);
  for (int i = 0; i < 2; ++i)
    tmp[i] = y[i] + 0.5 * dt * k2[i];
  rhs(t + 0.5 * dt, tmp, k3);
  for (int i = 0; i < 2; ++i)
    tmp[i] = y[i] + dt * k3[i];
  rhs(t + dt, tmp, k4);
  for (int i = 0; i < 2; ++i)
    y[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}

struct Gaussian {
  double k;
  double operator()(double x) const { return std::exp(-k * x * x); }
};

CHAINRULE_GRAD CHAINRULE_JVP
double area(double k, double w) {
  double c = 0.5;
  double gauss = integrate([&](double x) { return std::exp(-k * x * x) * c; },
                           0.0, w, 16);
  double poly = integrate([](double x) { return x * x; }, 0.0, k, 4);
  double wave = compose([k](double t) { return std::sin(k * t); },
                        [=](double t) { return t * w; }, 0.3);
  return gauss + poly + wave + integrate(Gaussian{w}, 0.0, 1.0, 4);
}

/// A damped oscillator integrated over ten steps.
CHAINRULE_GRAD CHAINRULE_JVP
double oscillator(double omega, double damping, const double *y0) {
  double y[2] = {y0[0], y0[1]};
  auto rhs = [=](double, const double *s, double *dy) {
    dy[0] = s[1];
    dy[1] = -omega * omega * s[0] - damping * s[1];
  };
  for (int step = 0; step < 10; ++step)
    rk4(rhs, y, step * 0.1, 0.1);
  return y[0] * y[0] + y[1];
}

#ifdef RUN_CHECKS
#include "check.h"
double area_grad(double k, double w, double *d_k, double *d_w);
double area_jvp(double k, double w, double t_k, double t_w);
double oscillator_grad(double omega, double damping, const double *y0,
                       double *d_omega, double *d_damping, double *d_y0);
double oscillator_jvp(double omega, double damping, const double *y0,
                      double t_omega, double t_damping, const double *t_y0);

int main() {
  double k = 0.7, w = 1.3, dk = 0, dw = 0;
  CR_EXPECT_NEAR_REL(area_grad(k, w, &dk, &dw), area(k, w), 1e-15);
  CR_EXPECT_NEAR_REL(dk, crtest::central([&](double t) { return area(t, w); }, k),
                     crtest::kFiniteDifferenceTol);
  CR_EXPECT_NEAR_REL(dw, crtest::central([&](double t) { return area(k, t); }, w),
                     crtest::kFiniteDifferenceTol);
  CR_EXPECT_NEAR_REL(area_jvp(k, w, 1, 0), dk, 1e-12);
  CR_EXPECT_NEAR_REL(area_jvp(k, w, 0, 1), dw, 1e-12);

  double omega = 1.5, damping = 0.3, y0[2] = {1, 0.2};
  double domega = 0, ddamping = 0, dy0[2] = {0, 0}, zero[2] = {0, 0};
  CR_EXPECT_NEAR_REL(oscillator_grad(omega, damping, y0, &domega, &ddamping, dy0),
                     oscillator(omega, damping, y0), 1e-15);
  CR_EXPECT_NEAR_REL(
      domega,
      crtest::central([&](double t) { return oscillator(t, damping, y0); }, omega),
      crtest::kFiniteDifferenceTol);
  CR_EXPECT_NEAR_REL(
      ddamping,
      crtest::central([&](double t) { return oscillator(omega, t, y0); }, damping),
      crtest::kFiniteDifferenceTol);
  CR_EXPECT_NEAR_REL(oscillator_jvp(omega, damping, y0, 1, 0, zero), domega,
                     1e-12);
  CR_EXPECT_NEAR_REL(oscillator_jvp(omega, damping, y0, 0, 1, zero), ddamping,
                     1e-12);
  for (int i = 0; i < 2; ++i) {
    auto F = [&](double t) {
      double c[2] = {y0[0], y0[1]};
      c[i] = t;
      return oscillator(omega, damping, c);
    };
    CR_EXPECT_NEAR_REL(dy0[i], crtest::central(F, y0[i]),
                       crtest::kFiniteDifferenceTol);
    double e[2] = {0, 0};
    e[i] = 1;
    CR_EXPECT_NEAR_REL(oscillator_jvp(omega, damping, y0, 0, 0, e), dy0[i],
                       1e-12);
  }
  return crtest::finish();
}
#endif
