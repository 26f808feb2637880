// The LLVM IR output of heap buffers, the value types of the standard
// library, the functions of derivatives that <cmath> lacks, and member
// functions:
// - `new double[n]` and malloc: a block of zeroed elements (calloc) with
//   its size, freed at the end of the function, in a translation unit
//   without <vector>;
// - std::tuple's elements through std::get as Sema resolves it (clang's
//   code of the standard library, emitted into the module); std::complex's
//   parts at the offsets the C++ standard guarantees (real, then imaginary);
// - the derivative of lgamma through chainrule::polygamma, instantiated
//   from <chainrule/Math.h> (which <chainrule/chainrule.h> includes);
// - a member function's derivatives, free functions of the namespace
//   around its class taking the object first;
// - constants of the file initialised at run time, whose copies in the
//   module are initialised by a constructor of the module.
// RUN: %chainrule-gen --emit=llvm --grad-mode=reverse %s -o %t.ll -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ll
// RUN: %cxx %cxxflags -DRUN_CHECKS %s %t.ll -o %t && %t
// RUN: %chainrule-gen --emit=llvm --grad-mode=forward %s -o %t.fwd.ll -- %cxxflags
// RUN: %cxx %cxxflags -DRUN_CHECKS %s %t.fwd.ll -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>
#include <cmath>
#include <complex>
#include <cstdlib>
#include <tuple>

// The constructor of the module (for scaled, below):
// CHECK: @llvm.global_ctors = appending global {{.*}} @chainrule.init

// CHECK-LABEL: define noundef double @_Z11spread_gradPKdiPd(
// CHECK:         call ptr @calloc(i64 {{%.*}}, i64 8)
// CHECK:         call void @free(ptr
CHAINRULE_GRAD
double spread(const double *x, int n) {
  double *v = new double[n];
  double *u = static_cast<double *>(std::malloc(n * sizeof(double)));
  for (int i = 0; i < n; ++i) {
    v[i] = x[i] * x[(i + 1) % n];
    u[i] = std::sin(v[i]);
  }
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += u[i] * v[(i + 2) % n];
  std::free(u);
  delete[] v;
  return s;
}

// Passed by reference, in memory: std::get on the tuple and its shadow.
// CHECK-LABEL: define noundef double @_Z11triple_gradRKSt5tupleIJdddEEPS0_(
// CHECK:         call noundef nonnull align 8 dereferenceable(8) ptr @_ZSt3getILm2EJdddEE{{.*}}(ptr noundef nonnull align 8 dereferenceable(24) %d_t)
CHAINRULE_GRAD
double triple(const std::tuple<double, double, double> &t) {
  auto [a, b, c] = t;
  return a * std::exp(b) + std::get<2>(t) * a * c;
}

// CHECK-LABEL: define noundef double @_Z12modulus_gradRKSt7complexIdEPS0_(
// CHECK:         getelementptr inbounds double, ptr %d_z, i64 1
CHAINRULE_GRAD
double modulus(const std::complex<double> &z) {
  std::complex<double> w = z * z + std::complex<double>(0.5, -1);
  return std::abs(w) + w.imag();
}

// CHECK-LABEL: define noundef double @_Z8lgx_graddPd(
// CHECK:         call noundef double @_ZN9chainrule9polygammaIdEET_S1_S1_(double noundef 0.000000e+00,
CHAINRULE_GRAD
double lgx(double x) { return std::lgamma(x) * x; }

// Constants of this file computed when the program starts: the module's
// copies get their initialisers, run by a constructor of the module.
static const double kScale = std::sqrt(2.0);
namespace {
const double kShift = kScale * 3;
}
// CHECK-LABEL: define noundef double @_Z11scaled_graddPd(
// CHECK:         load double, ptr @_ZL6kScale
CHAINRULE_GRAD
double scaled(double x) { return kScale * x * x + kShift * x; }

namespace model {
struct Layer {
  double w[2];
  double b;
  CHAINRULE_GRAD
  double predict(double x) const { return std::tanh(w[0] * x + w[1] * x * x + b); }
};
} // namespace model
// CHECK-LABEL: define weak_odr noundef double @_ZN5model12predict_gradERKNS_5LayerEdPS0_Pd(

// The constructor of the module, last: the initialisers in their order.
// CHECK-LABEL: define internal void @chainrule.init()
// CHECK-NEXT:    call void @__cxx_global_var_init
// CHECK-NEXT:    call void @__cxx_global_var_init

#ifdef RUN_CHECKS
#include "check.h"
double spread_grad(const double *x, int n, double *d_x);
double triple_grad(const std::tuple<double, double, double> &t,
                   std::tuple<double, double, double> *d_t);
double modulus_grad(const std::complex<double> &z, std::complex<double> *d_z);
double lgx_grad(double x, double *d_x);
double scaled_grad(double x, double *d_x);
namespace model {
double predict_grad(const Layer &self, double x, Layer *d_self, double *d_x);
}

int main() {
  double x[4] = {0.5, -1, 2, 0.25}, dx[4] = {};
  CR_EXPECT_EXACT(spread_grad(x, 4, dx), spread(x, 4));
  crtest::expectGradient("d_x", dx, x, 4, [&] { return spread(x, 4); });

  std::tuple<double, double, double> t{0.3, -0.8, 1.5}, dt{};
  CR_EXPECT_EXACT(triple_grad(t, &dt), triple(t));
  CR_EXPECT_FD(std::get<0>(dt), [&](double v) { auto u = t; std::get<0>(u) = v; return triple(u); }, 0.3);
  CR_EXPECT_FD(std::get<1>(dt), [&](double v) { auto u = t; std::get<1>(u) = v; return triple(u); }, -0.8);
  CR_EXPECT_FD(std::get<2>(dt), [&](double v) { auto u = t; std::get<2>(u) = v; return triple(u); }, 1.5);

  std::complex<double> z(0.7, 0.4), dz;
  CR_EXPECT_EXACT(modulus_grad(z, &dz), modulus(z));
  CR_EXPECT_FD(dz.real(), [](double r) { return modulus({r, 0.4}); }, 0.7);
  CR_EXPECT_FD(dz.imag(), [](double i) { return modulus({0.7, i}); }, 0.4);

  double dg = 0;
  CR_EXPECT_EXACT(lgx_grad(2.5, &dg), lgx(2.5));
  CR_EXPECT_FD(dg, lgx, 2.5);

  double ds = 0;
  CR_EXPECT_EXACT(scaled_grad(0.6, &ds), scaled(0.6));
  CR_EXPECT_EXACT(ds, 2 * std::sqrt(2.0) * 0.6 + 3 * std::sqrt(2.0));

  model::Layer L{{0.4, -0.3}, 0.2}, dL{};
  double dlx = 0;
  CR_EXPECT_EXACT(model::predict_grad(L, 0.9, &dL, &dlx), L.predict(0.9));
  CR_EXPECT_FD(dlx, [&](double v) { return L.predict(v); }, 0.9);
  CR_EXPECT_FD(dL.b, [&](double v) { model::Layer M = L; M.b = v; return M.predict(0.9); }, 0.2);
  CR_EXPECT_FD(dL.w[1], [&](double v) { model::Layer M = L; M.w[1] = v; return M.predict(0.9); }, -0.3);
  return crtest::finish();
}
#endif
