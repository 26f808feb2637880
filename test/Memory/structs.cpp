// Structs, std::array and std::vector in both modes. Reverse (CHECK
// lines): shadows have the primal's shape (docs/user-guide.md:
// `const Params &p` -> `Params *d_p`, `const std::vector<double> &v` ->
// `std::vector<double> *d_v`); local records get zeroed shadow records.
// Forward (FWD lines): the tangent of an input has the parameter's own type
// (`const Params &t_p`, `Params t_byval`), a written container's tangent is
// a pointer (`std::vector<double> *t_out`).
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t

#include <chainrule/chainrule.h>
#include <array>
#include <cmath>
#include <vector>

struct Inner { double scale; int k; };
struct Params { double w[3]; double b; Inner in; };

// Members, nested members and array members of a struct reference.
// CHECK-LABEL: double model_grad(const Params &p, const double *x, Params *d_p, double *d_x) {
// CHECK-DAG:     d_p->in.scale += tanh_s_1;
// CHECK-DAG:     d_p->w[[[I:i_[0-9]+]]] += d_s_1 * x[[[I]]];
// CHECK-DAG:     d_p->b += d_s_1;
// FWD:         double t_scale = t_p.in.scale;
// FWD:         double t_s = t_p.b;
// FWD:         t_p.w[i]
CHAINRULE_GRAD CHAINRULE_JVP
double model(const Params& p, const double* x) {
  double s = p.b;
  for (int i = 0; i < 3; ++i) s += p.w[i] * x[i];
  return p.in.scale * std::tanh(s);
}

// A struct pointer and a struct by value.
// CHECK-LABEL: Params *d_byval, double *d_x) {
// CHECK-DAG:     d_byval->b +=
// CHECK-DAG:     d_p->in.scale +=
// CHECK-DAG:     d_p->w[0] += x;
// FWD-DAG:     t_p->w[0]
// FWD-DAG:     t_byval.b
CHAINRULE_GRAD CHAINRULE_JVP
double model_ptr(const Params* p, Params byval, double x) {
  return p->w[0] * x + p->in.scale * byval.b;
}

// CHECK-LABEL: std::array<double, 3> *d_a, std::array<double, 3> *d_b) {
// CHECK:         std::array<double, 3> d_t{};
// CHECK:         (*d_a)[{{.*}}] +=
// FWD:         std::array<double, 3> t_t{};
CHAINRULE_GRAD CHAINRULE_JVP
double arr(const std::array<double, 3>& a, std::array<double, 3> b) {
  std::array<double, 3> t{};
  for (int i = 0; i < 3; ++i) t[i] = a[i] * b[i];
  return t[0] + t[1] * t[2] + a.size();
}

// A local std::vector sized at run time has a shadow of the same size; the
// output vector's seed is read and reset.
// CHECK-LABEL: double *d_c) {
// CHECK:         std::vector<double> tmp(n);
// CHECK:         std::vector<double> d_tmp(n);
// CHECK:         double [[SEED:d_out_i]] = (*d_out)[[[I:i_[0-9]+]]];
// CHECK-NEXT:    (*d_out)[[[I]]] = 0.0;
// FWD:         std::vector<double> t_tmp(n);
// FWD:         (*t_out)[{{.*}}] =
CHAINRULE_GRAD CHAINRULE_JVP
double vec(const std::vector<double>& v, std::vector<double>& out, double c) {
  int n = v.size();
  std::vector<double> tmp(n);
  for (int i = 0; i < n; ++i) tmp[i] = std::exp(c * v[i]);
  double s = 0;
  for (int i = 0; i < n; ++i) { out[i] = tmp[i] * v[i]; s += tmp[i]; }
  return s;
}

// Local structs, zeroed and initialized from a list.
CHAINRULE_GRAD CHAINRULE_JVP
double local_struct(double a, double b) {
  Params p = {};
  p.w[0] = a; p.w[1] = b; p.b = a * b;
  Inner q{2.0, 1};
  q.scale *= a;
  return p.w[0] * p.w[1] + p.b * q.scale;
}

