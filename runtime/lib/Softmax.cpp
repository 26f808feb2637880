//===- Softmax.cpp - softmax, log_softmax and cross_entropy ---------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Row-wise softmax, log-softmax and cross-entropy from logits, with their
/// derivatives, written once with Highway and dispatched per CPU.
///
/// Every row is shifted by its maximum before exp, so exp never overflows;
/// log-softmax and cross-entropy use (x - max) - log(sum exp(x - max)) and
/// never take the log of a rounded probability. The softmax backward is
/// y * (g - <g, y>) and the cross-entropy backward is fused as
/// (softmax - onehot) * g / rows. Row tails are loaded with -inf padding,
/// whose exp is exactly 0, so they drop out of every sum.
///
//===----------------------------------------------------------------------===//

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "Softmax.cpp"
#include "hwy/foreach_target.h" // IWYU pragma: keep

#include "hwy/highway.h"

#include "VecMath-inl.h"

#ifndef CHAINRULE_RUNTIME_SOFTMAX_ONCE
#define CHAINRULE_RUNTIME_SOFTMAX_ONCE
#include "Check.h"
#include "Internal.h"
#include "chainrule/nn.h"

#include <cmath>
#include <cstring>
#include <limits>
#endif

HWY_BEFORE_NAMESPACE();
namespace chainrule {
namespace nn {
namespace HWY_NAMESPACE {
namespace {

template <class T> constexpr T negInf() {
  return -std::numeric_limits<T>::infinity();
}

/// The maximum of a row.
template <class D>
HWY_INLINE hn::TFromD<D> rowMax(D Tag, const hn::TFromD<D> *X, size_t Cols) {
  using T = hn::TFromD<D>;
  auto M = hn::Set(Tag, negInf<T>());
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag))
    M = hn::Max(M, loadPart(Tag, X + J, partCount(Tag, J, Cols), negInf<T>()));
  return maxLanes(Tag, M);
}

/// sum(exp(x - Max)) over a row; also stores exp(x - Max) to E if non-null.
template <class D>
HWY_INLINE hn::TFromD<D> rowSumExp(D Tag, const hn::TFromD<D> *X, size_t Cols,
                                   hn::TFromD<D> Max, hn::TFromD<D> *E) {
  using T = hn::TFromD<D>;
  const auto M = hn::Set(Tag, Max);
  auto S = hn::Zero(Tag);
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, J, Cols);
    const auto Ev =
        hn::Exp(Tag, hn::Sub(loadPart(Tag, X + J, C, negInf<T>()), M));
    if (E)
      storePart(Ev, Tag, E + J, C);
    S = hn::Add(S, Ev);
  }
  return sumLanes(Tag, S);
}

/// Writes the softmax of one row to Y.
template <class D>
HWY_INLINE void softmaxRow(D Tag, const hn::TFromD<D> *X, hn::TFromD<D> *Y,
                           size_t Cols) {
  using T = hn::TFromD<D>;
  const T Sum = rowSumExp(Tag, X, Cols, rowMax(Tag, X, Cols), Y);
  const auto Inv = hn::Set(Tag, T(1) / Sum);
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, J, Cols);
    storePart(hn::Mul(loadPart(Tag, Y + J, C), Inv), Tag, Y + J, C);
  }
}

/// sum(A * B) over a row.
template <class D>
HWY_INLINE hn::TFromD<D> rowDot(D Tag, const hn::TFromD<D> *A,
                                const hn::TFromD<D> *B, size_t Cols) {
  auto S = hn::Zero(Tag);
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, J, Cols);
    S = hn::MulAdd(loadPart(Tag, A + J, C), loadPart(Tag, B + J, C), S);
  }
  return sumLanes(Tag, S);
}

template <class T> void softmaxFwd(const T *X, T *Y, size_t Rows, size_t Cols) {
  const hn::ScalableTag<T> Tag;
  for (size_t R = 0; R < Rows; ++R)
    softmaxRow(Tag, X + R * Cols, Y + R * Cols, Cols);
}

