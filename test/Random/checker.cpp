// The checks of the random programs (check_random.h) on two hand-written
// programs: one whose reverse mode sums 0.15 - big + big (0: the 0.15 is
// lost in the terms of 1.3e23) where forward mode computes 0.15 + (big -
// big), a rounding the checks must accept (their rounding noise measures
// the terms, not the sum); and one whose gradient is wrong by 0.1%, which
// they must report, against forward mode and against differences.
// RUN: %cxx -std=c++17 -O0 -fno-builtin -ffp-contract=off -frounding-math -I%S %s -o %t && %t | FileCheck %s
// CHECK-NOT: good {{.*}} REV/FWD
// CHECK-NOT: good {{.*}} FD
// CHECK: good 0
// CHECK-DAG: bad double n=0 REV/FWD input=0
// CHECK-DAG: bad double n=0 FD input=0
// CHECK: bad 1
#include "check_random.h"
namespace good {
template <typename T> T f(T x, T y, T z, T *w, int) {
  T big = T(1.3e23) * y * y;
  return T(0.15) * x + (big * x - big * x) + z * 0 + w[0] * 0;
}
template <typename T> T f_grad(T x, T y, T z, T *w, int n, T *dx, T *dy, T *dz, T *dw) {
  T big = T(1.3e23) * y * y;
  T d = T(0.15);
  d = d + -big;
  d = d + big;
  *dx += d;
  (void)dy; (void)dz; (void)dw;
  return f(x, y, z, w, n);
}
template <typename T> T f_jvp(T x, T y, T z, T *w, int n, T tx, T, T, T *tw) {
  T big = T(1.3e23) * y * y;
  (void)tw;
  (void)f(x, y, z, w, n);
  return T(0.15) * tx + (big * tx - big * tx);
}
}
namespace bad {
template <typename T> T f(T x, T y, T z, T *w, int) { return x * y + z * 0 + w[0] * 0; }
template <typename T> T f_grad(T x, T y, T z, T *w, int n, T *dx, T *dy, T *, T *) {
  *dx += y * T(1.001); *dy += x; return f(x, y, z, w, n);
}
template <typename T> T f_jvp(T x, T y, T z, T *w, int n, T tx, T ty, T, T *tw) {
  (void)tw; (void)f(x, y, z, w, n); return y * tx + x * ty;
}
}
#define CHECK(NS) crrandom::check(#NS, NS::f<float>, NS::f_grad<float>, NS::f_jvp<float>, NS::f<double>, NS::f_grad<double>, NS::f_jvp<double>, NS::f<long double>, NS::f_grad<long double>, NS::f_jvp<long double>)
#include <cstdio>
int main() { std::printf("good %d\n", CHECK(good)); std::printf("bad %d\n", CHECK(bad) > 0); }
