// goto and labels, try blocks, inline assembly, loops and switches with
// condition variables or initializers, a loop condition that assigns, case
// ranges, a switch without a block, static locals and a reference returned
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

// Loops with a condition variable.
CHAINRULE_GRAD double while_var(double x, int n) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'while' loop with a condition variable
  while (int left = n--)
    x *= left;
  return x;
}
CHAINRULE_GRAD double for_var(double x, int n) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'for' loop with a condition variable
  for (; int left = n; --n)
    x *= left;
  return x;
}

// A switch with an initializer, and one whose body is not a block.
CHAINRULE_GRAD double switch_init(double x, int k) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'switch' with an initializer
  switch (int j = k + 1; j) {
  case 1:
    return x;
  }
  return 2 * x;
}
CHAINRULE_GRAD double switch_bare(double x, int k) {
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a 'switch' without a block
  switch (k)
  case 1:
    return x;
  return 2 * x;
}

// A range-based for with an initializer (C++20, accepted by clang in C++17
// with a warning, silenced here).
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wc++20-extensions"
CHAINRULE_GRAD double range_init(const double *a) {
  double s = 0;
  // CHECK: control-flow.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a range-based 'for' loop with an initializer
  for (double w[2] = {a[0], a[1]}; double v : w)
    s += v;
  return s;
}
#pragma clang diagnostic pop

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
