// Two instantiations of an annotated template whose derivatives would be
// the same overload are an error, with no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// CHECK: templates.cpp:[[@LINE+1]]:23: error: chainrule: the derivatives of 'scaled<long>' and 'scaled<int>' would have the same name and parameter types
template <typename T> CHAINRULE_GRAD double scaled(double x) {
  return static_cast<double>(T(3)) * x;
}

double use(double x) { return scaled<int>(x) + scaled<long>(x); }
