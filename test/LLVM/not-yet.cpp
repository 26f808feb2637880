// What the LLVM IR output cannot lower yet is a located error naming it,
// with a non-zero exit and no output file; the C++ output of the same file
// works.
// RUN: rm -f %t.ll
// RUN: not %chainrule-gen --emit=llvm %s -o %t.ll -- %cxxflags 2>&1 | FileCheck %s
// RUN: not test -e %t.ll
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags

#include <chainrule/chainrule.h>
#include <cmath>
#include <vector>

// CHECK: not-yet.cpp:[[@LINE+3]]:{{[0-9]+}}: error: chainrule: the LLVM IR output cannot lower a heap buffer yet (the C++ output, --emit=cpp, can)
CHAINRULE_GRAD
double total(const double *x, int n) {
  double *v = new double[n];
  double s = 0;
  for (int i = 0; i < n; ++i) {
    v[i] = x[i] * x[(i + 1) % n];
    s += v[i] * v[(i + 2) % n];
  }
  delete[] v;
  return s;
}

// CHECK: not-yet.cpp:[[@LINE+2]]:{{[0-9]+}}: error: chainrule: the LLVM IR output cannot lower chainrule::polygamma yet
CHAINRULE_GRAD
double lg(double x) { return std::lgamma(x); }

// CHECK-NOT: error:
