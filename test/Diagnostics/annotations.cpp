// Wrong annotations: a _WRT list naming no parameter, an unknown name and an
// integer parameter; two annotations asking for one derivative with
// different _WRT lists; an annotated function without a definition. No
// output is left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// An empty WRT list.
// CHECK: annotations.cpp:[[@LINE+1]]:1: error: chainrule: CHAINRULE_GRAD_WRT names no parameter to differentiate with respect to
CHAINRULE_GRAD_WRT() double empty(double x) { return x; }

// A name that is not a parameter.
// CHECK: annotations.cpp:[[@LINE+1]]:1: error: chainrule: 'z' is not a parameter of 'unknown'
CHAINRULE_GRAD_WRT(z) double unknown(double x) { return x; }

// The same in forward mode.
// CHECK: annotations.cpp:[[@LINE+1]]:1: error: chainrule: 'w' is not a parameter of 'unknown_jvp'
CHAINRULE_JVP_WRT(x, w) double unknown_jvp(double x) { return x; }

// An integer parameter cannot be differentiated with respect to.
// CHECK: annotations.cpp:[[@LINE+1]]:1: error: chainrule: parameter 'n' of 'int_wrt' has type 'int', which holds no floating-point value to differentiate: integers, bool and enums are discrete (make it floating-point to differentiate with respect to it)
CHAINRULE_GRAD_WRT(n) double int_wrt(double x, int n) { return x * n; }

// Two _WRT lists for the same derivative, on one declaration or on two.
// CHECK: annotations.cpp:[[@LINE+1]]:23: error: chainrule: conflicting CHAINRULE_GRAD annotations on 'conflict'
CHAINRULE_GRAD_WRT(x) CHAINRULE_GRAD_WRT(y) double conflict(double x, double y) { return x * y; }
// CHECK: annotations.cpp:[[@LINE+1]]:1: error: chainrule: conflicting CHAINRULE_JVP annotations on 'split'
CHAINRULE_JVP_WRT(x) double split(double x, double y);
CHAINRULE_JVP_WRT(y) double split(double x, double y) { return x * y; }

// An annotated function that is declared, never defined.
// CHECK: annotations.cpp:[[@LINE+2]]:23: error: chainrule: no definition of 'declared_only' in this translation unit
// CHECK: annotations.cpp:[[@LINE+1]]:1: note: derivative requested here
CHAINRULE_GRAD double declared_only(double x);
