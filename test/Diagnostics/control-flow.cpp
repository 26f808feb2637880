// Loops, switch and goto are not differentiable in this version: each is
// reported at the statement, all of them in one run, and no output is left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// A for loop.
CHAINRULE_GRAD double f_for(double x) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'for' loop
  for (int i = 0; i < 3; ++i)
    x *= 2;
  return x;
}

// A while loop.
CHAINRULE_GRAD double f_while(double x) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'while' loop
  while (x > 1)
    x /= 2;
  return x;
}

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

// A break leaves a loop, which is what is reported.
CHAINRULE_GRAD double f_break(double x) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'while' loop
  while (true) {
    if (x > 0)
      break;
    x += 1;
  }
  return x;
}

// A loop inside a helper is reported in the helper, with a note at the call.
double looping(double x) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'for' loop
  for (int i = 0; i < 2; ++i)
    x = x * x;
  return x;
}
CHAINRULE_GRAD double calls_looping(double x) { return looping(x) + 1; }
