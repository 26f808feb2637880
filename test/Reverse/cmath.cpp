// Reverse mode (f_grad and f_vjp) of every <cmath> function of issue 2, in
// the std:: and the unqualified form. The golden part checks the derivative
// rule and that a transcendental whose derivative is expressed through its
// own value is called once (its value is reused, not recomputed).
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.ad.cpp -o %t && %t
// The same numeric checks with gradients computed in forward mode:
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

#include <cmath>

// sin: std::sin and unqualified sin.
CHAINRULE_GRAD CHAINRULE_VJP
double s_sin(double x) { return std::sin(x); }
// CHECK-LABEL: double s_sin_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += std::cos(x);
// CHECK-NEXT:    return std::sin(x);
// CHECK-LABEL: void s_sin_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_sin(double x) { return sin(x); }
// CHECK-LABEL: double u_sin_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += std::cos(x);

// cos: std::cos and unqualified cos.
CHAINRULE_GRAD CHAINRULE_VJP
double s_cos(double x) { return std::cos(x); }
// CHECK-LABEL: double s_cos_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += -std::sin(x);
// CHECK-NEXT:    return std::cos(x);
// CHECK-LABEL: void s_cos_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_cos(double x) { return cos(x); }
// CHECK-LABEL: double u_cos_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += -std::sin(x);

// tan: std::tan and unqualified tan.
CHAINRULE_GRAD CHAINRULE_VJP
double s_tan(double x) { return std::tan(x); }
// CHECK-LABEL: double s_tan_grad(double x, double *d_x) {
// CHECK-NEXT:    double [[V_tan:[a-z0-9_]+]] = std::tan(x);
// CHECK-NOT:     std::tan(
// CHECK:         *d_x += {{.*}}[[V_tan]]
// CHECK-NOT:     std::tan(
// CHECK:         return [[V_tan]];
// CHECK-LABEL: void s_tan_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
// CHECK-NOT:     std::tan(
CHAINRULE_GRAD
double u_tan(double x) { return tan(x); }
// CHECK-LABEL: double u_tan_grad(double x, double *d_x) {
// CHECK-COUNT-1: std::tan(x)
// CHECK-NOT:     std::tan(

// asin: std::asin and unqualified asin.
CHAINRULE_GRAD CHAINRULE_VJP
double s_asin(double x) { return std::asin(x); }
// CHECK-LABEL: double s_asin_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / std::sqrt(1 - x * x);
// CHECK-NEXT:    return std::asin(x);
// CHECK-LABEL: void s_asin_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_asin(double x) { return asin(x); }
// CHECK-LABEL: double u_asin_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / std::sqrt(1 - x * x);

// acos: std::acos and unqualified acos.
CHAINRULE_GRAD CHAINRULE_VJP
double s_acos(double x) { return std::acos(x); }
// CHECK-LABEL: double s_acos_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += -(1 / std::sqrt(1 - x * x));
// CHECK-NEXT:    return std::acos(x);
// CHECK-LABEL: void s_acos_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_acos(double x) { return acos(x); }
// CHECK-LABEL: double u_acos_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += -(1 / std::sqrt(1 - x * x));

// atan: std::atan and unqualified atan.
CHAINRULE_GRAD CHAINRULE_VJP
double s_atan(double x) { return std::atan(x); }
// CHECK-LABEL: double s_atan_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / (1 + x * x);
// CHECK-NEXT:    return std::atan(x);
// CHECK-LABEL: void s_atan_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_atan(double x) { return atan(x); }
// CHECK-LABEL: double u_atan_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / (1 + x * x);

// sinh: std::sinh and unqualified sinh.
CHAINRULE_GRAD CHAINRULE_VJP
double s_sinh(double x) { return std::sinh(x); }
// CHECK-LABEL: double s_sinh_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += std::cosh(x);
// CHECK-NEXT:    return std::sinh(x);
// CHECK-LABEL: void s_sinh_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_sinh(double x) { return sinh(x); }
// CHECK-LABEL: double u_sinh_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += std::cosh(x);

// cosh: std::cosh and unqualified cosh.
CHAINRULE_GRAD CHAINRULE_VJP
double s_cosh(double x) { return std::cosh(x); }
// CHECK-LABEL: double s_cosh_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += std::sinh(x);
// CHECK-NEXT:    return std::cosh(x);
// CHECK-LABEL: void s_cosh_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_cosh(double x) { return cosh(x); }
// CHECK-LABEL: double u_cosh_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += std::sinh(x);

