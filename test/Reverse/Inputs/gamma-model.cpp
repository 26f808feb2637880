// A model with lgamma, for derivatives of its gradient (cmath-spellings.cpp).
#include <chainrule/chainrule.h>
#include <cmath>

CHAINRULE_GRAD
double gammas(double x) { return std::lgamma(x) + 0.5 * std::tgamma(x); }
