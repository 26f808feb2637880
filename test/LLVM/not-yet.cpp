// What the LLVM IR output cannot lower yet is a located error naming it,
// with a non-zero exit and no output file; the C++ output of the same file
// works.
// RUN: rm -f %t.ll
// RUN: not %chainrule-gen --emit=llvm %s -o %t.ll -- %cxxflags 2>&1 | FileCheck %s
// RUN: not test -e %t.ll
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags

#include <chainrule/chainrule.h>
#include <cmath>

// A constant of this file computed when the program starts: the module's
// own copy of it would never be computed.
static const double kScale = std::sqrt(2.0);

// CHECK: not-yet.cpp:[[@LINE+2]]:{{[0-9]+}}: error: chainrule: the LLVM IR output cannot lower global variable 'kScale', which has internal linkage and is initialised at run time yet (the C++ output, --emit=cpp, can)
CHAINRULE_GRAD
double scaled(double x) { return kScale * x * x; }

// CHECK-NOT: error:
