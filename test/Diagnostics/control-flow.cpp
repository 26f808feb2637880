// goto and labels, try blocks, inline assembly, case ranges, a switch
// without a block, a case label inside a loop (Duff's device), static locals and a reference returned
// from inside a loop are not differentiable in this version: each is
// reported at the statement, all of them in one run, and no output is left.
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

// A label without a goto.
CHAINRULE_GRAD double labelled(double x) {
// CHECK: control-flow.cpp:[[@LINE+1]]:1: error: chainrule: cannot differentiate a labelled statement
again:
  return x;
}

// A try block.
CHAINRULE_GRAD double guarded(double x) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'try' block
  try {
    x = 2 * x;
  } catch (...) {
  }
  return x;
}

// Inline assembly.
CHAINRULE_GRAD double fenced(double x) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate inline assembly
  asm volatile("" ::: "memory");
  return x;
}

// A switch whose body is not a block, and a case label inside a loop of
// the switch (Duff's device).
CHAINRULE_GRAD double switch_bare(double x, int k) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'switch' without a block
  switch (k)
  case 1:
    return x;
  return 2 * x;
}

CHAINRULE_GRAD double duff(double x, int k) {
  double s = 0;
  switch (k % 2) {
  case 0:
    do {
      s += x;
      // CHECK: control-flow.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate a 'case' label inside a statement other than a block (put the label in the switch's block)
    case 1:
      s *= x;
    } while (--k > 0);
  }
  return s;
}

// A static local variable that is not a constant (a static constant table is
// fine).
CHAINRULE_GRAD double counted(double x) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a static local variable that is not a constant (its value carries over from call to call: pass it as a parameter)
  static int calls = 0;
  return x;
}

// A reference returned from inside a loop.
double &first_positive(double *a, int n) {
  for (int i = 0; i < n; ++i)
    if (a[i] > 0)
      // CHECK: control-flow.cpp:[[@LINE+1]]:7: error: chainrule: cannot differentiate a return of a reference from inside a loop or switch
      return a[i];
  return a[0];
}
// CHECK: control-flow.cpp:[[@LINE+1]]:60: note: called from 'scaled_first', differentiated here
CHAINRULE_GRAD double scaled_first(double *a) { return 2 * first_positive(a, 3); }
