// Derivatives of derivatives: a source that includes what an earlier run
// generated and annotates the generated functions (before their
// definitions, as attributes must be) gets Hessian-vector products three
// ways: forward over reverse (the jvp of f_grad), reverse over forward (the
// gradient of f_jvp) and reverse over reverse (the gradient of f_grad with
// a seed on d_x). The tapes of f_grad are differentiated like any buffer
// (a tangent tape beside each, a tape of adjoints for each), f's own
// derivatives are not generated twice, and the new helpers take names the
// earlier run did not. Checked against central differences of f_grad.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %chainrule-gen %S/Inputs/nest-model.cpp -o %t.dir/nest-model.ad.cpp -- %cxxflags
// RUN: %chainrule-gen %s -o %t.dir/nesting.ad.cpp -- %cxxflags -I%t.dir
// RUN: FileCheck %s --input-file=%t.dir/nesting.ad.cpp
// RUN: %cxx %cxxflags -I%t.dir -Wall -Wextra -Werror -DRUN_CHECKS %t.dir/nesting.ad.cpp -o %t && %t
// A run over the generated file itself generates nothing again:
// RUN: %chainrule-gen %t.dir/nest-model.ad.cpp -o %t.dir/again.ad.cpp -- %cxxflags
// RUN: FileCheck %s --check-prefix=AGAIN --input-file=%t.dir/again.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -c %t.dir/again.ad.cpp -o %t.again.o

// CHECK-NOT:   {{^}}double f_grad(
// CHECK:       inline double f_grad_jvp(const double *x, int n, double *d_x, const double *t_x,
// CHECK:       static double h_jvp_2(
// CHECK:       chainrule::Tape<double> t_exp_value_tape;
// AGAIN-NOT:   _grad(
// AGAIN-NOT:   _jvp(
#include <chainrule/chainrule.h>

// Forward over reverse.
CHAINRULE_JVP double f_grad(const double *x, int n, double *d_x);
// Reverse over forward.
CHAINRULE_GRAD_WRT(x) double f_jvp(const double *x, int n, const double *t_x);
// Reverse over reverse.
CHAINRULE_VJP_WRT(x, d_x) double f_grad(const double *x, int n, double *d_x);

#include "nest-model.ad.cpp"

#ifdef RUN_CHECKS
#include "check.h"
double f_grad_jvp(const double *x, int n, double *d_x, const double *t_x,
                  double *t_d_x);
double f_jvp_grad(const double *x, int n, const double *t_x, double *d_x);
void f_grad_vjp(const double *x, int n, double *d_x, double d_ret, double *d_x_,
                double *d_d_x);

int main() {
  const int N = 4;
  double x[N] = {0.3, -0.7, 1.1, 0.5}, t[N] = {0.2, -0.4, 0.9, 0.1};
  // H t by central differences of the gradient along t.
  double Ht[N], h = 1e-6, xp[N], xm[N], gp[N] = {}, gm[N] = {};
  for (int k = 0; k < N; ++k) {
    xp[k] = x[k] + h * t[k];
    xm[k] = x[k] - h * t[k];
  }
  f_grad(xp, N, gp);
  f_grad(xm, N, gm);
  for (int i = 0; i < N; ++i)
    Ht[i] = (gp[i] - gm[i]) / (2 * h);

  double dx[N] = {}, tdx[N] = {};
  CR_EXPECT_EXACT(f_grad_jvp(x, N, dx, t, tdx), f_jvp(x, N, t));
  double hv[N] = {};
  CR_EXPECT_EXACT(f_jvp_grad(x, N, t, hv), f_jvp(x, N, t));
  // The vjp with no return cotangent and the seed t on d_x: H t.
  double d0[N] = {}, rr[N] = {}, seed[N] = {t[0], t[1], t[2], t[3]};
  f_grad_vjp(x, N, d0, 0.0, rr, seed);
  for (int i = 0; i < N; ++i) {
    CR_EXPECT_NEAR_REL(tdx[i], Ht[i], crtest::kFiniteDifferenceTol);
    CR_EXPECT_NEAR_REL(hv[i], Ht[i], crtest::kFiniteDifferenceTol);
    CR_EXPECT_NEAR_REL(rr[i], Ht[i], crtest::kFiniteDifferenceTol);
  }
  return crtest::finish();
}
#endif
