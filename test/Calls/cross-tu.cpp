// Across translation units: `--header` declares a source's derivatives as
// custom derivatives, includes what they name (a user header by a path from
// the header's folder, <vector> as the source includes it) and declares the
// source's own types again, so the header compiles on its own; code in
// another file that includes it and calls the source's functions is
// differentiated through them. Both modes against central differences.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %chainrule-gen %S/Inputs/cross-tu/model.cpp -o %t/model.ad.cpp --header %t/model.ad.h -- %cxxflags
// RUN: FileCheck %s --check-prefix=HEADER --input-file=%t/model.ad.h
// RUN: echo '#include "model.ad.h"' > %t/first.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -fsyntax-only %t/first.cpp
// RUN: %chainrule-gen %s -o %t/user.ad.cpp -- %cxxflags -I%t
// RUN: FileCheck %s --input-file=%t/user.ad.cpp
// RUN: %cxx %cxxflags -I%t -Wall -Wextra -Werror -DRUN_CHECKS %t/user.ad.cpp %t/model.ad.cpp -o %t/run && %t/run | FileCheck %s --check-prefix=OUT

// HEADER:      #pragma once
// HEADER-EMPTY:
// HEADER-NEXT: #include <chainrule/chainrule.h>
// HEADER-NEXT: #include "{{(\.\./)+}}test/Calls/Inputs/cross-tu/params.h"
// HEADER-EMPTY:
// HEADER-NEXT: namespace fit {
// HEADER-NEXT: struct Weights;
// HEADER-NEXT: } // namespace fit
// HEADER-EMPTY:
// HEADER-NEXT: namespace fit {
// HEADER-NEXT: double loss(const Params &p, const Row &xs, double target);
// HEADER-NEXT: double scaled(double a, double x);
// HEADER-NEXT: } // namespace fit
// HEADER:      CHAINRULE_CUSTOM_DERIVATIVE double loss_grad(const Params &p, const Row &xs,
// HEADER:      CHAINRULE_CUSTOM_DERIVATIVE void
// HEADER-NEXT: loss_vjp(const Params &p, const Row &xs, double target, double d_ret,
// HEADER:      CHAINRULE_CUSTOM_DERIVATIVE double loss_jvp(const Params &p, const Row &xs,
// A function of a type the header only declares (no file that includes it
// can differentiate its calls) is declared as it is.
// HEADER-NEXT: {{^ +}}double target, const Params &t_p,
// HEADER-NEXT: {{^ +}}const Row &t_xs, double t_target);
// HEADER-NEXT: CHAINRULE_CUSTOM_DERIVATIVE double scaled_grad(double a, double x,
// HEADER:      CHAINRULE_CUSTOM_DERIVATIVE double scaled_jvp(double a, double x,
// HEADER:      {{^}}double weigh_grad(const Weights &k, double x, fit::Weights *d_k, double *d_x);

// The calls of fit::loss go through its derivatives, not a copy of its body.
// CHECK-LABEL:  std::vector<double> *d_xs, std::vector<double> *d_ys) {
// CHECK:         ::fit::scaled_grad(0.01, tmp, &d_a_scaled, &d_x_scaled);
// CHECK:         ::fit::loss_vjp(p, ys, -0.25, 0.5, d_p, d_ys, &d_target_loss);
// CHECK:         ::fit::loss_vjp(p, xs, 0.5, 1.0, d_p, d_xs, &d_target_loss_1);
// CHECK-NOT:     std::tanh
// CHECK-LABEL:  const fit::Row &t_xs, const fit::Row &t_ys) {
// CHECK:         ::fit::loss_jvp(p, xs, 0.5, t_p, t_xs, 0.0)
// CHECK:         ::fit::scaled_jvp(
// CHECK-NOT:     std::tanh
#include "model.ad.h" // declares fit::loss and its derivatives

#include <chainrule/chainrule.h>

/// A regularised loss over two rows, in a file of its own.
CHAINRULE_GRAD
CHAINRULE_JVP
double objective(const fit::Params &p, const fit::Row &xs, const fit::Row &ys) {
  return fit::loss(p, xs, 0.5) + 0.5 * fit::loss(p, ys, -0.25) +
         fit::scaled(0.01, p.w * p.b);
}

#ifdef RUN_CHECKS
#include <cmath>
#include <cstdio>

double objective_grad(const fit::Params &p, const fit::Row &xs,
                      const fit::Row &ys, fit::Params *d_p,
                      fit::Row *d_xs, fit::Row *d_ys);
double objective_jvp(const fit::Params &p, const fit::Row &xs,
                     const fit::Row &ys, const fit::Params &t_p,
                     const fit::Row &t_xs, const fit::Row &t_ys);

int main() {
  fit::Params p{0.7, -0.2};
  fit::Row xs{0.1, 0.5, -0.3}, ys{1.0, -2.0};
  fit::Params d_p{0, 0};
  fit::Row d_xs(3, 0.0), d_ys(2, 0.0);
  objective_grad(p, xs, ys, &d_p, &d_xs, &d_ys);
  const double h = 1e-6;
  int bad = 0;
  auto check = [&](const char *what, double got, double want) {
    bool ok = std::fabs(got - want) <= 1e-7 * std::fmax(1.0, std::fabs(want));
    bad += !ok;
    if (!ok)
      std::printf("%s: %.12g != %.12g\n", what, got, want);
  };
  auto fd = [&](double &x) {
    double keep = x;
    x = keep + h;
    double up = objective(p, xs, ys);
    x = keep - h;
    double down = objective(p, xs, ys);
    x = keep;
    return (up - down) / (2 * h);
  };
  check("d_p.w", d_p.w, fd(p.w));
  check("d_p.b", d_p.b, fd(p.b));
  for (int i = 0; i < 3; ++i)
    check("d_xs", d_xs[i], fd(xs[i]));
  for (int i = 0; i < 2; ++i)
    check("d_ys", d_ys[i], fd(ys[i]));
  // Forward mode along a direction: the gradient's dot product with it.
  fit::Params t_p{0.3, -1.0};
  fit::Row t_xs{1, 0, 2}, t_ys{-1, 0.5};
  double dot = d_p.w * t_p.w + d_p.b * t_p.b;
  for (int i = 0; i < 3; ++i)
    dot += d_xs[i] * t_xs[i];
  for (int i = 0; i < 2; ++i)
    dot += d_ys[i] * t_ys[i];
  check("jvp", objective_jvp(p, xs, ys, t_p, t_xs, t_ys), dot);
  std::printf("%s\n", bad ? "cross-tu: FAILED" : "cross-tu: ok");
  return bad;
}
// OUT: cross-tu: ok
#endif
