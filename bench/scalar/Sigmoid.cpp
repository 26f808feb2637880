//===- bench/scalar/Sigmoid.cpp - Small straight-line kernels -------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The sigmoid as the chain of the seed examples, and the two-variable
/// straight-line function of docs EXAMPLES.md, whose ideal gradient is known.
//===----------------------------------------------------------------------===//

#include <chainrule/chainrule.h>

#include <cmath>

namespace kernels {

/// The sigmoid as the chain f(z) = -z, g = e^f, h = 1 + g, i = 1/h.
CHAINRULE_GRAD CHAINRULE_JVP
double sigmoid(double z) {
  double f = -z;
  double g = std::exp(f);
  double h = 1 + g;
  double i = 1 / h;
  return i;
}

/// f(x, y) = (3x + 2)^2 y + sin(xy).
CHAINRULE_GRAD CHAINRULE_JVP
double straight(double x, double y) {
  double u = 3 * x + 2;
  return u * u * y + std::sin(x * y);
}

} // namespace kernels
