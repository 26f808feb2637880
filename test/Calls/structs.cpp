// Small value types: a 3-vector with constructors, a default member
// initializer, member operators (+, -, +=, unary -), free operators
// (scalar * vector), const member functions, a class template's member
// function, a static member function, a function returning a struct,
// struct copies and assignments, a struct passed by value and changed by
// the callee, and a functor. Every call of a member function, constructor
// or operator is inlined: no helper is generated for them, and gradients
// are checked against central differences in both modes.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.fwd.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK-NOT: static {{.*}}_vjp(
// Straight-line code on structs is scalar code: no object, no tape.
// CHECK-LABEL: double *d_k) {
// CHECK-NOT: Vec3
// CHECK-NOT: Tape
// CHECK: return
// CHECK-LABEL: double orbit_grad(const Body &body, double dt, Body *d_body, double *d_dt) {
// A body with a default member initializer starts as chainrule::zeroed.
// CHECK: Body s = chainrule::zeroed<Body>();
// FWD-NOT: static {{.*}}_jvp(
// FWD-LABEL: double t_k) {
// FWD-NOT: Vec3
// FWD: return
#include <chainrule/chainrule.h>
#include <cmath>

struct Vec3 {
  double x, y, z;
  Vec3() = default;
  Vec3(double x, double y, double z) : x(x), y(y), z(z) {}
  explicit Vec3(double s) : x(s), y(s), z(s) {}

  Vec3 operator+(const Vec3 &o) const { return Vec3(x + o.x, y + o.y, z + o.z); }
  Vec3 operator-(const Vec3 &o) const { return {x - o.x, y - o.y, z - o.z}; }
  Vec3 operator-() const { return Vec3(-x, -y, -z); }
  Vec3 &operator+=(const Vec3 &o) {
    x += o.x;
    y += o.y;
    z += o.z;
    return *this;
  }
  double dot(const Vec3 &o) const { return x * o.x + y * o.y + z * o.z; }
  double norm() const { return std::sqrt(dot(*this)); }
  void scale(double s) {
    x *= s;
    y *= s;
    z *= s;
  }
};

Vec3 operator*(double s, Vec3 v) {
  v.scale(s); // v is the callee's copy
  return v;
}

Vec3 cross(const Vec3 &a, const Vec3 &b) {
  Vec3 c;
  c.x = a.y * b.z - a.z * b.y;
  c.y = a.z * b.x - a.x * b.z;
  c.z = a.x * b.y - a.y * b.x;
  return c;
}

// A class template and a static member function.
template <typename T> struct Pair {
  T u, v;
  T len2() const { return u * u + v * v; }
  static Pair of(T s) { return {s, 2 * s}; }
};

// Hooke's law energy plus a torque-like term.
CHAINRULE_GRAD CHAINRULE_JVP
double spring(const Vec3 &a, const Vec3 &b, double k) {
  Vec3 d = b - a;
  Vec3 m = 0.5 * (a + b);
  Vec3 t = cross(d, m);
  double stretch = d.norm() - 1.0;
  Pair<double> p = Pair<double>::of(a.x * b.y);
  return 0.5 * k * stretch * stretch + t.dot(-m) + Vec3(k).dot(a) + p.len2();
}

struct Body {
  Vec3 p, v;
  double mass = 2.0;
};

// A functor: the force of a central field.
struct Gravity {
  double g;
  Vec3 operator()(const Vec3 &p) const {
    double r = p.norm();
    return (-g / (r * r * r)) * p;
  }
};

// Two explicit Euler steps of a body in a central field.
CHAINRULE_GRAD CHAINRULE_JVP
double orbit(const Body &body, double dt) {
  Body s = body;     // a copy
  Gravity field{15 * dt}; // a functor whose state carries a derivative
  for (int i = 0; i < 2; ++i) {
    Vec3 f = field(s.p);
    s.v += (dt / s.mass) * f;
    s.p += dt * s.v;
  }
  Body rest;         // default member initializer: mass 2
  rest.p = s.p;      // a struct assignment
  return rest.mass * s.p.dot(s.p) + s.v.norm();
}

