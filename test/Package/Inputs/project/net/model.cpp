// The library's model: parsed by chainrule only with the flags that the
// target's usage requirements and compile features give.
#include "net_config.h"

#include <chainrule/chainrule.h>
#include <chainrule/nn.h>

#include <cmath>
#include <numbers> // C++20: from target_compile_features(net PUBLIC cxx_std_20)

#ifndef _OPENMP
#error "-fopenmp did not reach this compilation"
#endif

/// A small tanh network: a first layer of NET_WIDTH units through the
/// runtime's tanh, kLayers - 1 more written as loops, a sum of squares.
CHAINRULE_GRAD_WRT(w)
double net_loss(const double *w, const double *x) {
  double z[NET_WIDTH], h[NET_WIDTH];
  for (int i = 0; i < NET_WIDTH; ++i)
    z[i] = PRELUDE_SCALE * w[i] * x[i];
  chainrule::nn::tanh(z, h, NET_WIDTH);
  double s = 0;
  for (int i = 0; i < NET_WIDTH; ++i) {
    double u = h[i];
    for (int l = 1; l < kLayers; ++l)
      u = std::tanh(PRELUDE_SCALE * w[l * NET_WIDTH + i] * u);
    s += u * u;
  }
  return std::numbers::pi * s;
}
