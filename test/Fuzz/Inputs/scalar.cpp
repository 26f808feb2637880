#include <chainrule/chainrule.h>
#include <cmath>

CHAINRULE_GRAD CHAINRULE_JVP
double f(double x, double y) {
  double u = 3 * x + 2;
  return u * u * y + std::sin(x * y);
}
