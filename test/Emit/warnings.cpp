// Generated code compiles without warnings under -Wall -Wextra: parameters a
// derivative does not read (a shadow of a parameter the result does not
// depend on, the seed of a constant function) are named in comments.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -c %t.ad.cpp -o %t.o

#include <chainrule/chainrule.h>

#include <cmath>

// y does not reach the result: its shadow is never written.
CHAINRULE_GRAD CHAINRULE_VJP CHAINRULE_JVP
double ignores_y(double x, double y) {
  (void)y;
  return x * x;
}
// CHECK-LABEL: double ignores_y_grad(double x, double /*y*/, double *d_x, double * /*d_y*/) {
// CHECK-LABEL: void ignores_y_vjp(double x, double /*y*/, double d_ret, double *d_x,
// CHECK-NEXT:                     double * /*d_y*/) {
// CHECK-LABEL: double ignores_y_jvp(double x, double /*y*/, double t_x, double /*t_y*/) {

// Integer-only arithmetic: the derivative is zero and reads nothing.
CHAINRULE_GRAD CHAINRULE_VJP
double from_int(int n) { return n * 0.5; }
// CHECK-LABEL: double from_int_grad(int n) {
// CHECK-LABEL: void from_int_vjp(int /*n*/, double /*d_ret*/) {}
