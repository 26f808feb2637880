// Memory chainrule cannot differentiate: pointers to pointers, a pointer
// variable that changes buffers, derivatives stored where they would be
// lost, and global variables. Each is reported at the declaration or the
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

// Assignment to a global, compound assignment to a static global, and
// assignment to a global in a namespace (one error per function: the first
// construct that cannot be differentiated).
CHAINRULE_GRAD double store_global(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate an assignment to the global variable 'g'
  g = x;
  return x;
}
CHAINRULE_GRAD double add_to_static(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate an assignment to the global variable 'counter'
  counter += x;
  return x;
}
CHAINRULE_GRAD double store_ns_global(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate an assignment to the global variable 'gq'
  q::gq = x;
  return x;
}

// Reading a non-constant global.
CHAINRULE_GRAD double load_global(double x) {
  // CHECK-DAG: memory.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate a use of the non-constant global variable 'g'
  return x * g;
}
