// A std::vector grown by push_back must live as long as the function: one
// made in a loop body, or by a helper inlined in a loop, is an error found
// once the calls are inlined (so in a file of its own: errors of lowering
// stop chainrule before).
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out
#include <chainrule/chainrule.h>
#include <vector>

// A vector made in a loop body, and one made by a helper inlined in a loop.
CHAINRULE_GRAD double in_loop(double x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    std::vector<double> v;
    // CHECK-DAG: growth-nested.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate 'in_loop': the std::vector 'v' grows by push_back but is made inside a loop or branch (here or where a call to its function was inlined); declare it at the top of the function, or with its size
    v.push_back(x * i);
    s += v[0];
  }
  return s;
}
static void collect(double *out, double x) {
  std::vector<double> w;
  // CHECK-DAG: growth-nested.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate 'through_helper': the std::vector 'w' grows by push_back but is made inside a loop or branch (here or where a call to its function was inlined); declare it at the top of the function, or with its size
  w.push_back(x * x);
  out[0] += w[0];
}
CHAINRULE_GRAD void through_helper(double *out, double x, int n) {
  for (int i = 0; i < n; ++i)
    collect(out, x);
}