#ifdef RUN_CHECKS
#include "check.h"
double model_grad(const Params&, const double*, Params*, double*);
double model_ptr_grad(const Params*, Params, double, Params*, Params*, double*);
double arr_grad(const std::array<double, 3>&, std::array<double, 3>, std::array<double, 3>*, std::array<double, 3>*);
double vec_grad(const std::vector<double>&, std::vector<double>&, double, std::vector<double>*, std::vector<double>*, double*);
double local_struct_grad(double, double, double*, double*);
double model_jvp(const Params&, const double*, const Params&, const double*);
double model_ptr_jvp(const Params*, Params, double, const Params*, Params, double);
double arr_jvp(const std::array<double, 3>&, std::array<double, 3>, const std::array<double, 3>&, std::array<double, 3>);
double vec_jvp(const std::vector<double>&, std::vector<double>&, double, const std::vector<double>&, std::vector<double>*, double);
double local_struct_jvp(double, double, double, double);
template <typename F> double fd(F f) { double h = 1e-6; return (f(h) - f(-h)) / (2 * h); }
/// Forward mode: each jvp against a central difference in its direction.
static void forwardChecks() {
  Params p{{0.1, -0.2, 0.3}, 0.4, {1.5, 3}}, tp{{1, 0.5, -1}, 2, {0.25, 0}};
  double x[3] = {1, 2, -0.5}, tx[3] = {0.1, 0.2, 0.3};
  auto shift = [](Params q, const Params &t, double h) { for (int i = 0; i < 3; ++i) q.w[i] += h * t.w[i]; q.b += h * t.b; q.in.scale += h * t.in.scale; return q; };
  CR_EXPECT_NEAR_REL(model_jvp(p, x, tp, tx), fd([&](double h) { double xx[3]; for (int i = 0; i < 3; ++i) xx[i] = x[i] + h * tx[i]; return model(shift(p, tp, h), xx); }), 1e-6);
  CR_EXPECT_NEAR_REL(model_ptr_jvp(&p, p, 0.7, &tp, tp, 0.5), fd([&](double h) { Params a = shift(p, tp, h); return model_ptr(&a, a, 0.7 + 0.5 * h); }), 1e-6);
  std::array<double, 3> a{0.5, 1.5, -2}, b{1, 2, 3}, ta{1, 0, -1}, tb{0.5, 0.5, 2};
  CR_EXPECT_NEAR_REL(arr_jvp(a, b, ta, tb), fd([&](double h) { auto A = a, Bb = b; for (int i = 0; i < 3; ++i) { A[i] += h * ta[i]; Bb[i] += h * tb[i]; } return arr(A, Bb); }), 1e-6);
  std::vector<double> v{0.1, 0.5, -0.3, 0.8}, tv{1, -1, 2, 0.5}, out(4), tout(4);
  double got = vec_jvp(v, out, 0.9, tv, &tout, 0.3);
  CR_EXPECT_NEAR_REL(got, fd([&](double h) { auto V = v; for (int i = 0; i < 4; ++i) V[i] += h * tv[i]; std::vector<double> o(4); return vec(V, o, 0.9 + 0.3 * h); }), 1e-6);
  for (int k = 0; k < 4; ++k)
    CR_EXPECT_NEAR_REL(tout[k], fd([&](double h) { auto V = v; for (int i = 0; i < 4; ++i) V[i] += h * tv[i]; std::vector<double> o(4); vec(V, o, 0.9 + 0.3 * h); return o[k]; }), 1e-6);
  CR_EXPECT_NEAR_REL(local_struct_jvp(0.3, -1.1, 1, 2), fd([&](double h) { return local_struct(0.3 + h, -1.1 + 2 * h); }), 1e-6);
}

int main() {
  forwardChecks();
  using crtest::expectGradient;
  Params p{{0.1, -0.2, 0.3}, 0.4, {1.5, 3}};
  double x[3] = {1, 2, -0.5};
  {
    Params dp{}; double dx[3] = {};
    model_grad(p, x, &dp, dx);
    expectGradient("model/w", dp.w, p.w, 3, [&] { return model(p, x); });
    expectGradient("model/b", &dp.b, &p.b, 1, [&] { return model(p, x); });
    expectGradient("model/scale", &dp.in.scale, &p.in.scale, 1, [&] { return model(p, x); });
    expectGradient("model/x", dx, x, 3, [&] { return model(p, x); });
  }
  {
    Params q = p, dp{}, dq{}; double xx = 0.7, dxx = 0;
    model_ptr_grad(&p, q, xx, &dp, &dq, &dxx);
    auto L = [&] { return model_ptr(&p, q, xx); };
    expectGradient("ptr/w", dp.w, p.w, 3, L);
    expectGradient("ptr/scale", &dp.in.scale, &p.in.scale, 1, L);
    expectGradient("byval/b", &dq.b, &q.b, 1, L);
    expectGradient("ptr/x", &dxx, &xx, 1, L);
  }
  {
    std::array<double, 3> a{0.5, 1.5, -2}, b{1, 2, 3}, da{}, db{};
    arr_grad(a, b, &da, &db);
    expectGradient("arr/a", da.data(), a.data(), 3, [&] { return arr(a, b); });
    expectGradient("arr/b", db.data(), b.data(), 3, [&] { return arr(a, b); });
  }
  {
    std::vector<double> v{0.1, 0.5, -0.3, 0.8}, out(4), dv(4), dout{1, -1, 0.5, 2};
    double c = 0.9, dc = 0;
    vec_grad(v, out, c, &dv, &dout, &dc);
    auto L = [&] { std::vector<double> o(4); double s = vec(v, o, c); return s + o[0] - o[1] + 0.5 * o[2] + 2 * o[3]; };
    expectGradient("vec/v", dv.data(), v.data(), 4, L);
    expectGradient("vec/c", &dc, &c, 1, L);
  }
  {
    double ab[2] = {0.3, -1.1}, d[2] = {};
    local_struct_grad(ab[0], ab[1], &d[0], &d[1]);
    expectGradient("local_struct", d, ab, 2, [&] { return local_struct(ab[0], ab[1]); });
  }
  return crtest::finish();
}
#endif
