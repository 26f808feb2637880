// The output files: --header writes the declarations (in their namespaces,
// include-guarded); two runs give byte-identical outputs (C++, header, SSA);
// -o into another directory writes a relative #include of the source that
// compiles from there.
// RUN: rm -rf %t.dir && mkdir -p %t.dir/a/b
// RUN: %chainrule-gen %s -o %t.dir/a/b/out.ad.cpp --header %t.dir/a/b/out.ad.h -- %cxxflags
// RUN: FileCheck %s --check-prefix=HDR --input-file=%t.dir/a/b/out.ad.h
// RUN: FileCheck %s --check-prefix=INC --input-file=%t.dir/a/b/out.ad.cpp
// RUN: %chainrule-gen %s -o %t.dir/again.ad.cpp --header %t.dir/again.ad.h -- %cxxflags
// RUN: %chainrule-gen %s -o %t.dir/again2.ad.cpp --header %t.dir/again2.ad.h -- %cxxflags
// RUN: cmp %t.dir/again.ad.cpp %t.dir/again2.ad.cpp
// RUN: cmp %t.dir/again.ad.h %t.dir/again2.ad.h
// RUN: %chainrule-gen %s -o %t.dir/s1.ssa --emit=ssa -- %cxxflags
// RUN: %chainrule-gen %s -o %t.dir/s2.ssa --emit=ssa -- %cxxflags
// RUN: cmp %t.dir/s1.ssa %t.dir/s2.ssa
// RUN: %chainrule-gen %s -o %t.dir/d1.dot --emit=dot -- %cxxflags
// RUN: %chainrule-gen %s -o %t.dir/d2.dot --emit=dot -- %cxxflags
// RUN: cmp %t.dir/d1.dot %t.dir/d2.dot
// The generated file compiles from its own directory, with the header
// included by the execution part (-include), and its derivatives are right.
// RUN: cd %t.dir/a/b && %cxx %cxxflags -DRUN_CHECKS -include out.ad.h out.ad.cpp -o %t.dir/run && %t.dir/run

#include <chainrule/chainrule.h>

#include <cmath>

// Functions in two namespaces and at global scope, several helpers: enough
// for an iteration-order dependence to show up in the outputs.
double h1(double v) { return std::tanh(v) * v; }
double h2(double v) { return std::log1p(v * v); }
namespace model {
CHAINRULE_GRAD CHAINRULE_VJP CHAINRULE_JVP
double loss(double w, double b, int k) { return h1(w * k + b) + h2(b - w); }
} // namespace model
namespace other {
CHAINRULE_GRAD_WRT(y)
float pick(float x, float y) { return x > y ? x * y : y * y; }
} // namespace other
CHAINRULE_JVP
long double top(long double x) { return std::exp(x) - x; }

// HDR:       #pragma once
// HDR-EMPTY:
// HDR-NEXT:  #include <chainrule/chainrule.h>
// HDR-EMPTY:
// The functions, declared again for other files that call them.
// HDR-NEXT:  namespace model {
// HDR-NEXT:  double loss(double w, double b, int k);
// HDR-NEXT:  } // namespace model
// HDR-NEXT:  namespace other {
// HDR-NEXT:  float pick(float x, float y);
// HDR-NEXT:  } // namespace other
// HDR-NEXT:  long double top(long double x);
// HDR:       namespace model {
// HDR-NEXT:  CHAINRULE_CUSTOM_DERIVATIVE double loss_grad(double w, double b, int k,
// HDR-NEXT:                                              double *d_w, double *d_b);
// HDR-NEXT:  CHAINRULE_CUSTOM_DERIVATIVE void
// HDR-NEXT:  loss_vjp(double w, double b, int k, double d_ret, double *d_w, double *d_b);
// HDR-NEXT:  CHAINRULE_CUSTOM_DERIVATIVE double loss_jvp(double w, double b, int k,
// HDR-NEXT:                                             double t_w, double t_b);
// HDR:       } // namespace model
// HDR:       namespace other {
// HDR-NEXT:  CHAINRULE_CUSTOM_DERIVATIVE float pick_grad(float x, float y, float *d_y);
// HDR-NEXT:  } // namespace other
// HDR:       CHAINRULE_CUSTOM_DERIVATIVE long double top_jvp(long double x,
// HDR-NOT:   h1_vjp
// HDR-NOT:   {

// INC:       #include "{{(\.\./)+}}test/Emit/outputs.cpp"
// INC-NOT:   #include "/

#ifdef RUN_CHECKS
#include "check.h"
// The declarations come from the generated header (-include out.ad.h).
int main() {
  for (double w : {-1.5, 0.4})
    for (double b : {-0.3, 2.0})
      for (int k : {-1, 2}) {
        double dw = 0, db = 0;
        double v = model::loss_grad(w, b, k, &dw, &db);
        CR_EXPECT_EXACT(v, model::loss(w, b, k));
        CR_EXPECT_FD(dw, [&](double t) { return model::loss(t, b, k); }, w);
        CR_EXPECT_FD(db, [&](double t) { return model::loss(w, t, k); }, b);
        double ew = 0, eb = 0;
        model::loss_vjp(w, b, k, 2, &ew, &eb);
        CR_EXPECT_EXACT(ew, 2 * dw);
        CR_EXPECT_EXACT(eb, 2 * db);
        CR_EXPECT_EXACT(model::loss_jvp(w, b, k, 1, -1), dw - db);
      }
  // float: exact derivatives compared at 1e-5 relative (float rounding).
  for (float x : {-1.0f, 0.5f})
    for (float y : {-2.0f, 0.75f}) {
      float d = 0;
      other::pick_grad(x, y, &d);
      crtest::expectNear("pick d_y", d, x > y ? x : 2 * y, 1e-5);
    }
  for (double x : {-1.0, 0.5})
    CR_EXPECT_EXACT((double)top_jvp(x, 1), std::exp(x) - 1);
  return crtest::finish();
}
#endif