template <class T>
void softmaxVjp(const T *X, T *Y, size_t Rows, size_t Cols, T *DX, T *DY) {
  const hn::ScalableTag<T> Tag;
  for (size_t R = 0; R < Rows; ++R) {
    const T *Xr = X + R * Cols;
    T *Yr = Y + R * Cols, *DXr = DX ? DX + R * Cols : nullptr,
      *DYr = DY + R * Cols;
    softmaxRow(Tag, Xr, Yr, Cols);
    const auto Dot = hn::Set(Tag, rowDot(Tag, DYr, Yr, Cols));
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      const auto G = loadPart(Tag, DYr + J, C);
      storePart(hn::Zero(Tag), Tag, DYr + J, C);
      if (DXr)
        storePart(hn::MulAdd(loadPart(Tag, Yr + J, C), hn::Sub(G, Dot),
                             loadPart(Tag, DXr + J, C)),
                  Tag, DXr + J, C);
    }
  }
}

template <class T>
void softmaxJvp(const T *X, T *Y, size_t Rows, size_t Cols, const T *TX,
                T *TY) {
  const hn::ScalableTag<T> Tag;
  for (size_t R = 0; R < Rows; ++R) {
    const T *Xr = X + R * Cols, *TXr = TX + R * Cols;
    T *Yr = Y + R * Cols, *TYr = TY + R * Cols;
    softmaxRow(Tag, Xr, Yr, Cols);
    const auto Dot = hn::Set(Tag, rowDot(Tag, TXr, Yr, Cols));
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      storePart(hn::Mul(loadPart(Tag, Yr + J, C),
                        hn::Sub(loadPart(Tag, TXr + J, C), Dot)),
                Tag, TYr + J, C);
    }
  }
}

/// Writes the log-softmax of one row to Y: (x - max) - log(sum).
template <class D>
HWY_INLINE void logSoftmaxRow(D Tag, const hn::TFromD<D> *X, hn::TFromD<D> *Y,
                              size_t Cols) {
  using T = hn::TFromD<D>;
  const T Max = rowMax(Tag, X, Cols);
  const T LogSum = std::log(rowSumExp(Tag, X, Cols, Max, nullptr));
  const auto M = hn::Set(Tag, Max), L = hn::Set(Tag, LogSum);
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, J, Cols);
    storePart(hn::Sub(hn::Sub(loadPart(Tag, X + J, C), M), L), Tag, Y + J, C);
  }
}

template <class T>
void logSoftmaxFwd(const T *X, T *Y, size_t Rows, size_t Cols) {
  const hn::ScalableTag<T> Tag;
  for (size_t R = 0; R < Rows; ++R)
    logSoftmaxRow(Tag, X + R * Cols, Y + R * Cols, Cols);
}

template <class T>
void logSoftmaxVjp(const T *X, T *Y, size_t Rows, size_t Cols, T *DX, T *DY) {
  const hn::ScalableTag<T> Tag;
  for (size_t R = 0; R < Rows; ++R) {
    const T *Xr = X + R * Cols;
    T *Yr = Y + R * Cols, *DXr = DX ? DX + R * Cols : nullptr,
      *DYr = DY + R * Cols;
    logSoftmaxRow(Tag, Xr, Yr, Cols);
    auto SumV = hn::Zero(Tag);
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag))
      SumV = hn::Add(SumV, loadPart(Tag, DYr + J, partCount(Tag, J, Cols)));
    const auto Sum = hn::Set(Tag, sumLanes(Tag, SumV));
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      const auto G = loadPart(Tag, DYr + J, C);
      storePart(hn::Zero(Tag), Tag, DYr + J, C);
      if (DXr) {
        const auto P = hn::Exp(Tag, loadPart(Tag, Yr + J, C));
        storePart(hn::Add(loadPart(Tag, DXr + J, C), hn::NegMulAdd(P, Sum, G)),
                  Tag, DXr + J, C);
      }
    }
  }
}

template <class T>
void logSoftmaxJvp(const T *X, T *Y, size_t Rows, size_t Cols, const T *TX,
                   T *TY) {
  const hn::ScalableTag<T> Tag;
  for (size_t R = 0; R < Rows; ++R) {
    const T *Xr = X + R * Cols, *TXr = TX + R * Cols;
    T *Yr = Y + R * Cols, *TYr = TY + R * Cols;
    logSoftmaxRow(Tag, Xr, Yr, Cols);
    auto DotV = hn::Zero(Tag);
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      DotV = hn::MulAdd(hn::Exp(Tag, loadPart(Tag, Yr + J, C, negInf<T>())),
                        loadPart(Tag, TXr + J, C), DotV);
    }
    const auto Dot = hn::Set(Tag, sumLanes(Tag, DotV));
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      storePart(hn::Sub(loadPart(Tag, TXr + J, C), Dot), Tag, TYr + J, C);
    }
  }
}

