//===- bench/scalar/Branches.cpp - Control flow in a scalar kernel --------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// A piecewise function with an early return, an if/else-if/else chain and a
/// conditional operator. The driver feeds it inputs that take every path.
//===----------------------------------------------------------------------===//

#include <chainrule/chainrule.h>

#include <cmath>

namespace kernels {

CHAINRULE_GRAD CHAINRULE_JVP
double piecewise(double x, double y) {
  if (x < 0)
    return y * std::exp(x);
  double r;
  if (x < y)
    r = x * x * y;
  else if (x < 2 * y)
    r = std::sin(x) + y;
  else
    r = x / y;
  double s = r > 1 ? std::sqrt(r) : r;
  return s * y + x;
}

} // namespace kernels
