//===- Linear.cpp - linear and matmul -------------------------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// linear and matmul with their derivatives: every product is one CBLAS
/// GEMM (OpenBLAS), and every adjoint is accumulated by the GEMM itself with
/// beta = 1 (d_x += d_y W, d_W += d_y^T x), so the derivatives cost exactly
/// the GEMMs a hand-written backward would call plus a column sum for d_b.
///
//===----------------------------------------------------------------------===//

#include "Check.h"
#include "Gemm.h"
#include "Internal.h"
#include "chainrule/nn.h"

#include <cstring>

using namespace chainrule::nn::detail;

namespace {

/// Y = broadcast of B over Rows rows (Cols entries each), or zero.
template <class T> void broadcastRows(const T *B, T *Y, int Rows, int Cols) {
  for (int R = 0; R < Rows; ++R) {
    T *Yr = Y + static_cast<long long>(R) * Cols;
    if (B)
      std::memcpy(Yr, B, sizeof(T) * Cols);
    else
      std::memset(Yr, 0, sizeof(T) * Cols);
  }
}

/// Checks a linear call; returns false when y is empty.
template <class T>
bool checkLinear(const char *Op, const T *X, const T *W, T *Y, int Batch,
                 int In, int Out) {
  checkSize(Op, "batch", Batch);
  checkSize(Op, "in", In);
  checkSize(Op, "out", Out);
  const long long NY = static_cast<long long>(Batch) * Out;
  checkPtr(Op, "x", X, NY > 0 ? static_cast<long long>(Batch) * In : 0);
  checkPtr(Op, "W", W, NY > 0 ? static_cast<long long>(Out) * In : 0);
  checkPtr(Op, "y", Y, NY);
  return NY > 0;
}

template <class T>
void linearFwd(const T *X, const T *W, const T *B, T *Y, int Batch, int In,
               int Out) {
  broadcastRows(B, Y, Batch, Out);
  gemm(false, true, Batch, Out, In, T(1), X, In, W, In, T(1), Y, Out);
}

template <class T>
void linearImpl(const T *X, const T *W, const T *B, T *Y, int Batch, int In,
                int Out) {
  if (checkLinear("linear", X, W, Y, Batch, In, Out))
    linearFwd(X, W, B, Y, Batch, In, Out);
}

template <class T>
void linearVjpImpl(const T *X, const T *W, const T *B, T *Y, int Batch,
                   int In, int Out, T *DX, T *DW, T *DB, T *DY) {
  if (!checkLinear("linear_vjp", X, W, Y, Batch, In, Out))
    return;
  checkPtr("linear_vjp", "d_y", DY, 1);
  linearFwd(X, W, B, Y, Batch, In, Out);
  if (DX)
    gemm(false, false, Batch, In, Out, T(1), DY, Out, W, In, T(1), DX, In);
  if (DW)
    gemm(true, false, Out, In, Batch, T(1), DY, Out, X, In, T(1), DW, In);
  if (DB && B)
    addColumnSums(DY, Batch, Out, DB);
  std::memset(DY, 0, sizeof(T) * static_cast<size_t>(Batch) * Out);
}

/// Forward mode of linear: t_y = t_b + t_x W^T + x t_W^T, where a null
/// tangent (or a null b) drops its term. The first term written initialises
/// t_y (a broadcast, or a GEMM with beta = 0), the others accumulate with
/// beta = 1; with no term at all t_y is zeroed.
template <class T>
void linearJvpImpl(const T *X, const T *W, const T *B, T *Y, int Batch,
                   int In, int Out, const T *TX, const T *TW, const T *TB,
                   T *TY) {
  if (!checkLinear("linear_jvp", X, W, Y, Batch, In, Out))
    return;
  checkPtr("linear_jvp", "t_y", TY, 1);
  linearFwd(X, W, B, Y, Batch, In, Out);
  bool Written = false;
  if (B && TB) {
    broadcastRows(TB, TY, Batch, Out);
    Written = true;
  }
  if (TX) {
    const T Beta = Written ? T(1) : T(0);
    gemm(false, true, Batch, Out, In, T(1), TX, In, W, In, Beta, TY, Out);
    Written = true;
  }
  if (TW) {
    const T Beta = Written ? T(1) : T(0);
    gemm(false, true, Batch, Out, In, T(1), X, In, TW, In, Beta, TY, Out);
    Written = true;
  }
  if (!Written)
    std::memset(TY, 0, sizeof(T) * static_cast<size_t>(Batch) * Out);
}

/// Checks a matmul call; returns false when C is empty.
template <class T>
bool checkMatmul(const char *Op, const T *A, const T *B, T *C, int M, int K,
                 int N) {
  checkSize(Op, "m", M);
  checkSize(Op, "k", K);
  checkSize(Op, "n", N);
  const long long NC = static_cast<long long>(M) * N;
  checkPtr(Op, "A", A, NC > 0 ? static_cast<long long>(M) * K : 0);
  checkPtr(Op, "B", B, NC > 0 ? static_cast<long long>(K) * N : 0);
  checkPtr(Op, "C", C, NC);
  return NC > 0;
}

template <class T>
void matmulImpl(const T *A, const T *B, T *C, int M, int K, int N) {
  if (checkMatmul("matmul", A, B, C, M, K, N))
    gemm(false, false, M, N, K, T(1), A, K, B, N, T(0), C, N);
}

template <class T>
void matmulVjpImpl(const T *A, const T *B, T *C, int M, int K, int N, T *DA,
                   T *DB, T *DC) {
  if (!checkMatmul("matmul_vjp", A, B, C, M, K, N))
    return;
  checkPtr("matmul_vjp", "d_C", DC, 1);
  gemm(false, false, M, N, K, T(1), A, K, B, N, T(0), C, N);
  if (DA)
    gemm(false, true, M, K, N, T(1), DC, N, B, N, T(1), DA, K);
  if (DB)
    gemm(true, false, K, N, M, T(1), A, K, DC, N, T(1), DB, N);
  std::memset(DC, 0, sizeof(T) * static_cast<size_t>(M) * N);
}

/// Forward mode of matmul: t_C = t_A B + A t_B, a null tangent dropping
/// its GEMM; with both null t_C is zeroed.
template <class T>
void matmulJvpImpl(const T *A, const T *B, T *C, int M, int K, int N,
                   const T *TA, const T *TB, T *TC) {
  if (!checkMatmul("matmul_jvp", A, B, C, M, K, N))
    return;
  checkPtr("matmul_jvp", "t_C", TC, 1);
  gemm(false, false, M, N, K, T(1), A, K, B, N, T(0), C, N);
  if (TA)
    gemm(false, false, M, N, K, T(1), TA, K, B, N, T(0), TC, N);
  if (TB)
    gemm(false, false, M, N, K, T(1), A, K, TB, N, T(TA ? 1 : 0), TC, N);
  if (!TA && !TB)
    std::memset(TC, 0, sizeof(T) * static_cast<size_t>(M) * N);
}

} // namespace

