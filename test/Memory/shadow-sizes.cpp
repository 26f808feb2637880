// A std::vector shadow or tangent must have its primal's size: every
// derivative users call checks each one on entry (members of structs at any
// depth too) and stops with the function and both parameters named, instead
// of reading and writing past an end. chainrule::zeros_like and
// chainrule::zero give fresh and reused zero shadows.
// RUN: %chainrule-gen %s -o %t.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.cpp -o %t && %t | FileCheck %s --check-prefix=OUT
// RUN: not --crash %t short-shadow 2>&1 | FileCheck %s --check-prefix=SHORT
// RUN: not --crash %t long-tangent 2>&1 | FileCheck %s --check-prefix=LONG
// RUN: not --crash %t member 2>&1 | FileCheck %s --check-prefix=MEMBER

// CHECK:      #include <chainrule/Check.h>
// CHECK-LABEL:                std::vector<double> *d_v, double *d_s) {
// CHECK-NEXT:   if (d_v->size() != v.size())
// CHECK-NEXT:     chainrule::sizeMismatch("ssq_grad", "d_v", d_v->size(), "v", v.size());
// CHECK-LABEL:               const std::vector<double> &t_v, double t_s) {
// CHECK-NEXT:   if (t_v.size() != v.size())
// CHECK-NEXT:     chainrule::sizeMismatch("ssq_jvp", "t_v", t_v.size(), "v", v.size());
// CHECK-LABEL: double model_grad(const Params &p, Params *d_p) {
// CHECK-NEXT:   if (d_p->in.w.size() != p.in.w.size())
// CHECK:        if (d_p->u.size() != p.u.size())
// One check per vector: two above, two here, none elsewhere.
// RUN: grep -c 'chainrule::sizeMismatch(' %t.cpp | FileCheck %s --check-prefix=COUNT
// COUNT: 4

// SHORT:  chainrule: ssq_grad: 'd_v' has 2 elements but 'v' has 4; size each std::vector shadow or tangent like its primal (and zero a shadow) before the call
// LONG:   chainrule: ssq_jvp: 't_v' has 5 elements but 'v' has 4;
// MEMBER: chainrule: model_grad: 'd_p->in.w' has 1 elements but 'p.in.w' has 2;
#include <chainrule/chainrule.h>
#include <vector>

struct Inner {
  std::vector<double> w;
  double b;
};
struct Params {
  Inner in;
  std::vector<double> u;
  double c;
};

CHAINRULE_GRAD
CHAINRULE_JVP
double ssq(const std::vector<double> &v, double s) {
  double t = 0;
  for (double x : v)
    t += s * x * x;
  return t;
}

double inner_sum(const Inner &in) {
  double t = in.b;
  for (double x : in.w)
    t += x * x;
  return t;
}

CHAINRULE_GRAD
double model(const Params &p) {
  double t = p.c + inner_sum(p.in);
  for (double x : p.u)
    t += 2 * x;
  return t;
}

#ifdef RUN_CHECKS
#include <array>
#include <cstdio>
#include <cstring>

double ssq_grad(const std::vector<double> &v, double s,
                std::vector<double> *d_v, double *d_s);
double ssq_jvp(const std::vector<double> &v, double s,
               const std::vector<double> &t_v, double t_s);
double model_grad(const Params &p, Params *d_p);

struct Plain {
  double a[2];
  std::array<float, 3> b;
  double c;
};

int main(int argc, char **argv) {
  std::vector<double> v{1, 2, 3, 4};
  if (argc > 1 && !std::strcmp(argv[1], "short-shadow")) {
    std::vector<double> d(2, 0.0);
    double ds = 0;
    ssq_grad(v, 1.0, &d, &ds);
  }
  if (argc > 1 && !std::strcmp(argv[1], "long-tangent"))
    ssq_jvp(v, 1.0, std::vector<double>(5, 1.0), 0.0);
  Params p{{{1, 2}, 0.5}, {3}, 1};
  if (argc > 1 && !std::strcmp(argv[1], "member")) {
    Params bad{{{0}, 0}, {0}, 0};
    model_grad(p, &bad);
  }

  // A fresh zero shadow of the primal's size, then reused after zero().
  auto d_v = chainrule::zeros_like(v);
  double d_s = 0;
  double f = ssq_grad(v, 2.0, &d_v, &d_s);
  std::printf("ssq %g d_v %g %g %g %g d_s %g\n", f, d_v[0], d_v[1], d_v[2],
              d_v[3], d_s);
  chainrule::zero(d_v);
  chainrule::zero(d_s);
  ssq_grad(v, 1.0, &d_v, &d_s);
  std::printf("again d_v %g %g %g %g d_s %g\n", d_v[0], d_v[1], d_v[2], d_v[3],
              d_s);
  Plain q{{1, 2}, {3, 4, 5}, 6};
  Plain z = chainrule::zeros_like(q);
  std::printf("plain %g %g %g %g\n", z.a[1], (double)z.b[2], z.c,
              q.a[1] + q.c);
  double d_arr[3] = {1, 2, 3};
  chainrule::zero(d_arr);
  std::printf("array %g %g\n", d_arr[0], d_arr[2]);
  return 0;
}
// OUT: ssq 60 d_v 4 8 12 16 d_s 30
// OUT-NEXT: again d_v 2 4 6 8 d_s 30
// OUT-NEXT: plain 0 0 0 8
// OUT-NEXT: array 0 0
#endif