template <class T>
double crossEntropySum(const T *Logits, const int *Target, size_t Rows,
                       size_t Cols) {
  const hn::ScalableTag<T> Tag;
  double Loss = 0;
  for (size_t R = 0; R < Rows; ++R) {
    const T *Xr = Logits + R * Cols;
    const T Max = rowMax(Tag, Xr, Cols);
    const T LogSum = std::log(rowSumExp(Tag, Xr, Cols, Max, nullptr));
    Loss += static_cast<double>(LogSum - (Xr[Target[R]] - Max));
  }
  return Loss;
}

template <class T>
double crossEntropyVjp(const T *Logits, const int *Target, size_t Rows,
                       size_t Cols, T Scale, T *DLogits) {
  const hn::ScalableTag<T> Tag;
  double Loss = 0;
  for (size_t R = 0; R < Rows; ++R) {
    const T *Xr = Logits + R * Cols;
    const T Max = rowMax(Tag, Xr, Cols);
    const T Sum = rowSumExp(Tag, Xr, Cols, Max, nullptr);
    Loss += static_cast<double>(std::log(Sum) - (Xr[Target[R]] - Max));
    if (!DLogits)
      continue;
    T *Dr = DLogits + R * Cols;
    const auto M = hn::Set(Tag, Max), K = hn::Set(Tag, Scale / Sum);
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      const auto P =
          hn::Exp(Tag, hn::Sub(loadPart(Tag, Xr + J, C, negInf<T>()), M));
      storePart(hn::MulAdd(P, K, loadPart(Tag, Dr + J, C)), Tag, Dr + J, C);
    }
    Dr[Target[R]] -= Scale;
  }
  return Loss;
}

template <class T>
double crossEntropyJvp(const T *Logits, const int *Target, size_t Rows,
                       size_t Cols, const T *TLogits) {
  const hn::ScalableTag<T> Tag;
  double Tangent = 0;
  for (size_t R = 0; R < Rows; ++R) {
    const T *Xr = Logits + R * Cols, *Tr = TLogits + R * Cols;
    const auto M = hn::Set(Tag, rowMax(Tag, Xr, Cols));
    auto SumV = hn::Zero(Tag), DotV = hn::Zero(Tag);
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      const auto P =
          hn::Exp(Tag, hn::Sub(loadPart(Tag, Xr + J, C, negInf<T>()), M));
      SumV = hn::Add(SumV, P);
      DotV = hn::MulAdd(P, loadPart(Tag, Tr + J, C), DotV);
    }
    Tangent += static_cast<double>(sumLanes(Tag, DotV) / sumLanes(Tag, SumV) -
                                   Tr[Target[R]]);
  }
  return Tangent;
}

template <class T> detail::SoftmaxKernels<T> makeTable() {
  detail::SoftmaxKernels<T> K;
  K.Softmax = &softmaxFwd<T>;
  K.SoftmaxVjp = &softmaxVjp<T>;
  K.SoftmaxJvp = &softmaxJvp<T>;
  K.LogSoftmax = &logSoftmaxFwd<T>;
  K.LogSoftmaxVjp = &logSoftmaxVjp<T>;
  K.LogSoftmaxJvp = &logSoftmaxJvp<T>;
  K.CrossEntropy = &crossEntropySum<T>;
  K.CrossEntropyVjp = &crossEntropyVjp<T>;
  K.CrossEntropyJvp = &crossEntropyJvp<T>;
  return K;
}

} // namespace

