//===- bench/memory/Kernels.h - The buffer kernels --------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// What the bench-memory driver calls: the primal kernels and chainrule's
/// gradients of them (defined in the generated translation units
/// build/bench/Mlp.ad.cpp and build/bench/Gmm.ad.cpp), and the hand-written
/// gradient of the perceptron (namespace hand, defined in HandWritten.cpp).
/// Each lives in a translation unit of its own, apart from the driver, so
/// that neither side is inlined into the benchmark loop.
///
/// The hand-written function has the ABI of the generated one: `_grad`
/// returns the primal value and adds the gradient into the shadows, buffers
/// of the extents of the active parameters.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_BENCH_MEMORY_KERNELS_H
#define CHAINRULE_BENCH_MEMORY_KERNELS_H

/// The perceptron (Mlp.cpp) and chainrule's gradient of it.
namespace kernels {
double mlp_loss(const double *W1, const double *b1, const double *W2,
                const double *b2, const double *x, const double *t, int in,
                int hid, int out);
double mlp_loss_grad(const double *W1, const double *b1, const double *W2,
                     const double *b2, const double *x, const double *t, int in,
                     int hid, int out, double *d_W1, double *d_b1, double *d_W2,
                     double *d_b2);
} // namespace kernels

#include "Gmm.h"

/// The perceptron's gradient written by hand.
namespace hand {
double mlp_loss_grad(const double *W1, const double *b1, const double *W2,
                     const double *b2, const double *x, const double *t, int in,
                     int hid, int out, double *d_W1, double *d_b1, double *d_W2,
                     double *d_b2);
} // namespace hand

#endif // CHAINRULE_BENCH_MEMORY_KERNELS_H
