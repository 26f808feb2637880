// Pointers, arrays and globals are not differentiable in this version: each
// is reported at the declaration or the statement, with no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

double g;
static double counter;
namespace q { double gq; }

// A pointer dereference through a local pointer.
CHAINRULE_GRAD double deref_local(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:11: error: chainrule: cannot differentiate local variable 'p' of type 'double *'
  double *p = &x;
  return *p * 2;
}

// A pointer parameter, dereferenced.
// CHECK-DAG: memory.cpp:[[@LINE+1]]:59: error: chainrule: cannot differentiate parameter 'p' of type 'const double *'
CHAINRULE_GRAD double deref_param(double x, const double *p) { return x * *p; }

// A local array, subscripted.
CHAINRULE_GRAD double subscript(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate local variable 'a' of type 'double[2]'
  double a[2] = {x, 2 * x};
  return a[1];
}

// Assignment to a global, compound assignment to a static global, and
// assignment to a global in a namespace (one error per function: the first
// construct that cannot be differentiated).
CHAINRULE_GRAD double store_global(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate an assignment to the global variable 'g'
  g = x;
  return x;
}
CHAINRULE_GRAD double add_to_static(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate an assignment to the global variable 'counter'
  counter += x;
  return x;
}
CHAINRULE_GRAD double store_ns_global(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate an assignment to the global variable 'gq'
  q::gq = x;
  return x;
}

// Reading a non-constant global.
CHAINRULE_GRAD double load_global(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate a use of the non-constant global variable 'g'
  return x * g;
}
