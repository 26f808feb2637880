// Recursive calls may pass values only: calls that share memory are
// inlined, which recursion rules out.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// Recursion through a buffer.
// CHECK-DAG: recursion.cpp:[[@LINE+1]]:71: error: chainrule: cannot differentiate the recursive call to 'rsum': it passes a pointer or reference (recursive calls may pass values only)
double rsum(const double *x, int n) { return n == 0 ? 0 : x[0] + rsum(x + 1, n - 1); }
// CHECK-DAG: recursion.cpp:[[@LINE+1]]:52: note: called from 'rs', differentiated here
CHAINRULE_GRAD double rs(const double *x) { return rsum(x, 3); }
