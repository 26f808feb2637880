// Messages point at the user's lines: the annotation where it is written (no
// notes into chainrule's header), a push_back that cannot grow its vector
// at the call, with what to do.
// RUN: not %chainrule-gen %s -o %t.cpp -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not="expanded from macro" --implicit-check-not=chainrule.h
#include <chainrule/chainrule.h>
#include <vector>

// CHECK-DAG: messages.cpp:[[@LINE+1]]:1: note: derivative requested here
CHAINRULE_GRAD
double into_param(std::vector<double> &out, double x) {
  // CHECK-DAG: messages.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a push_back on the std::vector 'out' (only a local std::vector declared empty grows: declare this one with its final size and assign the elements)
  out.push_back(x * x);
  return out[0];
}

// CHECK-DAG: messages.cpp:[[@LINE+1]]:1: note: derivative requested here
CHAINRULE_GRAD
double sized(double x) {
  std::vector<double> v(3, x);
  // CHECK-DAG: messages.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate an emplace_back on the std::vector 'v'
  v.emplace_back(x * 2);
  return v[3];
}
