// The LLVM IR output (--emit=llvm) of scalar code, branches, loops, buffers,
// forward mode, float and long double, integer arithmetic and casts,
// <cmath> (intrinsics and library calls), a table of constants, calls to a
// function of another file with a custom derivative, and an inline function
// of a header. The module defines the derivatives only, with clang's names
// and argument attributes, and links beside the clang-compiled source; its
// results are checked against exact values and central differences.
// RUN: %chainrule-gen --emit=llvm %s -o %t.ll -- %cxxflags -DRUN_CHECKS
// RUN: FileCheck %s --input-file=%t.ll
// RUN: %cxx %cxxflags -DRUN_CHECKS %s %t.ll %S/../Calls/Inputs/softclip.cpp -o %t && %t
// Bitcode, and a module made with -O2 flags:
// RUN: %chainrule-gen --emit=llvm %s -o %t.bc -- %cxxflags -O2 -DRUN_CHECKS
// RUN: llvm-dis %t.bc -o - | FileCheck %s --check-prefix=BITCODE
// RUN: %cxx %cxxflags -O2 -DRUN_CHECKS %s %t.bc %S/../Calls/Inputs/softclip.cpp -o %t.o2 && %t.o2
// The derivatives of the source's own functions are declared, not defined:
// RUN: FileCheck %s --check-prefix=ONLY --input-file=%t.ll
// RUN: FileCheck %s --check-prefix=DECL --input-file=%t.ll

// CHECK: target datalayout =
// CHECK: target triple =
// ONLY-NOT: define {{.*}}@_Z4poly
// ONLY-NOT: define {{.*}}@main
// ONLY-NOT: llvm.global_ctors
// BITCODE: define {{.*}}double @_Z9poly_gradddPdS_(

#include <chainrule/chainrule.h>
#include <cmath>

// Straight-line code: value and gradient, no loop, no memory but the
// shadows.
CHAINRULE_GRAD CHAINRULE_JVP CHAINRULE_VJP
double poly(double x, double y) { return 3 * x * x * y - y / x + 2; }
// CHECK-LABEL: define noundef double @_Z9poly_gradddPdS_(double noundef %x, double noundef %y, ptr noalias noundef %d_x, ptr noalias noundef %d_y)
// CHECK-NOT:     br
// CHECK:         fadd double
// CHECK:         store double {{.*}}, ptr %d_x
// CHECK:         store double {{.*}}, ptr %d_y
// CHECK:         ret double
// CHECK-LABEL: define noundef double @_Z8poly_jvpdddd(double noundef %x, double noundef %y, double noundef %t_x, double noundef %t_y)
// CHECK-LABEL: define void @_Z8poly_vjpdddPdS_(double noundef %x, double noundef %y, double noundef %d_ret, ptr noalias noundef %d_x, ptr noalias noundef %d_y)

// A loop over a buffer and a branch: the loop stays a loop (a header with
// the carried values as phis), the branch a branch and a join.
CHAINRULE_GRAD
double clipped_dot(const double *a, const double *b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += a[i] * b[i];
  if (s > 10)
    s = 10 + std::log(s - 9);
  return s;
}
// CHECK-LABEL: define noundef double @_Z16clipped_dot_gradPKdS0_iPdS1_(ptr noundef %a, ptr noundef %b, i32 noundef %n, ptr noalias noundef %d_a, ptr noalias noundef %d_b)
// CHECK:       loop:
// CHECK:         %s = phi double
// CHECK:         getelementptr double, ptr %a
// CHECK:         fcmp ogt double
// CHECK:         call double @llvm.log.f64(
// CHECK:         getelementptr double, ptr %d_b
// CHECK:         ret double

// float and long double, a library function without an intrinsic (sinh),
// integer arithmetic and conversions.
CHAINRULE_GRAD
float fsinh(float x, int k) {
  int m = (k * 3 + 1) % 4;
  return std::sinh(x) * float(m) + x / float(k >> 1);
}
// CHECK-LABEL: define noundef float @_Z10fsinh_gradfiPf(float noundef %x, i32 noundef %k, ptr noalias noundef %d_x)
// CHECK:         srem i32
// CHECK:         call float @sinhf(float
// CHECK:         call float @coshf(float
// CHECK:         ashr i32
CHAINRULE_GRAD
long double lcube(long double x) { return x * x * x; }
// CHECK-LABEL: define noundef x86_fp80 @_Z10lcube_gradePe(x86_fp80 noundef %x, ptr noalias noundef %d_x)

// A table of constants: an internal copy (its linkage is internal).
const double kWeights[3] = {0.5, -1.5, 2.0};
const double kScale = 4;
CHAINRULE_GRAD
double weighted(const double *x) {
  double s = 0;
  for (int i = 0; i < 3; ++i)
    s += kWeights[i] * x[i] * x[i];
  return s * kScale;
}
// CHECK-LABEL: define noundef double @_Z13weighted_gradPKdPd(
// CHECK:         @_ZL8kWeights

