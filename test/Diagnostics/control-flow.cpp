// do loops, leaving a loop early (break, continue, return), switch and goto
// are not differentiable in this version: each is reported at the
// statement, all of them in one run, and no output is left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// A do loop.
CHAINRULE_GRAD double f_do(double x) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'do' loop
  do {
    x /= 2;
  } while (x > 1);
  return x;
}

// A switch.
CHAINRULE_JVP double f_switch(double x, int k) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'switch' statement
  switch (k) {
  case 0:
    return x;
  default:
    return 2 * x;
  }
}

// A goto.
CHAINRULE_VJP double f_goto(double x) {
  if (x > 0)
    // CHECK: control-flow.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate a 'goto' statement
    goto end;
  x = -x;
end:
  return x;
}

// Leaving a loop early is reported at the statement that leaves.
CHAINRULE_GRAD double f_break(double x) {
  while (true) {
    if (x > 0)
      // CHECK: control-flow.cpp:[[@LINE+1]]:7: error: chainrule: cannot differentiate a 'break' statement
      break;
    x += 1;
  }
  return x;
}
CHAINRULE_GRAD double f_continue(double x) {
  for (int i = 0; i < 4; ++i) {
    if (i == 2)
      // CHECK: control-flow.cpp:[[@LINE+1]]:7: error: chainrule: cannot differentiate a 'continue' statement
      continue;
    x *= x;
  }
  return x;
}
CHAINRULE_JVP double f_return(double x) {
  for (int i = 0; i < 4; ++i)
    if (x > 10)
      // CHECK: control-flow.cpp:[[@LINE+1]]:7: error: chainrule: cannot differentiate a 'return' inside a loop
      return x;
    else
      x *= 3;
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

// A do loop inside a helper is reported in the helper, with a note at the
// call.
double looping(double x) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'do' loop
  do {
    x = x * x;
  } while (x < 2);
  return x;
}
CHAINRULE_GRAD double calls_looping(double x) { return looping(x) + 1; }
