//===- Reduction.cpp - mse_loss, clip_grad_norm, column sums --------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Operators that reduce long vectors: mse_loss (with its derivatives) and
/// clip_grad_norm, plus the column sums that the bias adjoints of linear and
/// lstm_cell need. Sums are blocked (vector lanes within blocks, double
/// across blocks, see BlockedSum), so float losses over millions of entries
/// keep float accuracy.
///
//===----------------------------------------------------------------------===//

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "Reduction.cpp"
#include "hwy/foreach_target.h" // IWYU pragma: keep

#include "hwy/highway.h"

#include "VecMath-inl.h"

#ifndef CHAINRULE_RUNTIME_REDUCTION_ONCE
#define CHAINRULE_RUNTIME_REDUCTION_ONCE
#include "Check.h"
#include "Internal.h"
#include "chainrule/nn.h"

#include <cmath>
#endif

HWY_BEFORE_NAMESPACE();
namespace chainrule {
namespace nn {
namespace HWY_NAMESPACE {
namespace {

template <class T> double sumSquaredDiff(const T *P, const T *Q, size_t N) {
  const hn::ScalableTag<T> Tag;
  BlockedSum<decltype(Tag)> S(Tag);
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    const auto E = hn::Sub(loadPart(Tag, P + I, C), loadPart(Tag, Q + I, C));
    S.add(hn::Mul(E, E));
  }
  return S.total();
}

template <class T>
double squaredDiffVjp(const T *P, const T *Q, size_t N, T Scale, T *DP,
                      T *DQ) {
  const hn::ScalableTag<T> Tag;
  const auto K = hn::Set(Tag, Scale);
  BlockedSum<decltype(Tag)> S(Tag);
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    const auto E = hn::Sub(loadPart(Tag, P + I, C), loadPart(Tag, Q + I, C));
    S.add(hn::Mul(E, E));
    if (DP)
      storePart(hn::MulAdd(K, E, loadPart(Tag, DP + I, C)), Tag, DP + I, C);
    if (DQ)
      storePart(hn::NegMulAdd(K, E, loadPart(Tag, DQ + I, C)), Tag, DQ + I, C);
  }
  return S.total();
}

template <class T>
double squaredDiffJvp(const T *P, const T *Q, size_t N, const T *TP,
                      const T *TQ) {
  const hn::ScalableTag<T> Tag;
  BlockedSum<decltype(Tag)> S(Tag);
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    const auto E = hn::Sub(loadPart(Tag, P + I, C), loadPart(Tag, Q + I, C));
    // A null TP or TQ is a zero tangent (not both: see mseJvpImpl).
    auto TE = hn::Zero(Tag);
    if (TP && TQ)
      TE = hn::Sub(loadPart(Tag, TP + I, C), loadPart(Tag, TQ + I, C));
    else if (TP)
      TE = loadPart(Tag, TP + I, C);
    else
      TE = hn::Neg(loadPart(Tag, TQ + I, C));
    S.add(hn::Mul(E, TE));
  }
  return S.total();
}

template <class T> double sumSquares(const T *X, size_t N) {
  const hn::ScalableTag<T> Tag;
  BlockedSum<decltype(Tag)> S(Tag);
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const auto V = loadPart(Tag, X + I, partCount(Tag, I, N));
    S.add(hn::Mul(V, V));
  }
  return S.total();
}

template <class T> void scale(T *X, size_t N, T Factor) {
  const hn::ScalableTag<T> Tag;
  const auto K = hn::Set(Tag, Factor);
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    storePart(hn::Mul(loadPart(Tag, X + I, C), K), Tag, X + I, C);
  }
}

template <class T>
void addColumnSums(const T *X, size_t Rows, size_t Cols, T *Y) {
  const hn::ScalableTag<T> Tag;
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, J, Cols);
    auto S = loadPart(Tag, Y + J, C);
    for (size_t R = 0; R < Rows; ++R)
      S = hn::Add(S, loadPart(Tag, X + R * Cols + J, C));
    storePart(S, Tag, Y + J, C);
  }
}

template <class T> detail::ReductionKernels<T> makeTable() {
  detail::ReductionKernels<T> K;
  K.SumSquaredDiff = &sumSquaredDiff<T>;
  K.SquaredDiffVjp = &squaredDiffVjp<T>;
  K.SquaredDiffJvp = &squaredDiffJvp<T>;
  K.SumSquares = &sumSquares<T>;
  K.Scale = &scale<T>;
  K.AddColumnSums = &addColumnSums<T>;
  return K;
}

} // namespace

