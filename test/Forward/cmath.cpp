// Forward mode (f_jvp) of every <cmath> function of issue 2, in the std::
// and the unqualified form. The golden part checks the tangent rule and that
// a transcendental whose derivative is expressed through its own value is
// called once.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t

#include <chainrule/chainrule.h>

#include <cmath>

// sin: std::sin and unqualified sin.
CHAINRULE_JVP
double s_sin(double x) { return std::sin(x); }
// CHECK-LABEL: double s_sin_jvp(double x, double t_x) {
// CHECK:         return std::cos(x) * t_x;
CHAINRULE_JVP
double u_sin(double x) { return sin(x); }
// CHECK-LABEL: double u_sin_jvp(double x, double t_x) {
// CHECK:         return std::cos(x) * t_x;

// cos: std::cos and unqualified cos.
CHAINRULE_JVP
double s_cos(double x) { return std::cos(x); }
// CHECK-LABEL: double s_cos_jvp(double x, double t_x) {
// CHECK:         return -(t_x * std::sin(x));
CHAINRULE_JVP
double u_cos(double x) { return cos(x); }
// CHECK-LABEL: double u_cos_jvp(double x, double t_x) {
// CHECK:         return -(t_x * std::sin(x));

// tan: std::tan and unqualified tan.
CHAINRULE_JVP
double s_tan(double x) { return std::tan(x); }
// CHECK-LABEL: double s_tan_jvp(double x, double t_x) {
// CHECK-NEXT:    double [[V_tan:[a-z0-9_]+]] = std::tan(x);
// CHECK-NOT:     std::tan(
// CHECK:         return {{.*}}[[V_tan]]{{.*}}t_x
CHAINRULE_JVP
double u_tan(double x) { return tan(x); }
// CHECK-LABEL: double u_tan_jvp(double x, double t_x) {
// CHECK-COUNT-1: std::tan(x)
// CHECK-NOT:     std::tan(

// asin: std::asin and unqualified asin.
CHAINRULE_JVP
double s_asin(double x) { return std::asin(x); }
// CHECK-LABEL: double s_asin_jvp(double x, double t_x) {
// CHECK:         return t_x / std::sqrt(1 - x * x);
CHAINRULE_JVP
double u_asin(double x) { return asin(x); }
// CHECK-LABEL: double u_asin_jvp(double x, double t_x) {
// CHECK:         return t_x / std::sqrt(1 - x * x);

// acos: std::acos and unqualified acos.
CHAINRULE_JVP
double s_acos(double x) { return std::acos(x); }
// CHECK-LABEL: double s_acos_jvp(double x, double t_x) {
// CHECK:         return -(t_x / std::sqrt(1 - x * x));
CHAINRULE_JVP
double u_acos(double x) { return acos(x); }
// CHECK-LABEL: double u_acos_jvp(double x, double t_x) {
// CHECK:         return -(t_x / std::sqrt(1 - x * x));

// atan: std::atan and unqualified atan.
CHAINRULE_JVP
double s_atan(double x) { return std::atan(x); }
// CHECK-LABEL: double s_atan_jvp(double x, double t_x) {
// CHECK:         return t_x / (1 + x * x);
CHAINRULE_JVP
double u_atan(double x) { return atan(x); }
// CHECK-LABEL: double u_atan_jvp(double x, double t_x) {
// CHECK:         return t_x / (1 + x * x);

// sinh: std::sinh and unqualified sinh.
CHAINRULE_JVP
double s_sinh(double x) { return std::sinh(x); }
// CHECK-LABEL: double s_sinh_jvp(double x, double t_x) {
// CHECK:         return std::cosh(x) * t_x;
CHAINRULE_JVP
double u_sinh(double x) { return sinh(x); }
// CHECK-LABEL: double u_sinh_jvp(double x, double t_x) {
// CHECK:         return std::cosh(x) * t_x;

// cosh: std::cosh and unqualified cosh.
CHAINRULE_JVP
double s_cosh(double x) { return std::cosh(x); }
// CHECK-LABEL: double s_cosh_jvp(double x, double t_x) {
// CHECK:         return std::sinh(x) * t_x;
CHAINRULE_JVP
double u_cosh(double x) { return cosh(x); }
// CHECK-LABEL: double u_cosh_jvp(double x, double t_x) {
// CHECK:         return std::sinh(x) * t_x;

