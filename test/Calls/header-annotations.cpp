// Annotations on functions defined in an included header: the
// instantiations and functions this source uses are differentiated, with
// inline derivatives, so that two sources differentiating the same header
// link into one program (each gets the same definitions). A template that
// no source instantiates is not reported from a header (another source may
// use it).
// RUN: %chainrule-gen %s -o %t.a.ad.cpp -- %cxxflags -I%S/Inputs/headers 2>&1 | FileCheck %s --check-prefix=WARN --allow-empty
// RUN: FileCheck %s --input-file=%t.a.ad.cpp
// RUN: %chainrule-gen %S/Inputs/headers/other.cpp -o %t.b.ad.cpp -- %cxxflags -I%S/Inputs/headers
// RUN: %cxx %cxxflags -I%S/Inputs/headers -Wall -Wextra -Werror -DRUN_CHECKS %t.a.ad.cpp %t.b.ad.cpp -o %t && %t

// WARN-NOT: warning
// CHECK-DAG: inline double softplus_grad(double x, double *d_x) {
// CHECK-DAG: inline float softplus_jvp(float x, float t_x) {
// CHECK-DAG: inline double cubic_grad(double x, double a, double *d_x, double *d_a) {
// CHECK-NOT: unused_grad
#include "model.hpp"

double loss(double x) { return softplus(x) * cubic(x, 0.5) + softplus(1.0f); }

#ifdef RUN_CHECKS
#include "check.h"
double softplus_grad(double x, double *d_x);
float softplus_jvp(float x, float t_x);
double cubic_grad(double x, double a, double *d_x, double *d_a);
double other_loss(double x);

int main() {
  double x = 0.6, dx = 0;
  CR_EXPECT_EXACT(softplus_grad(x, &dx), softplus(x));
  CR_EXPECT_EXACT(dx, 1 / (1 + std::exp(-x)));
  CR_EXPECT_NEAR_REL(softplus_jvp(0.6f, 1.0f), 1 / (1 + std::exp(-0.6)), 1e-6);
  double da = 0;
  dx = 0;
  CR_EXPECT_EXACT(cubic_grad(x, 0.5, &dx, &da), cubic(x, 0.5));
  CR_EXPECT_EXACT(dx, 1.5 * x * x);
  CR_EXPECT_EXACT(da, x * x * x);
  CR_EXPECT_EXACT(other_loss(x), softplus(x) + cubic(x, 2.0));
  return crtest::finish();
}
#endif
