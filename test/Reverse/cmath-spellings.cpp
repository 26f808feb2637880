// The rest of <cmath>, by every spelling: the inverse hyperbolic functions,
// fma, fdim, fmod and remainder (piecewise: the slope of the piece taken),
// lgamma and tgamma (whose derivatives call chainrule::polygamma of
// <chainrule/Math.h>), the C names with an f or l suffix, clang's
// __builtin_ forms, std::clamp and std::max / std::min of initializer
// lists. Each in both modes against central differences; then derivatives
// of a gradient through lgamma (polygamma's own rule, of any order).
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: FileCheck %s --check-prefix=FWD --input-file=%t.fwd.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd
// Second order: the jvp of gammas_grad, generated from the first run's file.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: %chainrule-gen %S/Inputs/gamma-model.cpp -o %t.dir/gamma-model.ad.cpp -- %cxxflags
// RUN: %chainrule-gen %s -o %t.dir/second.ad.cpp -- %cxxflags -I%t.dir -DSECOND_ORDER
// RUN: FileCheck %s --check-prefix=SECOND --input-file=%t.dir/second.ad.cpp
// RUN: %cxx %cxxflags -I%t.dir -Wall -Wextra -Werror -DSECOND_ORDER -DRUN_CHECKS %t.dir/second.ad.cpp -o %t.second && %t.second

// CHECK: #include <chainrule/Math.h>
// CHECK-LABEL: double inverse_hyperbolic_grad(double x, double y, double *d_x, double *d_y) {
// CHECK: std::asinh(
// CHECK-LABEL: double piecewise_grad(double x, double y, double *d_x, double *d_y) {
// The slope of fmod and remainder in y, the quotient, from their value:
// CHECK: std::round((x - {{[a-z_0-9]+}}) / y)
// CHECK-LABEL: double gamma_grad(double x, double *d_x) {
// CHECK: chainrule::polygamma(0.0, x)
// CHECK-LABEL: float suffixed_grad(float x, float *d_x) {
// CHECK: chainrule::polygamma(0.0f,
// CHECK: return std::asinh(x) + std::acosh(tmp_1) + std::atanh(tmp_2) +
// CHECK-NEXT: std::fmod(x, 0.3f) + std::lgamma(tmp_3) + std::fma(x, x, x) +
// CHECK-LABEL: double builtins_grad(double x, double *d_x) {
// CHECK: std::pow(x, 1.5)
// FWD-LABEL: double fused_jvp(double x, double y, double /*z*/, double t_x, double t_y,
// FWD: return y * t_x + x * t_y + t_z;
// SECOND: inline double gammas_grad_jvp(
// SECOND: chainrule::polygamma(1.0, x)

#ifndef SECOND_ORDER
#include <chainrule/chainrule.h>

#include <algorithm>
#include <cmath>

CHAINRULE_GRAD CHAINRULE_JVP
double inverse_hyperbolic(double x, double y) {
  return std::asinh(x * y) + std::acosh(1 + y * y) + std::atanh(x / 3);
}

CHAINRULE_GRAD CHAINRULE_JVP
double fused(double x, double y, double z) { return std::fma(x, y, z); }

CHAINRULE_GRAD CHAINRULE_JVP
double piecewise(double x, double y) {
  return std::fdim(x, y) + std::fdim(y, 2 * x) + std::fmod(x, y) +
         std::remainder(x, y) + std::fmod(-x, y);
}

CHAINRULE_GRAD CHAINRULE_JVP
double gamma(double x) { return std::lgamma(x) * std::tgamma(x / 2); }

CHAINRULE_GRAD CHAINRULE_JVP
float suffixed(float x) {
  return asinhf(x) + acoshf(1 + x * x) + atanhf(x / 4) + fmodf(x, 0.3f) +
         lgammaf(x + 2) + fmaf(x, x, x) + __builtin_expf(x);
}