// tanh: std::tanh and unqualified tanh.
CHAINRULE_GRAD CHAINRULE_VJP
double s_tanh(double x) { return std::tanh(x); }
// CHECK-LABEL: double s_tanh_grad(double x, double *d_x) {
// CHECK-NEXT:    double [[V_tanh:[a-z0-9_]+]] = std::tanh(x);
// CHECK-NOT:     std::tanh(
// CHECK:         *d_x += {{.*}}[[V_tanh]]
// CHECK-NOT:     std::tanh(
// CHECK:         return [[V_tanh]];
// CHECK-LABEL: void s_tanh_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
// CHECK-NOT:     std::tanh(
CHAINRULE_GRAD
double u_tanh(double x) { return tanh(x); }
// CHECK-LABEL: double u_tanh_grad(double x, double *d_x) {
// CHECK-COUNT-1: std::tanh(x)
// CHECK-NOT:     std::tanh(

// exp: std::exp and unqualified exp.
CHAINRULE_GRAD CHAINRULE_VJP
double s_exp(double x) { return std::exp(x); }
// CHECK-LABEL: double s_exp_grad(double x, double *d_x) {
// CHECK-NEXT:    double [[V_exp:[a-z0-9_]+]] = std::exp(x);
// CHECK-NOT:     std::exp(
// CHECK:         *d_x += {{.*}}[[V_exp]]
// CHECK-NOT:     std::exp(
// CHECK:         return [[V_exp]];
// CHECK-LABEL: void s_exp_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
// CHECK-NOT:     std::exp(
CHAINRULE_GRAD
double u_exp(double x) { return exp(x); }
// CHECK-LABEL: double u_exp_grad(double x, double *d_x) {
// CHECK-COUNT-1: std::exp(x)
// CHECK-NOT:     std::exp(

// exp2: std::exp2 and unqualified exp2.
CHAINRULE_GRAD CHAINRULE_VJP
double s_exp2(double x) { return std::exp2(x); }
// CHECK-LABEL: double s_exp2_grad(double x, double *d_x) {
// CHECK-NEXT:    double [[V_exp2:[a-z0-9_]+]] = std::exp2(x);
// CHECK-NOT:     std::exp2(
// CHECK:         *d_x += {{.*}}[[V_exp2]]
// CHECK-NOT:     std::exp2(
// CHECK:         return [[V_exp2]];
// CHECK-LABEL: void s_exp2_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
// CHECK-NOT:     std::exp2(
CHAINRULE_GRAD
double u_exp2(double x) { return exp2(x); }
// CHECK-LABEL: double u_exp2_grad(double x, double *d_x) {
// CHECK-COUNT-1: std::exp2(x)
// CHECK-NOT:     std::exp2(

// expm1: std::expm1 and unqualified expm1.
CHAINRULE_GRAD CHAINRULE_VJP
double s_expm1(double x) { return std::expm1(x); }
// CHECK-LABEL: double s_expm1_grad(double x, double *d_x) {
// CHECK-NEXT:    double [[V_expm1:[a-z0-9_]+]] = std::expm1(x);
// CHECK-NOT:     std::expm1(
// CHECK:         *d_x += {{.*}}[[V_expm1]]
// CHECK-NOT:     std::expm1(
// CHECK:         return [[V_expm1]];
// CHECK-LABEL: void s_expm1_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
// CHECK-NOT:     std::expm1(
CHAINRULE_GRAD
double u_expm1(double x) { return expm1(x); }
// CHECK-LABEL: double u_expm1_grad(double x, double *d_x) {
// CHECK-COUNT-1: std::expm1(x)
// CHECK-NOT:     std::expm1(

// log: std::log and unqualified log.
CHAINRULE_GRAD CHAINRULE_VJP
double s_log(double x) { return std::log(x); }
// CHECK-LABEL: double s_log_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / x;
// CHECK-NEXT:    return std::log(x);
// CHECK-LABEL: void s_log_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_log(double x) { return log(x); }
// CHECK-LABEL: double u_log_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / x;