// tanh: std::tanh and unqualified tanh.
CHAINRULE_JVP
double s_tanh(double x) { return std::tanh(x); }
// CHECK-LABEL: double s_tanh_jvp(double x, double t_x) {
// CHECK-NEXT:    double [[V_tanh:[a-z0-9_]+]] = std::tanh(x);
// CHECK-NOT:     std::tanh(
// CHECK:         return {{.*}}[[V_tanh]]{{.*}}t_x
CHAINRULE_JVP
double u_tanh(double x) { return tanh(x); }
// CHECK-LABEL: double u_tanh_jvp(double x, double t_x) {
// CHECK-COUNT-1: std::tanh(x)
// CHECK-NOT:     std::tanh(

// exp: std::exp and unqualified exp.
CHAINRULE_JVP
double s_exp(double x) { return std::exp(x); }
// CHECK-LABEL: double s_exp_jvp(double x, double t_x) {
// CHECK:         return std::exp(x) * t_x;
CHAINRULE_JVP
double u_exp(double x) { return exp(x); }
// CHECK-LABEL: double u_exp_jvp(double x, double t_x) {
// CHECK:         return std::exp(x) * t_x;

// exp2: std::exp2 and unqualified exp2.
CHAINRULE_JVP
double s_exp2(double x) { return std::exp2(x); }
// CHECK-LABEL: double s_exp2_jvp(double x, double t_x) {
// CHECK:         return 0.6931471805599453 * std::exp2(x) * t_x;
CHAINRULE_JVP
double u_exp2(double x) { return exp2(x); }
// CHECK-LABEL: double u_exp2_jvp(double x, double t_x) {
// CHECK:         return 0.6931471805599453 * std::exp2(x) * t_x;

// expm1: std::expm1 and unqualified expm1.
CHAINRULE_JVP
double s_expm1(double x) { return std::expm1(x); }
// CHECK-LABEL: double s_expm1_jvp(double x, double t_x) {
// CHECK:         return (std::expm1(x) + 1) * t_x;
CHAINRULE_JVP
double u_expm1(double x) { return expm1(x); }
// CHECK-LABEL: double u_expm1_jvp(double x, double t_x) {
// CHECK:         return (std::expm1(x) + 1) * t_x;

// log: std::log and unqualified log.
CHAINRULE_JVP
double s_log(double x) { return std::log(x); }
// CHECK-LABEL: double s_log_jvp(double x, double t_x) {
// CHECK:         return t_x / x;
CHAINRULE_JVP
double u_log(double x) { return log(x); }
// CHECK-LABEL: double u_log_jvp(double x, double t_x) {
// CHECK:         return t_x / x;

// log2: std::log2 and unqualified log2.
CHAINRULE_JVP
double s_log2(double x) { return std::log2(x); }
// CHECK-LABEL: double s_log2_jvp(double x, double t_x) {
// CHECK:         return t_x / (0.6931471805599453 * x);
CHAINRULE_JVP
double u_log2(double x) { return log2(x); }
// CHECK-LABEL: double u_log2_jvp(double x, double t_x) {
// CHECK:         return t_x / (0.6931471805599453 * x);

// log10: std::log10 and unqualified log10.
CHAINRULE_JVP
double s_log10(double x) { return std::log10(x); }
// CHECK-LABEL: double s_log10_jvp(double x, double t_x) {
// CHECK:         return t_x / (2.302585092994046 * x);
CHAINRULE_JVP
double u_log10(double x) { return log10(x); }
// CHECK-LABEL: double u_log10_jvp(double x, double t_x) {
// CHECK:         return t_x / (2.302585092994046 * x);

// log1p: std::log1p and unqualified log1p.
CHAINRULE_JVP
double s_log1p(double x) { return std::log1p(x); }
// CHECK-LABEL: double s_log1p_jvp(double x, double t_x) {
// CHECK:         return t_x / (1 + x);
CHAINRULE_JVP
double u_log1p(double x) { return log1p(x); }
// CHECK-LABEL: double u_log1p_jvp(double x, double t_x) {
// CHECK:         return t_x / (1 + x);

