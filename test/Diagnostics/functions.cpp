// Functions chainrule cannot differentiate whatever their body holds: a path
// that ends without a return, a variadic function, a function defined in a
// class template. Each error is at the function, with no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// A path that leaves the function without a return (clang's own warning is
// silenced: chainrule reports it even so).
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wreturn-type"
CHAINRULE_GRAD double no_return(double x) {
  if (x > 0)
    return x;
  // CHECK-DAG: functions.cpp:[[@LINE+1]]:1: error: chainrule: control reaches the end of 'no_return' without a return
}
#pragma clang diagnostic pop

// A variadic function.
// CHECK-DAG: functions.cpp:[[@LINE+1]]:23: error: chainrule: cannot differentiate 'sum_all': variadic functions are not supported
CHAINRULE_GRAD double sum_all(double x, ...) { return x; }

// A variadic helper, reached through a call.
double first_of(double x, ...) { return x; }
// CHECK-DAG: functions.cpp:[[@LINE-1]]:8: error: chainrule: cannot differentiate 'first_of': variadic functions are not supported
// CHECK-DAG: functions.cpp:[[@LINE+1]]:57: note: called from 'calls_variadic', differentiated here
CHAINRULE_GRAD double calls_variadic(double x) { return first_of(x, 1, 2); }

// A function defined in a class template (a friend) belongs to the
// template.
template <typename T> struct Registry {
  // CHECK-DAG: functions.cpp:[[@LINE+1]]:32: error: chainrule: cannot differentiate 'scaled_by_two': function templates are not supported yet
  CHAINRULE_GRAD friend double scaled_by_two(double x) { return 2 * x; }
};

// An annotated lambda.
double calls_lambda(double y) {
  // CHECK-DAG: functions.cpp:[[@LINE+2]]:16: warning: an attribute specifier sequence in this position is a C++23 extension
  // CHECK-DAG: functions.cpp:[[@LINE+1]]:16: error: chainrule: cannot differentiate a lambda: a lambda cannot be annotated (annotate the function that calls it, or make it a named function or a functor)
  auto sq = [] CHAINRULE_GRAD(double x) { return x * x; };
  return sq(y);
}
