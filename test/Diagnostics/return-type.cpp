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