// sqrt: std::sqrt and unqualified sqrt.
CHAINRULE_JVP
double s_sqrt(double x) { return std::sqrt(x); }
// CHECK-LABEL: double s_sqrt_jvp(double x, double t_x) {
// CHECK:         return 0.5 / std::sqrt(x) * t_x;
CHAINRULE_JVP
double u_sqrt(double x) { return sqrt(x); }
// CHECK-LABEL: double u_sqrt_jvp(double x, double t_x) {
// CHECK:         return 0.5 / std::sqrt(x) * t_x;

// cbrt: std::cbrt and unqualified cbrt.
CHAINRULE_JVP
double s_cbrt(double x) { return std::cbrt(x); }
// CHECK-LABEL: double s_cbrt_jvp(double x, double t_x) {
// CHECK-NEXT:    double [[V_cbrt:[a-z0-9_]+]] = std::cbrt(x);
// CHECK-NOT:     std::cbrt(
// CHECK:         return {{.*}}[[V_cbrt]]{{.*}}t_x
CHAINRULE_JVP
double u_cbrt(double x) { return cbrt(x); }
// CHECK-LABEL: double u_cbrt_jvp(double x, double t_x) {
// CHECK-COUNT-1: std::cbrt(x)
// CHECK-NOT:     std::cbrt(

// fabs: std::fabs and unqualified fabs.
CHAINRULE_JVP
double s_fabs(double x) { return std::fabs(x); }
// CHECK-LABEL: double s_fabs_jvp(double x, double t_x) {
// CHECK:         return x < 0.0 ? -t_x : t_x;
CHAINRULE_JVP
double u_fabs(double x) { return fabs(x); }
// CHECK-LABEL: double u_fabs_jvp(double x, double t_x) {
// CHECK:         return x < 0.0 ? -t_x : t_x;

// erf: std::erf and unqualified erf.
CHAINRULE_JVP
double s_erf(double x) { return std::erf(x); }
// CHECK-LABEL: double s_erf_jvp(double x, double t_x) {
// CHECK:         return 1.1283791670955126 * std::exp(-(x * x)) * t_x;
CHAINRULE_JVP
double u_erf(double x) { return erf(x); }
// CHECK-LABEL: double u_erf_jvp(double x, double t_x) {
// CHECK:         return 1.1283791670955126 * std::exp(-(x * x)) * t_x;

// erfc: std::erfc and unqualified erfc.
CHAINRULE_JVP
double s_erfc(double x) { return std::erfc(x); }
// CHECK-LABEL: double s_erfc_jvp(double x, double t_x) {
// CHECK:         return -(t_x * (1.1283791670955126 * std::exp(-(x * x))));
CHAINRULE_JVP
double u_erfc(double x) { return erfc(x); }
// CHECK-LABEL: double u_erfc_jvp(double x, double t_x) {
// CHECK:         return -(t_x * (1.1283791670955126 * std::exp(-(x * x))));

// floor: std::floor and unqualified floor.
CHAINRULE_JVP
double s_floor(double x) { return std::floor(x); }
// CHECK-LABEL: double s_floor_jvp(double /*x*/, double /*t_x*/) {
// CHECK-SAME:  return 0.0; }
CHAINRULE_JVP
double u_floor(double x) { return floor(x); }
// CHECK-LABEL: double u_floor_jvp(double /*x*/, double /*t_x*/) {
// CHECK-SAME:  return 0.0; }

// ceil: std::ceil and unqualified ceil.
CHAINRULE_JVP
double s_ceil(double x) { return std::ceil(x); }
// CHECK-LABEL: double s_ceil_jvp(double /*x*/, double /*t_x*/) {
// CHECK-SAME:  return 0.0; }
CHAINRULE_JVP
double u_ceil(double x) { return ceil(x); }
// CHECK-LABEL: double u_ceil_jvp(double /*x*/, double /*t_x*/) {
// CHECK-SAME:  return 0.0; }

