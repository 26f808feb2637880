//===- Reference.h - Scalar reference of every operator -----------*- C++ -*-===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Straightforward scalar implementations of every operator and of its
/// reverse-mode derivative, computed in `long double` and rounded to T once
/// at the end. They define what the vectorised kernels must compute; the
/// tests compare against them. Private to the runtime, its tests and its
/// benchmarks; not part of the installed API.
///
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_RUNTIME_REFERENCE_H
#define CHAINRULE_RUNTIME_REFERENCE_H

#include <cmath>
#include <vector>

namespace chainrule {
namespace nn {
namespace ref {

using Real = long double;

/// The elementwise operators of nn.h by name.
enum class Unary { Relu, Sigmoid, Tanh, Gelu };

/// f(x) for one of the unary operators.
inline Real unary(Unary K, Real X) {
  switch (K) {
  case Unary::Relu:
    return X > 0 ? X : 0;
  case Unary::Sigmoid:
    return 1 / (1 + std::exp(-X));
  case Unary::Tanh:
    return std::tanh(X);
  case Unary::Gelu:
    return X * std::erfc(-X / std::sqrt(Real(2))) / 2;
  }
  return 0;
}

/// f'(x) for one of the unary operators (relu'(0) = 0).
inline Real unaryDerivative(Unary K, Real X) {
  switch (K) {
  case Unary::Relu:
    return X > 0 ? 1 : 0;
  case Unary::Sigmoid: {
    const Real S = unary(K, X);
    return S * (1 - S);
  }
  case Unary::Tanh: {
    const Real Y = std::tanh(X);
    return 1 - Y * Y;
  }
  case Unary::Gelu: {
    const Real Pi = 3.14159265358979323846264338327950288L;
    return std::erfc(-X / std::sqrt(Real(2))) / 2 +
           X * std::exp(-X * X / 2) / std::sqrt(2 * Pi);
  }
  }
  return 0;
}

/// Row softmax in long double.
inline std::vector<Real> softmaxRow(const std::vector<Real> &X) {
  Real Max = X[0];
  for (Real V : X)
    Max = V > Max ? V : Max;
  Real Sum = 0;
  std::vector<Real> Y(X.size());
  for (size_t J = 0; J < X.size(); ++J)
    Sum += Y[J] = std::exp(X[J] - Max);
  for (Real &V : Y)
    V /= Sum;
  return Y;
}

/// Row log-softmax in long double.
inline std::vector<Real> logSoftmaxRow(const std::vector<Real> &X) {
  Real Max = X[0];
  for (Real V : X)
    Max = V > Max ? V : Max;
  Real Sum = 0;
  for (Real V : X)
    Sum += std::exp(V - Max);
  std::vector<Real> Y(X.size());
  for (size_t J = 0; J < X.size(); ++J)
    Y[J] = X[J] - Max - std::log(Sum);
  return Y;
}

template <class T>
std::vector<Real> row(const T *X, int Cols) {
  return std::vector<Real>(X, X + Cols);
}

/// y = x W^T + b.
template <class T>
void linear(const T *X, const T *W, const T *B, T *Y, int Batch, int In,
            int Out) {
  for (int R = 0; R < Batch; ++R)
    for (int O = 0; O < Out; ++O) {
      Real S = B ? B[O] : 0;
      for (int I = 0; I < In; ++I)
        S += Real(X[R * In + I]) * W[O * In + I];
      Y[R * Out + O] = static_cast<T>(S);
    }
}

/// C = A B.
template <class T>
void matmul(const T *A, const T *B, T *C, int M, int K, int N) {
  for (int I = 0; I < M; ++I)
    for (int J = 0; J < N; ++J) {
      Real S = 0;
      for (int P = 0; P < K; ++P)
        S += Real(A[I * K + P]) * B[P * N + J];
      C[I * N + J] = static_cast<T>(S);
    }
}

template <class T> void softmax(const T *X, T *Y, int Rows, int Cols) {
  for (int R = 0; R < Rows; ++R) {
    auto S = softmaxRow(row(X + R * Cols, Cols));
    for (int J = 0; J < Cols; ++J)
      Y[R * Cols + J] = static_cast<T>(S[J]);
  }
}

template <class T> void logSoftmax(const T *X, T *Y, int Rows, int Cols) {
  for (int R = 0; R < Rows; ++R) {
    auto S = logSoftmaxRow(row(X + R * Cols, Cols));
    for (int J = 0; J < Cols; ++J)
      Y[R * Cols + J] = static_cast<T>(S[J]);
  }
}

/// d_x += y (g - <g, y>) per row.
template <class T>
void softmaxVjp(const T *X, const T *G, T *DX, int Rows, int Cols) {
  for (int R = 0; R < Rows; ++R) {
    auto S = softmaxRow(row(X + R * Cols, Cols));
    Real Dot = 0;
    for (int J = 0; J < Cols; ++J)
      Dot += S[J] * G[R * Cols + J];
    for (int J = 0; J < Cols; ++J)
      DX[R * Cols + J] += static_cast<T>(S[J] * (G[R * Cols + J] - Dot));
  }
}

/// d_x += g - softmax sum(g) per row.
template <class T>
void logSoftmaxVjp(const T *X, const T *G, T *DX, int Rows, int Cols) {
  for (int R = 0; R < Rows; ++R) {
    auto S = softmaxRow(row(X + R * Cols, Cols));
    Real Sum = 0;
    for (int J = 0; J < Cols; ++J)
      Sum += G[R * Cols + J];
    for (int J = 0; J < Cols; ++J)
      DX[R * Cols + J] += static_cast<T>(G[R * Cols + J] - S[J] * Sum);
  }
}

/// Mean over rows of -log softmax[target].
template <class T>
Real crossEntropy(const T *Logits, const int *Target, int Rows, int Cols) {
  Real L = 0;
  for (int R = 0; R < Rows; ++R)
    L -= logSoftmaxRow(row(Logits + R * Cols, Cols))[Target[R]];
  return L / Rows;
}

/// d_logits += (softmax - onehot) g / rows.
template <class T>
void crossEntropyVjp(const T *Logits, const int *Target, int Rows, int Cols,
                     Real G, T *D) {
  for (int R = 0; R < Rows; ++R) {
    auto S = softmaxRow(row(Logits + R * Cols, Cols));
    S[Target[R]] -= 1;
    for (int J = 0; J < Cols; ++J)
      D[R * Cols + J] += static_cast<T>(S[J] * G / Rows);
  }
}

template <class T> Real mse(const T *P, const T *Q, int N) {
  Real S = 0;
  for (int I = 0; I < N; ++I)
    S += (Real(P[I]) - Q[I]) * (Real(P[I]) - Q[I]);
  return S / N;
}

/// Normalisation over groups: Stride/Count/Step describe one group (a row
/// for layer norm, a column for batch norm); Param(J) is the parameter
/// index of element J of group G.
struct NormShape {
  bool Batch;
  int Rows, Cols;
  int groups() const { return Batch ? Cols : Rows; }
  int count() const { return Batch ? Rows : Cols; }
  int index(int G, int K) const { return Batch ? K * Cols + G : G * Cols + K; }
  int param(int G, int K) const { return Batch ? G : K; }
};

template <class T>
void norm(NormShape S, const T *X, const T *Gamma, const T *Beta, T *Y,
          Real Eps) {
  for (int G = 0; G < S.groups(); ++G) {
    Real Mean = 0, Var = 0;
    for (int K = 0; K < S.count(); ++K)
      Mean += X[S.index(G, K)];
    Mean /= S.count();
    for (int K = 0; K < S.count(); ++K)
      Var += (X[S.index(G, K)] - Mean) * (X[S.index(G, K)] - Mean);
    Var /= S.count();
    const Real Rstd = 1 / std::sqrt(Var + Eps);
    for (int K = 0; K < S.count(); ++K) {
      const int P = S.param(G, K);
      Y[S.index(G, K)] = static_cast<T>(
          Gamma[P] * (X[S.index(G, K)] - Mean) * Rstd + Beta[P]);
    }
  }
}

/// Reverse mode of norm: accumulates into DX, DGamma, DBeta and returns the
/// adjoint of eps; G holds the seed.
template <class T>
Real normVjp(NormShape S, const T *X, const T *Gamma, const T *DY, Real Eps,
             T *DX, T *DGamma, T *DBeta) {
  Real DEps = 0;
  for (int G = 0; G < S.groups(); ++G) {
    const int N = S.count();
    Real Mean = 0, Var = 0;
    for (int K = 0; K < N; ++K)
      Mean += X[S.index(G, K)];
    Mean /= N;
    for (int K = 0; K < N; ++K)
      Var += (X[S.index(G, K)] - Mean) * (X[S.index(G, K)] - Mean);
    Var /= N;
    const Real Rstd = 1 / std::sqrt(Var + Eps);
    Real S1 = 0, S2 = 0;
    std::vector<Real> XHat(N), GH(N);
    for (int K = 0; K < N; ++K) {
      const int I = S.index(G, K), P = S.param(G, K);
      XHat[K] = (X[I] - Mean) * Rstd;
      GH[K] = Real(DY[I]) * Gamma[P];
      S1 += GH[K];
      S2 += GH[K] * XHat[K];
      DGamma[P] += static_cast<T>(DY[I] * XHat[K]);
      DBeta[P] += DY[I];
    }
    for (int K = 0; K < N; ++K)
      DX[S.index(G, K)] += static_cast<T>(
          Rstd * (GH[K] - S1 / N - XHat[K] * S2 / N));
    DEps += -Rstd * Rstd * S2 / 2;
  }
  return DEps;
}

/// One LSTM step (gates i, f, g, o).
template <class T>
void lstmCell(const T *X, const T *H, const T *C, const T *W, const T *U,
              const T *B, T *HOut, T *COut, int Batch, int In, int Hidden) {
  for (int R = 0; R < Batch; ++R) {
    std::vector<Real> Z(4 * Hidden);
    for (int Q = 0; Q < 4 * Hidden; ++Q) {
      Real S = B[Q];
      for (int I = 0; I < In; ++I)
        S += Real(X[R * In + I]) * W[Q * In + I];
      for (int I = 0; I < Hidden; ++I)
        S += Real(H[R * Hidden + I]) * U[Q * Hidden + I];
      Z[Q] = S;
    }
    for (int J = 0; J < Hidden; ++J) {
      const Real I = unary(Unary::Sigmoid, Z[J]);
      const Real F = unary(Unary::Sigmoid, Z[Hidden + J]);
      const Real G = std::tanh(Z[2 * Hidden + J]);
      const Real O = unary(Unary::Sigmoid, Z[3 * Hidden + J]);
      const Real Cn = F * C[R * Hidden + J] + I * G;
      COut[R * Hidden + J] = static_cast<T>(Cn);
      HOut[R * Hidden + J] = static_cast<T>(O * std::tanh(Cn));
    }
  }
}

} // namespace ref
} // namespace nn
} // namespace chainrule

#endif // CHAINRULE_RUNTIME_REFERENCE_H