// log2: std::log2 and unqualified log2.
CHAINRULE_GRAD CHAINRULE_VJP
double s_log2(double x) { return std::log2(x); }
// CHECK-LABEL: double s_log2_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / (0.6931471805599453 * x);
// CHECK-NEXT:    return std::log2(x);
// CHECK-LABEL: void s_log2_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_log2(double x) { return log2(x); }
// CHECK-LABEL: double u_log2_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / (0.6931471805599453 * x);

// log10: std::log10 and unqualified log10.
CHAINRULE_GRAD CHAINRULE_VJP
double s_log10(double x) { return std::log10(x); }
// CHECK-LABEL: double s_log10_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / (2.302585092994046 * x);
// CHECK-NEXT:    return std::log10(x);
// CHECK-LABEL: void s_log10_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_log10(double x) { return log10(x); }
// CHECK-LABEL: double u_log10_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / (2.302585092994046 * x);

// log1p: std::log1p and unqualified log1p.
CHAINRULE_GRAD CHAINRULE_VJP
double s_log1p(double x) { return std::log1p(x); }
// CHECK-LABEL: double s_log1p_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / (1 + x);
// CHECK-NEXT:    return std::log1p(x);
// CHECK-LABEL: void s_log1p_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_log1p(double x) { return log1p(x); }
// CHECK-LABEL: double u_log1p_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1 / (1 + x);

// sqrt: std::sqrt and unqualified sqrt.
CHAINRULE_GRAD CHAINRULE_VJP
double s_sqrt(double x) { return std::sqrt(x); }
// CHECK-LABEL: double s_sqrt_grad(double x, double *d_x) {
// CHECK-NEXT:    double [[V_sqrt:[a-z0-9_]+]] = std::sqrt(x);
// CHECK-NOT:     std::sqrt(
// CHECK:         *d_x += {{.*}}[[V_sqrt]]
// CHECK-NOT:     std::sqrt(
// CHECK:         return [[V_sqrt]];
// CHECK-LABEL: void s_sqrt_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
// CHECK-NOT:     std::sqrt(
CHAINRULE_GRAD
double u_sqrt(double x) { return sqrt(x); }
// CHECK-LABEL: double u_sqrt_grad(double x, double *d_x) {
// CHECK-COUNT-1: std::sqrt(x)
// CHECK-NOT:     std::sqrt(

// cbrt: std::cbrt and unqualified cbrt.
CHAINRULE_GRAD CHAINRULE_VJP
double s_cbrt(double x) { return std::cbrt(x); }
// CHECK-LABEL: double s_cbrt_grad(double x, double *d_x) {
// CHECK-NEXT:    double [[V_cbrt:[a-z0-9_]+]] = std::cbrt(x);
// CHECK-NOT:     std::cbrt(
// CHECK:         *d_x += {{.*}}[[V_cbrt]]
// CHECK-NOT:     std::cbrt(
// CHECK:         return [[V_cbrt]];
// CHECK-LABEL: void s_cbrt_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
// CHECK-NOT:     std::cbrt(
CHAINRULE_GRAD
double u_cbrt(double x) { return cbrt(x); }
// CHECK-LABEL: double u_cbrt_grad(double x, double *d_x) {
// CHECK-COUNT-1: std::cbrt(x)
// CHECK-NOT:     std::cbrt(

// fabs: std::fabs and unqualified fabs.
CHAINRULE_GRAD CHAINRULE_VJP
double s_fabs(double x) { return std::fabs(x); }
// CHECK-LABEL: double s_fabs_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += x < 0.0 ? -1.0 : 1.0;
// CHECK-NEXT:    return std::fabs(x);
// CHECK-LABEL: void s_fabs_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_fabs(double x) { return fabs(x); }
// CHECK-LABEL: double u_fabs_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += x < 0.0 ? -1.0 : 1.0;

// erf: std::erf and unqualified erf.
CHAINRULE_GRAD CHAINRULE_VJP
double s_erf(double x) { return std::erf(x); }
// CHECK-LABEL: double s_erf_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1.1283791670955126 * std::exp(-(x * x));
// CHECK-NEXT:    return std::erf(x);
// CHECK-LABEL: void s_erf_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_erf(double x) { return erf(x); }
// CHECK-LABEL: double u_erf_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 1.1283791670955126 * std::exp(-(x * x));

