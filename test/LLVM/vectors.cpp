// The LLVM IR output of std::vector: parameters, locals made with a size,
// push_back before reading, and the size check of shadows. The members the
// derivatives call (data(), size(), the constructor, resize(), push_back(),
// back(), pop_back(), the destructor) are clang's own code of the standard
// library, instantiated and emitted into the module.
// RUN: %chainrule-gen --emit=llvm --grad-mode=reverse %s -o %t.ll -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ll
// RUN: %cxx %cxxflags -DRUN_CHECKS %s %t.ll -o %t && %t
// A shadow of the wrong size stops the program with chainrule's message:
// RUN: %cxx %cxxflags -DRUN_CHECKS -DWRONG_SIZE %s %t.ll -o %t.wrong
// RUN: not --crash %t.wrong 2>&1 | FileCheck %s --check-prefix=WRONG

#include <chainrule/Check.h>
#include <chainrule/chainrule.h>
#include <algorithm>
#include <vector>

// A heap buffer of doubles before any std::vector<double> of the source:
// with one in the file, it is one too (the record of that name is shared).
// CHECK-LABEL: define noundef double @_Z12scratch_gradPKdiPd(
// CHECK:         call void @_ZNSt6vectorIdSaIdEE6resizeEm(
CHAINRULE_GRAD
double scratch(const double *x, int n) {
  double *t = new double[n];
  for (int i = 0; i < n; ++i)
    t[i] = x[i] * x[i];
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += t[i] * t[(i + 1) % n];
  delete[] t;
  return s;
}

// CHECK-LABEL: define noundef double @_Z11energy_gradRKSt6vectorIdSaIdEEPS1_(
// CHECK:         call noundef i64 @_ZNKSt6vectorIdSaIdEE4sizeEv(
// CHECK:         call void @_ZN9chainrule12sizeMismatchEPKcS1_mS1_m(
// CHECK:         call noundef ptr @_ZNSt6vectorIdSaIdEE4dataEv(
// WRONG: chainrule: energy_grad: 'd_v' has 2 elements but 'v' has 3
CHAINRULE_GRAD
double energy(const std::vector<double> &v) {
  double s = 0;
  for (size_t i = 0; i + 1 < v.size(); ++i)
    s += (v[i + 1] - v[i]) * (v[i + 1] - v[i]);
  return s;
}

// A local vector of a run-time size, destroyed at the end of each
// iteration that makes it.
CHAINRULE_GRAD
double smooth(const double *x, int n) {
  double s = 0;
  for (int k = 0; k < 3; ++k) {
    std::vector<double> y(n);
    for (int i = 0; i < n; ++i)
      y[i] = x[i] * (k + 1) + x[(i + 1) % n];
    for (int i = 0; i < n; ++i)
      s += y[i] * y[(i + k) % n];
  }
  return s;
}
// CHECK-LABEL: define noundef double @_Z11smooth_gradPKdiPd(
// CHECK:         call void @_ZNSt6vectorIdSaIdEEC{{[12]}}Ev(
// CHECK:         call void @_ZNSt6vectorIdSaIdEE6resizeEm(
// CHECK:         call void @_ZNSt6vectorIdSaIdEED{{[12]}}Ev(

// Grown by push_back, then read.
CHAINRULE_GRAD
double grown(double a, double b, int n) {
  std::vector<double> v;
  for (int i = 0; i < n; ++i)
    v.push_back(a * i + b);
  double s = 0;
  for (double x : v)
    s += x * x;
  return s;
}
// CHECK-LABEL: define noundef double @_Z10grown_gradddiPdS_(
// CHECK:         call void @_ZNSt6vectorIdSaIdEE9push_backERKd(

#ifdef RUN_CHECKS
#include "check.h"
double scratch_grad(const double *x, int n, double *d_x);
double energy_grad(const std::vector<double> &v, std::vector<double> *d_v);
double smooth_grad(const double *x, int n, double *d_x);
double grown_grad(double a, double b, int n, double *d_a, double *d_b);

int main() {
  std::vector<double> v{1, 3, 2};
#ifdef WRONG_SIZE
  std::vector<double> dv(2);
#else
  std::vector<double> dv(3);
#endif
  CR_EXPECT_EXACT(energy_grad(v, &dv), 5);
  CR_EXPECT_EXACT(dv[0], -4);
  CR_EXPECT_EXACT(dv[1], 6);
  CR_EXPECT_EXACT(dv[2], -2);

  double x[5] = {0.5, -1, 2, 0.25, 1.5}, dx[5] = {};
  CR_EXPECT_EXACT(scratch_grad(x, 5, dx), scratch(x, 5));
  crtest::expectGradient("d_x", dx, x, 5, [&] { return scratch(x, 5); });
  std::fill(dx, dx + 5, 0.0);
  smooth_grad(x, 5, dx);
  crtest::expectGradient("d_x", dx, x, 5, [&] { return smooth(x, 5); });

  double da = 0, db = 0;
  grown_grad(0.5, -1, 40, &da, &db);
  CR_EXPECT_FD(da, [](double a) { return grown(a, -1, 40); }, 0.5);
  CR_EXPECT_FD(db, [](double b) { return grown(0.5, b, 40); }, -1);
  return crtest::finish();
}
#endif