namespace chainrule {
namespace nn {

void linear(const float *x, const float *W, const float *b, float *y,
            int batch, int in, int out) {
  linearImpl(x, W, b, y, batch, in, out);
}
void linear(const double *x, const double *W, const double *b, double *y,
            int batch, int in, int out) {
  linearImpl(x, W, b, y, batch, in, out);
}
void linear_vjp(const float *x, const float *W, const float *b, float *y,
                int batch, int in, int out, float *d_x, float *d_W,
                float *d_b, float *d_y) {
  linearVjpImpl(x, W, b, y, batch, in, out, d_x, d_W, d_b, d_y);
}
void linear_vjp(const double *x, const double *W, const double *b, double *y,
                int batch, int in, int out, double *d_x, double *d_W,
                double *d_b, double *d_y) {
  linearVjpImpl(x, W, b, y, batch, in, out, d_x, d_W, d_b, d_y);
}
void linear_jvp(const float *x, const float *W, const float *b, float *y,
                int batch, int in, int out, const float *t_x,
                const float *t_W, const float *t_b, float *t_y) {
  linearJvpImpl(x, W, b, y, batch, in, out, t_x, t_W, t_b, t_y);
}
void linear_jvp(const double *x, const double *W, const double *b, double *y,
                int batch, int in, int out, const double *t_x,
                const double *t_W, const double *t_b, double *t_y) {
  linearJvpImpl(x, W, b, y, batch, in, out, t_x, t_W, t_b, t_y);
}

void matmul(const float *A, const float *B, float *C, int m, int k, int n) {
  matmulImpl(A, B, C, m, k, n);
}
void matmul(const double *A, const double *B, double *C, int m, int k, int n) {
  matmulImpl(A, B, C, m, k, n);
}
void matmul_vjp(const float *A, const float *B, float *C, int m, int k, int n,
                float *d_A, float *d_B, float *d_C) {
  matmulVjpImpl(A, B, C, m, k, n, d_A, d_B, d_C);
}
void matmul_vjp(const double *A, const double *B, double *C, int m, int k,
                int n, double *d_A, double *d_B, double *d_C) {
  matmulVjpImpl(A, B, C, m, k, n, d_A, d_B, d_C);
}
void matmul_jvp(const float *A, const float *B, float *C, int m, int k, int n,
                const float *t_A, const float *t_B, float *t_C) {
  matmulJvpImpl(A, B, C, m, k, n, t_A, t_B, t_C);
}
void matmul_jvp(const double *A, const double *B, double *C, int m, int k,
                int n, const double *t_A, const double *t_B, double *t_C) {
  matmulJvpImpl(A, B, C, m, k, n, t_A, t_B, t_C);
}

} // namespace nn
} // namespace chainrule
