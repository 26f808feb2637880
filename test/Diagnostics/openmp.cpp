// An OpenMP directive other than a loop, with -fopenmp: an error naming
// the directive, at the pragma, with no output left. (OpenMP loops are
// differentiated serially with a warning: test/Reverse/openmp-loops.cpp.)
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags -fopenmp 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

CHAINRULE_GRAD double critical_sum(const double *a) {
  double s = 0;
  for (int i = 0; i < 4; ++i)
  // CHECK: openmp.cpp:[[@LINE+1]]:1: error: chainrule: cannot differentiate an OpenMP directive ('#pragma omp critical')
#pragma omp critical
    s += a[i];
  return s;
}

// A statement chainrule has no name for (clang's debugging pragma for
// captured statements) is reported with its kind in Clang's AST.
CHAINRULE_GRAD double captured(double x) {
  double s = 0;
#pragma clang __debug captured
  // CHECK: openmp.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a statement of kind 'CapturedStmt'
  { s += x * x; }
  return s;
}
