//===- bench/memory/Mlp.cpp - A one-hidden-layer perceptron's loss --------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The squared-error loss of a perceptron with one tanh hidden layer, written
/// as plain loops over row-major buffers, the way a user writes it: the
/// hidden activations in a local std::vector sized at run time, the output
/// layer consumed as it is computed. Benchmarked in bench-memory against the
/// hand-written gradient of bench/memory/HandWritten.cpp.
//===----------------------------------------------------------------------===//

#include <chainrule/chainrule.h>

#include <cmath>
#include <vector>

namespace kernels {

/// sum over k < out of (y_k - t_k)^2, with y = W2 h + b2 and
/// h = tanh(W1 x + b1); W1 is hid x in and W2 is out x hid, both row-major.
CHAINRULE_GRAD_WRT(W1, b1, W2, b2)
double mlp_loss(const double *W1, const double *b1, const double *W2,
                const double *b2, const double *x, const double *t, int in,
                int hid, int out) {
  std::vector<double> h(hid);
  for (int j = 0; j < hid; ++j) {
    double s = b1[j];
    for (int i = 0; i < in; ++i)
      s += W1[j * in + i] * x[i];
    h[j] = std::tanh(s);
  }
  double loss = 0;
  for (int k = 0; k < out; ++k) {
    double y = b2[k];
    for (int j = 0; j < hid; ++j)
      y += W2[k * hid + j] * h[j];
    double e = y - t[k];
    loss += e * e;
  }
  return loss;
}

} // namespace kernels