// erfc: std::erfc and unqualified erfc.
CHAINRULE_GRAD CHAINRULE_VJP
double s_erfc(double x) { return std::erfc(x); }
// CHECK-LABEL: double s_erfc_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += -(1.1283791670955126 * std::exp(-(x * x)));
// CHECK-NEXT:    return std::erfc(x);
// CHECK-LABEL: void s_erfc_vjp(double x, double d_ret, double *d_x) {
// CHECK-DAG:     d_ret
// CHECK-DAG:     *d_x +=
CHAINRULE_GRAD
double u_erfc(double x) { return erfc(x); }
// CHECK-LABEL: double u_erfc_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += -(1.1283791670955126 * std::exp(-(x * x)));

// floor: std::floor and unqualified floor.
CHAINRULE_GRAD CHAINRULE_VJP
double s_floor(double x) { return std::floor(x); }
// CHECK-LABEL: double s_floor_grad(double x, double * /*d_x*/) {
// CHECK-NOT:     d_x
// CHECK:         return std::floor(x);
// CHECK-LABEL: void s_floor_vjp(double /*x*/, double /*d_ret*/, double * /*d_x*/) {
// CHECK-NOT:     d_x
CHAINRULE_GRAD
double u_floor(double x) { return floor(x); }
// CHECK-LABEL: double u_floor_grad(double x, double * /*d_x*/) {
// CHECK-NOT:     d_x
// CHECK:         return std::floor(x);

// ceil: std::ceil and unqualified ceil.
CHAINRULE_GRAD CHAINRULE_VJP
double s_ceil(double x) { return std::ceil(x); }
// CHECK-LABEL: double s_ceil_grad(double x, double * /*d_x*/) {
// CHECK-NOT:     d_x
// CHECK:         return std::ceil(x);
// CHECK-LABEL: void s_ceil_vjp(double /*x*/, double /*d_ret*/, double * /*d_x*/) {
// CHECK-NOT:     d_x
CHAINRULE_GRAD
double u_ceil(double x) { return ceil(x); }
// CHECK-LABEL: double u_ceil_grad(double x, double * /*d_x*/) {
// CHECK-NOT:     d_x
// CHECK:         return std::ceil(x);

// round: std::round and unqualified round.
CHAINRULE_GRAD CHAINRULE_VJP
double s_round(double x) { return std::round(x); }
// CHECK-LABEL: double s_round_grad(double x, double * /*d_x*/) {
// CHECK-NOT:     d_x
// CHECK:         return std::round(x);
// CHECK-LABEL: void s_round_vjp(double /*x*/, double /*d_ret*/, double * /*d_x*/) {
// CHECK-NOT:     d_x
CHAINRULE_GRAD
double u_round(double x) { return round(x); }
// CHECK-LABEL: double u_round_grad(double x, double * /*d_x*/) {
// CHECK-NOT:     d_x
// CHECK:         return std::round(x);

// trunc: std::trunc and unqualified trunc.
CHAINRULE_GRAD CHAINRULE_VJP
double s_trunc(double x) { return std::trunc(x); }
// CHECK-LABEL: double s_trunc_grad(double x, double * /*d_x*/) {
// CHECK-NOT:     d_x
// CHECK:         return std::trunc(x);
// CHECK-LABEL: void s_trunc_vjp(double /*x*/, double /*d_ret*/, double * /*d_x*/) {
// CHECK-NOT:     d_x
CHAINRULE_GRAD
double u_trunc(double x) { return trunc(x); }
// CHECK-LABEL: double u_trunc_grad(double x, double * /*d_x*/) {
// CHECK-NOT:     d_x
// CHECK:         return std::trunc(x);

// Two-argument functions, both arguments active.
CHAINRULE_GRAD CHAINRULE_VJP
double s_atan2(double x, double y) { return std::atan2(x, y); }
// CHECK-LABEL: double s_atan2_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-NEXT:    double [[R2:[a-z0-9_]+]] = x * x + y * y;
// CHECK-NEXT:    *d_x += y / [[R2]];
// CHECK-NEXT:    *d_y += -(x / [[R2]]);
// CHECK-NEXT:    return std::atan2(x, y);
// CHECK-LABEL: void s_atan2_vjp(
CHAINRULE_GRAD
double u_atan2(double x, double y) { return atan2(x, y); }
// CHECK-LABEL: double u_atan2_grad(double x, double y, double *d_x, double *d_y) {
// CHECK:         *d_x += y /