// round: std::round and unqualified round.
CHAINRULE_JVP
double s_round(double x) { return std::round(x); }
// CHECK-LABEL: double s_round_jvp(double /*x*/, double /*t_x*/) {
// CHECK-SAME:  return 0.0; }
CHAINRULE_JVP
double u_round(double x) { return round(x); }
// CHECK-LABEL: double u_round_jvp(double /*x*/, double /*t_x*/) {
// CHECK-SAME:  return 0.0; }

// trunc: std::trunc and unqualified trunc.
CHAINRULE_JVP
double s_trunc(double x) { return std::trunc(x); }
// CHECK-LABEL: double s_trunc_jvp(double /*x*/, double /*t_x*/) {
// CHECK-SAME:  return 0.0; }
CHAINRULE_JVP
double u_trunc(double x) { return trunc(x); }
// CHECK-LABEL: double u_trunc_jvp(double /*x*/, double /*t_x*/) {
// CHECK-SAME:  return 0.0; }

// Two-argument functions, both arguments active.
CHAINRULE_JVP
double s_atan2(double x, double y) { return std::atan2(x, y); }
// CHECK-LABEL: double s_atan2_jvp(double x, double y, double t_x, double t_y) {
// CHECK-NEXT:    double [[R2:[a-z0-9_]+]] = x * x + y * y;
// CHECK-NEXT:    return y / [[R2]] * t_x - t_y * (x / [[R2]]);
CHAINRULE_JVP
double u_atan2(double x, double y) { return atan2(x, y); }
// CHECK-LABEL: double u_atan2_jvp(double x, double y, double t_x, double t_y) {

// pow with both arguments active.
CHAINRULE_JVP
double s_pow(double x, double y) { return std::pow(x, y); }
// CHECK-LABEL: double s_pow_jvp(double x, double y, double t_x, double t_y) {
// CHECK:         double [[P:[a-z0-9_]+]] = std::pow(x, y);
// CHECK:         bool [[Z:[a-z0-9_]+]] = x == 0.0;
// CHECK:         y * ([[P]] / x)
// CHECK:         ([[Z]] ? 0.0 : [[P]] * std::log(x)) * t_y
CHAINRULE_JVP
double u_pow(double x, double y) { return pow(x, y); }
// CHECK-LABEL: double u_pow_jvp(double x, double y, double t_x, double t_y) {

// pow with an integer exponent: the int parameter has no tangent.
CHAINRULE_JVP
double pow_int(double x, int n) { return std::pow(x, n); }
// CHECK-LABEL: double pow_int_jvp(double x, int n, double t_x) {

// pow with a constant exponent: the exponent - 1 is folded.
CHAINRULE_JVP
double pow_const(double x) { return std::pow(x, 2.5); }
// CHECK-LABEL: double pow_const_jvp(double x, double t_x) {
// CHECK-NEXT:    return 2.5 * std::pow(x, 1.5) * t_x;

// pow with a constant base.
CHAINRULE_JVP
double pow_base(double x) { return pow(2.0, x); }
// CHECK-LABEL: double pow_base_jvp(double x, double t_x) {
// CHECK-COUNT-1: std::pow(2.0, x)
// CHECK-NOT:     std::pow

// hypot: both partials divide by the one hypot value.
CHAINRULE_JVP
double s_hypot(double x, double y) { return std::hypot(x, y); }
// CHECK-LABEL: double s_hypot_jvp(double x, double y, double t_x, double t_y) {
// CHECK-NEXT:    double [[H:[a-z0-9_]+]] = std::hypot(x, y);
// CHECK-NEXT:    return x / [[H]] * t_x + y / [[H]] * t_y;
CHAINRULE_JVP
double u_hypot(double x, double y) { return hypot(x, y); }
// CHECK-LABEL: double u_hypot_jvp(

