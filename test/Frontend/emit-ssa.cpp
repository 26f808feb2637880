// --emit=ssa prints the structured SSA graph of each annotated function and
// of its derivatives: func headers with typed arguments, math ops, if regions
// with yields, and return. --emit=dot draws the same graphs for Graphviz.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ssa --emit=ssa -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ssa
// RUN: FileCheck %s --check-prefix=TYPES --input-file=%t.ssa
// RUN: %chainrule-gen %s -o %t.dot --emit=dot -- %cxxflags
// RUN: FileCheck %s --check-prefix=DOT --input-file=%t.dot

#include <chainrule/chainrule.h>

#include <cmath>

// A math call, an int parameter cast to floating, and an if/else that yields
// the new value of r.
namespace ns {
CHAINRULE_GRAD CHAINRULE_JVP
double f(double x, int n) {
  double r = std::sin(x) * n;
  if (x > 0)
    r = r * x;
  else
    r = -r;
  return r;
}
} // namespace ns
// CHECK-LABEL: func @ns::f(%x: f64, %n: i32) -> f64 {
// CHECK:         %[[S:[0-9]+]] = math sin %x : f64
// CHECK:         %[[N:[0-9]+]] = cast %n : f64
// CHECK:         %r = mul %[[S]], %[[N]] : f64
// CHECK:         %[[C:[0-9]+]] = cmp gt %x, %{{[0-9]+}} : i1
// CHECK:         %[[R1:r\.[0-9]+]] = if %[[C]] -> (f64) {
// CHECK:           yield
// CHECK:         } else {
// CHECK:           neg %r
// CHECK:           yield
// CHECK:         }
// CHECK:         return %[[R1]]
// CHECK-LABEL: func @ns::f_grad(%x: f64, %n: i32, %d_x: f64*) -> f64 {
// CHECK:         math sin %x
// CHECK:         if
// CHECK:         math cos %x : f64 {derived}
// CHECK:         accumulate %d_x,
// CHECK:         return
// CHECK-LABEL: func @ns::f_jvp(%x: f64, %n: i32, %t_x: f64) -> f64 {
// CHECK:         math cos %x : f64 {derived}
// CHECK:         return

// float and long double types in the SSA text, and a two-argument math op.
CHAINRULE_GRAD
float g(float a, long double b) { return std::pow(a, 2.0f) + (float)std::hypot(b, b); }
// TYPES-LABEL: func @g(%a: f32, %b: f80) -> f32 {
// TYPES:         math pow %a, %{{[0-9]+}} : f32
// TYPES:         math hypot %b, %b : f80
// TYPES:         cast %{{[0-9]+}} : f32
// TYPES-LABEL: func @g_grad(%a: f32, %b: f80, %d_a: f32*, %d_b: f80*) -> f32 {

// DOT:       digraph chainrule {
// DOT:         label="ns::f";
// DOT:         [label="math sin"];
// DOT:         label="then";
// DOT:         label="else";
// DOT:         [label="return"];
// DOT:         label="ns::f_grad";
// DOT:       }
