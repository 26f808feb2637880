// A derivative stored into a buffer left out of the _WRT list would be
// lost: it is an error at the store (reported once differentiation starts,
// so in a file of its own), with a note saying what to do.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

CHAINRULE_GRAD_WRT(x)
double lost(const double *x, double *scratch) {
  // CHECK-DAG: lost-derivative.cpp:[[@LINE+2]]:3: error: chainrule: cannot differentiate 'lost': this stores a value that depends on the differentiated parameters into 'scratch', which is not differentiated
  // CHECK-DAG: lost-derivative.cpp:[[@LINE+1]]:3: note: differentiate with respect to 'scratch' too (add it to the _WRT list), or do not store derivative-carrying values in it
  scratch[0] = 2 * x[0];
  return scratch[0] * x[1];
}

