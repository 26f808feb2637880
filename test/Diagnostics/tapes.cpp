// chainrule::Tape in differentiated code (what chainrule generates, to be
// differentiated again) is a local of the function holding numbers: a tape
// of structs, and a tape of namespace scope, are errors at the construct.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/Tape.h>
#include <chainrule/chainrule.h>

struct P2 {
  double x, y;
};

CHAINRULE_GRAD double of_structs(double x) {
  // CHECK-DAG: tapes.cpp:[[@LINE+1]]:23: error: chainrule: cannot differentiate tape 'points' of type 'chainrule::Tape<P2>'
  chainrule::Tape<P2> points;
  return x;
}

chainrule::Tape<double> shared;
CHAINRULE_GRAD double global_tape(double x) {
  // CHECK-DAG: tapes.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate this use of a chainrule::Tape (a local of the function)
  shared.push(x);
  return x;
}