CHAINRULE_GRAD CHAINRULE_JVP
long double suffixed_long(long double x) {
  return acoshl(2 + x * x) * atanhl(x / 4) + remainderl(x, 0.7L) +
         tgammal(x + 1);
}

CHAINRULE_GRAD CHAINRULE_JVP
double builtins(double x) {
  return __builtin_pow(x, 2.5) + __builtin_sin(x) * __builtin_exp(x) +
         __builtin_sqrt(x);
}

CHAINRULE_GRAD CHAINRULE_JVP
double ordering(double x, double y, double z) {
  return std::clamp(x, -1.0, y) + std::max({x, y, z}) * std::min({z, x}) +
         std::clamp(z * z, y, 4.0);
}
#else
#include <chainrule/chainrule.h>
// Annotated before what the first run generated defines it.
CHAINRULE_JVP double gammas_grad(double x, double *d_x);
#include "gamma-model.ad.cpp"
#endif

#ifdef RUN_CHECKS
#include "check.h"
#include <chainrule/Math.h>
#ifndef SECOND_ORDER
double inverse_hyperbolic_grad(double x, double y, double *d_x, double *d_y);
double inverse_hyperbolic_jvp(double x, double y, double t_x, double t_y);
double fused_grad(double x, double y, double z, double *d_x, double *d_y,
                  double *d_z);
double fused_jvp(double x, double y, double z, double t_x, double t_y,
                 double t_z);
double piecewise_grad(double x, double y, double *d_x, double *d_y);
double piecewise_jvp(double x, double y, double t_x, double t_y);
double gamma_grad(double x, double *d_x);
double gamma_jvp(double x, double t_x);
float suffixed_grad(float x, float *d_x);
float suffixed_jvp(float x, float t_x);
long double suffixed_long_grad(long double x, long double *d_x);
long double suffixed_long_jvp(long double x, long double t_x);
double builtins_grad(double x, double *d_x);
double builtins_jvp(double x, double t_x);
double ordering_grad(double x, double y, double z, double *d_x, double *d_y,
                     double *d_z);
double ordering_jvp(double x, double y, double z, double t_x, double t_y,
                    double t_z);

// The gradient of a function of n doubles in both modes, against central
// differences.
template <int N, typename F, typename G, typename J>
void check(const char *What, double (&X)[N], F Fn, G Grad, J Jvp) {
  double D[N] = {};
  Grad(X, D);
  crtest::expectGradient(What, D, X, N, [&] { return Fn(X); });
  for (int I = 0; I != N; ++I) {
    double T[N] = {};
    T[I] = 1;
    CR_EXPECT_NEAR_REL(Jvp(X, T), D[I], 1e-12);
  }
}

