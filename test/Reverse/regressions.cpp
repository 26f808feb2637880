// Regression tests for bugs found by the test suite: each case opens with
// what used to be wrong.
// The generated code runs under AddressSanitizer, which catches reads and
// writes out of a buffer's bounds.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -fsanitize=address -DRUN_CHECKS %t.ad.cpp -o %t && %t
// The same numeric checks with gradients computed in forward mode:
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -fsanitize=address -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

#include <cassert>
#include <cmath>

// Was: d/dy x^y at x = 0, y > 0 is 0 (x^y is identically 0 for y > 0),
// but the rule emits pow_x * std::log(x) = 0 * -inf = NaN.
CHAINRULE_GRAD CHAINRULE_JVP
double pow_xy(double x, double y) { return std::pow(x, y); }

// Was: d/dx x^n for n = 0 is 0 everywhere, but at x = 0 the rule emits
// n * std::pow(x, n - 1) = 0 * pow(0, -1) = 0 * inf = NaN.
CHAINRULE_GRAD CHAINRULE_JVP
double pow_xn(double x, int n) { return std::pow(x, n); }

// Was: the primal of a differentiated helper is recomputed. twice_grad
// calls helper_vjp (which evaluates exp(b)) and then calls helper itself
// again to form the return value, so each exp is evaluated twice; a
// hand-written gradient evaluates it once ("primal values reused rather than
// recomputed", EXAMPLES.md).
double helper(double a, double b) { return a * std::exp(b); }
CHAINRULE_GRAD
double twice(double x, double y) { return helper(x, y) + helper(y, x); }
// CHECK-LABEL: double twice_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-NOT:     return helper(
// CHECK:       }

// Was (found by the random programs): a `return` inside a `switch` was
// dropped, directly in a case or from a loop in a case: the function
// always went on after the switch, in the primal copy and the derivative.
CHAINRULE_GRAD
double switch_return(double x, int n) {
  switch (n) {
  case 1:
    return x * x;
  default:
    break;
  }
  return 2 * x;
}
CHAINRULE_GRAD
double switch_loop_return(double x, int n) {
  switch ((n + 1) % 4) {
  case 2:
    for (int i = 0; i < n; ++i)
      if (x > 0.5)
        return std::sin(x);
  }
  return x * 3;
}

// Was (found by the random programs): a branch whose result is a double
// computed from a float (here in a recursion of float code into the double
// instantiation) has its partials in float, and multiplying them by the
// result's double adjoint made an ill-typed graph: an internal error.
template <typename T> T walk(T a, int k) {
  return k <= 0 ? a : T(0.5) * walk(std::sin(1.42 + a), k - 1) + a;
}
CHAINRULE_GRAD
float mixed_branch(float a, int k) { return walk(a, k); }

// Was: a statement with an attribute ([[fallthrough]] in a switch, a loop
// under a `#pragma unroll`) was rejected as "a statement of kind
// 'AttributedStmt'", though attributes do not change what it computes.
CHAINRULE_GRAD CHAINRULE_JVP
double fallthrough(double x, int k) {
  switch (k) {
  case 0:
    x = x * x;
    [[fallthrough]];
  case 1:
    x = 3 * x;
    break;
  default:
    x = std::sin(x);
  }
#pragma unroll
  for (int i = 0; i < 2; ++i)
    x = x * 1.5;
  return x;
}
// CHECK-LABEL: double fallthrough_grad(double x, int k, double *d_x) {

// Was: a scalar initialized with braces (`double y{x}`, `return {z}`) was
// rejected as "an initializer list".
CHAINRULE_GRAD CHAINRULE_JVP
double braced(double x, double w) {
  double y{x * x};
  double z = {y + w};
  return {z * x};
}
// CHECK-LABEL: double braced_grad(double x, double w, double *d_x, double *d_w) {

// Was: an assert() (without NDEBUG, a void conditional calling a function
// that does not return) was rejected; it is checked where the primal
// function runs, and left out of its derivatives.
CHAINRULE_GRAD CHAINRULE_JVP
double asserted(double x, int n) {
  assert(n > 0 && "n must be positive");
  return std::sin(x) * n;
}
// CHECK-LABEL: double asserted_grad(double x, int n, double *d_x) {
// CHECK-NOT:     assert
// CHECK:         return

// Was: a read in a conditional expression that its condition guards
// (`i + 1 < n ? x[i + 1] : 1`, `k < n && x[k] > 0`, `b ? b[i] : 0`) was
// made whatever the condition, and its adjoint added to the shadow
// element whatever the condition: out of the buffers' bounds. And a
// conditional choosing between two elements (an lvalue) was rejected.
CHAINRULE_GRAD CHAINRULE_JVP
double guarded(const double *x, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * (i + 1 < n ? x[i + 1] : 1.0) + (b ? b[i] : 0.0) +
         (i > 0 ? x[i - 1] : x[n - 1]);
  int k = 0;
  while (k < n && x[k] > 0)
    ++k;
  return s * k;
}

// Was (found by the random programs): element 0 of a local array (`m[0]`,
// an access through the array itself) was taken for the whole array, so
// its loads were not forwarded and a write into it that nothing reads
// again stayed; reverse mode then multiplied that write's zero adjoint by
// cbrt's infinite derivative at 0, and the gradient was NaN.
CHAINRULE_GRAD CHAINRULE_JVP
double dead_element(double x, double y) {
  double m[2] = {x, y};
  m[0] -= std::cbrt(m[0] - x);
  return m[1] * x;
}
// CHECK-LABEL: double dead_element_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-NOT:     cbrt
// CHECK-NOT:     m[
// CHECK:         return