#ifdef RUN_CHECKS
#include "check.h"
double spring_grad(const Vec3 &a, const Vec3 &b, double k, Vec3 *d_a,
                   Vec3 *d_b, double *d_k);
double spring_jvp(const Vec3 &a, const Vec3 &b, double k, const Vec3 &t_a,
                  const Vec3 &t_b, double t_k);
double orbit_grad(const Body &body, double dt, Body *d_body, double *d_dt);
double orbit_jvp(const Body &body, double dt, const Body &t_body, double t_dt);

/// Component \p I of \p V (x, y, z).
static double &at(Vec3 &V, int I) { return I == 0 ? V.x : I == 1 ? V.y : V.z; }

int main() {
  Vec3 a(0.3, -0.8, 1.1), b(1.2, 0.4, -0.5);
  double k = 1.7;
  Vec3 da(0, 0, 0), db(0, 0, 0);
  double dk = 0;
  CR_EXPECT_NEAR_REL(spring_grad(a, b, k, &da, &db, &dk), spring(a, b, k),
                     1e-15);
  for (int i = 0; i < 3; ++i) {
    auto Fa = [&](double t) {
      Vec3 c = a;
      at(c, i) = t;
      return spring(c, b, k);
    };
    auto Fb = [&](double t) {
      Vec3 c = b;
      at(c, i) = t;
      return spring(a, c, k);
    };
    CR_EXPECT_NEAR_REL(at(da, i), crtest::central(Fa, at(a, i)),
                       crtest::kFiniteDifferenceTol);
    CR_EXPECT_NEAR_REL(at(db, i), crtest::central(Fb, at(b, i)),
                       crtest::kFiniteDifferenceTol);
    Vec3 e(0, 0, 0), z(0, 0, 0);
    at(e, i) = 1;
    CR_EXPECT_NEAR_REL(spring_jvp(a, b, k, e, z, 0), at(da, i), 1e-12);
    CR_EXPECT_NEAR_REL(spring_jvp(a, b, k, z, e, 0), at(db, i), 1e-12);
  }
  CR_EXPECT_NEAR_REL(
      dk, crtest::central([&](double t) { return spring(a, b, t); }, k),
      crtest::kFiniteDifferenceTol);

  Body body;
  body.p = Vec3(1.0, 0.2, -0.3);
  body.v = Vec3(0.1, 0.9, 0.2);
  body.mass = 1.3;
  double dt = 0.1;
  Body dbody;
  dbody.p = dbody.v = Vec3(0, 0, 0);
  dbody.mass = 0;
  double ddt = 0;
  CR_EXPECT_NEAR_REL(orbit_grad(body, dt, &dbody, &ddt), orbit(body, dt),
                     1e-15);
  Body zero = dbody;
  zero.p = zero.v = Vec3(0, 0, 0);
  zero.mass = 0;
  for (int i = 0; i < 3; ++i) {
    for (int which = 0; which < 2; ++which) {
      auto F = [&](double t) {
        Body c = body;
        at(which ? c.v : c.p, i) = t;
        return orbit(c, dt);
      };
      Body &d = dbody;
      double got = at(which ? d.v : d.p, i);
      CR_EXPECT_NEAR_REL(got, crtest::central(F, at(which ? body.v : body.p, i)),
                         crtest::kFiniteDifferenceTol);
      Body e = zero;
      at(which ? e.v : e.p, i) = 1;
      CR_EXPECT_NEAR_REL(orbit_jvp(body, dt, e, 0), got, 1e-12);
    }
  }
  CR_EXPECT_NEAR_REL(dbody.mass, crtest::central([&](double t) {
                       Body c = body;
                       c.mass = t;
                       return orbit(c, dt);
                     }, body.mass),
                     crtest::kFiniteDifferenceTol);
  CR_EXPECT_NEAR_REL(
      ddt, crtest::central([&](double t) { return orbit(body, t); }, dt),
      crtest::kFiniteDifferenceTol);
  CR_EXPECT_NEAR_REL(orbit_jvp(body, dt, zero, 1), ddt, 1e-12);
  return crtest::finish();
}
#endif
