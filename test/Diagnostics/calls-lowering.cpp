// Errors found while lowering calls: recursive calls may pass values only
// (calls that share memory are inlined, which recursion rules out), and
// calls through function pointers must have a known target.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// Recursion through a buffer.
// CHECK-DAG: calls-lowering.cpp:[[@LINE+1]]:71: error: chainrule: cannot differentiate the recursive call to 'rsum': it passes a pointer, reference or struct (recursion works between free functions that take values)
double rsum(const double *x, int n) { return n == 0 ? 0 : x[0] + rsum(x + 1, n - 1); }
// CHECK-DAG: calls-lowering.cpp:[[@LINE+1]]:52: note: called from 'rs', differentiated here
CHAINRULE_GRAD double rs(const double *x) { return rsum(x, 3); }

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