// fmin/fmax: the tangent of the selected argument.
CHAINRULE_JVP
double s_fmin(double x, double y) { return std::fmin(x, y); }
// CHECK-LABEL: double s_fmin_jvp(double x, double y, double t_x, double t_y) {
// CHECK:         x <= y
CHAINRULE_JVP
double u_fmin(double x, double y) { return fmin(x, y); }
// CHECK-LABEL: double u_fmin_jvp(
CHAINRULE_JVP
double s_fmax(double x, double y) { return std::fmax(x, y); }
// CHECK-LABEL: double s_fmax_jvp(double x, double y, double t_x, double t_y) {
// CHECK:         x >= y
CHAINRULE_JVP
double u_fmax(double x, double y) { return fmax(x, y); }
// CHECK-LABEL: double u_fmax_jvp(

// A chain of calls: exp is evaluated once.
CHAINRULE_JVP
double chain(double x) {
  double e = std::exp(x);
  return std::sin(e) * e;
}
// CHECK-LABEL: double chain_jvp(double x, double t_x) {
// CHECK-COUNT-1: std::exp(
// CHECK-NOT:     std::exp(

#ifdef RUN_CHECKS
#include "check.h"
#define DECL1(F) double F##_jvp(double, double);
#define DECL1U(F) DECL1(F)
#define DECL2(F) double F##_jvp(double, double, double, double);
#define DECL2U(F) DECL2(F)
DECL1(s_sin) DECL1U(u_sin)
DECL1(s_cos) DECL1U(u_cos)
DECL1(s_tan) DECL1U(u_tan)
DECL1(s_asin) DECL1U(u_asin)
DECL1(s_acos) DECL1U(u_acos)
DECL1(s_atan) DECL1U(u_atan)
DECL1(s_sinh) DECL1U(u_sinh)
DECL1(s_cosh) DECL1U(u_cosh)
DECL1(s_tanh) DECL1U(u_tanh)
DECL1(s_exp) DECL1U(u_exp)
DECL1(s_exp2) DECL1U(u_exp2)
DECL1(s_expm1) DECL1U(u_expm1)
DECL1(s_log) DECL1U(u_log)
DECL1(s_log2) DECL1U(u_log2)
DECL1(s_log10) DECL1U(u_log10)
DECL1(s_log1p) DECL1U(u_log1p)
DECL1(s_sqrt) DECL1U(u_sqrt)
DECL1(s_cbrt) DECL1U(u_cbrt)
DECL1(s_fabs) DECL1U(u_fabs)
DECL1(s_erf) DECL1U(u_erf)
DECL1(s_erfc) DECL1U(u_erfc)
DECL1(s_floor) DECL1U(u_floor)
DECL1(s_ceil) DECL1U(u_ceil)
DECL1(s_round) DECL1U(u_round)
DECL1(s_trunc) DECL1U(u_trunc)
DECL2(s_atan2) DECL2U(u_atan2)
DECL2(s_pow) DECL2U(u_pow)
DECL2(s_hypot) DECL2U(u_hypot)
DECL2(s_fmin) DECL2U(u_fmin)
DECL2(s_fmax) DECL2U(u_fmax)
DECL1(pow_const) DECL1(pow_base) DECL1(chain)

