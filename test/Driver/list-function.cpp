// --list names every generated function: the requested derivatives and the
// helpers they call (derivatives of callees); --function=NAME with
// --emit=ssa or --emit=dot shows one function and its derivatives.
#include <chainrule/chainrule.h>
#include <cmath>

namespace model {
double helper(double x) { return std::sin(x) * x; }

CHAINRULE_GRAD
CHAINRULE_JVP
double loss(double w, double b) { return helper(w) + helper(b) * b; }

CHAINRULE_GRAD
double other(double x) { return x * x; }
} // namespace model

// RUN: %chainrule-gen --list %s -o %t.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=LIST
// LIST:      model::loss_grad: requested, of model::loss
// LIST-DAG:  model::helper_vjp: helper, of model::helper
// LIST-DAG:  model::helper_jvp: helper, of model::helper
// LIST-DAG:  model::loss_jvp: requested, of model::loss
// LIST-DAG:  model::other_grad: requested, of model::other
// RUN: %chainrule-gen -v %s -o %t.cpp -- %cxxflags 2>&1 | FileCheck %s --check-prefix=LIST

// RUN: %chainrule-gen --emit=ssa --function=loss %s -- %cxxflags | FileCheck %s --check-prefix=SSA --implicit-check-not=@other
// SSA-DAG: func @model::loss(
// SSA-DAG: func @model::loss_grad(
// SSA-DAG: func @model::loss_jvp(
// SSA-NOT: func @model::helper(
// RUN: %chainrule-gen --emit=dot --function=model::other %s -- %cxxflags | FileCheck %s --check-prefix=DOT --implicit-check-not=loss
// DOT: digraph chainrule {
// DOT: other_grad

// RUN: not %chainrule-gen --emit=dot --function=nope %s -- %cxxflags 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: error: chainrule: --function=nope names no function of this file (its functions: model::loss, model::helper, model::other)
// RUN: not %chainrule-gen --function=loss %s -- %cxxflags 2>&1 | FileCheck %s --check-prefix=CPP
// CPP: chainrule-gen: error: --function applies to --emit=ssa and --emit=dot
