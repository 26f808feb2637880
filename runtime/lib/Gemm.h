//===- Gemm.h - Typed CBLAS GEMM for the runtime ------------------*- C++ -*-===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// One overloaded row-major GEMM over cblas_sgemm / cblas_dgemm, so that the
/// linear, matmul and lstm_cell templates are written once for both types.
///
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_RUNTIME_GEMM_H
#define CHAINRULE_RUNTIME_GEMM_H

#include <cblas.h>

#include <algorithm>

namespace chainrule {
namespace nn {
namespace detail {

/// C = Alpha op(A) op(B) + Beta C, row-major; op(A) is M x K, op(B) is
/// K x N. Leading dimensions are the row lengths of the stored matrices.
/// Does nothing when M or N is 0 and scales C by Beta when K is 0.
inline void gemm(bool TransA, bool TransB, int M, int N, int K, float Alpha,
                 const float *A, int LdA, const float *B, int LdB, float Beta,
                 float *C, int LdC) {
  if (M == 0 || N == 0)
    return;
  cblas_sgemm(CblasRowMajor, TransA ? CblasTrans : CblasNoTrans,
              TransB ? CblasTrans : CblasNoTrans, M, N, K, Alpha, A,
              std::max(LdA, 1), B, std::max(LdB, 1), Beta, C,
              std::max(LdC, 1));
}

/// \copydoc gemm(bool,bool,int,int,int,float,const float*,int,const float*,int,float,float*,int)
inline void gemm(bool TransA, bool TransB, int M, int N, int K, double Alpha,
                 const double *A, int LdA, const double *B, int LdB,
                 double Beta, double *C, int LdC) {
  if (M == 0 || N == 0)
    return;
  cblas_dgemm(CblasRowMajor, TransA ? CblasTrans : CblasNoTrans,
              TransB ? CblasTrans : CblasNoTrans, M, N, K, Alpha, A,
              std::max(LdA, 1), B, std::max(LdB, 1), Beta, C,
              std::max(LdC, 1));
}

} // namespace detail
} // namespace nn
} // namespace chainrule

#endif // CHAINRULE_RUNTIME_GEMM_H
