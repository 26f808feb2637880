// The chain-rule examples of the tutorials chainrule grew from, written as
// ordinary C++ and annotated for differentiation.
#include <chainrule/chainrule.h>

#include <cmath>

namespace seeds {

/// y = (3x + 2)^4: the outer function u^4 of the inner u = 3x + 2.
CHAINRULE_GRAD CHAINRULE_JVP
double power_of_linear(double x) {
  double u = 3 * x + 2;
  return std::pow(u, 4);
}

/// y = sin(x^2).
CHAINRULE_GRAD CHAINRULE_JVP
double sin_of_square(double x) { return std::sin(x * x); }

/// The sigmoid as the chain f(z) = -z, g = e^f, h = 1 + g, i = 1/h.
CHAINRULE_GRAD CHAINRULE_JVP
double sigmoid(double z) {
  double f = -z;
  double g = std::exp(f);
  double h = 1 + g;
  double i = 1 / h;
  return i;
}

/// z = x^2 y with x = t^2 and y = t^3: both paths from t to z add up.
double z_of_xy(double x, double y) { return x * x * y; }

CHAINRULE_GRAD CHAINRULE_JVP
double z_of_t(double t) {
  double x = t * t;
  double y = t * t * t;
  return z_of_xy(x, y);
}

} // namespace seeds
