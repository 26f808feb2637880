// A syntax error is reported by clang at its exact location; chainrule-gen
// fails and writes nothing, even for the functions that were fine.
// RUN: rm -f %t.out %t.h
// RUN: not %chainrule-gen %s -o %t.out --header %t.h -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out
// RUN: test ! -e %t.h

#include <chainrule/chainrule.h>

CHAINRULE_GRAD double fine(double x) { return x * x; }

// CHECK: syntax-error.cpp:[[@LINE+1]]:52: error: expected expression
CHAINRULE_GRAD double broken(double x) { return x +; }