CHAINRULE_RT_TABLES(ReductionKernels, reduction)

} // namespace HWY_NAMESPACE
} // namespace nn
} // namespace chainrule
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace chainrule {
namespace nn {
CHAINRULE_RT_DISPATCH(ReductionKernels, reduction)

namespace detail {
void addColumnSums(const float *X, int Rows, int Cols, float *Y) {
  reductionKernels(0.0f).AddColumnSums(X, Rows, Cols, Y);
}
void addColumnSums(const double *X, int Rows, int Cols, double *Y) {
  reductionKernels(0.0).AddColumnSums(X, Rows, Cols, Y);
}
} // namespace detail

namespace {
using namespace detail;

template <class T>
void checkMse(const char *Op, const T *Pred, const T *Target, int N) {
  checkSize(Op, "n", N);
  if (N == 0)
    fail(Op, "n = 0: the mean over no entries is undefined");
  checkPtr(Op, "pred", Pred, N);
  checkPtr(Op, "target", Target, N);
}

template <class T> T mseImpl(const T *Pred, const T *Target, int N) {
  checkMse("mse_loss", Pred, Target, N);
  return static_cast<T>(reductionKernels(T()).SumSquaredDiff(Pred, Target, N) /
                        N);
}
template <class T>
T mseVjpImpl(const char *Op, const T *Pred, const T *Target, int N, T DRet,
             T *DPred, T *DTarget) {
  checkMse(Op, Pred, Target, N);
  const T Scale = T(2) * DRet / T(N);
  return static_cast<T>(reductionKernels(T()).SquaredDiffVjp(
                            Pred, Target, N, Scale, DPred, DTarget) /
                        N);
}
template <class T>
T mseJvpImpl(const T *Pred, const T *Target, int N, const T *TPred,
             const T *TTarget) {
  checkMse("mse_loss_jvp", Pred, Target, N);
  if (!TPred && !TTarget) // both tangents zero
    return T(0);
  return static_cast<T>(2 *
                        reductionKernels(T()).SquaredDiffJvp(Pred, Target, N,
                                                             TPred, TTarget) /
                        N);
}

template <class T> T clipImpl(T *Grad, int N, T MaxNorm) {
  checkSize("clip_grad_norm", "n", N);
  checkPtr("clip_grad_norm", "grad", Grad, N);
  if (!(MaxNorm >= 0))
    fail("clip_grad_norm", "max_norm = %g must be >= 0",
         static_cast<double>(MaxNorm));
  if (N == 0)
    return 0;
  const auto &K = reductionKernels(T());
  const double Norm = std::sqrt(K.SumSquares(Grad, N));
  if (Norm > static_cast<double>(MaxNorm))
    K.Scale(Grad, N, static_cast<T>(MaxNorm / (Norm + 1e-6)));
  return static_cast<T>(Norm);
}
} // namespace

float mse_loss(const float *pred, const float *target, int n) {
  return mseImpl(pred, target, n);
}
double mse_loss(const double *pred, const double *target, int n) {
  return mseImpl(pred, target, n);
}
void mse_loss_vjp(const float *pred, const float *target, int n, float d_ret,
                  float *d_pred, float *d_target) {
  mseVjpImpl("mse_loss_vjp", pred, target, n, d_ret, d_pred, d_target);
}
void mse_loss_vjp(const double *pred, const double *target, int n,
                  double d_ret, double *d_pred, double *d_target) {
  mseVjpImpl("mse_loss_vjp", pred, target, n, d_ret, d_pred, d_target);
}
float mse_loss_grad(const float *pred, const float *target, int n,
                    float *d_pred, float *d_target) {
  return mseVjpImpl("mse_loss_grad", pred, target, n, 1.0f, d_pred, d_target);
}
double mse_loss_grad(const double *pred, const double *target, int n,
                     double *d_pred, double *d_target) {
  return mseVjpImpl("mse_loss_grad", pred, target, n, 1.0, d_pred, d_target);
}
float mse_loss_jvp(const float *pred, const float *target, int n,
                   const float *t_pred, const float *t_target) {
  return mseJvpImpl(pred, target, n, t_pred, t_target);
}
double mse_loss_jvp(const double *pred, const double *target, int n,
                    const double *t_pred, const double *t_target) {
  return mseJvpImpl(pred, target, n, t_pred, t_target);
}

float clip_grad_norm(float *grad, int n, float max_norm) {
  return clipImpl(grad, n, max_norm);
}
double clip_grad_norm(double *grad, int n, double max_norm) {
  return clipImpl(grad, n, max_norm);
}

} // namespace nn
} // namespace chainrule
#endif // HWY_ONCE
