// A pointer chosen at run time between two buffers (a conditional operator,
// a helper returning one of its arguments): which shadow its accesses
// belong to is not known when the derivative is generated, so each access
// is an error (reported after lowering, so in a file of its own).
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

static const double *choose(const double *a, const double *b, double c) {
  if (c > 0)
    return a;
  return b;
}

CHAINRULE_GRAD
double through_call(const double *a, const double *b, double c) {
  // CHECK-DAG: untracked-pointer.cpp:[[@LINE+1]]:11: error: chainrule: cannot differentiate this access through a pointer chosen at run time between buffers (index one buffer, or branch around the accesses)
  return *choose(a, b, c) * c;
}

CHAINRULE_GRAD
double through_select(const double *a, const double *b, double c) {
  const double *p = c > 0 ? a : b;
  // CHECK-DAG: untracked-pointer.cpp:[[@LINE+1]]:12: error: chainrule: cannot differentiate this access through a pointer chosen at run time between buffers
  return p[0] * c;
}

// A struct of views passed by pointer, read after a test (it may be null:
// its members are not read at the entry), and a view set in a branch.
struct View {
  const double *p;
};
CHAINRULE_GRAD double view_by_pointer(const View *v, double x) {
  if (v == nullptr)
    return x;
  // CHECK-DAG: untracked-pointer.cpp:[[@LINE+1]]:15: error: chainrule: cannot differentiate this access through a pointer read from memory: chainrule follows the pointer members of structs passed by reference or by value, and of local structs that set them once
  return v->p[0] * x;
}
CHAINRULE_GRAD double view_in_branch(const double *a, const double *b, double x) {
  View v{a};
  if (x > 0)
    v.p = b;
  // CHECK-DAG: untracked-pointer.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate this access through a pointer read from memory
  return v.p[0] * x;
}