// Calls to a function of another file, through its custom derivatives
// (the calls pass arguments as clang does).
double softclip(double x);
CHAINRULE_CUSTOM_DERIVATIVE
void softclip_vjp(double x, double d_ret, double *d_x) {
  (void)x;
  *d_x += 10 * d_ret;
}
CHAINRULE_CUSTOM_DERIVATIVE
double softclip_jvp(double x, double t_x) {
  (void)x;
  return 10 * t_x;
}
CHAINRULE_GRAD CHAINRULE_VJP CHAINRULE_JVP
double clipped(double x, double y, double z) { return softclip(x) * y * z; }
// CHECK-LABEL: define noundef double @_Z12clipped_graddddPdS_S_(
// CHECK:         call noundef double @_Z8softclipd(double noundef %x)
// CHECK:         call void @_Z12softclip_vjpddPd(double noundef %x, double noundef
// CHECK-LABEL: define noundef double @_Z11clipped_jvpdddddd(
// CHECK:         call noundef double @_Z12softclip_jvpdd(
// CHECK-LABEL: define void @_Z11clipped_vjpddddPdS_S_(
// CHECK:         call void @_Z12softclip_vjpddPd(double noundef %x, double noundef

// An inline function (as of a header): one definition in every module that
// has it, weak_odr.
CHAINRULE_GRAD
inline double square_sum(double x, double y) { return x * x + y * y; }
// CHECK-LABEL: define weak_odr noundef double @_Z15square_sum_gradddPdS_(

// The source's functions and constants are declarations here.
// DECL-DAG: @_ZL8kWeights = internal constant [3 x double]
// DECL-DAG: declare noundef double @_Z8softclipd(double noundef)
// DECL-DAG: declare {{.*}}void @_Z12softclip_vjpddPd(
// DECL-DAG: declare float @sinhf(float)

#ifdef RUN_CHECKS
#include "check.h"
double poly_grad(double x, double y, double *d_x, double *d_y);
double poly_jvp(double x, double y, double t_x, double t_y);
void poly_vjp(double x, double y, double d_ret, double *d_x, double *d_y);
double clipped_dot_grad(const double *a, const double *b, int n, double *d_a,
                        double *d_b);
float fsinh_grad(float x, int k, float *d_x);
long double lcube_grad(long double x, long double *d_x);
double weighted_grad(const double *x, double *d_x);
double clipped_grad(double x, double y, double z, double *d_x, double *d_y,
                    double *d_z);
double clipped_jvp(double x, double y, double z, double t_x, double t_y,
                   double t_z);
void clipped_vjp(double x, double y, double z, double d_ret, double *d_x,
                 double *d_y, double *d_z);
double square_sum_grad(double x, double y, double *d_x, double *d_y);

int main() {
  double x = 1.25, y = -0.5, dx = 0, dy = 0;
  CR_EXPECT_EXACT(poly_grad(x, y, &dx, &dy), poly(x, y));
  CR_EXPECT_EXACT(dx, 6 * x * y + y / (x * x));
  CR_EXPECT_EXACT(dy, 3 * x * x - 1 / x);
  CR_EXPECT_EXACT(poly_jvp(x, y, 1, 0), 6 * x * y + y / (x * x));
  double vx = 0, vy = 0;
  poly_vjp(x, y, 2, &vx, &vy);
  CR_EXPECT_EXACT(vy, 2 * (3 * x * x - 1 / x));

  // Both sides of the branch.
  for (double scale : {0.5, 2.0}) {
    double a[4] = {1 * scale, 2, -1, 3}, b[4] = {2, 1.5, 0.5, 1};
    double da[4] = {}, db[4] = {};
    double v = clipped_dot_grad(a, b, 4, da, db);
    CR_EXPECT_EXACT(v, clipped_dot(a, b, 4));
    crtest::expectGradient("d_a", da, a, 4, [&] { return clipped_dot(a, b, 4); });
    crtest::expectGradient("d_b", db, b, 4, [&] { return clipped_dot(a, b, 4); });
  }

  float fx = 0.75f, fdx = 0;
  fsinh_grad(fx, 6, &fdx); // m = 3, k >> 1 = 3
  CR_EXPECT_NEAR_REL(fdx, 3 * std::cosh(0.75) + 1 / 3.0, 1e-6);
  long double lx = 1.5L, ldx = 0;
  CR_EXPECT_EXACT(double(lcube_grad(lx, &ldx)), 3.375);
  CR_EXPECT_EXACT(double(ldx), 6.75);

  double w[3] = {1, 2, -1}, dw[3] = {};
  weighted_grad(w, dw);
  crtest::expectGradient("d_w", dw, w, 3, [&] { return weighted(w); });

  // softclip's custom derivative is 10, not its true one: it was used.
  double cx = 0.3, cy = 2, cz = -1, dcx = 0, dcy = 0, dcz = 0;
  clipped_grad(cx, cy, cz, &dcx, &dcy, &dcz);
  CR_EXPECT_EXACT(dcx, 10 * cy * cz);
  CR_EXPECT_EXACT(dcz, softclip(cx) * cy);
  CR_EXPECT_EXACT(clipped_jvp(cx, cy, cz, 1, 0, 0), 10 * cy * cz);
  double vcx = 0, vcy = 0, vcz = 0;
  clipped_vjp(cx, cy, cz, 0.5, &vcx, &vcy, &vcz);
  CR_EXPECT_EXACT(vcx, 0.5 * 10 * cy * cz);

  double sx = 0, sy = 0;
  CR_EXPECT_EXACT(square_sum_grad(3, 4, &sx, &sy), 25);
  CR_EXPECT_EXACT(sx + sy, 14);
  return crtest::finish();
}
#endif
