// Containers and structs in memory chainrule reports, one per function (the
// first construct that cannot be differentiated), with no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

#include <array>
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

// A vector copied from another.
CHAINRULE_GRAD double vector_copy(const std::vector<double> &w) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:23: error: chainrule: cannot differentiate this initialization of a std::vector (chainrule supports 'std::vector<T> v(n)', 'v(n, x)', 'v{a, b}' and 'v;' sized by 'resize' or 'assign')
  std::vector<double> v(w);
  return v[0];
}

// Resizing a vector.
CHAINRULE_GRAD double push(std::vector<double> &v, double x) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a push_back on the std::vector 'v' (only a local std::vector declared empty grows: declare this one with its final size and assign the elements)
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

// Other container operations.
CHAINRULE_GRAD double swapped(std::array<double, 2> &a, std::array<double, 2> &b) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a call to 'std::array<double, 2>::swap'
  a.swap(b);
  return a[0];
}

// A local array of structs whose constructor or member initializers run.
struct Vec3 {
  double x = 0, y = 0, z = 0;
};
CHAINRULE_GRAD double points(double x) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:8: error: chainrule: cannot differentiate a local array of structs with constructors or default member initializers
  Vec3 pts[2];
  pts[0].x = x;
  return pts[0].x;
}

// A range-based for that copies each struct.
struct Plain {
  double a, b;
};
CHAINRULE_GRAD double sum_copies(const Plain *q) {
  Plain arr[2] = {{q->a, q->b}, {q->b, q->a}};
  double s = 0;
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:16: error: chainrule: cannot differentiate a copy of a struct or container
  for (Plain p : arr)
    s += p.a;
  return s;
}

// A struct made by the comma operator.
CHAINRULE_GRAD double comma(double x) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate this initializer of a struct
  Plain p = (x++, Plain{x, 0});
  return p.a + p.b;
}

// An array initialized from a string.
CHAINRULE_GRAD double named(double x) {
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:17: error: chainrule: cannot differentiate this initializer of an array member
  char tag[4] = "abc";
  return x * tag[0];
}

// A delegating constructor.
struct Scaled {
  double a;
  Scaled(double x) : a(x) {}
  // CHECK-DAG: memory-records.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate this constructor initializer
  Scaled() : Scaled(1.0) {}
};
// CHECK-DAG: memory-records.cpp:[[@LINE+2]]:10: note: called from 'delegated', differentiated here
CHAINRULE_GRAD double delegated(double x) {
  Scaled s;
  return s.a * x;
}
