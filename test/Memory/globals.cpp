// Variables of namespace and class scope read in differentiated code:
// tables of constants (`static const`, `constexpr`, in an anonymous
// namespace, `static constexpr` class members), a static constant table
// local to the function, and settings that are not constant (read as
// constants, with a warning for a floating one). Generated code names them
// (scalar constants are folded to their values). Checked against central
// differences in both modes.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags 2>/dev/null
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

// WARN: globals.cpp:[[@LINE+33]]:10: warning: chainrule: the global variable 'settings::gain' is read as a constant: no derivative with respect to it is computed (pass it as a parameter to differentiate with respect to it)
// WARN-NOT: warning:

#include <chainrule/chainrule.h>

#include <cmath>

// The weights of a 3-point stencil, as numerical code keeps them.
static const double kW[3] = {0.25, 0.5, 0.25};
constexpr double kScale[] = {1.0, 2.0, 3.0};
namespace settings {
double gain = 1.5; // not constant: read as it is when the derivative runs
int passes = 2;
namespace {
const float kBias[2] = {0.125f, -0.25f};
} // namespace
} // namespace settings
struct Quadrature {
  static constexpr double Weight = 2.5;
  static constexpr double Nodes[2] = {-0.5773502691896257, 0.5773502691896257};
};

CHAINRULE_GRAD CHAINRULE_JVP
double smooth(const double *x, int n) {
  static const double Local[3] = {7, 8, 9};
  double s = 0;
  for (int i = 1; i + 1 < n; ++i) {
    double v = 0;
    for (int k = 0; k < 3; ++k)
      v += kW[k] * x[i + k - 1];
    s += kScale[i % 3] * v * v + Local[i % 3] * std::sin(x[i]);
  }
  for (int p = 0; p < settings::passes; ++p)
    s += settings::gain * settings::kBias[p] * x[p] +
         Quadrature::Weight * Quadrature::Nodes[p] * x[p] * x[p];
  return s;
}
// CHECK-LABEL: double smooth_grad(const double *x, int n, double *d_x) {
// CHECK-DAG:     kW[k]
// CHECK-DAG:     kScale[
// CHECK-DAG:     settings::gain
// CHECK-DAG:     settings::kBias[
// CHECK-DAG:     Quadrature::Nodes[
// CHECK-DAG:     2.5 * Quadrature::Nodes[

#ifdef RUN_CHECKS
#include "check.h"
double smooth_grad(const double *x, int n, double *d_x);
double smooth_jvp(const double *x, int n, const double *t_x);

int main() {
  const int N = 5;
  double x[N] = {0.3, -0.7, 1.1, 0.5, -0.2};
  for (double Gain : {1.5, -0.75}) {
    settings::gain = Gain;
    double dx[N] = {};
    CR_EXPECT_EXACT(smooth_grad(x, N, dx), smooth(x, N));
    crtest::expectGradient("d_x", dx, x, N, [&] { return smooth(x, N); });
    for (int i = 0; i < N; ++i) {
      double e[N] = {};
      e[i] = 1;
      CR_EXPECT_NEAR_REL(smooth_jvp(x, N, e), dx[i], 1e-12);
    }
  }
  return crtest::finish();
}
#endif
