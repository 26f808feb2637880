// Incrementing a bool (deprecated, and removed in C++17, so only with
// -std=c++14 here) is reported, for a local and for a bool in memory, with
// no output left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags -std=c++14 -Wno-deprecated-increment-bool 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

CHAINRULE_GRAD double local_flag(double x, bool b) {
  // CHECK-DAG: bool-increment.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate an increment of a 'bool'
  b++;
  return b ? x : 2 * x;
}

CHAINRULE_GRAD double flag_in_memory(double x, bool *b) {
  // CHECK-DAG: bool-increment.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate an increment of a 'bool'
  ++b[0];
  return b[0] ? x : 2 * x;
}
