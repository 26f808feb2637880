//===- Internal.h - Kernel tables of the runtime ------------------*- C++ -*-===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Private to chainrule_rt (and its tests and benchmarks): the tables of
/// per-CPU-target kernels that each Highway source file fills once per
/// target, and hooks that expose internal vector math to the tests.
///
/// Kernels take `size_t` sizes, assume checked arguments and return
/// reductions as `double` so that the public wrappers can finish means and
/// scalar adjoints in one place.
///
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_RUNTIME_INTERNAL_H
#define CHAINRULE_RUNTIME_INTERNAL_H

#include <cstddef>

namespace chainrule {
namespace nn {
namespace detail {

/// The unary elementwise operators that share one kernel shape.
enum UnaryKind { UK_Relu, UK_Sigmoid, UK_Tanh, UK_Gelu, UK_NumKinds };

/// Elementwise kernels of one CPU target (Elementwise.cpp).
template <class T> struct ElementwiseKernels {
  void (*Unary[UK_NumKinds])(const T *X, T *Y, size_t N);
  void (*UnaryVjp[UK_NumKinds])(const T *X, T *Y, size_t N, T *DX, T *DY);
  void (*UnaryJvp[UK_NumKinds])(const T *X, T *Y, size_t N, const T *TX,
                                T *TY);
  void (*Add)(const T *A, const T *B, T *Y, size_t N);
  void (*AddVjp)(const T *A, const T *B, T *Y, size_t N, T *DA, T *DB, T *DY);
  void (*AddJvp)(const T *A, const T *B, T *Y, size_t N, const T *TA,
                 const T *TB, T *TY);
  void (*LeakyRelu)(const T *X, T *Y, size_t N, T Slope);
  /// Returns sum(d_y * (x > 0 ? 0 : x)), the adjoint of the slope.
  double (*LeakyReluVjp)(const T *X, T *Y, size_t N, T Slope, T *DX, T *DY);
  void (*LeakyReluJvp)(const T *X, T *Y, size_t N, T Slope, const T *TX,
                       T *TY, T TSlope);
  void (*Erf)(const T *X, T *Y, size_t N);
  void (*Erfc)(const T *X, T *Y, size_t N);
};

/// Softmax-family kernels of one CPU target (Softmax.cpp). The cross-entropy
/// kernels return the sum (not the mean) over rows.
template <class T> struct SoftmaxKernels {
  void (*Softmax)(const T *X, T *Y, size_t Rows, size_t Cols);
  void (*SoftmaxVjp)(const T *X, T *Y, size_t Rows, size_t Cols, T *DX,
                     T *DY);
  void (*SoftmaxJvp)(const T *X, T *Y, size_t Rows, size_t Cols, const T *TX,
                     T *TY);
  void (*LogSoftmax)(const T *X, T *Y, size_t Rows, size_t Cols);
  void (*LogSoftmaxVjp)(const T *X, T *Y, size_t Rows, size_t Cols, T *DX,
                        T *DY);
  void (*LogSoftmaxJvp)(const T *X, T *Y, size_t Rows, size_t Cols,
                        const T *TX, T *TY);
  double (*CrossEntropy)(const T *Logits, const int *Target, size_t Rows,
                         size_t Cols);
  /// Adds (softmax - onehot) * Scale into DLogits when it is non-null.
  double (*CrossEntropyVjp)(const T *Logits, const int *Target, size_t Rows,
                            size_t Cols, T Scale, T *DLogits);
  double (*CrossEntropyJvp)(const T *Logits, const int *Target, size_t Rows,
                            size_t Cols, const T *TLogits);
};

/// Long-vector reductions of one CPU target (Reduction.cpp).
template <class T> struct ReductionKernels {
  /// Returns sum((P - Q)^2).
  double (*SumSquaredDiff)(const T *P, const T *Q, size_t N);
  /// Returns sum((P - Q)^2); DP += Scale (P - Q), DQ -= Scale (P - Q).
  double (*SquaredDiffVjp)(const T *P, const T *Q, size_t N, T Scale, T *DP,
                           T *DQ);
  /// Returns sum((P - Q)(TP - TQ)); one of TP and TQ may be null (zero).
  double (*SquaredDiffJvp)(const T *P, const T *Q, size_t N, const T *TP,
                           const T *TQ);
  /// Returns sum(X^2).
  double (*SumSquares)(const T *X, size_t N);
  /// X *= S.
  void (*Scale)(T *X, size_t N, T S);
  /// Y[j] += sum over rows of X[row, j] (column sums of a Rows x Cols matrix).
  void (*AddColumnSums)(const T *X, size_t Rows, size_t Cols, T *Y);
};

/// Normalisation kernels of one CPU target (Norm.cpp). The _vjp kernels
/// return the adjoint of eps.
template <class T> struct NormKernels {
  void (*LayerNorm)(const T *X, const T *G, const T *B, T *Y, size_t Rows,
                    size_t Cols, T Eps);
  double (*LayerNormVjp)(const T *X, const T *G, const T *B, T *Y,
                         size_t Rows, size_t Cols, T Eps, T *DX, T *DG, T *DB,
                         T *DY);
  void (*LayerNormJvp)(const T *X, const T *G, const T *B, T *Y, size_t Rows,
                       size_t Cols, T Eps, const T *TX, const T *TG,
                       const T *TB, T *TY, T TEps);
  void (*BatchNorm)(const T *X, const T *G, const T *B, T *Y, size_t Rows,
                    size_t Cols, T Eps);
  double (*BatchNormVjp)(const T *X, const T *G, const T *B, T *Y,
                         size_t Rows, size_t Cols, T Eps, T *DX, T *DG, T *DB,
                         T *DY);
  void (*BatchNormJvp)(const T *X, const T *G, const T *B, T *Y, size_t Rows,
                       size_t Cols, T Eps, const T *TX, const T *TG,
                       const T *TB, T *TY, T TEps);
};

/// The dispatched kernel tables for the running CPU.
const ElementwiseKernels<float> &elementwiseKernels(float);
const ElementwiseKernels<double> &elementwiseKernels(double);
const SoftmaxKernels<float> &softmaxKernels(float);
const SoftmaxKernels<double> &softmaxKernels(double);
const ReductionKernels<float> &reductionKernels(float);
const ReductionKernels<double> &reductionKernels(double);
const NormKernels<float> &normKernels(float);
const NormKernels<double> &normKernels(double);

/// Vectorised erf and erfc (the approximation gelu uses), for the tests.
void erf(const float *X, float *Y, int N);
void erf(const double *X, double *Y, int N);
void erfc(const float *X, float *Y, int N);
void erfc(const double *X, double *Y, int N);

/// Column sums: Y[j] += sum_i X[i * Cols + j].
void addColumnSums(const float *X, int Rows, int Cols, float *Y);
void addColumnSums(const double *X, int Rows, int Cols, double *Y);

} // namespace detail
} // namespace nn
} // namespace chainrule

