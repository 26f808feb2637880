//===- bench/memory/HandWritten.cpp - Hand-written gradients --------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The gradient of the perceptron's loss (Mlp.cpp) as a careful person
/// writes it: a forward pass that keeps the hidden activations, then a
/// backward pass that accumulates their adjoints; tanh' = 1 - h^2 from the
/// activations, no tape, one allocation for all the scratch. The output
/// layer's adjoint 2 (y_k - t_k) is known as soon as y_k is, so that row's
/// backward step follows its forward step in the same loop and no output is
/// stored. Sums are formed in the primal's order, so the returned value is
/// the primal's. This translation unit is compiled with the same flags as the
/// generated ones and, like them, apart from the driver.
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <cmath>
#include <vector>

namespace hand {

double mlp_loss_grad(const double *W1, const double *b1, const double *W2,
                     const double *b2, const double *x, const double *t, int in,
                     int hid, int out, double *d_W1, double *d_b1, double *d_W2,
                     double *d_b2) {
  // The activations h and their adjoints, zeroed, in one buffer.
  std::vector<double> Scratch(2 * static_cast<size_t>(hid));
  double *H = Scratch.data();
  double *DH = H + hid;

  // Hidden layer: h = tanh(W1 x + b1).
  for (int J = 0; J < hid; ++J) {
    const double *Row = W1 + static_cast<size_t>(J) * in;
    double S = b1[J];
    for (int I = 0; I < in; ++I)
      S += Row[I] * x[I];
    H[J] = std::tanh(S);
  }

  // Output layer and its backward step, row by row: y_k = W2_k h + b2_k,
  // d y_k = 2 (y_k - t_k); d W2_k += d y_k h, d h += d y_k W2_k.
  double Loss = 0;
  for (int K = 0; K < out; ++K) {
    const double *Row = W2 + static_cast<size_t>(K) * hid;
    double Y = b2[K];
    for (int J = 0; J < hid; ++J)
      Y += Row[J] * H[J];
    double E = Y - t[K];
    Loss += E * E;
    double DY = 2 * E;
    d_b2[K] += DY;
    double *DRow = d_W2 + static_cast<size_t>(K) * hid;
    for (int J = 0; J < hid; ++J) {
      DRow[J] += DY * H[J];
      DH[J] += DY * Row[J];
    }
  }

  // Hidden layer backward: d s = d h (1 - h^2); d b1 += d s,
  // d W1_j += d s_j x.
  for (int J = 0; J < hid; ++J) {
    double DS = DH[J] * (1 - H[J] * H[J]);
    d_b1[J] += DS;
    double *DRow = d_W1 + static_cast<size_t>(J) * in;
    for (int I = 0; I < in; ++I)
      DRow[I] += DS * x[I];
  }
  return Loss;
}

} // namespace hand
