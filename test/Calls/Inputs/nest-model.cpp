// A model whose derivatives test/Calls/nesting.cpp differentiates again: a
// loop (its gradient records on a tape) and a helper of values (its
// derivatives are static helpers, whose names a second run must not take).
#include <chainrule/chainrule.h>
#include <cmath>

static double h(double x) { return std::sin(x) * x; }

CHAINRULE_GRAD CHAINRULE_JVP
double f(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += h(x[i]) * x[(i + 1) % n] + std::exp(0.3 * x[i]);
  return s;
}
