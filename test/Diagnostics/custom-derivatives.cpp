// Custom derivatives that match no function are errors at the custom
// derivative, with a note showing the signature expected for each overload.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning: --implicit-check-not=note:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

double f(double x, const double *w, int n);
float f(float x);

// The seed is missing.
// CHECK-DAG: custom-derivatives.cpp:[[@LINE+1]]:34: error: chainrule: custom derivative 'f_vjp' does not have the signature of a derivative of any function 'f'
CHAINRULE_CUSTOM_DERIVATIVE void f_vjp(double x, const double *w, int n,
                                       double *d_x, double *d_w);
// CHECK-DAG: custom-derivatives.cpp:9:8: note: for 'f', the expected signature is 'void f_vjp(double x, const double *w, int n, double d_ret, double *d_x, double *d_w)'
// CHECK-DAG: custom-derivatives.cpp:10:7: note: for 'f', the expected signature is 'void f_vjp(float x, float d_ret, float *d_x)'

// A tangent of the wrong type.
// CHECK-DAG: custom-derivatives.cpp:[[@LINE+1]]:35: error: chainrule: custom derivative 'f_jvp' does not have the signature
CHAINRULE_CUSTOM_DERIVATIVE float f_jvp(float x, double t_x);
// CHECK-DAG: custom-derivatives.cpp:9:8: note: for 'f', the expected signature is 'double f_jvp(double x, const double *w, int n, double t_x, const double *t_w)'
// CHECK-DAG: custom-derivatives.cpp:10:7: note: for 'f', the expected signature is 'float f_jvp(float x, float t_x)'

// No function of that name.
// CHECK-DAG: custom-derivatives.cpp:[[@LINE+1]]:34: error: chainrule: custom derivative 'missing_vjp': no function 'missing' in its scope to differentiate
CHAINRULE_CUSTOM_DERIVATIVE void missing_vjp(double x, double d_ret, double *d_x);

// Not named after a derivative.
// CHECK-DAG: custom-derivatives.cpp:[[@LINE+1]]:36: error: chainrule: custom derivative 'derivative' must be a function (not a template or member) named after the function it differentiates, with the suffix _vjp, _grad or _jvp
CHAINRULE_CUSTOM_DERIVATIVE double derivative(double x);
