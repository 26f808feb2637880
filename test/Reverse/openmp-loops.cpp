// OpenMP loops in differentiated code, with -fopenmp: the derivatives run
// them serially and chainrule says so at each pragma; the function itself
// is unchanged. (The generated file is compiled without -fopenmp here: the
// test machine has no OpenMP runtime to link.)
// RUN: %chainrule-gen %s -o %t.cpp -- %cxxflags -fopenmp 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -Wno-unknown-pragmas -DRUN_CHECKS %t.cpp -o %t && %t
#include <chainrule/chainrule.h>
#include <cmath>

CHAINRULE_GRAD CHAINRULE_JVP
double sum_of_terms(const double *a, int n) {
  double s = 0;
  // CHECK-DAG: openmp-loops.cpp:[[@LINE+1]]:1: warning: chainrule: '#pragma omp parallel for' is not honoured in the derivatives: they run this loop serially (the function itself is unchanged)
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < n; ++i)
    s += std::sin(a[i]) * a[i];
  return s;
}

CHAINRULE_GRAD
void scale(const double *a, double *out, double k, int n) {
  // CHECK-DAG: openmp-loops.cpp:[[@LINE+1]]:1: warning: chainrule: '#pragma omp simd' is not honoured in the derivatives
#pragma omp simd
  for (int i = 0; i < n; ++i)
    out[i] = k * a[i] * a[i];
}

#ifdef RUN_CHECKS
#include "check.h"
double sum_of_terms_grad(const double *a, int n, double *d_a);
double sum_of_terms_jvp(const double *a, int n, const double *t_a);
void scale_grad(const double *a, double *out, double k, int n, double *d_a,
                double *d_out, double *d_k);
int main() {
  double a[3] = {0.4, -1.1, 2.0}, d[3] = {};
  sum_of_terms_grad(a, 3, d);
  crtest::expectGradient("d_a", d, a, 3, [&] { return sum_of_terms(a, 3); });
  double t[3] = {0, 1, 0};
  CR_EXPECT_NEAR_REL(sum_of_terms_jvp(a, 3, t), d[1], 1e-12);
  double out[3], da[3] = {}, dout[3] = {1, 1, 1}, dk = 0;
  scale_grad(a, out, 2.5, 3, da, dout, &dk);
  CR_EXPECT_EXACT(out[2], 2.5 * 4.0);
  CR_EXPECT_EXACT(da[0], 2 * 2.5 * 0.4);
  CR_EXPECT_NEAR_REL(dk, 0.16 + 1.21 + 4.0, 1e-14);
  return crtest::finish();
}
#endif
