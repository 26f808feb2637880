// Local arrays, structs and vectors declared in inner scopes (a branch, a
// nested branch, a switch case, a loop body, an inlined helper or lambda
// called in a branch) that the reverse sweep reads after their scope has
// ended: the primal sweep declares them before the branch, so they live
// until the reverse sweep has read them (a vector sized inside its branch
// has what the reverse sweep reads recorded instead). Checked against
// central differences in both modes, and under AddressSanitizer, which
// reports any read of an object after its scope.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -fsanitize=address -DRUN_CHECKS %t.ad.cpp %rtlibs -fsanitize=address -o %t && %t

// The array of the branch is declared before the branch, and the reverse
// loop reads it there (after the declarations, the definitions).
// CHECK:         double branch_runtime_grad(
// CHECK:         double branch_array_grad(
// CHECK:         double w[3] = {};
// CHECK-NEXT:    double y;
// CHECK:         if (cond) {
// CHECK:           w[i] = x[i] * s;
// CHECK:         if (cond) {
// CHECK:           d_x[[[I:i_[0-9]+]]] += d_y * w[[[I]]];
// The vector sized inside its branch is not moved: what the reverse loop
// reads of it is recorded.
// CHECK:       double branch_vector_sized_inside_grad(
// CHECK:         if (
// CHECK:           std::vector<double> v(
// CHECK:           v_i_tape.append(v_i);
// CHECK:         if (cond) {
// CHECK:           std::vector<double> d_v(m);
#include <chainrule/chainrule.h>
#include <chainrule/nn.h>
#include <cmath>
#include <vector>

// The example: at x = {1, 2, 3}, s = 2, d_s = 14 and
// d_x = {4, 8, 12}.
CHAINRULE_GRAD CHAINRULE_JVP
double branch_array(const double *x, double s, int n) {
  double y = 0;
  if (s > 0) {
    double w[3];
    for (int i = 0; i < 3; i++)
      w[i] = x[i] * s;
    for (int i = 0; i < 3; i++)
      y += w[i] * x[i];
  }
  return y + 0 * n;
}

struct Acc {
  double a[4];
  double scale;
};

// A struct with an array member, in the else branch.
CHAINRULE_GRAD CHAINRULE_JVP
double branch_struct(const double *x, double s, int n) {
  double y = s;
  if (s < 0) {
    y = -s;
  } else {
    Acc p{};
    p.scale = std::sin(s);
    for (int i = 0; i < n; ++i)
      p.a[i] = x[i] * p.scale;
    for (int i = 0; i < n; ++i)
      y += p.a[i] * p.a[i] * x[i];
  }
  return y;
}

// A vector sized by a parameter, in a branch.
CHAINRULE_GRAD CHAINRULE_JVP
double branch_vector(const double *x, double s, int n) {
  double y = 1;
  if (n > 1) {
    std::vector<double> v(n);
    for (int i = 0; i < n; ++i)
      v[i] = std::exp(s * x[i]);
    for (int i = 0; i < n; ++i)
      y += v[i] * x[i];
  }
  return y;
}

// A vector sized by a value computed in its branch.
CHAINRULE_GRAD CHAINRULE_JVP
double branch_vector_sized_inside(const double *x, double s, int n) {
  double y = 0;
  if (s > 0) {
    int m = n;
    if (s > 1)
      m = n + 1;
    std::vector<double> v(m);
    for (int i = 0; i < n; ++i)
      v[i] = x[i] * s;
    for (int i = 0; i < n; ++i)
      y += v[i] * v[i];
  }
  return y;
}

// Arrays in nested branches and in the other branch.
CHAINRULE_GRAD CHAINRULE_JVP
double nested_branches(const double *x, double s, int n) {
  double y = 0;
  if (n > 2) {
    if (s > 0) {
      double w[4];
      for (int i = 0; i < n; ++i)
        w[i] = std::tanh(x[i] + s);
      for (int i = 0; i < n; ++i)
        y += w[i] * s;
    } else {
      double u[4] = {s, s * s, 1, 2};
      for (int i = 0; i < n; ++i)
        y += u[i] * x[i];
    }
  }
  return y;
}

// A helper with its own scratch array, inlined into a branch.
static double weighted(const double *x, double s, int n) {
  double w[4];
  for (int i = 0; i < n; ++i)
    w[i] = x[i] * x[i] + s;
  double r = 0;
  for (int i = 0; i < n; ++i)
    r += w[i] * std::cos(w[i]);
  return r;
}

CHAINRULE_GRAD CHAINRULE_JVP
double branch_helper(const double *x, double s, int n) {
  double y = s;
  if (s > 0.5)
    y += weighted(x, s, n);
  return y;
}