// The tangent along t_x = 1 (and t_y = 1 for two arguments, which gives the
// sum of the partials) against central differences; a tangent scales
// linearly with t_x.
#define CHECK1(F, X)                                                           \
  do {                                                                         \
    double d = F##_jvp(X, 1.0);                                                \
    CR_EXPECT_FD(d, [](double t) { return F(t); }, X);                        \
    CR_EXPECT_EXACT(F##_jvp(X, -3.0), -3 * d);                                 \
  } while (0)
#define CHECK1U CHECK1
#define CHECK2(F, X, Y)                                                        \
  do {                                                                         \
    double dx = F##_jvp(X, Y, 1.0, 0.0);                                       \
    double dy = F##_jvp(X, Y, 0.0, 1.0);                                       \
    CR_EXPECT_FD(dx, [](double t) { return F(t, Y); }, X);                    \
    CR_EXPECT_FD(dy, [](double t) { return F(X, t); }, Y);                    \
    CR_EXPECT_EXACT(F##_jvp(X, Y, 2.0, -1.0), 2 * dx - dy);                   \
  } while (0)
#define CHECK2U CHECK2
#define CHECKZERO(F, X) CR_EXPECT_EXACT(F##_jvp(X, 1.0), 0)

int main() {
  CHECK1(s_sin, -2.5); CHECK1U(u_sin, -2.5);
  CHECK1(s_sin, -0.3); CHECK1U(u_sin, -0.3);
  CHECK1(s_sin, 0.7); CHECK1U(u_sin, 0.7);
  CHECK1(s_sin, 3.0); CHECK1U(u_sin, 3.0);
  CHECK1(s_cos, -2.5); CHECK1U(u_cos, -2.5);
  CHECK1(s_cos, -0.3); CHECK1U(u_cos, -0.3);
  CHECK1(s_cos, 0.7); CHECK1U(u_cos, 0.7);
  CHECK1(s_cos, 3.0); CHECK1U(u_cos, 3.0);
  CHECK1(s_tan, -1.2); CHECK1U(u_tan, -1.2);
  CHECK1(s_tan, -0.3); CHECK1U(u_tan, -0.3);
  CHECK1(s_tan, 0.7); CHECK1U(u_tan, 0.7);
  CHECK1(s_tan, 1.4); CHECK1U(u_tan, 1.4);
  CHECK1(s_asin, -0.9); CHECK1U(u_asin, -0.9);
  CHECK1(s_asin, -0.3); CHECK1U(u_asin, -0.3);
  CHECK1(s_asin, 0.2); CHECK1U(u_asin, 0.2);
  CHECK1(s_asin, 0.8); CHECK1U(u_asin, 0.8);
  CHECK1(s_acos, -0.9); CHECK1U(u_acos, -0.9);
  CHECK1(s_acos, -0.3); CHECK1U(u_acos, -0.3);
  CHECK1(s_acos, 0.2); CHECK1U(u_acos, 0.2);
  CHECK1(s_acos, 0.8); CHECK1U(u_acos, 0.8);
  CHECK1(s_atan, -4.0); CHECK1U(u_atan, -4.0);
  CHECK1(s_atan, -0.3); CHECK1U(u_atan, -0.3);
  CHECK1(s_atan, 0.7); CHECK1U(u_atan, 0.7);
  CHECK1(s_atan, 3.0); CHECK1U(u_atan, 3.0);
  CHECK1(s_sinh, -2.5); CHECK1U(u_sinh, -2.5);
  CHECK1(s_sinh, -0.3); CHECK1U(u_sinh, -0.3);
  CHECK1(s_sinh, 0.7); CHECK1U(u_sinh, 0.7);
  CHECK1(s_sinh, 3.0); CHECK1U(u_sinh, 3.0);
  CHECK1(s_cosh, -2.5); CHECK1U(u_cosh, -2.5);
  CHECK1(s_cosh, -0.3); CHECK1U(u_cosh, -0.3);
  CHECK1(s_cosh, 0.7); CHECK1U(u_cosh, 0.7);
  CHECK1(s_cosh, 3.0); CHECK1U(u_cosh, 3.0);
  CHECK1(s_tanh, -2.5); CHECK1U(u_tanh, -2.5);
  CHECK1(s_tanh, -0.3); CHECK1U(u_tanh, -0.3);
  CHECK1(s_tanh, 0.7); CHECK1U(u_tanh, 0.7);
  CHECK1(s_tanh, 3.0); CHECK1U(u_tanh, 3.0);
  CHECK1(s_exp, -2.5); CHECK1U(u_exp, -2.5);
  CHECK1(s_exp, -0.3); CHECK1U(u_exp, -0.3);
  CHECK1(s_exp, 0.7); CHECK1U(u_exp, 0.7);
  CHECK1(s_exp, 3.0); CHECK1U(u_exp, 3.0);
  CHECK1(s_exp2, -2.5); CHECK1U(u_exp2, -2.5);
  CHECK1(s_exp2, -0.3); CHECK1U(u_exp2, -0.3);
  CHECK1(s_exp2, 0.7); CHECK1U(u_exp2, 0.7);
  CHECK1(s_exp2, 3.0); CHECK1U(u_exp2, 3.0);
  CHECK1(s_expm1, -2.5); CHECK1U(u_expm1, -2.5);
  CHECK1(s_expm1, -0.3); CHECK1U(u_expm1, -0.3);
  CHECK1(s_expm1, 0.7); CHECK1U(u_expm1, 0.7);
  CHECK1(s_expm1, 3.0); CHECK1U(u_expm1, 3.0);
  CHECK1(s_log, 0.2); CHECK1U(u_log, 0.2);
  CHECK1(s_log, 0.9); CHECK1U(u_log, 0.9);
  CHECK1(s_log, 2.5); CHECK1U(u_log, 2.5);
  CHECK1(s_log, 40.0); CHECK1U(u_log, 40.0);
  CHECK1(s_log2, 0.2); CHECK1U(u_log2, 0.2);
  CHECK1(s_log2, 0.9); CHECK1U(u_log2, 0.9);
  CHECK1(s_log2, 2.5); CHECK1U(u_log2, 2.5);
  CHECK1(s_log2, 40.0); CHECK1U(u_log2, 40.0);
  CHECK1(s_log10, 0.2); CHECK1U(u_log10, 0.2);
  CHECK1(s_log10, 0.9); CHECK1U(u_log10, 0.9);
  CHECK1(s_log10, 2.5); CHECK1U(u_log10, 2.5);
  CHECK1(s_log10, 40.0); CHECK1U(u_log10, 40.0);
  CHECK1(s_log1p, -0.7); CHECK1U(u_log1p, -0.7);
  CHECK1(s_log1p, -0.1); CHECK1U(u_log1p, -0.1);
  CHECK1(s_log1p, 0.9); CHECK1U(u_log1p, 0.9);
  CHECK1(s_log1p, 12.0); CHECK1U(u_log1p, 12.0);
  CHECK1(s_sqrt, 0.04); CHECK1U(u_sqrt, 0.04);
  CHECK1(s_sqrt, 0.9); CHECK1U(u_sqrt, 0.9);
  CHECK1(s_sqrt, 2.5); CHECK1U(u_sqrt, 2.5);
  CHECK1(s_sqrt, 40.0); CHECK1U(u_sqrt, 40.0);
  CHECK1(s_cbrt, -8.5); CHECK1U(u_cbrt, -8.5);
  CHECK1(s_cbrt, -0.3); CHECK1U(u_cbrt, -0.3);
  CHECK1(s_cbrt, 0.7); CHECK1U(u_cbrt, 0.7);
  CHECK1(s_cbrt, 27.0); CHECK1U(u_cbrt, 27.0);
  CHECK1(s_fabs, -2.5); CHECK1U(u_fabs, -2.5);
  CHECK1(s_fabs, -0.3); CHECK1U(u_fabs, -0.3);
  CHECK1(s_fabs, 0.7); CHECK1U(u_fabs, 0.7);
  CHECK1(s_fabs, 3.0); CHECK1U(u_fabs, 3.0);
  CHECK1(s_erf, -2.0); CHECK1U(u_erf, -2.0);
  CHECK1(s_erf, -0.3); CHECK1U(u_erf, -0.3);
  CHECK1(s_erf, 0.7); CHECK1U(u_erf, 0.7);
  CHECK1(s_erf, 1.5); CHECK1U(u_erf, 1.5);
  CHECK1(s_erfc, -2.0); CHECK1U(u_erfc, -2.0);
  CHECK1(s_erfc, -0.3); CHECK1U(u_erfc, -0.3);
  CHECK1(s_erfc, 0.7); CHECK1U(u_erfc, 0.7);
  CHECK1(s_erfc, 1.5); CHECK1U(u_erfc, 1.5);
  CHECKZERO(s_floor, -2.5); CHECKZERO(u_floor, -2.5);
  CHECKZERO(s_floor, -0.3); CHECKZERO(u_floor, -0.3);
  CHECKZERO(s_floor, 0.7); CHECKZERO(u_floor, 0.7);
  CHECKZERO(s_floor, 3.2); CHECKZERO(u_floor, 3.2);
  CHECKZERO(s_ceil, -2.5); CHECKZERO(u_ceil, -2.5);
  CHECKZERO(s_ceil, -0.3); CHECKZERO(u_ceil, -0.3);
  CHECKZERO(s_ceil, 0.7); CHECKZERO(u_ceil, 0.7);
  CHECKZERO(s_ceil, 3.2); CHECKZERO(u_ceil, 3.2);
  CHECKZERO(s_round, -2.5); CHECKZERO(u_round, -2.5);
  CHECKZERO(s_round, -0.3); CHECKZERO(u_round, -0.3);
  CHECKZERO(s_round, 0.7); CHECKZERO(u_round, 0.7);
  CHECKZERO(s_round, 3.2); CHECKZERO(u_round, 3.2);
  CHECKZERO(s_trunc, -2.6); CHECKZERO(u_trunc, -2.6);
  CHECKZERO(s_trunc, -0.3); CHECKZERO(u_trunc, -0.3);
  CHECKZERO(s_trunc, 0.7); CHECKZERO(u_trunc, 0.7);
  CHECKZERO(s_trunc, 3.2); CHECKZERO(u_trunc, 3.2);
  CHECK2(s_atan2, -1.0, 2.0); CHECK2U(u_atan2, -1.0, 2.0);
  CHECK2(s_atan2, 0.3, -2.0); CHECK2U(u_atan2, 0.3, -2.0);
  CHECK2(s_atan2, -1.5, -0.5); CHECK2U(u_atan2, -1.5, -0.5);
  CHECK2(s_atan2, 2.0, 0.7); CHECK2U(u_atan2, 2.0, 0.7);
  CHECK2(s_pow, 1.5, 2.3); CHECK2U(u_pow, 1.5, 2.3);
  CHECK2(s_pow, 0.7, -1.2); CHECK2U(u_pow, 0.7, -1.2);
  CHECK2(s_pow, 3.0, 0.5); CHECK2U(u_pow, 3.0, 0.5);
  CHECK2(s_pow, 0.2, 3.0); CHECK2U(u_pow, 0.2, 3.0);
  CHECK2(s_hypot, -1.0, 2.0); CHECK2U(u_hypot, -1.0, 2.0);
  CHECK2(s_hypot, 0.3, -2.0); CHECK2U(u_hypot, 0.3, -2.0);
  CHECK2(s_hypot, -1.5, -0.5); CHECK2U(u_hypot, -1.5, -0.5);
  CHECK2(s_hypot, 2.0, 0.7); CHECK2U(u_hypot, 2.0, 0.7);
  CHECK2(s_fmin, -1.0, 2.0); CHECK2U(u_fmin, -1.0, 2.0);
  CHECK2(s_fmin, 0.3, -2.0); CHECK2U(u_fmin, 0.3, -2.0);
  CHECK2(s_fmin, -1.5, -0.5); CHECK2U(u_fmin, -1.5, -0.5);
  CHECK2(s_fmin, 2.0, 0.7); CHECK2U(u_fmin, 2.0, 0.7);
  CHECK2(s_fmax, -1.0, 2.0); CHECK2U(u_fmax, -1.0, 2.0);
  CHECK2(s_fmax, 0.3, -2.0); CHECK2U(u_fmax, 0.3, -2.0);
  CHECK2(s_fmax, -1.5, -0.5); CHECK2U(u_fmax, -1.5, -0.5);
  CHECK2(s_fmax, 2.0, 0.7); CHECK2U(u_fmax, 2.0, 0.7);
  CHECK1(pow_base, -2.0); CHECK1(chain, -2.0);
  CHECK1(pow_base, -0.4); CHECK1(chain, -0.4);
  CHECK1(pow_base, 0.3); CHECK1(chain, 0.3);
  CHECK1(pow_base, 1.7); CHECK1(chain, 1.7);
  CHECK1(pow_const, 0.3);
  CHECK1(pow_const, 1.0);
  CHECK1(pow_const, 2.7);
double pow_int_jvp(double x, int n, double t_x);
  // Integer exponents, including negative bases and exponents.
  for (double x : {-1.5, -0.5, 0.75, 2.0})
    for (int n : {-2, 1, 3})
      CR_EXPECT_EXACT(pow_int_jvp(x, n, 2.0), 2 * n * std::pow(x, n - 1));
  return crtest::finish();
}
#endif