// pow with both arguments active: both partials reuse the value x^y (pow is
// called again only at x = 0); they take their limits (0) at y = 0 and
// x = 0 rather than 0 * inf.
CHAINRULE_GRAD CHAINRULE_VJP
double s_pow(double x, double y) { return std::pow(x, y); }
// CHECK-LABEL: double s_pow_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-NEXT:    double [[P:[a-z0-9_]+]] = std::pow(x, y);
// CHECK-NEXT:    bool [[Z:[a-z0-9_]+]] = x == 0.0;
// CHECK-NEXT:    *d_x += y == 0.0 ? 0.0 : [[Z]] ? y * std::pow(x, y - 1) : y * ([[P]] / x);
// CHECK-NEXT:    *d_y += [[Z]] ? 0.0 : [[P]] * std::log(x);
// CHECK-NEXT:    return [[P]];
// CHECK-LABEL: void s_pow_vjp(
CHAINRULE_GRAD
double u_pow(double x, double y) { return pow(x, y); }
// CHECK-LABEL: double u_pow_grad(double x, double y, double *d_x, double *d_y) {
// CHECK:         *d_y += {{.*}}std::log(x);

// pow with an integer exponent: the int parameter has no shadow.
CHAINRULE_GRAD CHAINRULE_VJP
double pow_int(double x, int n) { return std::pow(x, n); }
// CHECK-LABEL: double pow_int_grad(double x, int n, double *d_x) {
// CHECK:         *d_x +=
// CHECK-LABEL: void pow_int_vjp(double x, int n, double d_ret, double *d_x) {

// pow with a constant exponent: the exponent - 1 is folded.
CHAINRULE_GRAD CHAINRULE_VJP
double pow_const(double x) { return std::pow(x, 2.5); }
// CHECK-LABEL: double pow_const_grad(double x, double *d_x) {
// CHECK-NEXT:    *d_x += 2.5 * std::pow(x, 1.5);
// CHECK-LABEL: void pow_const_vjp(

// pow with a constant base: d/dx 2^x = 2^x log 2, the value reused.
CHAINRULE_GRAD CHAINRULE_VJP
double pow_base(double x) { return pow(2.0, x); }
// CHECK-LABEL: double pow_base_grad(double x, double *d_x) {
// CHECK-COUNT-1: std::pow(2.0, x)
// CHECK-NOT:     std::pow
// CHECK-LABEL: void pow_base_vjp(

// hypot: both partials divide by the one hypot value.
CHAINRULE_GRAD CHAINRULE_VJP
double s_hypot(double x, double y) { return std::hypot(x, y); }
// CHECK-LABEL: double s_hypot_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-NEXT:    double [[H:[a-z0-9_]+]] = std::hypot(x, y);
// CHECK-NEXT:    *d_x += x / [[H]];
// CHECK-NEXT:    *d_y += y / [[H]];
// CHECK-NEXT:    return [[H]];
// CHECK-LABEL: void s_hypot_vjp(
CHAINRULE_GRAD
double u_hypot(double x, double y) { return hypot(x, y); }
// CHECK-LABEL: double u_hypot_grad(
// CHECK-COUNT-1: std::hypot(x, y)
// CHECK-NOT:     std::hypot

// fmin/fmax: the adjoint goes to the selected argument only.
CHAINRULE_GRAD CHAINRULE_VJP
double s_fmin(double x, double y) { return std::fmin(x, y); }
// CHECK-LABEL: double s_fmin_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-NEXT:    bool [[C:[a-z0-9_]+]] = x <= y;
// CHECK-NEXT:    *d_x += [[C]] ? 1.0 : 0.0;
// CHECK-NEXT:    *d_y += [[C]] ? 0.0 : 1.0;
// CHECK-LABEL: void s_fmin_vjp(
CHAINRULE_GRAD
double u_fmin(double x, double y) { return fmin(x, y); }
// CHECK-LABEL: double u_fmin_grad(
CHAINRULE_GRAD CHAINRULE_VJP
double s_fmax(double x, double y) { return std::fmax(x, y); }
// CHECK-LABEL: double s_fmax_grad(double x, double y, double *d_x, double *d_y) {
// CHECK-NEXT:    bool [[C2:[a-z0-9_]+]] = x >= y;
// CHECK-NEXT:    *d_x += [[C2]] ? 1.0 : 0.0;
// CHECK-NEXT:    *d_y += [[C2]] ? 0.0 : 1.0;
// CHECK-LABEL: void s_fmax_vjp(
CHAINRULE_GRAD
double u_fmax(double x, double y) { return fmax(x, y); }
// CHECK-LABEL: double u_fmax_grad(

