// An active floating value converted to an integer without a cast: the
// derivative ends there, and chainrule says where (a warning; the output
// is still written). A conversion the user writes (static_cast, a C-style
// or functional cast) says it is intended: no warning; nor for values that
// carry no derivative.
// RUN: %chainrule-gen %s -o %t.cpp -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: %cxx %cxxflags -Wno-float-conversion -DRUN_CHECKS %t.cpp -o %t && %t

#include <chainrule/chainrule.h>

static int bucket(int k) { return k % 3; }
static int rounded(const double &v) { // (inlined: it takes an address)
  // CHECK-DAG: integer-cuts.cpp:[[@LINE+1]]:10: warning: chainrule: a value that depends on the differentiated parameters is converted to an integer here: its derivative ends (write static_cast<int>(...) if that is intended)
  return v + 0.5;
}

CHAINRULE_GRAD double declared(double b) {
  // CHECK-DAG: integer-cuts.cpp:[[@LINE+1]]:12: warning: chainrule: a value that depends on the differentiated parameters is converted to an integer here
  int sq = b * b;
  return sq * b;
}

CHAINRULE_GRAD double compound_and_call(double x) {
  int k = 1;
  // CHECK-DAG: integer-cuts.cpp:[[@LINE+1]]:5: warning: chainrule: a value that depends on the differentiated parameters is converted to an integer here
  k += x;
  // CHECK-DAG: integer-cuts.cpp:[[@LINE+1]]:21: warning: chainrule: a value that depends on the differentiated parameters is converted to an integer here
  return x * bucket(x) * k + rounded(x);
}

CHAINRULE_GRAD double written_casts(double x, int n) {
  int k = static_cast<int>(x * 10);
  int m = n * 0.5; // inactive
  return x * k + (int)x + int(x) + m;
}

#ifdef RUN_CHECKS
#include "check.h"
double declared_grad(double b, double *d_b);
double compound_and_call_grad(double x, double *d_x);
double written_casts_grad(double x, int n, double *d_x);
int main() {
  // The derivative through the integer is zero: d/db (int(b*b) * b) =
  // int(b*b).
  double d = 0;
  declared_grad(1.7, &d);
  CR_EXPECT_EXACT(d, 2.0);
  d = 0;
  compound_and_call_grad(1.2, &d);
  CR_EXPECT_EXACT(d, 1.0 * 2); // bucket(1) * k, k = int(1 + 1.2)
  d = 0;
  written_casts_grad(0.35, 4, &d);
  CR_EXPECT_EXACT(d, 3.0);
  return crtest::finish();
}
#endif
