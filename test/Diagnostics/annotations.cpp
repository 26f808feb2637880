// Wrong annotations: a _WRT list naming no parameter, an unknown name and an
// integer parameter. No output is left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// An empty WRT list.
// CHECK: annotations.cpp:[[@LINE+1]]:1: error: chainrule: CHAINRULE_GRAD_WRT names no parameter to differentiate with respect to
CHAINRULE_GRAD_WRT() double empty(double x) { return x; }

// A name that is not a parameter.
// CHECK: annotations.cpp:[[@LINE+1]]:1: error: chainrule: z is not a parameter of 'unknown'
CHAINRULE_GRAD_WRT(z) double unknown(double x) { return x; }

// The same in forward mode.
// CHECK: annotations.cpp:[[@LINE+1]]:1: error: chainrule: w is not a parameter of 'unknown_jvp'
CHAINRULE_JVP_WRT(x, w) double unknown_jvp(double x) { return x; }

// An integer parameter cannot be differentiated with respect to.
// CHECK: annotations.cpp:[[@LINE+1]]:1: error: chainrule: parameter 'n' of 'int_wrt' has type 'int', which holds no floating-point value to differentiate
CHAINRULE_GRAD_WRT(n) double int_wrt(double x, int n) { return x * n; }
