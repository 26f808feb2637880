//===- Baselines.cpp - Plain loops the runtime is measured against --------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The scalar baselines of Baselines.h, written as anyone would write them.
///
//===----------------------------------------------------------------------===//

#include "Baselines.h"

#include <cmath>

void baseline::copy(const float *X, float *Y, size_t N) {
  for (size_t I = 0; I < N; ++I)
    Y[I] = X[I];
}

void baseline::softmax(const float *X, float *Y, int Rows, int Cols) {
  for (int R = 0; R < Rows; ++R) {
    const float *Xr = X + static_cast<size_t>(R) * Cols;
    float *Yr = Y + static_cast<size_t>(R) * Cols;
    float Max = Xr[0];
    for (int J = 1; J < Cols; ++J)
      Max = std::fmax(Max, Xr[J]);
    float Sum = 0;
    for (int J = 0; J < Cols; ++J)
      Sum += Yr[J] = std::exp(Xr[J] - Max);
    for (int J = 0; J < Cols; ++J)
      Yr[J] /= Sum;
  }
}

float baseline::crossEntropy(const float *X, const int *Target, int Rows,
                             int Cols) {
  float Loss = 0;
  for (int R = 0; R < Rows; ++R) {
    const float *Xr = X + static_cast<size_t>(R) * Cols;
    float Max = Xr[0];
    for (int J = 1; J < Cols; ++J)
      Max = std::fmax(Max, Xr[J]);
    float Sum = 0;
    for (int J = 0; J < Cols; ++J)
      Sum += std::exp(Xr[J] - Max);
    Loss += std::log(Sum) - (Xr[Target[R]] - Max);
  }
  return Loss / Rows;
}

void baseline::layerNorm(const float *X, const float *G, const float *B,
                         float *Y, int Rows, int Cols, float Eps) {
  for (int R = 0; R < Rows; ++R) {
    const float *Xr = X + static_cast<size_t>(R) * Cols;
    float *Yr = Y + static_cast<size_t>(R) * Cols;
    float Mean = 0, Var = 0;
    for (int J = 0; J < Cols; ++J)
      Mean += Xr[J];
    Mean /= Cols;
    for (int J = 0; J < Cols; ++J)
      Var += (Xr[J] - Mean) * (Xr[J] - Mean);
    const float Rstd = 1 / std::sqrt(Var / Cols + Eps);
    for (int J = 0; J < Cols; ++J)
      Yr[J] = G[J] * (Xr[J] - Mean) * Rstd + B[J];
  }
}