#ifdef RUN_CHECKS
#include "check.h"
#include <vector>
double dead_element_grad(double x, double y, double *d_x, double *d_y);
double dead_element_jvp(double x, double y, double t_x, double t_y);
double guarded_grad(const double *x, const double *b, int n, double *d_x,
                    double *d_b);
double guarded_jvp(const double *x, const double *b, int n, const double *t_x,
                   const double *t_b);
double asserted_grad(double x, int n, double *d_x);
double asserted_jvp(double x, int n, double t_x);
float mixed_branch_grad(float a, int k, float *d_a);
double fallthrough_grad(double x, int k, double *d_x);
double fallthrough_jvp(double x, int k, double t_x);
double braced_grad(double x, double w, double *d_x, double *d_w);
double braced_jvp(double x, double w, double t_x, double t_w);
double switch_return_grad(double x, int n, double *d_x);
double switch_loop_return_grad(double x, int n, double *d_x);
double pow_xy_grad(double x, double y, double *d_x, double *d_y);
double pow_xy_jvp(double x, double y, double t_x, double t_y);
double pow_xn_grad(double x, int n, double *d_x);
double pow_xn_jvp(double x, int n, double t_x);

int main() {
  double dx = 0, dy = 0;
  pow_xy_grad(0.0, 2.0, &dx, &dy);
  CR_EXPECT_EXACT(dx, 0);
  CR_EXPECT_EXACT(dy, 0);
  CR_EXPECT_EXACT(pow_xy_jvp(0.0, 2.0, 0, 1), 0);

  double d = 0;
  pow_xn_grad(0.0, 0, &d);
  CR_EXPECT_EXACT(d, 0);

  for (int n : {0, 1, 2}) {
    double g = 0;
    CR_EXPECT_EXACT(switch_return_grad(0.7, n, &g), switch_return(0.7, n));
    CR_EXPECT_EXACT(g, n == 1 ? 1.4 : 2.0);
  }
  for (int n : {0, 1, 5}) {
    double g = 0;
    CR_EXPECT_EXACT(switch_loop_return_grad(0.7, n, &g),
                    switch_loop_return(0.7, n));
    CR_EXPECT_EXACT(g, n == 1 || n == 5 ? std::cos(0.7) : 3.0);
  }
  CR_EXPECT_EXACT(pow_xn_jvp(0.0, 0, 1), 0);
  // Buffers of exactly n elements, so that AddressSanitizer sees a step
  // past them.
  std::vector<double> vx = {0.5, 0.25, -2.0}, vdx(3), vb = {0.1, 0.2, 0.3},
                      vdb(3);
  for (const double *B : {static_cast<const double *>(vb.data()),
                          static_cast<const double *>(nullptr)}) {
    std::fill(vdx.begin(), vdx.end(), 0.0);
    CR_EXPECT_EXACT(guarded_grad(vx.data(), B, 3, vdx.data(),
                                 B ? vdb.data() : nullptr),
                    guarded(vx.data(), B, 3));
    for (int i = 0; i < 3; ++i) {
      auto F = [&](double t) {
        std::vector<double> c = vx;
        c[i] = t;
        return guarded(c.data(), B, 3);
      };
      CR_EXPECT_NEAR_REL(vdx[i], crtest::central(F, vx[i]),
                         crtest::kFiniteDifferenceTol);
      std::vector<double> e(3), zero(3);
      e[i] = 1;
      CR_EXPECT_NEAR_REL(guarded_jvp(vx.data(), B, 3, e.data(),
                                     B ? zero.data() : nullptr),
                         vdx[i], 1e-12);
    }
  }
  double ex = 0, ey = 0;
  CR_EXPECT_EXACT(dead_element_grad(0.6, -1.5, &ex, &ey), -0.9);
  CR_EXPECT_EXACT(ex, -1.5);
  CR_EXPECT_EXACT(ey, 0.6);
  CR_EXPECT_EXACT(dead_element_jvp(0.6, -1.5, 1, 0), -1.5);
  double da = 0;
  CR_EXPECT_EXACT(asserted_grad(0.4, 3, &da), asserted(0.4, 3));
  CR_EXPECT_EXACT(da, 3 * std::cos(0.4));
  CR_EXPECT_EXACT(asserted_jvp(0.4, 3, 1), 3 * std::cos(0.4));
  for (int k : {0, 1, 3}) {
    float g = 0;
    CR_EXPECT_EXACT(mixed_branch_grad(0.3f, k, &g), mixed_branch(0.3f, k));
    // The derivative against a central difference of the double walk.
    CR_EXPECT_NEAR_REL(
        g, crtest::central([&](double t) { return walk(t, k); }, 0.3), 1e-5);
  }

  // (x^2 * 3, 3x, sin x) * 1.5^2 by case.
  for (int k : {0, 1, 2}) {
    double x = 0.7, g = 0;
    double Want = k == 0 ? 13.5 * x : k == 1 ? 6.75 : 2.25 * std::cos(x);
    CR_EXPECT_EXACT(fallthrough_grad(x, k, &g), fallthrough(x, k));
    CR_EXPECT_EXACT(g, Want);
    CR_EXPECT_EXACT(fallthrough_jvp(x, k, 1), Want);
  }
  // (x^2 + w) x: d/dx = 3x^2 + w, d/dw = x.
  double gx = 0, gw = 0;
  CR_EXPECT_EXACT(braced_grad(0.7, -1.5, &gx, &gw), braced(0.7, -1.5));
  CR_EXPECT_EXACT(gx, 3 * 0.49 - 1.5);
  CR_EXPECT_EXACT(gw, 0.7);
  CR_EXPECT_EXACT(braced_jvp(0.7, -1.5, 1, 2), 3 * 0.49 - 1.5 + 2 * 0.7);
  return crtest::finish();
}
#endif
