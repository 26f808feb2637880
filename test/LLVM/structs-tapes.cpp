// The LLVM IR output of structs (members, by reference, by value in
// registers and in memory, locals, std::array, std::pair) and of loops
// whose reverse needs a tape (Tape.h's object in IR, its grow and release as
// internal functions, no runtime library).
// RUN: %chainrule-gen --emit=llvm --grad-mode=reverse %s -o %t.ll -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ll
// RUN: %cxx %cxxflags -DRUN_CHECKS %s %t.ll -o %t && %t
// RUN: %chainrule-gen --emit=llvm --grad-mode=reverse %s -o %t.o2.ll -- %cxxflags -O2
// RUN: %cxx %cxxflags -O2 -DRUN_CHECKS %s %t.o2.ll -o %t.o2 && %t.o2

#include <array>
#include <chainrule/chainrule.h>
#include <cmath>
#include <utility>

struct Point {
  double x, y;
};
struct Body {
  int id;
  double mass;
  Point at;
  double pad[3];
};

// By reference: members through the layout clang gives the struct (the int
// first, then the doubles, the nested struct, the array).
CHAINRULE_GRAD
double energy(const Body &b) {
  return b.mass * (b.at.x * b.at.x + b.at.y * b.at.y) + b.pad[2];
}
// CHECK-LABEL: define noundef double @_Z11energy_gradRK4BodyPS_(ptr noundef nonnull align 8 dereferenceable(56) %b, ptr noalias noundef %d_b)
// CHECK:         getelementptr inbounds %struct.Body, ptr %b, i32 0, i32 1

// By value in registers (two doubles) and in memory (Body): the ABI's
// coerced pieces go into a slot, the byval copy is the object.
CHAINRULE_GRAD
double dist2(Point p, Point q) {
  double dx = p.x - q.x, dy = p.y - q.y;
  return dx * dx + dy * dy;
}
// CHECK-LABEL: define noundef double @_Z10dist2_grad5PointS_PS_S0_(double %0, double %1, double %2, double %3, ptr noalias noundef %d_p, ptr noalias noundef %d_q)
// CHECK:         %p = alloca [16 x i8]
// CHECK:         store double %0, ptr
CHAINRULE_GRAD
double heavy(Body b, double s) { return b.mass * s * s + b.at.y; }
// CHECK-LABEL: define noundef double @_Z10heavy_grad4BodydPS_Pd(ptr noundef byval(%struct.Body) align 8 %b, double noundef %s, ptr noalias noundef %d_b, ptr noalias noundef %d_s)

// A local struct and a std::array, zero each time they are made.
CHAINRULE_GRAD
double centroid(const double *xs, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    Point c{};
    std::array<double, 3> w{};
    c.x = xs[i];
    c.y = xs[i] * xs[i];
    w[i % 3] = c.x + 1;
    w[(i + 1) % 3] += c.y * 2;
    s += w[0] * w[1] + w[2];
  }
  return s;
}
// CHECK-LABEL: define noundef double @_Z13centroid_gradPKdiPd(
// CHECK:         %w = alloca %"struct.std::array"
// CHECK:       body:
// CHECK:         call void @llvm.memset.p0.i64(ptr align 8 %w, i8 0, i64 24

// A pair.
CHAINRULE_GRAD
double pair_sum(const std::pair<double, double> &p) {
  return p.first * p.second;
}

// Struct results: the tangent a `_jvp` returns comes back in registers
// (two doubles) or through the caller's memory (three); a `_vjp` takes the
// seed by reference.
CHAINRULE_JVP CHAINRULE_VJP
Point polar(double r, double t) { return {r * std::cos(t), r * std::sin(t)}; }
// CHECK-LABEL: define { double, double } @_Z9polar_jvpdddd(
// CHECK-LABEL: define void @_Z9polar_vjpddRK5PointPdS2_(double noundef %r, double noundef %t, ptr noundef nonnull align 8 dereferenceable(16) %d_ret,
struct Three {
  double a, b, c;
};
CHAINRULE_JVP CHAINRULE_VJP
Three spread(double r, double t) { return {r * t, r + t, r * r}; }
// CHECK-LABEL: define void @_Z10spread_jvpdddd(ptr {{.*}}sret(%struct.Three) align 8 %0, double noundef %r,