/// Inside HWY_NAMESPACE: the kernel tables of one family for the target
/// being compiled, built once from the `makeTable<T>()` in scope.
#define CHAINRULE_RT_TABLES(Family, Name)                                      \
  const detail::Family<float> *Name##TableF32() {                              \
    static const detail::Family<float> K = makeTable<float>();                 \
    return &K;                                                                 \
  }                                                                            \
  const detail::Family<double> *Name##TableF64() {                             \
    static const detail::Family<double> K = makeTable<double>();               \
    return &K;                                                                 \
  }

/// Once, in namespace chainrule::nn: the tables of the running CPU's best
/// target, as the detail::Name##Kernels functions declared above.
#define CHAINRULE_RT_DISPATCH(Family, Name)                                    \
  HWY_EXPORT(Name##TableF32);                                                  \
  HWY_EXPORT(Name##TableF64);                                                  \
  namespace detail {                                                           \
  const Family<float> &Name##Kernels(float) {                                  \
    return *HWY_DYNAMIC_DISPATCH(Name##TableF32)();                            \
  }                                                                            \
  const Family<double> &Name##Kernels(double) {                                \
    return *HWY_DYNAMIC_DISPATCH(Name##TableF64)();                            \
  }                                                                            \
  }

#endif // CHAINRULE_RUNTIME_INTERNAL_H
