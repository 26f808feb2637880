// Annotated member functions and functors: their derivatives are free
// functions of the enclosing namespace taking the object first, `self`,
// with its shadow (reverse) or tangent (forward) after the parameters'.
// A const method reads the object; a non-const one writes it (an output
// whose shadow carries the seed of its final members); a static method is
// a free function; a method template and a member of a class template get
// one overload per instantiation; `operator()` is named `call`; `this` in
// a _WRT list names the object.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.rev.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.rev.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.rev.cpp -o %t.rev && %t.rev
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// CHECK: namespace model {
// CHECK-NEXT: inline double predict_grad(const model::Layer &self, const double *x,
// CHECK-NEXT: model::Layer *d_self, double *d_x);
// CHECK-NEXT: inline double predict_jvp(const model::Layer &self, const double *x,
// CHECK-NEXT: const model::Layer &t_self, const double *t_x);
// CHECK-NEXT: inline void step_grad(model::Layer &self, double lr, const double *g,
// CHECK-NEXT: model::Layer *d_self, double *d_lr, double *d_g);
// CHECK-NEXT: inline void step_jvp(model::Layer &self, double lr, const double *g,
// CHECK-NEXT: model::Layer *t_self, double t_lr, const double *t_g);
// CHECK-NEXT: inline double softplus_grad(double x, double *d_x);
// CHECK-NEXT: inline double softplus_jvp(double x, double t_x);
// CHECK-NEXT: inline double call_grad(const model::Layer &self, double x,
// CHECK-NEXT: model::Layer *d_self, double *d_x);
// CHECK-NEXT: inline double call_jvp(const model::Layer &self, double x,
// CHECK-NEXT: const model::Layer &t_self, double t_x);
// CHECK-NEXT: inline double bias_only_grad(const model::Layer &self, double x,
// CHECK-NEXT: model::Layer *d_self);
// CHECK-NEXT: inline double input_only_grad(const model::Layer &self, double x, double *d_x);
// CHECK-NEXT: inline double at_grad(const model::Poly &self, double x, model::Poly *d_self,
// CHECK-NEXT: double *d_x);
// CHECK-NEXT: inline float at_grad(const model::Poly &self, float x, model::Poly *d_self,
// CHECK-NEXT: float *d_x);
// CHECK-NEXT: inline double apply_grad(const model::Affine<double> &self, double x,
// CHECK-NEXT: model::Affine<double> *d_self, double *d_x);
// CHECK-NEXT: inline double apply_jvp(const model::Affine<double> &self, double x,
// CHECK-NEXT: const model::Affine<double> &t_self, double t_x);
//
// The body reads the object's members through `self`:
// CHECK: model::Layer *d_self, double *d_x) {
// CHECK: self.w[0]
// CHECK: d_self->w[0] +=
#include <chainrule/chainrule.h>
#include <cmath>

namespace model {
struct Layer {
  double w[3];
  double b;

  double dot(const double *x) const { return w[0] * x[0] + w[1] * x[1] + w[2] * x[2]; }

  // A const method calling another method and a static one.
  CHAINRULE_GRAD CHAINRULE_JVP
  double predict(const double *x) const { return softplus(dot(x) + b); }

  // A non-const method writing the members: a gradient step.
  CHAINRULE_GRAD CHAINRULE_JVP
  void step(double lr, const double *g) {
    for (int i = 0; i < 3; ++i)
      w[i] -= lr * g[i] * w[i];
    b *= 1 - lr;
  }

  CHAINRULE_GRAD CHAINRULE_JVP
  static double softplus(double x) { return std::log1p(std::exp(x)); }

  // A functor: `operator()` gives `call_grad`.
  CHAINRULE_GRAD CHAINRULE_JVP
  double operator()(double x) const { return std::tanh(w[0] * x + this->b); }

  CHAINRULE_GRAD_WRT(this) double bias_only(double x) const { return b * b * x; }
  CHAINRULE_GRAD_WRT(x) double input_only(double x) const { return b * x * x; }
};

struct Poly {
  double c[3];
  // A method template: one overload per instantiation used.
  template <typename T>
  CHAINRULE_GRAD T at(T x) const {
    return T(c[0]) + x * (T(c[1]) + x * T(c[2]));
  }
};

// A member function of a class template.
template <typename T> struct Affine {
  T w, b;
  CHAINRULE_GRAD CHAINRULE_JVP T apply(T x) const { return w * std::sin(x) + b; }
};

inline double use(const Poly &p, const Affine<double> &a, double x) {
  return p.at(x) + p.at(float(x)) + a.apply(x);
}
} // namespace model

