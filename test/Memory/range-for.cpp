// Range-based `for` over a std::vector, a std::array, an array member and a
// local array, by value and by reference (writing through the reference),
// with `continue`: an index loop over the container's elements, in both
// modes.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t

// The loop counts from 0 to the size, and the variable is the element.
// CHECK:      long x_index = 0L;
// CHECK-NEXT: while (x_index < tmp) {
// CHECK-NEXT:   double x = v[x_index];
#include <chainrule/chainrule.h>
#include <array>
#include <cmath>
#include <vector>
struct S { double w[3]; };
CHAINRULE_GRAD CHAINRULE_JVP
double rsum(const std::vector<double>& v, const std::array<double, 3>& a, const S& s, double c) {
  double t = 0;
  for (double x : v) t += std::sin(c * x);
  for (const double& y : a) t += y * y;
  for (double z : s.w) t += c * z;
  double loc[2] = {c, 2 * c};
  for (double& l : loc) l *= l;
  for (auto l : loc) t += l;
  return t;
}
CHAINRULE_GRAD
void rscale(std::vector<double>& v, double c) {
  for (double& x : v) {
    if (x > 0.5) continue;
    x *= c;
  }
}
#ifdef RUN_CHECKS
#include "check.h"
double rsum_grad(const std::vector<double>&, const std::array<double, 3>&, const S&, double, std::vector<double>*, std::array<double, 3>*, S*, double*);
double rsum_jvp(const std::vector<double>&, const std::array<double, 3>&, const S&, double, const std::vector<double>&, const std::array<double, 3>&, const S&, double);
void rscale_grad(std::vector<double>&, double, std::vector<double>*, double*);
int main() {
  std::vector<double> v{0.1, 0.7, -0.4}, dv(3);
  std::array<double, 3> a{1, 2, 3}, da{};
  S s{{0.5, -0.5, 2}}, ds{};
  double c = 0.8, dc = 0;
  rsum_grad(v, a, s, c, &dv, &da, &ds, &dc);
  auto L = [&] { return rsum(v, a, s, c); };
  crtest::expectGradient("v", dv.data(), v.data(), 3, L);
  crtest::expectGradient("a", da.data(), a.data(), 3, L);
  crtest::expectGradient("s", ds.w, s.w, 3, L);
  crtest::expectGradient("c", &dc, &c, 1, L);
  std::vector<double> tv{1, 0, 0}; std::array<double, 3> ta{0, 0, 0}; S ts{{0, 0, 0}};
  CR_EXPECT_NEAR_REL(rsum_jvp(v, a, s, c, tv, ta, ts, 0.5), dv[0] + 0.5 * dc, 1e-12);
  std::vector<double> w0{0.2, 0.9, -0.3}, w = w0, dw{1, 2, 3}, seed = dw;
  double c2 = 1.5, dc2 = 0;
  rscale_grad(w, c2, &dw, &dc2);
  auto L2 = [&] { std::vector<double> t = w0; rscale(t, c2); return seed[0]*t[0] + seed[1]*t[1] + seed[2]*t[2]; };
  crtest::expectGradient("w", dw.data(), w0.data(), 3, L2);
  crtest::expectGradient("c2", &dc2, &c2, 1, L2);
  return crtest::finish();
}
#endif
