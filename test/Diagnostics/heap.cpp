// Heap memory chainrule does not take: a std::vector whose size grows or is
// set out of its block, freeing a buffer the function did
// not allocate (an effect on the caller's memory), and `new` of anything
// but numbers. Each at the construct, all in one run, no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>
#include <cstdlib>
#include <memory>
#include <vector>

CHAINRULE_GRAD double frees_input(double *w, double x) {
  double y = w[0] * x;
  // CHECK-DAG: heap.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate freeing a buffer the function did not allocate
  free(w);
  return y;
}

CHAINRULE_GRAD double deletes_input(double *w, double x) {
  double y = w[0] * x;
  // CHECK-DAG: heap.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate freeing a buffer the function did not allocate
  delete[] w;
  return y;
}

struct Pair {
  double a, b;
};
CHAINRULE_GRAD double new_struct(double x) {
  // CHECK-DAG: heap.cpp:[[@LINE+1]]:13: error: chainrule: cannot differentiate a 'new' expression of a type other than a number (allocate numbers, or use a local object)
  Pair *p = new Pair{x, x};
  double y = p->a * p->b;
  delete p;
  return y;
}

CHAINRULE_GRAD double malloc_struct(double x) {
  // CHECK-DAG: heap.cpp:[[@LINE+1]]:33: error: chainrule: cannot differentiate an allocation of a type other than a number (allocate numbers, or use a local object)
  Pair *p = static_cast<Pair *>(malloc(sizeof(Pair)));
  p->a = x;
  double y = p->a * x;
  free(p);
  return y;
}

// std::vector declared empty and not sized (test/Diagnostics/growth.cpp
// has those grown by push_back), or not sized before use.
CHAINRULE_GRAD double reserved(double x, int n) {
  std::vector<double> a;
  // CHECK-DAG: heap.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a std::vector declared empty and not sized by 'resize(n)' or 'assign(n, x)' first (declare it with its size)
  a.reserve(n);
  return x;
}
CHAINRULE_GRAD double unsized(double x, int n) {
  std::vector<double> a;
  // CHECK-DAG: heap.cpp:[[@LINE+1]]:18: error: chainrule: cannot differentiate a std::vector used before 'resize' or 'assign' gives it a size
  double s = x * a[0];
  a.resize(n);
  return s;
}
CHAINRULE_GRAD double sized_in_branch(double x, int n) {
  std::vector<double> a;
  if (n > 2)
    // CHECK-DAG: heap.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate sizing a std::vector in a branch or loop inside its declaration's block (size it where it is declared)
    a.resize(n);
  return x;
}

struct Cell {
  double v;
};
CHAINRULE_GRAD double unique_struct(double x) {
  // CHECK-DAG: heap.cpp:[[@LINE+1]]:8: error: chainrule: cannot differentiate local variable 'c' of type '__detail::__unique_ptr_t<Cell>' (aka 'unique_ptr<Cell>')
  auto c = std::make_unique<Cell>(Cell{x});
  return c->v;
}
