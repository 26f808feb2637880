// An ODE integrated by the classic fourth-order Runge-Kutta method, written
// as numerical code writes it: a right-hand side filling an array (a
// Lotka-Volterra predator-prey system, with parameters theta), stage
// buffers cleared with std::fill and a state copied with std::copy, and a
// loss on the final state. Gradient with respect to the initial state and
// the parameters, and tangents, checked against central differences.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd
#include <chainrule/chainrule.h>

#include <algorithm>
#include <cmath>

namespace ode {

constexpr int N = 2;

/// dy/dt of the predator-prey system.
void rhs(const double *y, const double *theta, double *dy) {
  dy[0] = theta[0] * y[0] - theta[1] * y[0] * y[1];
  dy[1] = theta[2] * y[0] * y[1] - theta[3] * y[1];
}

/// y(t + h) from y(t), in place.
void step(double *y, const double *theta, double h) {
  double k1[N], k2[N], k3[N], k4[N], tmp[N];
  std::fill(k1, k1 + N, 0.0);
  rhs(y, theta, k1);
  for (int i = 0; i < N; ++i)
    tmp[i] = y[i] + 0.5 * h * k1[i];
  rhs(tmp, theta, k2);
  for (int i = 0; i < N; ++i)
    tmp[i] = y[i] + 0.5 * h * k2[i];
  rhs(tmp, theta, k3);
  for (int i = 0; i < N; ++i)
    tmp[i] = y[i] + h * k3[i];
  rhs(tmp, theta, k4);
  for (int i = 0; i < N; ++i)
    y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}

CHAINRULE_GRAD CHAINRULE_JVP_WRT(y0, theta)
double loss(const double *y0, const double *theta, const double *target,
            double h, int steps) {
  double y[N];
  std::copy(y0, y0 + N, y);
  for (int s = 0; s < steps; ++s)
    step(y, theta, h);
  double l = 0;
  for (int i = 0; i < N; ++i)
    l += (y[i] - target[i]) * (y[i] - target[i]);
  return l;
}

} // namespace ode

#ifdef RUN_CHECKS
#include "check.h"
namespace ode {
double loss_grad(const double *y0, const double *theta, const double *target,
                 double h, int steps, double *d_y0, double *d_theta,
                 double *d_target, double *d_h);
double loss_jvp(const double *y0, const double *theta, const double *target,
                double h, int steps, const double *t_y0, const double *t_theta);
} // namespace ode

int main() {
  using namespace ode;
  double y0[N] = {1.2, 0.8}, theta[4] = {1.1, 0.4, 0.3, 0.9},
         target[N] = {1.0, 1.0}, h = 0.05;
  const int Steps = 40;
  double dy[N] = {}, dth[4] = {}, dt[N] = {}, dh = 0;
  auto F = [&] { return loss(y0, theta, target, h, Steps); };
  CR_EXPECT_EXACT(loss_grad(y0, theta, target, h, Steps, dy, dth, dt, &dh), F());
  crtest::expectGradient("d_y0", dy, y0, N, F);
  crtest::expectGradient("d_theta", dth, theta, 4, F);
  crtest::expectGradient("d_target", dt, target, N, F);
  CR_EXPECT_FD(dh, [&](double t) { return loss(y0, theta, target, t, Steps); },
               h);
  double zy[N] = {}, zt[4] = {};
  for (int i = 0; i < N; ++i) {
    double e[N] = {};
    e[i] = 1;
    CR_EXPECT_NEAR_REL(loss_jvp(y0, theta, target, h, Steps, e, zt), dy[i],
                       1e-12);
  }
  for (int i = 0; i < 4; ++i) {
    double e[4] = {};
    e[i] = 1;
    CR_EXPECT_NEAR_REL(loss_jvp(y0, theta, target, h, Steps, zy, e), dth[i],
                       1e-12);
  }
  return crtest::finish();
}
#endif
