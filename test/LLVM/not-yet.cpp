// What the LLVM IR output cannot lower yet is a located error naming it,
// with a non-zero exit and no output file; the C++ output of the same file
// works.
// RUN: rm -f %t.ll
// RUN: not %chainrule-gen --emit=llvm %s -o %t.ll -- %cxxflags 2>&1 | FileCheck %s
// RUN: not test -e %t.ll
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags

#include <chainrule/chainrule.h>
#include <vector>

struct Point {
  double x, y;
};

// CHECK: not-yet.cpp:[[@LINE+2]]:{{[0-9]+}}: error: chainrule: the LLVM IR output cannot lower a member of a struct yet (the C++ output, --emit=cpp, can)
CHAINRULE_GRAD
double norm2(const Point &p) { return p.x * p.x + p.y * p.y; }

// CHECK: not-yet.cpp:[[@LINE+2]]:{{[0-9]+}}: error: chainrule: the LLVM IR output cannot lower a std::vector or std::array yet
CHAINRULE_GRAD
double total(const std::vector<double> &v) {
  double s = 0;
  for (double x : v)
    s += x * x;
  return s;
}
