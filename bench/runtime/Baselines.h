//===- Baselines.h - Plain loops the runtime is measured against -*- C++ -*-===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Straightforward scalar loops (compiled with -O3 -march=native in
/// Baselines.cpp) for softmax, cross-entropy and layer norm, and a plain copy
/// kernel, as the baselines of RuntimeBench.cpp.
///
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_BENCH_RUNTIME_BASELINES_H
#define CHAINRULE_BENCH_RUNTIME_BASELINES_H

#include <cstddef>

namespace baseline {
/// Y = X, N floats, as a plain loop.
void copy(const float *X, float *Y, size_t N);
/// Row softmax with std::exp.
void softmax(const float *X, float *Y, int Rows, int Cols);
/// Mean cross-entropy from logits with std::exp/std::log.
float crossEntropy(const float *X, const int *Target, int Rows, int Cols);
/// Layer norm forward, two-pass statistics.
void layerNorm(const float *X, const float *G, const float *B, float *Y,
               int Rows, int Cols, float Eps);
} // namespace baseline

#endif // CHAINRULE_BENCH_RUNTIME_BASELINES_H
