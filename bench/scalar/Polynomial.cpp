//===- bench/scalar/Polynomial.cpp - Horner kernels -----------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Degree-8 polynomials evaluated by Horner's rule, written as a sequence of
/// reassignments of one accumulator. poly8 has x as its only input;
/// poly8_coef also has three active coefficients (the constant, linear and
/// quadratic ones).
//===----------------------------------------------------------------------===//

#include <chainrule/chainrule.h>

namespace kernels {

/// p(x) = sum c_k x^k with fixed coefficients c_8 .. c_0.
CHAINRULE_GRAD CHAINRULE_JVP
double poly8(double x) {
  double p = 0.25;
  p = p * x - 1.5;
  p = p * x + 0.75;
  p = p * x + 2.0;
  p = p * x - 0.5;
  p = p * x + 1.25;
  p = p * x - 3.0;
  p = p * x + 0.125;
  p = p * x + 1.0;
  return p;
}

/// The same polynomial with its three lowest coefficients as inputs.
CHAINRULE_GRAD CHAINRULE_JVP
double poly8_coef(double x, double c0, double c1, double c2) {
  double p = 0.25;
  p = p * x - 1.5;
  p = p * x + 0.75;
  p = p * x + 2.0;
  p = p * x - 0.5;
  p = p * x + 1.25;
  p = p * x + c2;
  p = p * x + c1;
  p = p * x + c0;
  return p;
}

} // namespace kernels
