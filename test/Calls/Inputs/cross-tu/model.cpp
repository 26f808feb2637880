// A model in its own translation unit; test/Calls/cross-tu.cpp calls it
// through the header chainrule-gen writes for it.
#include "params.h"

#include <chainrule/chainrule.h>

#include <cmath>

namespace fit {

/// A type of the source itself in a signature: declared again in the header.
struct Weights {
  double a, c;
};

/// Mean squared error of a tanh unit over one row of inputs. Another file's
/// reverse mode calls loss_vjp (a _grad alone serves calls whose arguments
/// are all scalars).
CHAINRULE_GRAD
CHAINRULE_VJP
CHAINRULE_JVP
double loss(const Params &p, const Row &xs, double target) {
  double s = 0;
  for (double x : xs) {
    double e = std::tanh(p.w * x + p.b) - target;
    s += e * e;
  }
  return s / xs.size();
}

/// A scalar function: its _grad serves other files' reverse mode, its _jvp
/// their forward mode.
CHAINRULE_GRAD
CHAINRULE_JVP
double scaled(double a, double x) { return a * std::exp(x); }

CHAINRULE_GRAD
double weigh(const Weights &k, double x) { return k.a * std::exp(k.c * x); }

} // namespace fit
