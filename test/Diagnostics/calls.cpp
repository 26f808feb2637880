// Calls without a visible definition and annotated functions without a
// definition are errors at the call / declaration, with no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

double external(double);

// A direct call to a function without a body.
CHAINRULE_GRAD double direct(double x) {
  // CHECK-DAG: calls.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate call to 'external': its definition is not visible in this translation unit
  return external(x) * 2;
}

// The same call one level down, in a helper: a note points at the call in
// the annotated function.
// CHECK-DAG: calls.cpp:[[@LINE+1]]:38: error: chainrule: cannot differentiate call to 'external': its definition is not visible in this translation unit
double helper(double x) { return x * external(x); }
CHAINRULE_GRAD double indirect(double x) {
  // CHECK-DAG: calls.cpp:[[@LINE+1]]:10: note: called from 'indirect', differentiated here
  return helper(x);
}

// An annotated function that is only declared.
// CHECK-DAG: calls.cpp:[[@LINE+1]]:23: error: chainrule: no definition of 'declared_only' in this translation unit
CHAINRULE_GRAD double declared_only(double x);
