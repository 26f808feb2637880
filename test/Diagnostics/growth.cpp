// What chainrule does not differentiate of a std::vector grown by
// push_back: it needs the vector's final size before the vector is used,
// and the vector must live as long as the function.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out
#include <chainrule/chainrule.h>
#include <vector>

// A push after a read.
CHAINRULE_GRAD double read_then_pushed(double x) {
  std::vector<double> v;
  v.push_back(x);
  double first = v[0];
  // CHECK-DAG: growth.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a push_back on the std::vector 'v' after it is read (chainrule needs its final size before its use: grow it first, then read it)
  v.push_back(first * x);
  return v[1];
}

// A read inside the loop that pushes.
CHAINRULE_GRAD double read_while_growing(double x, int n) {
  std::vector<double> v;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    v.push_back(x * i);
    // CHECK-DAG: growth.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate a use of the std::vector 'v' inside the loop that grows it by push_back (chainrule needs its final size before its use: read it after the loop)
    s += v[i];
  }
  return s;
}

// Structs pushed.
struct P2 {
  double a, b;
};
CHAINRULE_GRAD double structs(double x) {
  std::vector<P2> v;
  // CHECK-DAG: growth.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a push_back of a struct (declare the std::vector with its size and assign the elements)
  v.push_back(P2{x, x});
  return v[0].a;
}