#ifdef RUN_CHECKS
#include "check.h"
namespace model {
double predict_grad(const Layer &self, const double *x, Layer *d_self,
                    double *d_x);
double predict_jvp(const Layer &self, const double *x,
                   const Layer &t_self, const double *t_x);
void step_grad(Layer &self, double lr, const double *g, Layer *d_self,
               double *d_lr, double *d_g);
void step_jvp(Layer &self, double lr, const double *g, Layer *t_self,
              double t_lr, const double *t_g);
double softplus_grad(double x, double *d_x);
double softplus_jvp(double x, double t_x);
double call_grad(const Layer &self, double x, Layer *d_self,
                 double *d_x);
double call_jvp(const Layer &self, double x, const Layer &t_self,
                double t_x);
double bias_only_grad(const Layer &self, double x, Layer *d_self);
double input_only_grad(const Layer &self, double x, double *d_x);
double at_grad(const Poly &self, double x, Poly *d_self, double *d_x);
float at_grad(const Poly &self, float x, Poly *d_self, float *d_x);
double apply_grad(const Affine<double> &self, double x,
                  Affine<double> *d_self, double *d_x);
double apply_jvp(const Affine<double> &self, double x,
                 const Affine<double> &t_self, double t_x);
} // namespace model
using namespace model;
int main() {
  double x[3] = {0.3, -0.7, 1.1};
  Layer L{{0.5, -1.2, 0.8}, 0.1};

  // predict: gradient in the object and the input, and the tangent.
  Layer dL{};
  double dx[3] = {};
  double v = predict_grad(L, x, &dL, dx);
  CR_EXPECT_EXACT(v, L.predict(x));
  crtest::expectGradient("d_w", dL.w, L.w, 3, [&] { return L.predict(x); });
  CR_EXPECT_FD(dL.b, [&](double t) { Layer M = L; M.b = t; return M.predict(x); }, L.b);
  crtest::expectGradient("d_x", dx, x, 3, [&] { return L.predict(x); });
  Layer tL{{1, 0, 0}, 0};
  double tx[3] = {0, 0, 1};
  CR_EXPECT_NEAR_REL(predict_jvp(L, x, tL, tx), dL.w[0] + dx[2], 1e-12);

  // step: the object is an output; its shadow is the seed on entry and the
  // adjoint of its members on entry afterwards.
  {
    double lr = 0.2, g[3] = {1.5, -0.4, 0.9};
    // The seed: the cotangent of the final w[1] + 2 b.
    Layer dS{{0, 1, 0}, 2};
    double dlr = 0, dg[3] = {};
    Layer S = L;
    step_grad(S, lr, g, &dS, &dlr, dg);
    Layer Check = L;
    Check.step(lr, g);
    CR_EXPECT_EXACT(S.w[1], Check.w[1]);
    auto Out = [&](Layer M, double r, const double *gg) {
      M.step(r, gg);
      return M.w[1] + 2 * M.b;
    };
    CR_EXPECT_FD(dS.w[1], [&](double t) { Layer M = L; M.w[1] = t; return Out(M, lr, g); }, L.w[1]);
    CR_EXPECT_FD(dS.b, [&](double t) { Layer M = L; M.b = t; return Out(M, lr, g); }, L.b);
    CR_EXPECT_EXACT(dS.w[0], 0.0);
    CR_EXPECT_FD(dlr, [&](double t) { return Out(L, t, g); }, lr);
    crtest::expectGradient("d_g", dg, g, 3, [&] { return Out(L, lr, g); });
    // Forward: the tangent of the final members.
    Layer T = L, tS{{0, 1, 0}, 0};
    double tg[3] = {0, 0, 0};
    step_jvp(T, lr, g, &tS, 0.0, tg);
    CR_EXPECT_EXACT(T.b, Check.b);
    CR_EXPECT_NEAR_REL(tS.w[1], 1 - lr * g[1], 1e-12);
    CR_EXPECT_EXACT(tS.w[0], 0.0);
  }

  // A static method is a free function.
  double ds = 0;
  softplus_grad(0.4, &ds);
  CR_EXPECT_NEAR_REL(ds, 1 / (1 + std::exp(-0.4)), 1e-14);
  CR_EXPECT_NEAR_REL(softplus_jvp(0.4, 1.0), ds, 1e-14);

  // The functor.
  Layer dC{};
  double dcx = 0;
  call_grad(L, 0.6, &dC, &dcx);
  CR_EXPECT_FD(dcx, [&](double t) { return L(t); }, 0.6);
  CR_EXPECT_FD(dC.w[0], [&](double t) { Layer M = L; M.w[0] = t; return M(0.6); }, L.w[0]);
  CR_EXPECT_FD(dC.b, [&](double t) { Layer M = L; M.b = t; return M(0.6); }, L.b);
  CR_EXPECT_NEAR_REL(call_jvp(L, 0.6, Layer{}, 1.0), dcx, 1e-14);

  // _WRT(this) and _WRT(x).
  Layer dB{};
  bias_only_grad(L, 3.0, &dB);
  CR_EXPECT_EXACT(dB.b, 2 * L.b * 3.0);
  double dI = 0;
  input_only_grad(L, 3.0, &dI);
  CR_EXPECT_EXACT(dI, 2 * L.b * 3.0);

  // The method template's instantiations, and the class template's member.
  Poly P{{0.5, -2, 3}};
  Poly dP{};
  double dpx = 0;
  at_grad(P, 0.7, &dP, &dpx);
  CR_EXPECT_EXACT(dpx, -2 + 2 * 3 * 0.7);
  CR_EXPECT_EXACT(dP.c[2], 0.7 * 0.7);
  Poly dPf{};
  float dpf = 0;
  at_grad(P, 0.5f, &dPf, &dpf);
  CR_EXPECT_EXACT(dpf, -2.0f + 3.0f);
  Affine<double> A{1.5, -0.25}, dA{};
  double dax = 0;
  apply_grad(A, 0.9, &dA, &dax);
  CR_EXPECT_EXACT(dax, 1.5 * std::cos(0.9));
  CR_EXPECT_EXACT(dA.w, std::sin(0.9));
  CR_EXPECT_EXACT(dA.b, 1.0);
  CR_EXPECT_EXACT(apply_jvp(A, 0.9, Affine<double>{1, 0}, 0.0), std::sin(0.9));
  return crtest::finish();
}
#endif
