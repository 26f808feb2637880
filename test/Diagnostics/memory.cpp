// Memory chainrule cannot differentiate: pointers to pointers, arrays of
// pointers, a pointer variable that changes buffers or starts without a value,
// a pointer compared with null, writes to global variables (reading one that
// is not constant is a warning). Each is reported at the declaration or the
// statement, with no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

double g;
static double counter;
namespace q { double gq; }

// A pointer to a pointer.
// CHECK-DAG: memory.cpp:[[@LINE+1]]:61: error: chainrule: cannot differentiate parameter 'p' of type 'double **'
CHAINRULE_GRAD double pointer_to_pointer(double x, double **p) { return x * **p; }

// A pointer variable that points into one buffer or another.
CHAINRULE_GRAD double two_buffers(const double *a, const double *b, int n) {
  const double *p = a;
  if (n > 2)
    // CHECK-DAG: memory.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate a pointer variable 'p' that points into more than one buffer
    p = b;
  return p[0];
}

// Assignment to a global, compound assignment to a static global,
// assignment to a global in a namespace, and a global written by a callee
// through a reference (one error per function: the first construct that
// cannot be differentiated).
CHAINRULE_GRAD double store_global(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a write to the global variable 'g' (write it through a parameter, or return the value)
  g = x;
  return x;
}
CHAINRULE_GRAD double add_to_static(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a write to the global variable 'counter'
  counter += x;
  return x;
}
CHAINRULE_GRAD double store_ns_global(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a write to the global variable 'q::gq'
  q::gq = x;
  return x;
}

static void bump(double &total, double x) { total += x; }
CHAINRULE_GRAD double store_through_callee(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a write to the global variable 'g'
  bump(g, x);
  return x;
}

// A global struct: chainrule reads globals of scalars and arrays of them.
struct Settings {
  double scale;
};
Settings settings;
CHAINRULE_GRAD double global_struct(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate global variable 'settings' of type 'Settings'
  return x * settings.scale;
}

// Reading a global that is not constant: a warning, the derivative is made.
CHAINRULE_GRAD double load_global(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:14: warning: chainrule: the global variable 'g' is read as a constant: no derivative with respect to it is computed (pass it as a parameter to differentiate with respect to it)
  return x * g;
}

// A pointer variable declared without a value.
CHAINRULE_GRAD double uninitialized_pointer(const double *a) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:17: error: chainrule: cannot differentiate a pointer variable without an initializer
  const double *p;
  p = a;
  return p[0];
}

// Pointers into two buffers compared (a test against null is fine).
CHAINRULE_GRAD double two_buffers(const double *w, const double *v, double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate comparing pointers into different buffers
  return w != v && w != nullptr ? w[0] * x : x;
}

// A local array of pointers (arrays of arrays of numbers are fine).
CHAINRULE_GRAD double pointers(const double *a, const double *b) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:17: error: chainrule: cannot differentiate local variable 'rows' of type 'const double *[2]'
  const double *rows[2] = {a, b};
  return rows[0][0] * rows[1][0];
}

// A reference bound to a comma expression.
CHAINRULE_GRAD double comma_reference(double x, double y) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:22: error: chainrule: cannot differentiate the address of this expression
  const double &r = ((void)x, y);
  return r;
}

// A constant global passed by reference.
const double kGain = 2.0;
static double apply_gain(const double &gain, double x) { return gain * x; }
CHAINRULE_GRAD double gained(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:21: error: chainrule: cannot differentiate passing this expression by reference
  return apply_gain(kGain, x);
}

// A pointer variable initialized with empty braces.
CHAINRULE_GRAD double braced_pointer(const double *a) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:18: error: chainrule: cannot differentiate an initializer list
  const double *p{};
  p = a;
  return p[0];
}
