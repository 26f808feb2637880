// Lambdas chainrule cannot differentiate: one that captures 'this', one
// called by another name than the one it is defined with, captures of a
// pointer by reference and of a function. Each is reported at the lambda,
// with no output left (objects.cpp has mutable lambdas, copies of lambdas
// and arrays captured by copy).
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// A lambda in a member function capturing 'this'.
struct Model {
  double k;
  double eval(double x) const {
    // CHECK-DAG: lambdas.cpp:[[@LINE+1]]:19: error: chainrule: cannot differentiate a lambda: a lambda may capture local variables only (not 'this')
    auto scaled = [this](double t) { return k * t; };
    // CHECK-DAG: lambdas.cpp:[[@LINE+1]]:12: note: called from 'eval', differentiated here
    return scaled(x);
  }
};
// CHECK-DAG: lambdas.cpp:[[@LINE+1]]:65: note: called from 'member', differentiated here
CHAINRULE_GRAD double member(const Model &m, double x) { return m.eval(x); }

// A capturing lambda returned by a function and called there.
auto make_scale(double k) {
  return [k](double t) { return k * t; };
}
CHAINRULE_GRAD double returned(double x) {
  // CHECK-DAG: lambdas.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate a call of a lambda that captures variables, other than by the name it is defined with
  return make_scale(2)(x);
}

// A pointer captured by reference and reassigned (one that is not is its
// value).
CHAINRULE_GRAD double pointer_by_reference(double x, const double *p) {
  // CHECK-DAG: lambdas.cpp:[[@LINE+1]]:12: error: chainrule: cannot differentiate a capture of the pointer variable 'p' by reference
  auto f = [&p](double t) { return p[0] * t; };
  ++p;
  return f(x);
}

// A lambda captured under another name (one captured by its name is
// fine).
CHAINRULE_GRAD double renamed_capture(double x) {
  auto sq = [x](double t) { return x * t; };
  // CHECK-DAG: lambdas.cpp:[[@LINE+1]]:12: error: chainrule: cannot differentiate a capture of the lambda 'h', other than by the name it is defined with
  auto g = [h = sq](double t) { return h(t); };
  return g(x);
}

// A function captured through a reference to it.
double twice(double v) { return 2 * v; }
CHAINRULE_GRAD double captured_function(double x) {
  double (&fn)(double) = twice;
  // CHECK-DAG: lambdas.cpp:[[@LINE+1]]:12: error: chainrule: cannot differentiate a capture of 'fn'
  auto g = [fn](double t) { return fn(t); };
  return g(x);
}
