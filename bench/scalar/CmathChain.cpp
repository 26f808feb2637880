//===- bench/scalar/CmathChain.cpp - A long chain of <cmath> calls --------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Sixteen <cmath> calls of two variables, each feeding the next, so that the
/// reverse sweep has to revisit every intermediate value. Defined for x, y
/// in [0.1, 2].
//===----------------------------------------------------------------------===//

#include <chainrule/chainrule.h>

#include <cmath>

namespace kernels {

CHAINRULE_GRAD CHAINRULE_JVP
double cmath_chain(double x, double y) {
  double u = std::sin(x * y);
  double v = std::exp(0.5 * u);
  double w = std::log(1 + v * v);
  double s = std::sqrt(w + x * x);
  double t = std::tanh(s - y);
  double q = std::atan(t * x);
  double r = std::cos(q + w);
  double e = std::expm1(0.25 * r);
  double g = std::hypot(e, y);
  double h = std::log1p(g);
  double k = std::cbrt(h + s);
  double m = std::pow(k, y);
  double n = std::erf(m - 1);
  double o = std::sinh(0.5 * n);
  return o * std::exp(-t);
}

} // namespace kernels