int main() {
  for (double P : {0.35, -0.6, 1.3}) {
    double X[2] = {P, 0.8 - P / 3};
    check<2>("inverse_hyperbolic", X,
             [](double *V) { return inverse_hyperbolic(V[0], V[1]); },
             [](double *V, double *D) {
               return inverse_hyperbolic_grad(V[0], V[1], &D[0], &D[1]);
             },
             [](double *V, double *T) {
               return inverse_hyperbolic_jvp(V[0], V[1], T[0], T[1]);
             });
  }
  double F3[3] = {1.5, -0.7, 2.25};
  check<3>("fused", F3, [](double *V) { return fused(V[0], V[1], V[2]); },
           [](double *V, double *D) {
             return fused_grad(V[0], V[1], V[2], &D[0], &D[1], &D[2]);
           },
           [](double *V, double *T) {
             return fused_jvp(V[0], V[1], V[2], T[0], T[1], T[2]);
           });
  // Points on each piece: x > y and x < y, quotients of both signs.
  for (auto [A, Bv] : {std::pair{2.3, 0.7}, std::pair{0.45, 1.9},
                       std::pair{-3.1, 1.2}, std::pair{5.2, -1.5}}) {
    double X[2] = {A, Bv};
    check<2>("piecewise", X,
             [](double *V) { return piecewise(V[0], V[1]); },
             [](double *V, double *D) {
               return piecewise_grad(V[0], V[1], &D[0], &D[1]);
             },
             [](double *V, double *T) {
               return piecewise_jvp(V[0], V[1], T[0], T[1]);
             });
  }
  for (double P : {0.3, 1.7, 4.2, -1.4}) {
    double X[1] = {P};
    check<1>("gamma", X, [](double *V) { return gamma(V[0]); },
             [](double *V, double *D) { return gamma_grad(V[0], &D[0]); },
             [](double *V, double *T) { return gamma_jvp(V[0], T[0]); });
    check<1>("builtins", X, [](double *V) { return builtins(std::fabs(V[0])); },
             [](double *V, double *D) {
               double R = builtins_grad(std::fabs(V[0]), &D[0]);
               D[0] *= V[0] < 0 ? -1 : 1;
               return R;
             },
             [](double *V, double *T) {
               return builtins_jvp(std::fabs(V[0]), V[0] < 0 ? -T[0] : T[0]);
             });
  }
  for (double P : {-0.8, 0.2, 0.9}) {
    for (double Q : {0.5, 1.4}) {
      for (double R : {-1.7, 0.35, 1.8}) {
        double X[3] = {P, Q, R};
        check<3>("ordering", X,
                 [](double *V) { return ordering(V[0], V[1], V[2]); },
                 [](double *V, double *D) {
                   return ordering_grad(V[0], V[1], V[2], &D[0], &D[1], &D[2]);
                 },
                 [](double *V, double *T) {
                   return ordering_jvp(V[0], V[1], V[2], T[0], T[1], T[2]);
                 });
      }
    }
  }
  // float and long double: their exact derivatives, by hand.
  for (float P : {0.4f, 1.1f}) {
    float D = 0;
    suffixed_grad(P, &D);
    double Y = 1 + double(P) * P;
    double Want = 1 / std::sqrt(double(P) * P + 1) +
                  2 * P / std::sqrt(Y * Y - 1) + 0.25 / (1 - P * P / 16.0) + 1 +
                  chainrule::polygamma(0.0, P + 2.0) + 2 * P + 1 +
                  std::exp(double(P));
    CR_EXPECT_NEAR_REL(D, Want, 1e-5);
    CR_EXPECT_NEAR_REL(suffixed_jvp(P, 1), D, 1e-6);
  }
  for (long double P : {0.4L, 1.3L}) {
    long double D = 0;
    suffixed_long_grad(P, &D);
    long double Y = 2 + P * P;
    long double Want =
        2 * P / std::sqrt(Y * Y - 1) * std::atanh(P / 4) +
        std::acosh(Y) * 0.25L / (1 - P * P / 16) + 1 +
        std::tgamma(P + 1) * chainrule::polygamma(0.0L, P + 1);
    CR_EXPECT_NEAR_REL(double(D), double(Want), 1e-15);
    CR_EXPECT_NEAR_REL(double(suffixed_long_jvp(P, 1)), double(D), 1e-15);
  }
  return crtest::finish();
}
#else
double gammas_grad_jvp(double x, double *d_x, double t_x, double *t_d_x);
int main() {
  // d²/dx² (lgamma + tgamma / 2) = psi'(x) + (tgamma (psi² + psi')) / 2.
  for (double P : {0.6, 2.5, 7.0}) {
    double Dx = 0, T = 0;
    gammas_grad_jvp(P, &Dx, 1, &T);
    double Psi = chainrule::polygamma(0.0, P), Psi1 = chainrule::polygamma(1.0, P);
    CR_EXPECT_NEAR_REL(T, Psi1 + 0.5 * std::tgamma(P) * (Psi * Psi + Psi1), 1e-13);
    CR_EXPECT_FD(T, [](double V) {
      double D = 0;
      gammas_grad(V, &D);
      return D;
    }, P);
  }
  return crtest::finish();
}
#endif
#endif