// A lambda with a local array, called in a branch.
CHAINRULE_GRAD CHAINRULE_JVP
double branch_lambda(const double *x, double s, int n) {
  auto norm2 = [&](double k) {
    double t[4];
    for (int i = 0; i < n; ++i)
      t[i] = k * x[i];
    double r = 0;
    for (int i = 0; i < n; ++i)
      r += t[i] * t[i];
    return r;
  };
  double y = 0;
  if (s != 0)
    y = norm2(s) + norm2(2 * s);
  return y;
}

// An array in a loop body, and one in a branch of a loop body.
CHAINRULE_GRAD CHAINRULE_JVP
double loop_body_arrays(const double *x, double s, int n) {
  double y = 0;
  for (int k = 0; k < 2; ++k) {
    double w[4];
    for (int i = 0; i < n; ++i)
      w[i] = x[i] * (s + k);
    for (int i = 0; i < n; ++i)
      y += std::sin(w[i]);
    if (k == 1) {
      double u[4];
      for (int i = 0; i < n; ++i)
        u[i] = y * x[i];
      for (int i = 0; i < n; ++i)
        y += u[i] * u[i];
    }
  }
  return y;
}

// An array in a switch case.
CHAINRULE_GRAD CHAINRULE_JVP
double switch_array(const double *x, double s, int n) {
  double y = 0;
  switch (n) {
  case 4: {
    double w[4];
    for (int i = 0; i < n; ++i)
      w[i] = s * x[i];
    for (int i = 0; i < n; ++i)
      y += w[i] * w[i];
    break;
  }
  default:
    y = s;
  }
  return y;
}

// A runtime operator on a local array of a branch: its derivative reads the
// array in the reverse sweep.
CHAINRULE_GRAD
double branch_runtime(const double *x, double s, int n) {
  double y = s;
  if (s > 0) {
    double h[4], a[4];
    for (int i = 0; i < n; ++i)
      h[i] = s * x[i];
    chainrule::nn::tanh(h, a, n);
    for (int i = 0; i < n; ++i)
      y += a[i];
  }
  return y;
}

#ifdef RUN_CHECKS
#include "check.h"

// The derivatives are defined after this file, in the generated one.
#define DECLARE(F)                                                             \
  double F##_grad(const double *, double, int, double *, double *);           \
  double F##_jvp(const double *, double, int, const double *, double);
DECLARE(branch_array)
DECLARE(branch_struct)
DECLARE(branch_vector)
DECLARE(branch_vector_sized_inside)
DECLARE(nested_branches)
DECLARE(branch_helper)
DECLARE(branch_lambda)
DECLARE(loop_body_arrays)
DECLARE(switch_array)
double branch_runtime_grad(const double *, double, int, double *, double *);

using Fn = double (*)(const double *, double, int);
using Grad = double (*)(const double *, double, int, double *, double *);
using Jvp = double (*)(const double *, double, int, const double *, double);

/// Checks the gradient of \p F at (x, s) against central differences, and
/// the tangent \p J (if any) in each direction against the gradient.
static void check(const char *Name, Fn F, Grad G, Jvp J, double s) {
  const int N = 4;
  double x[N] = {0.3, -0.7, 1.1, 0.5};
  double dx[N] = {}, ds = 0;
  std::printf("%s\n", Name);
  CR_EXPECT_NEAR_REL(G(x, s, N, dx, &ds), F(x, s, N), 1e-15);
  crtest::expectGradient("d_x", dx, x, N, [&] { return F(x, s, N); });
  CR_EXPECT_FD(ds, [&](double t) { return F(x, t, N); }, s);
  if (!J)
    return;
  double zero[N] = {};
  CR_EXPECT_NEAR_REL(J(x, s, N, zero, 1), ds, 1e-12);
  for (int i = 0; i < N; ++i) {
    double e[N] = {};
    e[i] = 1;
    CR_EXPECT_NEAR_REL(J(x, s, N, e, 0), dx[i], 1e-12);
  }
}

#define CASE(F, S) check(#F, F, F##_grad, F##_jvp, S)

int main() {
  // The values.
  double x[3] = {1, 2, 3}, dx[3] = {}, ds = 0;
  branch_array_grad(x, 2, 3, dx, &ds);
  CR_EXPECT_EXACT(ds, 14);
  CR_EXPECT_EXACT(dx[0], 4);
  CR_EXPECT_EXACT(dx[1], 8);
  CR_EXPECT_EXACT(dx[2], 12);

  for (double S : {0.8, -0.4}) {
    CASE(branch_array, S);
    CASE(branch_struct, S);
    CASE(branch_vector, S);
    CASE(branch_vector_sized_inside, S);
    CASE(nested_branches, S);
    CASE(branch_helper, S);
    CASE(branch_lambda, S);
    CASE(loop_body_arrays, S);
    CASE(switch_array, S);
    check("branch_runtime", branch_runtime, branch_runtime_grad, nullptr, S);
  }
  return crtest::finish();
}
#endif
