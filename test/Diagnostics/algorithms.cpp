// Uses of the standard algorithms chainrule does not lower: a range whose
// ends are in different buffers, algorithms over structs, std::swap of
// structs, and an iterator operation other than pointer arithmetic. Each
// is reported at the call, with no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

#include <algorithm>
#include <vector>

struct P2 {
  double x, y;
};

CHAINRULE_GRAD double two_buffers(const double *a, const double *b) {
  double t[3];
  // CHECK-DAG: algorithms.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a range of 'std::copy' whose ends are in different buffers
  std::copy(a, b + 3, t);
  return t[0];
}

CHAINRULE_GRAD double of_structs(const std::vector<P2> &p) {
  std::vector<P2> q(2);
  // CHECK-DAG: algorithms.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate 'std::copy' of structs (write the loop)
  std::copy(p.begin(), p.begin() + 2, q.begin());
  return q[0].x;
}

CHAINRULE_GRAD double swap_structs(double x) {
  P2 a{x, 1}, b{2, x};
  // CHECK-DAG: algorithms.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate 'std::swap' of values that are not numbers
  std::swap(a, b);
  return a.x;
}

// A vector made from a range in two buffers, and from a range of structs.
CHAINRULE_GRAD double vector_of_two(const double *a, const double *b) {
  // CHECK-DAG: algorithms.cpp:[[@LINE+1]]:28: error: chainrule: cannot differentiate a range whose ends are in different buffers
  std::vector<double> v(a, b + 2);
  return v[0];
}
CHAINRULE_GRAD double vector_of_structs(const std::vector<P2> &p) {
  // CHECK-DAG: algorithms.cpp:[[@LINE+1]]:21: error: chainrule: cannot differentiate a std::vector of structs made from a range (write the loop)
  std::vector<P2> q(p.begin(), p.end());
  return q[0].x;
}

CHAINRULE_GRAD double temporary_iterator(const std::vector<double> &v) {
  // CHECK-DAG: algorithms.cpp:[[@LINE+1]]:13: error: chainrule: cannot differentiate this operation on an iterator
  auto it = ++v.begin();
  return *it;
}
