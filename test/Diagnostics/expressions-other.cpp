// Less common expressions chainrule cannot differentiate: static data
// members, structured bindings, GNU extensions, expressions evaluated for
// nothing, 'this' in a default member initializer. Each is reported at the
// expression, with no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// A static data member, read through an object and bound to a reference.
struct Settings {
  double gain;
  static double scale;
};
CHAINRULE_GRAD double static_member(const Settings &s, double x) {
  // CHECK-DAG: expressions-other.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate a member access
  return s.scale * x;
}
CHAINRULE_GRAD double static_member_ref(const Settings &s, double x) {
  // CHECK-DAG: expressions-other.cpp:[[@LINE+1]]:21: error: chainrule: cannot differentiate this member access
  const double &r = s.scale;
  return r * x;
}

// An assignment to a conditional lvalue.
CHAINRULE_GRAD double either(double x, bool c) {
  double a = 0, b = 0;
  // CHECK-DAG: expressions-other.cpp:[[@LINE+1]]:4: error: chainrule: cannot differentiate an assignment to an expression of kind 'ConditionalOperator'
  (c ? a : b) = x;
  return a + b;
}

// GNU extensions: a statement expression, the conditional with an omitted
// operand.
CHAINRULE_GRAD double statement_expression(double x) {
  // CHECK-DAG: expressions-other.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate a statement expression
  double y = ({
    double t = x;
    t * t;
  });
  return y;
}
CHAINRULE_GRAD double elvis(double x) {
  // CHECK-DAG: expressions-other.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate an expression of kind 'BinaryConditionalOperator'
  double y = x ?: 1.0;
  return y;
}

// Expressions evaluated for nothing (cast to void).
CHAINRULE_GRAD double unused_element(const double *a) {
  // CHECK-DAG: expressions-other.cpp:[[@LINE+1]]:9: error: chainrule: cannot differentiate an array subscript
  (void)a[0];
  return a[1];
}
CHAINRULE_GRAD double unused_string(double x) {
  // CHECK-DAG: expressions-other.cpp:[[@LINE+1]]:9: error: chainrule: cannot differentiate a string literal
  (void)"unused";
  return x;
}

// A default member initializer that reads another member, in an aggregate
// initialization: chainrule has no object for its 'this'.
struct Derived {
  double a;
  // CHECK-DAG: expressions-other.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate 'this'
  double b = a * 2;
};
CHAINRULE_GRAD double member_default(double x) {
  Derived d{x};
  return d.b;
}
