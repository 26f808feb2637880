// Integer bitwise operators and shifts (& | ^ ~ << >> and their compound
// assignments) in index and mask computations: they carry no derivative,
// and the generated code computes them as the function does. Gradients in
// reverse and forward mode against central differences.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

// CHECK-LABEL: double pairs_grad(const double *x, int depth, unsigned int mask,
// CHECK:         int n = 1 << depth;
// CHECK:         x[i ^ 1]
// CHECK:         int j = ~i & (n - 1);
#include <chainrule/chainrule.h>

/// Products of neighbours i, i ^ 1 where mask has bit i % 8, and the mirror
/// element ~i & (n - 1), over n = 2^depth elements.
CHAINRULE_GRAD CHAINRULE_JVP
double pairs(const double *x, int depth, unsigned mask) {
  int n = 1 << depth;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if ((i & 1) == 0 && ((mask >> (i % 8)) & 1u))
      s += x[i] * x[i ^ 1];
    int j = ~i & (n - 1);
    s += 0.5 * x[j] * x[i];
    unsigned k = mask;
    k <<= 1;
    k |= 1;
    k ^= 4u;
    k >>= 1;
    k &= 3u;
    s *= k == 2 ? 1.0 : 0.5;
  }
  return s;
}

#ifdef RUN_CHECKS
#include "check.h"
double pairs_grad(const double *x, int depth, unsigned mask, double *d_x);
double pairs_jvp(const double *x, int depth, unsigned mask, const double *t_x);

int main() {
  double x[8] = {0.3, -0.7, 1.1, 0.5, -0.2, 0.9, 0.4, -1.3};
  for (int depth : {0, 1, 3})
    for (unsigned mask : {0u, 5u, 255u}) {
      int n = 1 << depth;
      double dx[8] = {};
      CR_EXPECT_NEAR_REL(pairs_grad(x, depth, mask, dx), pairs(x, depth, mask),
                         1e-15);
      for (int i = 0; i < n; ++i) {
        auto F = [&](double t) {
          double c[8];
          for (int k = 0; k < 8; ++k)
            c[k] = x[k];
          c[i] = t;
          return pairs(c, depth, mask);
        };
        CR_EXPECT_NEAR_REL(dx[i], crtest::central(F, x[i]),
                           crtest::kFiniteDifferenceTol);
        double e[8] = {};
        e[i] = 1;
        CR_EXPECT_NEAR_REL(pairs_jvp(x, depth, mask, e), dx[i], 1e-12);
      }
    }
  return crtest::finish();
}
#endif
