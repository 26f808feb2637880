// Expressions chainrule cannot differentiate (allocation, exceptions,
// conditionals of other types, operators without a rule, conversions, library
// calls), each reported at the expression (one error per function: the
// first construct that cannot be differentiated), with no output left.
// expressions-other.cpp has the rest (a file stays below clang's limit of 20
// errors).
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>

// Exceptions.
CHAINRULE_GRAD double throws(double x) {
  if (x < 0)
    // CHECK-DAG: expressions.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate a 'throw' expression
    throw -1;
  return x;
}

// A conditional expression of type void (that is no assertion).
void note(double v);
CHAINRULE_GRAD double noted(double x) {
  // CHECK-DAG: expressions.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a conditional operator of this type
  x > 0 ? note(x) : note(-x);
  return std::sqrt(x);
}

// An operator chainrule has no rule for (GNU __real__ on a real number).
CHAINRULE_GRAD double real_part(double x) {
  // CHECK-DAG: expressions.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate the operator '__real'
  double m = __real__ x;
  return x * m;
}

// A conversion chainrule does not follow.
CHAINRULE_GRAD double reinterpreted(const float *a) {
  // CHECK-DAG: expressions.cpp:[[@LINE+1]]:21: error: chainrule: cannot differentiate a conversion of kind 'BitCast'
  const double *p = reinterpret_cast<const double *>(a);
  return p[0];
}

// A type chainrule has no layout for.
CHAINRULE_GRAD double quad_precision(double x) {
  // CHECK-DAG: expressions.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate an expression of type '__float128'
  return x * 2.0q;
}

// std::max and std::min of values that are not numbers, and the forms
// with a comparator.
CHAINRULE_GRAD double max_of_flags(double x, bool a, bool b) {
  // CHECK-DAG: expressions.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate this call to 'std::max'
  return std::max(a, b) ? x : 2 * x;
}
CHAINRULE_GRAD double max_of_list(double x, double y) {
  // CHECK-DAG: expressions.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate a call to the library function 'std::max'
  return std::max({x, y, 1.0}, std::greater<double>());
}

// A reference bound to what std::max returns (a value to chainrule).
CHAINRULE_GRAD double max_reference(double x, double y) {
  // CHECK-DAG: expressions.cpp:[[@LINE+1]]:21: error: chainrule: cannot differentiate the address of this call
  const double &m = std::max(x, y);
  return m * x;
}
