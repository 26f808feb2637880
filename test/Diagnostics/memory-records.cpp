// Memory constructs chainrule reports, one per function (the first
// construct that cannot be differentiated), with no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

#include <vector>

struct P {
  double w[2];
  std::vector<double> v;
};

// Copying a struct that holds a vector.
CHAINRULE_GRAD double copy(const P &p) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:9: error: chainrule: cannot differentiate a copy of a std::vector or of a struct holding one (pass it by reference)
  P q = p;
  return q.w[0];
}

// Writing into a struct that holds a vector, passed by value.
CHAINRULE_GRAD double by_value(P p, double x) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a write to the by-value parameter 'p' (take it by reference, or copy what changes into a local)
  p.w[1] = x;
  return p.w[1] * p.w[0];
}

// A vector built from a list.
CHAINRULE_GRAD double vector_list(double x) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:23: error: chainrule: cannot differentiate this initialization of a std::vector (chainrule supports 'std::vector<T> v(n)')
  std::vector<double> v{x, x};
  return v[0];
}

// Resizing a vector.
CHAINRULE_GRAD double push(std::vector<double> &v, double x) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a call to 'std::vector<double>::push_back'
  v.push_back(x);
  return v[0];
}

// Comparing pointers into two buffers.
CHAINRULE_GRAD double compare(const double *a, const double *b) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:7: error: chainrule: cannot differentiate comparing pointers into different buffers
  if (a < b)
    return a[0];
  return b[0];
}

// A range-based for over something other than an array or container.
CHAINRULE_GRAD double range_list(double x) {
  double s = 0;
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:19: error: chainrule: cannot differentiate a range-based 'for' loop over this type (chainrule supports arrays, std::array and std::vector)
  for (double v : {x, 2 * x})
    s += v;
  return s;
}

// The address of a pointer variable.
CHAINRULE_GRAD double pointer_address(const double *a) {
  const double *p = a;
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:29: error: chainrule: cannot differentiate the address of the local variable 'p'
  const double *const *q = &p;
  return **q;
}
