// What chainrule does not differentiate of std::pair, std::tuple and
// std::complex: each error is located at the construct and says what
// chainrule knows instead.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out
#include <chainrule/chainrule.h>
#include <complex>
#include <tuple>
#include <utility>

// A piecewise construction (tuples of arguments).
CHAINRULE_GRAD double piecewise(double x) {
  // CHECK-DAG: std-values.cpp:[[@LINE+1]]:29: error: chainrule: cannot differentiate this constructor of 'std::pair<double, double>'
  std::pair<double, double> p(std::piecewise_construct, std::forward_as_tuple(x),
                              std::forward_as_tuple(x));
  return p.first;
}

// A library function that makes a tuple, other than std::make_tuple.
CHAINRULE_GRAD double concatenated(double x) {
  // CHECK-DAG: std-values.cpp:[[@LINE+1]]:12: error: chainrule: cannot differentiate a call to 'std::tuple_cat' (make the value with its constructor, std::make_pair or std::make_tuple)
  auto t = std::tuple_cat(std::make_tuple(x), std::make_tuple(x));
  return std::get<0>(t);
}

// Comparisons of pairs.
CHAINRULE_GRAD double ordered(double x, double y) {
  std::pair<double, double> p(x, y), q(y, x);
  // CHECK-DAG: std-values.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate this operator on a std::pair, std::tuple or std::complex (chainrule knows '=', and '+=', '-=', '*=', '/=', '==', '!=' of complex numbers)
  return p < q ? x : y;
}

// A function of complex numbers without a rule.
CHAINRULE_GRAD double tangent(double x) {
  std::complex<double> z(x, 1);
  // CHECK-DAG: std-values.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate a call to 'std::tan' on complex numbers (chainrule knows + - * /, exp, log, sqrt, sin, cos, sinh, cosh, pow, conj, polar, abs, arg, norm, real and imag)
  return std::tan(z).real();
}
