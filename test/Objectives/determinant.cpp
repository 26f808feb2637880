// The determinant by Laplace expansion along the first row, written as
// recursion over minors that marks the columns it has used in a
// std::vector<int> (bookkeeping the recursion writes and restores), and a
// log-determinant objective on it. The gradient of det is the cofactor
// matrix: checked against central differences and, for the forward mode,
// against the gradient, for 1 x 1 to 5 x 5.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd
#include <chainrule/chainrule.h>

#include <cmath>
#include <vector>

namespace det {

double minor(const double *a, int n, int row, int *used) {
  if (row == n)
    return 1.0;
  double s = 0;
  int sign = 1;
  for (int j = 0; j < n; ++j) {
    if (used[j])
      continue;
    used[j] = 1;
    s += sign * a[row * n + j] * minor(a, n, row + 1, used);
    used[j] = 0;
    sign = -sign;
  }
  return s;
}

CHAINRULE_GRAD CHAINRULE_JVP
double logabsdet(const double *a, int n) {
  std::vector<int> used(n, 0);
  return std::log(std::fabs(minor(a, n, 0, used.data())));
}

} // namespace det

#ifdef RUN_CHECKS
#include "check.h"
namespace det {
double logabsdet_grad(const double *a, int n, double *d_a);
double logabsdet_jvp(const double *a, int n, const double *t_a);
} // namespace det

int main() {
  for (int n = 1; n <= 5; ++n) {
    double a[25], da[25] = {};
    for (int i = 0; i < n * n; ++i)
      a[i] = 0.3 * std::sin(1.3 * i + n) + (i % (n + 1) == 0 ? 2.0 : 0.0);
    auto F = [&] { return det::logabsdet(a, n); };
    CR_EXPECT_EXACT(det::logabsdet_grad(a, n, da), F());
    crtest::expectGradient("d_a", da, a, n * n, F);
    for (int i = 0; i < n * n; ++i) {
      double e[25] = {};
      e[i] = 1;
      CR_EXPECT_NEAR_REL(det::logabsdet_jvp(a, n, e), da[i], 1e-12);
    }
  }
  return crtest::finish();
}
#endif