// A chain of calls: exp is evaluated once and its value feeds both the
// primal and the derivative; sin's argument is not recomputed either.
CHAINRULE_GRAD CHAINRULE_VJP
double chain(double x) {
  double e = std::exp(x);
  return std::sin(e) * e;
}
// CHECK-LABEL: double chain_grad(double x, double *d_x) {
// CHECK-COUNT-1: std::exp(
// CHECK-NOT:     std::exp(
// CHECK:         *d_x +=
// CHECK-NOT:     std::exp(
// CHECK-LABEL: void chain_vjp(
// CHECK-COUNT-1: std::exp(
// CHECK-NOT:     std::exp(

#ifdef RUN_CHECKS
#include "check.h"
#define DECL1(F) double F##_grad(double, double *); void F##_vjp(double, double, double *);
#define DECL1U(F) double F##_grad(double, double *);
#define DECL2(F) double F##_grad(double, double, double *, double *); void F##_vjp(double, double, double, double *, double *);
#define DECL2U(F) double F##_grad(double, double, double *, double *);
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
double pow_int_grad(double x, int n, double *d_x);
void pow_int_vjp(double x, int n, double d_ret, double *d_x);

// The gradient against a central difference of the primal and the value
// against the primal; the vjp scales by d_ret and accumulates into a shadow
// that already holds 0.5.
#define CHECK1(F, X)                                                           \
  do {                                                                         \
    double d = 0;                                                              \
    double v = F##_grad(X, &d);                                                \
    CR_EXPECT_EXACT(v, F(X));                                                  \
    CR_EXPECT_FD(d, [](double t) { return F(t); }, X);                        \
    double e = 0.5;                                                            \
    F##_vjp(X, -1.5, &e);                                                      \
    CR_EXPECT_EXACT(e, 0.5 - 1.5 * d);                                         \
  } while (0)
#define CHECK1U(F, X)                                                          \
  do {                                                                         \
    double d = 0;                                                              \
    double v = F##_grad(X, &d);                                                \
    CR_EXPECT_EXACT(v, F(X));                                                  \
    CR_EXPECT_FD(d, [](double t) { return F(t); }, X);                        \
  } while (0)
#define CHECK2U(F, X, Y)                                                       \
  do {                                                                         \
    double dx = 0, dy = 0;                                                     \
    double v = F##_grad(X, Y, &dx, &dy);                                       \
    CR_EXPECT_EXACT(v, F(X, Y));                                               \
    CR_EXPECT_FD(dx, [](double t) { return F(t, Y); }, X);                    \
    CR_EXPECT_FD(dy, [](double t) { return F(X, t); }, Y);                    \
  } while (0)
#define CHECK2(F, X, Y)                                                        \
  do {                                                                         \
    CHECK2U(F, X, Y);                                                          \
    double dx = 0, dy = 0, ex = 0.5, ey = -0.5;                                \
    F##_grad(X, Y, &dx, &dy);                                                  \
    F##_vjp(X, Y, 2.0, &ex, &ey);                                              \
    CR_EXPECT_EXACT(ex, 0.5 + 2 * dx);                                         \
    CR_EXPECT_EXACT(ey, -0.5 + 2 * dy);                                        \
  } while (0)
#define CHECKZERO(F, X)                                                        \
  do {                                                                         \
    double d = 0.25;                                                           \
    double v = F##_grad(X, &d);                                                \
    CR_EXPECT_EXACT(v, F(X));                                                  \
    CR_EXPECT_EXACT(d, 0.25);                                                  \
  } while (0)

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
  // Integer exponents, including negative bases and exponents.
  for (double x : {-1.5, -0.5, 0.75, 2.0})
    for (int n : {-2, 1, 3}) {
      double d = 0;
      double v = pow_int_grad(x, n, &d);
      CR_EXPECT_EXACT(v, pow_int(x, n));
      CR_EXPECT_EXACT(d, n * std::pow(x, n - 1));
      double e = 1;
      pow_int_vjp(x, n, 3, &e);
      CR_EXPECT_EXACT(e, 1 + 3 * d);
    }
  return crtest::finish();
}
#endif
