// A header of the user's: an annotated template and an annotated inline
// function, differentiated by every source that includes and uses them
// (test/Calls/header-annotations.cpp).
#pragma once
#include <chainrule/chainrule.h>
#include <cmath>

template <typename T>
CHAINRULE_GRAD CHAINRULE_JVP
T softplus(T x) {
  return std::log1p(std::exp(x));
}

CHAINRULE_GRAD
inline double cubic(double x, double a) { return a * x * x * x; }

// Instantiated by no source: no derivative and no warning.
template <typename T>
CHAINRULE_GRAD T unused(T x) {
  return x * x;
}
