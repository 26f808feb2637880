// Two instantiations of an annotated template whose derivatives would be
// the same overload are an error, with no output left; an annotated template
// nothing instantiates is a warning.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// CHECK-DAG: templates.cpp:[[@LINE+1]]:23: error: chainrule: the derivatives of 'scaled<long>' and 'scaled<int>' would have the same name and parameter types
template <typename T> CHAINRULE_GRAD double scaled(double x) {
  return static_cast<double>(T(3)) * x;
}

double use(double x) { return scaled<int>(x) + scaled<long>(x); }

// CHECK-DAG: templates.cpp:[[@LINE+1]]:23: warning: chainrule: the annotated template 'unused' is not instantiated in this translation unit: no derivative is generated for it (call it, or instantiate it explicitly)
template <typename T> CHAINRULE_JVP T unused(T x) { return x * x; }

// A member function of a class template nothing instantiates.
template <typename T> struct Unused {
  T w;
  // CHECK-DAG: templates.cpp:[[@LINE+1]]:3: warning: chainrule: the annotated template 'Unused' is not instantiated in this translation unit: no derivative is generated for it (call it, or instantiate it explicitly)
  CHAINRULE_GRAD T apply(T x) const { return w * x; }
};
