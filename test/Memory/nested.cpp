// A struct holding an array of structs and a std::vector, references bound
// to elements, an index computed modulo a member: shadows of the same shape
// (the caller sizes the shadow's vector).
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t

// CHECK-LABEL: double area_grad(const Poly &p, Poly *d_p) {
// CHECK-DAG:     d_p->pts[{{.*}}].x +=
// CHECK-DAG:     d_p->wts[{{.*}}] +=
#include <chainrule/chainrule.h>
#include <cmath>
#include <vector>
struct P2 { double x, y; };
struct Poly { P2 pts[3]; std::vector<double> wts; int n; };
CHAINRULE_GRAD CHAINRULE_JVP
double area(const Poly& p) {
  double s = 0;
  for (int i = 0; i < p.n; ++i) {
    const P2& a = p.pts[i];
    const P2& b = p.pts[(i + 1) % p.n];
    s += p.wts[i] * (a.x * b.y - b.x * a.y);
  }
  return 0.5 * s;
}
#ifdef RUN_CHECKS
#include "check.h"
double area_grad(const Poly&, Poly*);
double area_jvp(const Poly&, const Poly&);
int main() {
  Poly p{{{0, 0}, {2, 0.5}, {1, 3}}, {1.0, 0.5, 2.0}, 3};
  Poly d{{}, std::vector<double>(3), 0};
  area_grad(p, &d);
  double *xs[6] = {&p.pts[0].x, &p.pts[0].y, &p.pts[1].x, &p.pts[1].y, &p.pts[2].x, &p.pts[2].y};
  double *ds[6] = {&d.pts[0].x, &d.pts[0].y, &d.pts[1].x, &d.pts[1].y, &d.pts[2].x, &d.pts[2].y};
  for (int i = 0; i < 6; ++i) crtest::expectGradient("pts", ds[i], xs[i], 1, [&] { return area(p); });
  crtest::expectGradient("wts", d.wts.data(), p.wts.data(), 3, [&] { return area(p); });
  // Forward mode in one direction, against the gradient.
  Poly t{{{1, 0}, {0, 1}, {0.5, -0.5}}, {0.1, 0.2, 0.3}, 0};
  double want = d.pts[0].x * 1 + d.pts[1].y * 1 + d.pts[2].x * 0.5 -
                d.pts[2].y * 0.5 + d.wts[0] * 0.1 + d.wts[1] * 0.2 +
                d.wts[2] * 0.3;
  CR_EXPECT_NEAR_REL(area_jvp(p, t), want, 1e-12);
  return crtest::finish();
}
#endif