// A loop whose reverse needs the values it overwrites: a tape.
CHAINRULE_GRAD
double iterate(double x, int n) {
  double y = x;
  for (int i = 0; i < n; ++i)
    y = std::sin(y) + 0.5 * y;
  return y;
}
// CHECK-LABEL: define noundef double @_Z12iterate_graddiPd(
// CHECK:         %tape{{[0-9]+}} = alloca { [32 x double], ptr, ptr, i64, i64 }
// CHECK:         call void @chainrule.tape.grow.8(
// CHECK:         call void @chainrule.tape.release.8(
// CHECK-NOT:     _ZN9chainrule4Tape
// CHECK:       define internal void @chainrule.tape.grow.8(ptr %0, i64 %1)
// CHECK:         @chainrule.tape.spares.8
// CHECK:         call ptr @malloc(
// CHECK:       define internal void @chainrule.tape.release.8(ptr %0)

#ifdef RUN_CHECKS
#include "check.h"
#include <vector>
double energy_grad(const Body &b, Body *d_b);
double dist2_grad(Point p, Point q, Point *d_p, Point *d_q);
double heavy_grad(Body b, double s, Body *d_b, double *d_s);
double centroid_grad(const double *xs, int n, double *d_xs);
double pair_sum_grad(const std::pair<double, double> &p,
                     std::pair<double, double> *d_p);
double iterate_grad(double x, int n, double *d_x);
Point polar_jvp(double r, double t, double t_r, double t_t);
void polar_vjp(double r, double t, const Point &d_ret, double *d_r,
               double *d_t);
Three spread_jvp(double r, double t, double t_r, double t_t);
void spread_vjp(double r, double t, const Three &d_ret, double *d_r,
                double *d_t);

int main() {
  Body b{7, 2.5, {0.5, -1.5}, {1, 2, 3}}, db{};
  CR_EXPECT_EXACT(energy_grad(b, &db), energy(b));
  CR_EXPECT_EXACT(db.mass, 2.5);
  CR_EXPECT_EXACT(db.at.x, 2 * 2.5 * 0.5);
  CR_EXPECT_EXACT(db.at.y, 2 * 2.5 * -1.5);
  CR_EXPECT_EXACT(db.pad[2], 1);
  CR_EXPECT_EXACT(db.pad[0], 0);

  Point p{1, 2}, q{-0.5, 4}, dp{}, dq{};
  CR_EXPECT_EXACT(dist2_grad(p, q, &dp, &dq), dist2(p, q));
  CR_EXPECT_EXACT(dp.x, 3);
  CR_EXPECT_EXACT(dq.y, 4);

  Body hb{}, dhb{};
  hb.mass = 3;
  double ds = 0;
  CR_EXPECT_EXACT(heavy_grad(hb, 2, &dhb, &ds), 12);
  CR_EXPECT_EXACT(dhb.mass, 4);
  CR_EXPECT_EXACT(ds, 12);
  CR_EXPECT_EXACT(dhb.at.y, 1);

  double xs[5] = {0.5, -1, 2, 0.25, 1.5}, dxs[5] = {};
  centroid_grad(xs, 5, dxs);
  crtest::expectGradient("d_xs", dxs, xs, 5, [&] { return centroid(xs, 5); });

  std::pair<double, double> pr{3, -2}, dpr{};
  pair_sum_grad(pr, &dpr);
  CR_EXPECT_EXACT(dpr.first, -2);
  CR_EXPECT_EXACT(dpr.second, 3);

  Point tp = polar_jvp(2, 0.5, 1, 0);
  CR_EXPECT_EXACT(tp.x, std::cos(0.5));
  CR_EXPECT_EXACT(tp.y, std::sin(0.5));
  double pr_ = 0, pt_ = 0;
  polar_vjp(2, 0.5, Point{1, -1}, &pr_, &pt_);
  CR_EXPECT_EXACT(pt_, -2 * std::sin(0.5) - 2 * std::cos(0.5));
  Three t3 = spread_jvp(2, 3, 1, 0.5);
  CR_EXPECT_EXACT(t3.a, 3 + 2 * 0.5);
  CR_EXPECT_EXACT(t3.b, 1.5);
  CR_EXPECT_EXACT(t3.c, 4);
  double sr = 0, st = 0;
  spread_vjp(2, 3, Three{1, 2, 3}, &sr, &st);
  CR_EXPECT_EXACT(sr, 3 + 2 + 12);
  CR_EXPECT_EXACT(st, 2 + 2);

  // Past the inline storage and the first heap block, twice (the second
  // call takes the first one's block from the pool).
  for (int n : {3, 40, 5000, 5000}) {
    double x = 0.7, dx = 0;
    iterate_grad(x, n, &dx);
    CR_EXPECT_FD(dx, [&](double v) { return iterate(v, n); }, x);
  }
  return crtest::finish();
}
#endif
