// Functions returning several values: a struct, a struct holding an array,
// a std::array. They have no gradient: f_vjp takes the cotangent of the
// returned value (`const R& d_ret`) and f_jvp returns its tangent. The
// returned object is a local of the derivative, built as the function
// builds it (through helpers, loops and branches).
// RUN: %chainrule-gen %s -o %t.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.cpp -o %t && %t

// CHECK: void polar_vjp(double r, double theta, const Point &d_ret, double *d_r,
// CHECK-NEXT: double *d_theta);
// CHECK-NEXT: Point polar_jvp(double r, double theta, double t_r, double t_theta);
// CHECK: void leapfrog_vjp(const State &s, double dt, int steps, const State &d_ret,
// CHECK-NEXT: State *d_s, double *d_dt);
// CHECK-NEXT: State leapfrog_jvp(const State &s, double dt, int steps, const State &t_s,
// CHECK-NEXT: double t_dt);
// CHECK: void softmax2_vjp(const std::array<double, 2> &z,
// CHECK-NEXT: const std::array<double, 2> &d_ret,
// CHECK-NEXT: std::array<double, 2> *d_z);
//
// The cotangent is read from d_ret directly, and the primal's returned
// object, which nothing reads, is not built:
// CHECK: double *d_theta) {
// CHECK-NOT: result
// CHECK: d_ret.y
// CHECK-NOT: result
// CHECK: {{^}}}
// The tangent is a local, returned:
// CHECK: Point polar_jvp(double r, double theta, double t_r, double t_theta) {
// CHECK-NEXT: Point t_result{};
// CHECK: return t_result;
#include <chainrule/chainrule.h>
#include <array>
#include <cmath>

struct Point {
  double x, y;
};

static Point scaled(Point p, double k) { return {k * p.x, k * p.y}; }

CHAINRULE_VJP CHAINRULE_JVP
Point polar(double r, double theta) {
  Point unit{std::cos(theta), std::sin(theta)};
  return scaled(unit, r);
}

// A struct holding an array, returned from a local built in a loop.
struct State {
  double q[2];
  double p;
};

CHAINRULE_VJP CHAINRULE_JVP
State leapfrog(const State &s, double dt, int steps) {
  State out = s;
  for (int i = 0; i < steps; ++i) {
    double force = -std::sin(out.q[0]) - out.q[1];
    out.p += 0.5 * dt * force;
    out.q[0] += dt * out.p;
    out.q[1] += dt * out.p * out.q[0];
    if (out.q[1] > 2)
      out.p *= 0.5;
  }
  return out;
}

CHAINRULE_VJP CHAINRULE_JVP
std::array<double, 2> softmax2(const std::array<double, 2> &z) {
  double m = std::max(z[0], z[1]);
  double a = std::exp(z[0] - m), b = std::exp(z[1] - m);
  return {a / (a + b), b / (a + b)};
}

#ifdef RUN_CHECKS
#include "check.h"
void polar_vjp(double r, double theta, const Point &d_ret, double *d_r,
               double *d_theta);
Point polar_jvp(double r, double theta, double t_r, double t_theta);
void leapfrog_vjp(const State &s, double dt, int steps, const State &d_ret,
                  State *d_s, double *d_dt);
State leapfrog_jvp(const State &s, double dt, int steps, const State &t_s,
                   double t_dt);
void softmax2_vjp(const std::array<double, 2> &z,
                  const std::array<double, 2> &d_ret,
                  std::array<double, 2> *d_z);
std::array<double, 2> softmax2_jvp(const std::array<double, 2> &z,
                                   const std::array<double, 2> &t_z);

int main() {
  // polar: the cotangent (1, 2) pulled back; the tangent pushed forward.
  double r = 1.7, th = 0.6, dr = 0.5, dth = 0.25;
  polar_vjp(r, th, Point{1, 2}, &dr, &dth);
  CR_EXPECT_NEAR_REL(dr, 0.5 + std::cos(th) + 2 * std::sin(th), 1e-14);
  CR_EXPECT_NEAR_REL(dth, 0.25 - r * std::sin(th) + 2 * r * std::cos(th), 1e-14);
  Point t = polar_jvp(r, th, 0, 1);
  CR_EXPECT_NEAR_REL(t.x, -r * std::sin(th), 1e-14);
  CR_EXPECT_NEAR_REL(t.y, r * std::cos(th), 1e-14);

  // leapfrog: every entry of the Jacobian, by both modes against central
  // differences of the function itself.
  State s{{0.4, -0.3}, 0.8};
  double dt = 0.1;
  int steps = 25;
  auto Output = [&](const State &o, int k) { return k < 2 ? o.q[k] : o.p; };
  for (int k = 0; k < 3; ++k) {
    State seed{};
    (k < 2 ? seed.q[k] : seed.p) = 1;
    State ds{};
    double ddt = 0;
    leapfrog_vjp(s, dt, steps, seed, &ds, &ddt);
    double *in[3] = {&s.q[0], &s.q[1], &s.p};
    double *din[3] = {&ds.q[0], &ds.q[1], &ds.p};
    for (int j = 0; j < 3; ++j) {
      auto Moved = [&](double v) {
        State m = s;
        (j < 2 ? m.q[j] : m.p) = v;
        return Output(leapfrog(m, dt, steps), k);
      };
      CR_EXPECT_FD(*din[j], Moved, *in[j]);
      State ts{};
      (j < 2 ? ts.q[j] : ts.p) = 1;
      CR_EXPECT_NEAR_REL(Output(leapfrog_jvp(s, dt, steps, ts, 0), k), *din[j],
                         1e-11);
    }
    CR_EXPECT_FD(ddt, [&](double v) { return Output(leapfrog(s, v, steps), k); }, dt);
    CR_EXPECT_NEAR_REL(Output(leapfrog_jvp(s, dt, steps, State{}, 1), k), ddt, 1e-11);
  }

  // softmax2: d_z = J^T d_ret, with J = diag(p) - p p^T.
  std::array<double, 2> z{0.3, -1.1}, dz{};
  softmax2_vjp(z, {1, 0}, &dz);
  std::array<double, 2> p = softmax2(z);
  CR_EXPECT_NEAR_REL(dz[0], p[0] * (1 - p[0]), 1e-14);
  CR_EXPECT_NEAR_REL(dz[1], -p[0] * p[1], 1e-14);
  std::array<double, 2> tp = softmax2_jvp(z, {0, 1});
  CR_EXPECT_NEAR_REL(tp[0], -p[0] * p[1], 1e-14);
  CR_EXPECT_NEAR_REL(tp[1], p[1] * (1 - p[1]), 1e-14);
  return crtest::finish();
}
#endif
