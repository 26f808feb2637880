// A statement chainrule has no name for is reported with its kind in Clang's
// AST: here an OpenMP directive (with -fopenmp), at the pragma, with no
// output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags -fopenmp 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

CHAINRULE_GRAD double simd_sum(const double *a) {
  double s = 0;
  // CHECK: openmp.cpp:[[@LINE+1]]:1: error: chainrule: cannot differentiate a statement of kind 'OMPSimdDirective'
#pragma omp simd reduction(+ : s)
  for (int i = 0; i < 4; ++i)
    s += a[i];
  return s;
}
