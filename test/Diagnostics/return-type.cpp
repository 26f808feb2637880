// A function whose return type is not floating cannot be differentiated (nor
// a void one that writes no buffer carrying a derivative); the error is at
// the function name and no output is left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

// int return.
// CHECK-DAG: return-type.cpp:[[@LINE+1]]:20: error: chainrule: cannot differentiate 'int_ret': it returns 'int', not a floating-point value
CHAINRULE_GRAD int int_ret(double x) { return x; }

// bool return, in forward mode.
// CHECK-DAG: return-type.cpp:[[@LINE+1]]:20: error: chainrule: cannot differentiate 'pos': it returns 'bool', not a floating-point value
CHAINRULE_JVP bool pos(double x) { return x > 0; }

// void, writing only an integer.
// CHECK-DAG: return-type.cpp:[[@LINE+1]]:21: error: chainrule: cannot differentiate 'no_result': it returns 'void', not a floating-point value
CHAINRULE_GRAD void no_result(double x, int *count) { *count = x > 0; }

// void, writing a floating buffer that the _WRT list leaves out: the note
// gives the list with the output.
// CHECK-DAG: return-type.cpp:[[@LINE+2]]:28: error: chainrule: cannot differentiate 'residual': it returns 'void' and writes 'err', which the _WRT list leaves out: the output's cotangent (or tangent) is what its derivative carries
// CHECK-DAG: return-type.cpp:[[@LINE+1]]:1: note: list the output too: CHAINRULE_GRAD_WRT(c, err)
CHAINRULE_GRAD_WRT(c) void residual(const double *c, double *err) {
  err[0] = c[0] * c[1];
}
// CHECK-DAG: return-type.cpp:[[@LINE+1]]:1: note: list the output too: CHAINRULE_JVP_WRT(c, out)
CHAINRULE_JVP_WRT(c) void scale(const double *c, double &out, int n) {
  out = c[0] * n;
}
// CHECK-DAG: return-type.cpp:[[@LINE-3]]:27: error: chainrule: cannot differentiate 'scale': it returns 'void' and writes 'out'
