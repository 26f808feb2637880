// std::vector and std::array of structs, as parameters (their shadows and
// tangents are containers of the same structs) and as locals: a point
// cloud's moment and a polyline's length. Checked against central
// differences in both modes.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

// CHECK:       double moment_grad(const std::vector<P2> &pts, double a, std::vector<P2> *d_pts,
// CHECK:       double length_grad(const std::array<P2, 3> &line, std::array<P2, 3> *d_line);
// CHECK:       double moment_grad(
// CHECK:         (*d_pts)[{{.*}}].y +=
#include <chainrule/chainrule.h>

#include <array>
#include <cmath>
#include <vector>

struct P2 {
  double x, y;
};

CHAINRULE_GRAD CHAINRULE_JVP
double moment(const std::vector<P2> &pts, double a) {
  double s = 0;
  for (std::size_t i = 0; i < pts.size(); ++i)
    s += a * pts[i].x * pts[i].y;
  return s;
}

// A local vector of structs: the differences between consecutive points.
CHAINRULE_GRAD CHAINRULE_JVP
double length(const std::array<P2, 3> &line) {
  std::vector<P2> d(2);
  for (int i = 0; i < 2; ++i) {
    d[i].x = line[i + 1].x - line[i].x;
    d[i].y = line[i + 1].y - line[i].y;
  }
  double l = 0;
  for (const P2 &p : d)
    l += std::sqrt(p.x * p.x + p.y * p.y);
  return l;
}

#ifdef RUN_CHECKS
#include "check.h"
double moment_grad(const std::vector<P2> &pts, double a, std::vector<P2> *d_pts,
                   double *d_a);
double moment_jvp(const std::vector<P2> &pts, double a,
                  const std::vector<P2> &t_pts, double t_a);
double length_grad(const std::array<P2, 3> &line, std::array<P2, 3> *d_line);
double length_jvp(const std::array<P2, 3> &line, const std::array<P2, 3> &t_line);

int main() {
  std::vector<P2> pts = {{0.3, -0.7}, {1.1, 0.5}, {-0.2, 0.9}};
  std::vector<P2> dpts(pts.size(), P2{0, 0});
  double a = 1.3, da = 0;
  CR_EXPECT_EXACT(moment_grad(pts, a, &dpts, &da), moment(pts, a));
  CR_EXPECT_FD(da, [&](double t) { return moment(pts, t); }, a);
  std::vector<P2> zero(pts.size(), P2{0, 0});
  CR_EXPECT_NEAR_REL(moment_jvp(pts, a, zero, 1), da, 1e-12);
  for (std::size_t i = 0; i < pts.size(); ++i)
    for (int c = 0; c < 2; ++c) {
      double &v = c ? pts[i].y : pts[i].x;
      double saved = v;
      auto F = [&](double t) {
        v = t;
        double r = moment(pts, a);
        v = saved;
        return r;
      };
      CR_EXPECT_FD(c ? dpts[i].y : dpts[i].x, F, saved);
      std::vector<P2> e = zero;
      (c ? e[i].y : e[i].x) = 1;
      CR_EXPECT_NEAR_REL(moment_jvp(pts, a, e, 0), c ? dpts[i].y : dpts[i].x,
                         1e-12);
    }

  std::array<P2, 3> line = {{{0, 0}, {1.0, 0.5}, {1.5, 2.0}}};
  std::array<P2, 3> dline = {};
  CR_EXPECT_EXACT(length_grad(line, &dline), length(line));
  for (int i = 0; i < 3; ++i)
    for (int c = 0; c < 2; ++c) {
      double &v = c ? line[i].y : line[i].x;
      double saved = v;
      auto F = [&](double t) {
        v = t;
        double r = length(line);
        v = saved;
        return r;
      };
      double got = c ? dline[i].y : dline[i].x;
      CR_EXPECT_FD(got, F, saved);
      std::array<P2, 3> e = {};
      (c ? e[i].y : e[i].x) = 1;
      CR_EXPECT_NEAR_REL(length_jvp(line, e), got, 1e-12);
    }
  return crtest::finish();
}
#endif