CHAINRULE_RT_TABLES(SoftmaxKernels, softmax)

} // namespace HWY_NAMESPACE
} // namespace nn
} // namespace chainrule
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace chainrule {
namespace nn {
CHAINRULE_RT_DISPATCH(SoftmaxKernels, softmax)

namespace {
using namespace detail;

/// Checks the shape and the two row buffers; returns false for an empty
/// matrix (nothing to do).
template <class T>
bool checkRows(const char *Op, const T *X, const char *XName, const T *Y,
               const char *YName, int Rows, int Cols) {
  checkSize(Op, "rows", Rows);
  checkSize(Op, "cols", Cols);
  const long long N = static_cast<long long>(Rows) * Cols;
  checkPtr(Op, XName, X, N);
  checkPtr(Op, YName, Y, N);
  return N > 0;
}

/// Checks a loss call: rows >= 1, cols >= 1, targets in [0, cols).
template <class T>
void checkLoss(const char *Op, const T *Logits, const int *Target, int Rows,
               int Cols) {
  checkSize(Op, "rows", Rows);
  checkSize(Op, "cols", Cols);
  if (Rows == 0)
    fail(Op, "rows = 0: the mean over no rows is undefined");
  if (Cols == 0)
    fail(Op, "cols = 0: no classes");
  checkPtr(Op, "logits", Logits, static_cast<long long>(Rows) * Cols);
  checkPtr(Op, "target", Target, Rows);
  for (int R = 0; R < Rows; ++R)
    if (Target[R] < 0 || Target[R] >= Cols)
      fail(Op, "target[%d] = %d is outside [0, %d)", R, Target[R], Cols);
}

/// Zeroes a rows x cols buffer (the tangent of a null input tangent).
template <class T> void zeroRows(T *Y, int Rows, int Cols) {
  std::memset(Y, 0, sizeof(T) * static_cast<size_t>(Rows) * Cols);
}

template <class T> void softmaxImpl(const T *X, T *Y, int Rows, int Cols) {
  if (checkRows("softmax", X, "x", Y, "y", Rows, Cols))
    softmaxKernels(T()).Softmax(X, Y, Rows, Cols);
}
template <class T>
void softmaxVjpImpl(const T *X, T *Y, int Rows, int Cols, T *DX, T *DY) {
  if (!checkRows("softmax_vjp", X, "x", Y, "y", Rows, Cols))
    return;
  checkPtr("softmax_vjp", "d_y", DY, 1);
  softmaxKernels(T()).SoftmaxVjp(X, Y, Rows, Cols, DX, DY);
}
template <class T>
void softmaxJvpImpl(const T *X, T *Y, int Rows, int Cols, const T *TX,
                    T *TY) {
  if (!checkRows("softmax_jvp", X, "x", Y, "y", Rows, Cols))
    return;
  checkPtr("softmax_jvp", "t_y", TY, 1);
  if (TX) {
    softmaxKernels(T()).SoftmaxJvp(X, Y, Rows, Cols, TX, TY);
    return;
  }
  // A null t_x is a zero tangent: the forward, and t_y = 0.
  softmaxKernels(T()).Softmax(X, Y, Rows, Cols);
  zeroRows(TY, Rows, Cols);
}
template <class T> void logSoftmaxImpl(const T *X, T *Y, int Rows, int Cols) {
  if (checkRows("log_softmax", X, "x", Y, "y", Rows, Cols))
    softmaxKernels(T()).LogSoftmax(X, Y, Rows, Cols);
}
template <class T>
void logSoftmaxVjpImpl(const T *X, T *Y, int Rows, int Cols, T *DX, T *DY) {
  if (!checkRows("log_softmax_vjp", X, "x", Y, "y", Rows, Cols))
    return;
  checkPtr("log_softmax_vjp", "d_y", DY, 1);
  softmaxKernels(T()).LogSoftmaxVjp(X, Y, Rows, Cols, DX, DY);
}
template <class T>
void logSoftmaxJvpImpl(const T *X, T *Y, int Rows, int Cols, const T *TX,
                       T *TY) {
  if (!checkRows("log_softmax_jvp", X, "x", Y, "y", Rows, Cols))
    return;
  checkPtr("log_softmax_jvp", "t_y", TY, 1);
  if (TX) {
    softmaxKernels(T()).LogSoftmaxJvp(X, Y, Rows, Cols, TX, TY);
    return;
  }
  // A null t_x is a zero tangent: the forward, and t_y = 0.
  softmaxKernels(T()).LogSoftmax(X, Y, Rows, Cols);
  zeroRows(TY, Rows, Cols);
}
template <class T>
T crossEntropyImpl(const T *Logits, const int *Target, int Rows, int Cols) {
  checkLoss("cross_entropy", Logits, Target, Rows, Cols);
  return static_cast<T>(
      softmaxKernels(T()).CrossEntropy(Logits, Target, Rows, Cols) / Rows);
}
template <class T>
T crossEntropyVjpImpl(const char *Op, const T *Logits, const int *Target,
                      int Rows, int Cols, T DRet, T *DLogits) {
  checkLoss(Op, Logits, Target, Rows, Cols);
  return static_cast<T>(softmaxKernels(T()).CrossEntropyVjp(
                            Logits, Target, Rows, Cols, DRet / T(Rows),
                            DLogits) /
                        Rows);
}
template <class T>
T crossEntropyJvpImpl(const T *Logits, const int *Target, int Rows, int Cols,
                      const T *TLogits) {
  checkLoss("cross_entropy_jvp", Logits, Target, Rows, Cols);
  if (!TLogits) // a zero tangent of the logits
    return T(0);
  return static_cast<T>(softmaxKernels(T()).CrossEntropyJvp(Logits, Target,
                                                            Rows, Cols,
                                                            TLogits) /
                        Rows);
}
} // namespace

void softmax(const float *x, float *y, int rows, int cols) {
  softmaxImpl(x, y, rows, cols);
}
void softmax(const double *x, double *y, int rows, int cols) {
  softmaxImpl(x, y, rows, cols);
}
void softmax_vjp(const float *x, float *y, int rows, int cols, float *d_x,
                 float *d_y) {
  softmaxVjpImpl(x, y, rows, cols, d_x, d_y);
}
void softmax_vjp(const double *x, double *y, int rows, int cols, double *d_x,
                 double *d_y) {
  softmaxVjpImpl(x, y, rows, cols, d_x, d_y);
}
void softmax_jvp(const float *x, float *y, int rows, int cols,
                 const float *t_x, float *t_y) {
  softmaxJvpImpl(x, y, rows, cols, t_x, t_y);
}
void softmax_jvp(const double *x, double *y, int rows, int cols,
                 const double *t_x, double *t_y) {
  softmaxJvpImpl(x, y, rows, cols, t_x, t_y);
}
void log_softmax(const float *x, float *y, int rows, int cols) {
  logSoftmaxImpl(x, y, rows, cols);
}
void log_softmax(const double *x, double *y, int rows, int cols) {
  logSoftmaxImpl(x, y, rows, cols);
}
void log_softmax_vjp(const float *x, float *y, int rows, int cols, float *d_x,
                     float *d_y) {
  logSoftmaxVjpImpl(x, y, rows, cols, d_x, d_y);
}
void log_softmax_vjp(const double *x, double *y, int rows, int cols,
                     double *d_x, double *d_y) {
  logSoftmaxVjpImpl(x, y, rows, cols, d_x, d_y);
}
void log_softmax_jvp(const float *x, float *y, int rows, int cols,
                     const float *t_x, float *t_y) {
  logSoftmaxJvpImpl(x, y, rows, cols, t_x, t_y);
}
void log_softmax_jvp(const double *x, double *y, int rows, int cols,
                     const double *t_x, double *t_y) {
  logSoftmaxJvpImpl(x, y, rows, cols, t_x, t_y);
}

float cross_entropy(const float *logits, const int *target, int rows,
                    int cols) {
  return crossEntropyImpl(logits, target, rows, cols);
}
double cross_entropy(const double *logits, const int *target, int rows,
                     int cols) {
  return crossEntropyImpl(logits, target, rows, cols);
}
void cross_entropy_vjp(const float *logits, const int *target, int rows,
                       int cols, float d_ret, float *d_logits) {
  crossEntropyVjpImpl("cross_entropy_vjp", logits, target, rows, cols, d_ret,
                      d_logits);
}
void cross_entropy_vjp(const double *logits, const int *target, int rows,
                       int cols, double d_ret, double *d_logits) {
  crossEntropyVjpImpl("cross_entropy_vjp", logits, target, rows, cols, d_ret,
                      d_logits);
}
float cross_entropy_grad(const float *logits, const int *target, int rows,
                         int cols, float *d_logits) {
  return crossEntropyVjpImpl("cross_entropy_grad", logits, target, rows, cols,
                             1.0f, d_logits);
}
double cross_entropy_grad(const double *logits, const int *target, int rows,
                          int cols, double *d_logits) {
  return crossEntropyVjpImpl("cross_entropy_grad", logits, target, rows, cols,
                             1.0, d_logits);
}
float cross_entropy_jvp(const float *logits, const int *target, int rows,
                        int cols, const float *t_logits) {
  return crossEntropyJvpImpl(logits, target, rows, cols, t_logits);
}
double cross_entropy_jvp(const double *logits, const int *target, int rows,
                         int cols, const double *t_logits) {
  return crossEntropyJvpImpl(logits, target, rows, cols, t_logits);
}

} // namespace nn
} // namespace chainrule
#endif // HWY_ONCE
