// goto and labels, a loop condition that assigns, case ranges and a switch
// without a block are not differentiable in this version: each is reported
// at the statement, all of them in one run, and no output is left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// A goto.
CHAINRULE_VJP double f_goto(double x) {
  if (x > 0)
    // CHECK: control-flow.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate a 'goto' statement
    goto end;
  x = -x;
end:
  return x;
}

// A loop condition that assigns.
CHAINRULE_GRAD double f_assign_cond(double x) {
  int i = 0;
  // CHECK: control-flow.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate an assignment in a loop condition
  while (i++ < 3)
    x *= 2;
  return x;
}

// A GNU case range.
CHAINRULE_JVP double f_range(double x, int k) {
  switch (k) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a case range
  case 1 ... 3:
    return x;
  }
  return 2 * x;
}

// A goto inside a helper is reported in the helper, with a note at the
// call.
double jumping(double x) {
  if (x < 2)
    // CHECK: control-flow.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate a 'goto' statement
    goto done;
  x = x * x;
done:
  return x;
}
// CHECK: control-flow.cpp:[[@LINE+1]]:56: note: called from 'calls_jumping', differentiated here
CHAINRULE_GRAD double calls_jumping(double x) { return jumping(x) + 1; }
// CHECK: control-flow.cpp:[[@LINE-1]]:1: note: derivative requested here
