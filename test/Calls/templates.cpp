// Calls of every ordinary kind: function template instantiations (deduced,
// explicit, and non-type arguments whose derivatives would clash in name
// and signature), overloads, static functions, functions in an anonymous
// namespace, inline functions and default arguments. Each callee's
// derivative is generated once per set of active parameters and reused by
// every call.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.fwd.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// Two instantiations of pw with the same signature: the second pullback is
// renamed.
// CHECK-DAG: static double pw_vjp(double x, double d_ret, double *d_x);
// CHECK-DAG: static double pw_vjp_2(double x, double d_ret, double *d_x);
// CHECK-DAG: static float sq_vjp(float x, float d_ret, float *d_x);
// CHECK-DAG: static double sq_vjp(double x, double d_ret, double *d_x);
// FWD-DAG: static double pw_jvp(double x, double t_x, double *primal);
// FWD-DAG: static double pw_jvp_2(double x, double t_x, double *primal);
// Only the parameters active at a call get adjoints: quad's k is a
// constant at both calls.
// CHECK-DAG: static double quad_vjp(double x, double k, double d_ret, double *d_x);
// FWD-DAG: static double quad_jvp(double x, double k, double t_x, double *primal);
// A primal call that stays names the instantiation.
// CHECK-DAG: conv<double>(x)
#include <chainrule/chainrule.h>
#include <cmath>

template <typename T> T sq(T x) { return x * x; }
template <int N> double pw(double x) {
  double r = 1;
  for (int i = 0; i < N; ++i)
    r *= x;
  return r;
}
// T cannot be deduced: calls must name it.
template <typename T> T conv(double x) { return T(x) * T(std::sin(x)); }

static double cube(double x) { return x * x * x; }
namespace {
double quad(double x, double k = 2.0) { return k * x * x * x * x; }
} // namespace
inline double f(double x) { return std::sin(x); }
inline float f(float x) { return std::cos(x); }

CHAINRULE_GRAD CHAINRULE_JVP
double loss(double x, float y) {
  // Calls through a reference to a function and a const pointer to one.
  double (&g)(double) = cube;
  double (*const p)(double) = &f;
  double a = pw<2>(x) + g(x) * p(x), b = pw<3>(x);
  return sq(x) + sq<float>(y) + cube(x) + quad(x) + quad(x, 0.5) + f(x) +
         f(y) + std::sin(a) * std::cos(b) + std::sin(conv<double>(x)) + sq(a);
}

#ifdef RUN_CHECKS
#include "check.h"
double loss_grad(double x, float y, double *d_x, float *d_y);
double loss_jvp(double x, float y, double t_x, float t_y);
int main() {
  double x = 0.6;
  float y = -0.7f, dy = 0;
  double dx = 0;
  double v = loss_grad(x, y, &dx, &dy);
  CR_EXPECT_NEAR_REL(v, loss(x, y), 1e-15);
  CR_EXPECT_NEAR_REL(dx, crtest::central([&](double t) { return loss(t, y); }, x),
                     crtest::kFiniteDifferenceTol);
  // y is a float: its exact derivative, 2y - sin(y).
  CR_EXPECT_NEAR_REL(dy, 2 * y - std::sin(y), 1e-6);
  CR_EXPECT_NEAR_REL(loss_jvp(x, y, 1, 0), dx, 1e-12);
  CR_EXPECT_NEAR_REL(loss_jvp(x, y, 0, 1), dy, 1e-6);
  return crtest::finish();
}
#endif
