// Errors found while lowering calls: recursive calls may pass values and
// read-only buffers only (other calls that share memory are inlined, which
// recursion rules out), and calls through function pointers must have a
// known target.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// Recursion in a function that writes a buffer.
// CHECK-DAG: calls-lowering.cpp:[[@LINE+3]]:12: error: chainrule: cannot differentiate the recursive call to 'rscale': it passes a reference, a struct, or a buffer of numbers in a function that writes one (recursion works between free functions that take values, read-only buffers of numbers and buffers of integers)
void rscale(double *x, double s, int n) {
  if (n > 0)
    rscale(x + 1, s, n - 1);
  x[0] *= s;
}
// CHECK-DAG: calls-lowering.cpp:[[@LINE+1]]:47: note: called from 'rs', differentiated here
CHAINRULE_GRAD void rs(double *x, double s) { rscale(x, s, 3); }

// Recursion through a reference.
// CHECK-DAG: calls-lowering.cpp:[[@LINE+2]]:32: error: chainrule: cannot differentiate the recursive call to 'rref': it passes a reference, a struct, or a buffer of numbers in a function that writes one (recursion works between free functions that take values, read-only buffers of numbers and buffers of integers)
double rref(const double &x, int n) {
  return n == 0 ? x : x * rref(x, n - 1);
}
// CHECK-DAG: calls-lowering.cpp:[[@LINE+1]]:45: note: called from 'rr', differentiated here
CHAINRULE_GRAD double rr(double x) { return rref(x, 3); }

// A call through a pointer that may change.
double twice(double v) { return 2 * v; }
double thrice(double v) { return 3 * v; }
CHAINRULE_GRAD double pick(double x, int k) {
  // CHECK-DAG: calls-lowering.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a function pointer that may change (make it a const pointer or a reference to one function)
  double (*fn)(double) = twice;
  if (k)
    fn = thrice;
  return fn(x);
}

// A function pointer parameter.
// CHECK-DAG: calls-lowering.cpp:[[@LINE+1]]:23: error: chainrule: cannot differentiate parameter 'f' of type 'double (*)(double)'
double apply(double (*f)(double), double x) { return f(x); }
// CHECK-DAG: calls-lowering.cpp:[[@LINE+1]]:50: note: called from 'through', differentiated here
CHAINRULE_GRAD double through(double x) { return apply(twice, x); }

// A target chosen at run time.
CHAINRULE_GRAD double choose(double x, bool k) {
  // CHECK-DAG: calls-lowering.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate a call through a function pointer or reference chosen at run time (call the function directly)
  return (k ? twice : thrice)(x);
}
