//===- Norm.cpp - layer_norm and batch_norm -------------------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Layer normalisation (statistics per row) and training-mode batch
/// normalisation (statistics per column, over the batch rows), with their
/// derivatives, written once with Highway and dispatched per CPU.
///
/// Statistics are two-pass: the mean first, then the mean of squared
/// deviations, so that a constant row or column gives a variance of exactly
/// zero instead of a cancellation residue. The backward recomputes the
/// statistics from x (two cheap passes) rather than keeping them from the
/// forward call, since the _vjp performs the forward itself.
///
//===----------------------------------------------------------------------===//

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "Norm.cpp"
#include "hwy/foreach_target.h" // IWYU pragma: keep

#include "hwy/highway.h"

#include "VecMath-inl.h"

#ifndef CHAINRULE_RUNTIME_NORM_ONCE
#define CHAINRULE_RUNTIME_NORM_ONCE
#include "Check.h"
#include "Internal.h"
#include "chainrule/nn.h"

#include <cmath>
#include <vector>
#endif

HWY_BEFORE_NAMESPACE();
namespace chainrule {
namespace nn {
namespace HWY_NAMESPACE {
namespace {

/// Mean and 1/sqrt(var + eps) of one row, two-pass.
template <class D>
HWY_INLINE void rowStats(D Tag, const hn::TFromD<D> *X, size_t Cols,
                         hn::TFromD<D> Eps, hn::TFromD<D> &Mean,
                         hn::TFromD<D> &Rstd) {
  using T = hn::TFromD<D>;
  auto S = hn::Zero(Tag);
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag))
    S = hn::Add(S, loadPart(Tag, X + J, partCount(Tag, J, Cols)));
  Mean = sumLanes(Tag, S) / T(Cols);
  const auto M = hn::Set(Tag, Mean);
  auto Q = hn::Zero(Tag);
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, J, Cols);
    const auto E = hn::IfThenElseZero(hn::FirstN(Tag, C),
                                      hn::Sub(loadPart(Tag, X + J, C), M));
    Q = hn::MulAdd(E, E, Q);
  }
  Rstd = T(1) / std::sqrt(sumLanes(Tag, Q) / T(Cols) + Eps);
}

/// The tangent of x_hat = (x - mean) rstd at C lanes: the eps tangent's
/// part XHat EpsTerm, plus, for a tangent t_x at \p Tx (null: zero),
/// Rs (t_x - Mean1 - XHat Mean2), with Mean1 the mean of t_x and Mean2
/// that of t_x x_hat over the normalised group.
template <class D, class V>
HWY_INLINE V xHatTangent(D Tag, V XHat, V EpsTerm, V Rs, V Mean1, V Mean2,
                         const hn::TFromD<D> *Tx, size_t C) {
  if (!Tx)
    return hn::Mul(XHat, EpsTerm);
  return hn::MulAdd(XHat, EpsTerm,
                    hn::Mul(Rs, hn::NegMulAdd(XHat, Mean2,
                                              hn::Sub(loadPart(Tag, Tx, C),
                                                      Mean1))));
}

template <class T>
void layerNormFwd(const T *X, const T *G, const T *B, T *Y, size_t Rows,
                  size_t Cols, T Eps) {
  const hn::ScalableTag<T> Tag;
  for (size_t R = 0; R < Rows; ++R) {
    const T *Xr = X + R * Cols;
    T *Yr = Y + R * Cols;
    T Mean, Rstd;
    rowStats(Tag, Xr, Cols, Eps, Mean, Rstd);
    const auto M = hn::Set(Tag, Mean), Rs = hn::Set(Tag, Rstd);
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      const auto XHat = hn::Mul(hn::Sub(loadPart(Tag, Xr + J, C), M), Rs);
      storePart(hn::MulAdd(loadPart(Tag, G + J, C), XHat,
                           loadPart(Tag, B + J, C)),
                Tag, Yr + J, C);
    }
  }
}

template <class T>
double layerNormVjp(const T *X, const T *G, const T *B, T *Y, size_t Rows,
                    size_t Cols, T Eps, T *DX, T *DG, T *DB, T *DY) {
  const hn::ScalableTag<T> Tag;
  double DEps = 0;
  for (size_t R = 0; R < Rows; ++R) {
    const T *Xr = X + R * Cols;
    T *Yr = Y + R * Cols, *DYr = DY + R * Cols;
    T Mean, Rstd;
    rowStats(Tag, Xr, Cols, Eps, Mean, Rstd);
    const auto M = hn::Set(Tag, Mean), Rs = hn::Set(Tag, Rstd);
    // Pass 1: y, the parameter adjoints and the two row sums.
    auto S1 = hn::Zero(Tag), S2 = hn::Zero(Tag);
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      const auto XHat = hn::Mul(hn::Sub(loadPart(Tag, Xr + J, C), M), Rs);
      const auto Gam = loadPart(Tag, G + J, C);
      const auto Gv = loadPart(Tag, DYr + J, C);
      storePart(hn::MulAdd(Gam, XHat, loadPart(Tag, B + J, C)), Tag, Yr + J,
                C);
      if (DG)
        storePart(hn::MulAdd(Gv, XHat, loadPart(Tag, DG + J, C)), Tag, DG + J,
                  C);
      if (DB)
        storePart(hn::Add(Gv, loadPart(Tag, DB + J, C)), Tag, DB + J, C);
      const auto GH = hn::Mul(Gv, Gam);
      S1 = hn::Add(S1, GH);
      S2 = hn::MulAdd(GH, XHat, S2);
    }
    const T Sum1 = sumLanes(Tag, S1), Sum2 = sumLanes(Tag, S2);
    DEps += -0.5 * static_cast<double>(Rstd) * Rstd * Sum2;
    // Pass 2: d_x += r (gh - mean(gh) - xhat mean(gh xhat)); zero d_y.
    const auto Mean1 = hn::Set(Tag, Sum1 / T(Cols));
    const auto Mean2 = hn::Set(Tag, Sum2 / T(Cols));
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      const auto Gv = loadPart(Tag, DYr + J, C);
      storePart(hn::Zero(Tag), Tag, DYr + J, C);
      if (!DX)
        continue;
      T *DXr = DX + R * Cols;
      const auto XHat = hn::Mul(hn::Sub(loadPart(Tag, Xr + J, C), M), Rs);
      const auto GH = hn::Mul(Gv, loadPart(Tag, G + J, C));
      const auto Inner = hn::NegMulAdd(XHat, Mean2, hn::Sub(GH, Mean1));
      storePart(hn::MulAdd(Rs, Inner, loadPart(Tag, DXr + J, C)), Tag,
                DXr + J, C);
    }
  }
  return DEps;
}

/// Forward mode of layer_norm. A null TX skips the pass over the row that
/// reduces t_x (the tangent of xhat is then the eps term alone); a null TG
/// or TB contributes zero. With no tangent at all (and t_eps = 0) every
/// term is zero, so t_y is written as +0.
template <class T>
void layerNormJvp(const T *X, const T *G, const T *B, T *Y, size_t Rows,
                  size_t Cols, T Eps, const T *TX, const T *TG, const T *TB,
                  T *TY, T TEps) {
  const hn::ScalableTag<T> Tag;
  for (size_t R = 0; R < Rows; ++R) {
    const T *Xr = X + R * Cols, *TXr = TX ? TX + R * Cols : nullptr;
    T *Yr = Y + R * Cols, *TYr = TY + R * Cols;
    T Mean, Rstd;
    rowStats(Tag, Xr, Cols, Eps, Mean, Rstd);
    const auto M = hn::Set(Tag, Mean), Rs = hn::Set(Tag, Rstd);
    auto S1 = hn::Zero(Tag), S2 = hn::Zero(Tag);
    if (TXr)
      for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
        const size_t C = partCount(Tag, J, Cols);
        const auto XHat = hn::Mul(hn::Sub(loadPart(Tag, Xr + J, C), M), Rs);
        const auto Tx = loadPart(Tag, TXr + J, C);
        S1 = hn::Add(S1, Tx);
        S2 = hn::MulAdd(XHat, Tx, S2);
      }
    const auto Mean1 = hn::Set(Tag, sumLanes(Tag, S1) / T(Cols));
    const auto Mean2 = hn::Set(Tag, sumLanes(Tag, S2) / T(Cols));
    const auto EpsTerm = hn::Set(Tag, T(-0.5) * Rstd * Rstd * TEps);
    for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
      const size_t C = partCount(Tag, J, Cols);
      const auto XHat = hn::Mul(hn::Sub(loadPart(Tag, Xr + J, C), M), Rs);
      const auto Gam = loadPart(Tag, G + J, C);
      storePart(hn::MulAdd(Gam, XHat, loadPart(Tag, B + J, C)), Tag, Yr + J,
                C);
      const auto TXHat = xHatTangent(Tag, XHat, EpsTerm, Rs, Mean1, Mean2,
                                     TXr ? TXr + J : nullptr, C);
      auto TBeta = hn::Zero(Tag);
      if (TB)
        TBeta = loadPart(Tag, TB + J, C);
      auto Ty = hn::MulAdd(Gam, TXHat, TBeta);
      if (TG)
        Ty = hn::MulAdd(loadPart(Tag, TG + J, C), XHat, Ty);
      storePart(Ty, Tag, TYr + J, C);
    }
  }
}

/// Column means and 1/sqrt(var + eps) for batch norm, two-pass, vectorised
/// across the columns.
template <class T>
void columnStats(const T *X, size_t Rows, size_t Cols, T Eps, T *Mean,
                 T *Rstd) {
  const hn::ScalableTag<T> Tag;
  const auto InvRows = hn::Set(Tag, T(1) / T(Rows));
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, J, Cols);
    auto S = hn::Zero(Tag);
    for (size_t R = 0; R < Rows; ++R)
      S = hn::Add(S, loadPart(Tag, X + R * Cols + J, C));
    const auto M = hn::Mul(S, InvRows);
    auto Q = hn::Zero(Tag);
    for (size_t R = 0; R < Rows; ++R) {
      const auto E = hn::Sub(loadPart(Tag, X + R * Cols + J, C), M);
      Q = hn::MulAdd(E, E, Q);
    }
    const auto Var = hn::MulAdd(Q, InvRows, hn::Set(Tag, Eps));
    storePart(M, Tag, Mean + J, C);
    storePart(hn::Div(hn::Set(Tag, T(1)), hn::Sqrt(Var)), Tag, Rstd + J, C);
  }
}

template <class T>
void batchNormFwd(const T *X, const T *G, const T *B, T *Y, size_t Rows,
                  size_t Cols, T Eps) {
  const hn::ScalableTag<T> Tag;
  std::vector<T> Mean(Cols), Rstd(Cols);
  columnStats(X, Rows, Cols, Eps, Mean.data(), Rstd.data());
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, J, Cols);
    const auto M = loadPart(Tag, Mean.data() + J, C);
    const auto Scale = hn::Mul(loadPart(Tag, G + J, C),
                               loadPart(Tag, Rstd.data() + J, C));
    const auto Shift = loadPart(Tag, B + J, C);
    for (size_t R = 0; R < Rows; ++R)
      storePart(hn::MulAdd(Scale, hn::Sub(loadPart(Tag, X + R * Cols + J, C),
                                          M),
                           Shift),
                Tag, Y + R * Cols + J, C);
  }
}

template <class T>
double batchNormVjp(const T *X, const T *G, const T *B, T *Y, size_t Rows,
                    size_t Cols, T Eps, T *DX, T *DG, T *DB, T *DY) {
  const hn::ScalableTag<T> Tag;
  std::vector<T> Mean(Cols), Rstd(Cols);
  columnStats(X, Rows, Cols, Eps, Mean.data(), Rstd.data());
  const auto InvRows = hn::Set(Tag, T(1) / T(Rows));
  double DEps = 0;
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, J, Cols);
    const auto M = loadPart(Tag, Mean.data() + J, C);
    const auto Rs = loadPart(Tag, Rstd.data() + J, C);
    const auto Gam = loadPart(Tag, G + J, C);
    const auto Beta = loadPart(Tag, B + J, C);
    // Pass 1 over the rows: y and the sums of g and g xhat per column.
    auto Sg = hn::Zero(Tag), Sgx = hn::Zero(Tag);
    for (size_t R = 0; R < Rows; ++R) {
      const size_t K = R * Cols + J;
      const auto XHat = hn::Mul(hn::Sub(loadPart(Tag, X + K, C), M), Rs);
      const auto Gv = loadPart(Tag, DY + K, C);
      storePart(hn::MulAdd(Gam, XHat, Beta), Tag, Y + K, C);
      Sg = hn::Add(Sg, Gv);
      Sgx = hn::MulAdd(Gv, XHat, Sgx);
    }
    if (DG)
      storePart(hn::Add(Sgx, loadPart(Tag, DG + J, C)), Tag, DG + J, C);
    if (DB)
      storePart(hn::Add(Sg, loadPart(Tag, DB + J, C)), Tag, DB + J, C);
    // d_eps: -r^2/2 sum(gamma g xhat), padded lanes masked out.
    DEps += -0.5 * static_cast<double>(sumLanes(
                       Tag, hn::IfThenElseZero(
                                hn::FirstN(Tag, C),
                                hn::Mul(hn::Mul(Rs, Rs), hn::Mul(Gam, Sgx)))));
    // Pass 2: d_x += gamma r (g - mean(g) - xhat mean(g xhat)); zero d_y.
    const auto MeanG = hn::Mul(Sg, InvRows), MeanGX = hn::Mul(Sgx, InvRows);
    const auto GR = hn::Mul(Gam, Rs);
    for (size_t R = 0; R < Rows; ++R) {
      const size_t K = R * Cols + J;
      const auto Gv = loadPart(Tag, DY + K, C);
      storePart(hn::Zero(Tag), Tag, DY + K, C);
      if (!DX)
        continue;
      const auto XHat = hn::Mul(hn::Sub(loadPart(Tag, X + K, C), M), Rs);
      const auto Inner = hn::NegMulAdd(XHat, MeanGX, hn::Sub(Gv, MeanG));
      storePart(hn::MulAdd(GR, Inner, loadPart(Tag, DX + K, C)), Tag, DX + K,
                C);
    }
  }
  return DEps;
}

/// Forward mode of batch_norm, null tangents as in layerNormJvp.
template <class T>
void batchNormJvp(const T *X, const T *G, const T *B, T *Y, size_t Rows,
                  size_t Cols, T Eps, const T *TX, const T *TG, const T *TB,
                  T *TY, T TEps) {
  const hn::ScalableTag<T> Tag;
  std::vector<T> Mean(Cols), Rstd(Cols);
  columnStats(X, Rows, Cols, Eps, Mean.data(), Rstd.data());
  const auto InvRows = hn::Set(Tag, T(1) / T(Rows));
  for (size_t J = 0; J < Cols; J += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, J, Cols);
    const auto M = loadPart(Tag, Mean.data() + J, C);
    const auto Rs = loadPart(Tag, Rstd.data() + J, C);
    const auto Gam = loadPart(Tag, G + J, C);
    const auto Beta = loadPart(Tag, B + J, C);
    auto TGam = hn::Zero(Tag), TBeta = hn::Zero(Tag);
    if (TG)
      TGam = loadPart(Tag, TG + J, C);
    if (TB)
      TBeta = loadPart(Tag, TB + J, C);
    auto S1 = hn::Zero(Tag), S2 = hn::Zero(Tag);
    if (TX)
      for (size_t R = 0; R < Rows; ++R) {
        const size_t K = R * Cols + J;
        const auto XHat = hn::Mul(hn::Sub(loadPart(Tag, X + K, C), M), Rs);
        const auto Tx = loadPart(Tag, TX + K, C);
        S1 = hn::Add(S1, Tx);
        S2 = hn::MulAdd(XHat, Tx, S2);
      }
    const auto Mean1 = hn::Mul(S1, InvRows), Mean2 = hn::Mul(S2, InvRows);
    const auto EpsTerm =
        hn::Mul(hn::Set(Tag, T(-0.5) * TEps), hn::Mul(Rs, Rs));
    for (size_t R = 0; R < Rows; ++R) {
      const size_t K = R * Cols + J;
      const auto XHat = hn::Mul(hn::Sub(loadPart(Tag, X + K, C), M), Rs);
      storePart(hn::MulAdd(Gam, XHat, Beta), Tag, Y + K, C);
      const auto TXHat = xHatTangent(Tag, XHat, EpsTerm, Rs, Mean1, Mean2,
                                     TX ? TX + K : nullptr, C);
      auto Ty = hn::MulAdd(Gam, TXHat, TBeta);
      if (TG)
        Ty = hn::MulAdd(TGam, XHat, Ty);
      storePart(Ty, Tag, TY + K, C);
    }
  }
}

template <class T> detail::NormKernels<T> makeTable() {
  detail::NormKernels<T> K;
  K.LayerNorm = &layerNormFwd<T>;
  K.LayerNormVjp = &layerNormVjp<T>;
  K.LayerNormJvp = &layerNormJvp<T>;
  K.BatchNorm = &batchNormFwd<T>;
  K.BatchNormVjp = &batchNormVjp<T>;
  K.BatchNormJvp = &batchNormJvp<T>;
  return K;
}

} // namespace

CHAINRULE_RT_TABLES(NormKernels, norm)

} // namespace HWY_NAMESPACE
} // namespace nn
} // namespace chainrule
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace chainrule {
namespace nn {
CHAINRULE_RT_DISPATCH(NormKernels, norm)

namespace {
using namespace detail;

/// Checks a norm call; returns false when there is nothing to do.
template <class T>
bool checkNorm(const char *Op, const T *X, const T *G, const T *B, const T *Y,
               int Rows, int Cols) {
  checkSize(Op, "rows", Rows);
  checkSize(Op, "cols", Cols);
  const long long N = static_cast<long long>(Rows) * Cols;
  checkPtr(Op, "x", X, N);
  checkPtr(Op, "gamma", G, N > 0 ? Cols : 0);
  checkPtr(Op, "beta", B, N > 0 ? Cols : 0);
  checkPtr(Op, "y", Y, N);
  return N > 0;
}

template <class T>
void normImpl(bool Batch, const T *X, const T *G, const T *B, T *Y, int Rows,
              int Cols, T Eps) {
  if (!checkNorm(Batch ? "batch_norm" : "layer_norm", X, G, B, Y, Rows, Cols))
    return;
  const auto &K = normKernels(T());
  (Batch ? K.BatchNorm : K.LayerNorm)(X, G, B, Y, Rows, Cols, Eps);
}

template <class T>
void normVjpImpl(bool Batch, const T *X, const T *G, const T *B, T *Y,
                 int Rows, int Cols, T Eps, T *DX, T *DG, T *DB, T *DY,
                 T *DEps) {
  const char *Op = Batch ? "batch_norm_vjp" : "layer_norm_vjp";
  if (!checkNorm(Op, X, G, B, Y, Rows, Cols))
    return;
  checkPtr(Op, "d_y", DY, 1);
  const auto &K = normKernels(T());
  const double E = (Batch ? K.BatchNormVjp : K.LayerNormVjp)(
      X, G, B, Y, Rows, Cols, Eps, DX, DG, DB, DY);
  if (DEps)
    *DEps += static_cast<T>(E);
}

template <class T>
void normJvpImpl(bool Batch, const T *X, const T *G, const T *B, T *Y,
                 int Rows, int Cols, T Eps, const T *TX, const T *TG,
                 const T *TB, T *TY, T TEps) {
  const char *Op = Batch ? "batch_norm_jvp" : "layer_norm_jvp";
  if (!checkNorm(Op, X, G, B, Y, Rows, Cols))
    return;
  checkPtr(Op, "t_y", TY, 1);
  const auto &K = normKernels(T());
  (Batch ? K.BatchNormJvp : K.LayerNormJvp)(X, G, B, Y, Rows, Cols, Eps, TX,
                                            TG, TB, TY, TEps);
}
} // namespace

#define CHAINRULE_RT_NORM(NAME, BATCH)                                         \
  void NAME(const float *x, const float *gamma, const float *beta, float *y,   \
            int rows, int cols, float eps) {                                   \
    normImpl(BATCH, x, gamma, beta, y, rows, cols, eps);                       \
  }                                                                            \
  void NAME(const double *x, const double *gamma, const double *beta,          \
            double *y, int rows, int cols, double eps) {                       \
    normImpl(BATCH, x, gamma, beta, y, rows, cols, eps);                       \
  }                                                                            \
  void NAME##_vjp(const float *x, const float *gamma, const float *beta,       \
                  float *y, int rows, int cols, float eps, float *d_x,         \
                  float *d_gamma, float *d_beta, float *d_y, float *d_eps) {   \
    normVjpImpl(BATCH, x, gamma, beta, y, rows, cols, eps, d_x, d_gamma,       \
                d_beta, d_y, d_eps);                                           \
  }                                                                            \
  void NAME##_vjp(const double *x, const double *gamma, const double *beta,    \
                  double *y, int rows, int cols, double eps, double *d_x,      \
                  double *d_gamma, double *d_beta, double *d_y,                \
                  double *d_eps) {                                             \
    normVjpImpl(BATCH, x, gamma, beta, y, rows, cols, eps, d_x, d_gamma,       \
                d_beta, d_y, d_eps);                                           \
  }                                                                            \
  void NAME##_jvp(const float *x, const float *gamma, const float *beta,       \
                  float *y, int rows, int cols, float eps, const float *t_x,   \
                  const float *t_gamma, const float *t_beta, float *t_y,       \
                  float t_eps) {                                               \
    normJvpImpl(BATCH, x, gamma, beta, y, rows, cols, eps, t_x, t_gamma,       \
                t_beta, t_y, t_eps);                                           \
  }                                                                            \
  void NAME##_jvp(const double *x, const double *gamma, const double *beta,    \
                  double *y, int rows, int cols, double eps,                   \
                  const double *t_x, const double *t_gamma,                    \
                  const double *t_beta, double *t_y, double t_eps) {           \
    normJvpImpl(BATCH, x, gamma, beta, y, rows, cols, eps, t_x, t_gamma,       \
                t_beta, t_y, t_eps);                                           \
  }
CHAINRULE_RT_NORM(layer_norm, false)
CHAINRULE_RT_NORM(batch_norm, true)
#undef CHAINRULE_RT_NORM

} // namespace nn
} // namespace chainrule
#endif // HWY_ONCE
