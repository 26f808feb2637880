// What the LLVM IR output cannot lower is a located error naming it, with a
// non-zero exit and no output file; the C++ output of the same file works.
// Here, the derivative of lgamma in a file annotated by hand, without
// <chainrule/chainrule.h> and the chainrule::polygamma it brings.
// RUN: rm -f %t.ll
// RUN: not %chainrule-gen --emit=llvm %s -o %t.ll -- %cxxflags 2>&1 | FileCheck %s
// RUN: not test -e %t.ll
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags

extern "C" double lgamma(double);

// CHECK: not-yet.cpp:[[@LINE+2]]:{{[0-9]+}}: error: chainrule: the LLVM IR output cannot lower chainrule::polygamma, the derivative of lgamma, tgamma and polygamma, where <chainrule/chainrule.h> is not included yet (the C++ output, --emit=cpp, can)
[[clang::annotate("chainrule.grad")]]
double lg(double x) { return lgamma(x) * x; }

// CHECK-NOT: error:
