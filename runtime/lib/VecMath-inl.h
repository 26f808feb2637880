//===- VecMath-inl.h - Per-target vector helpers ------------------*- C++ -*-===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Highway helpers shared by the kernel files, compiled once per target (the
/// usual "-inl.h" toggle guard): loads and stores of a partial last vector,
/// blocked summation, and the vector math Highway 1.0.3 lacks: sigmoid split
/// by sign, erf/erfc and the normal CDF used by gelu.
///
/// erf/erfc follow the method and the rational approximations of fdlibm's
/// s_erf.c (Copyright (C) 1993 by Sun Microsystems, Inc.; "Permission to
/// use, copy, modify, and distribute this software is freely granted,
/// provided that this notice is preserved."), evaluated branch-free: all
/// three intervals are computed and blended, with exp from Highway.
///
//===----------------------------------------------------------------------===//

#if defined(CHAINRULE_RUNTIME_VECMATH_INL_H) == defined(HWY_TARGET_TOGGLE)
#ifdef CHAINRULE_RUNTIME_VECMATH_INL_H
#undef CHAINRULE_RUNTIME_VECMATH_INL_H
#else
#define CHAINRULE_RUNTIME_VECMATH_INL_H
#endif

#include "hwy/contrib/math/math-inl.h"
#include "hwy/highway.h"

#include <cstring>

HWY_BEFORE_NAMESPACE();
namespace chainrule {
namespace nn {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

/// Loads \p Count <= Lanes(D) entries from \p P; the missing lanes hold
/// \p Fill. Never reads past P + Count.
template <class D>
HWY_INLINE hn::Vec<D> loadPart(D Tag, const hn::TFromD<D> *P, size_t Count,
                               hn::TFromD<D> Fill = 0) {
  using T = hn::TFromD<D>;
  if (HWY_LIKELY(Count == hn::Lanes(Tag)))
    return hn::LoadU(Tag, P);
  HWY_ALIGN T Buf[HWY_MAX_BYTES / sizeof(T)];
  for (size_t I = 0; I < HWY_MAX_BYTES / sizeof(T); ++I)
    Buf[I] = Fill;
  std::memcpy(Buf, P, Count * sizeof(T));
  return hn::Load(Tag, Buf);
}

/// Stores the first \p Count <= Lanes(D) lanes of \p V to \p P.
template <class D>
HWY_INLINE void storePart(hn::Vec<D> V, D Tag, hn::TFromD<D> *P,
                          size_t Count) {
  using T = hn::TFromD<D>;
  if (HWY_LIKELY(Count == hn::Lanes(Tag))) {
    hn::StoreU(V, Tag, P);
    return;
  }
  HWY_ALIGN T Buf[HWY_MAX_BYTES / sizeof(T)];
  hn::Store(V, Tag, Buf);
  std::memcpy(P, Buf, Count * sizeof(T));
}

/// The number of lanes of the vector starting at \p I of an \p N-entry row.
template <class D> HWY_INLINE size_t partCount(D Tag, size_t I, size_t N) {
  const size_t L = hn::Lanes(Tag);
  return N - I < L ? N - I : L;
}

/// Sums vectors: lanes in the vector type within blocks of 256 vectors,
/// blocks in double, so that a float sum over millions of entries keeps
/// float accuracy per block and double accuracy across blocks.
template <class D> class BlockedSum {
public:
  explicit BlockedSum(D Tag) : Tag(Tag), Acc(hn::Zero(Tag)) {}
  HWY_INLINE void add(hn::Vec<D> V) {
    Acc = hn::Add(Acc, V);
    if (++Pending == 256)
      flush();
  }
  HWY_INLINE double total() {
    flush();
    return Total;
  }

private:
  HWY_INLINE void flush() {
    Total += static_cast<double>(hn::GetLane(hn::SumOfLanes(Tag, Acc)));
    Acc = hn::Zero(Tag);
    Pending = 0;
  }
  D Tag;
  hn::Vec<D> Acc;
  size_t Pending = 0;
  double Total = 0;
};

/// Horizontal sum of one vector.
template <class D> HWY_INLINE hn::TFromD<D> sumLanes(D Tag, hn::Vec<D> V) {
  return hn::GetLane(hn::SumOfLanes(Tag, V));
}

/// Horizontal maximum of one vector.
template <class D> HWY_INLINE hn::TFromD<D> maxLanes(D Tag, hn::Vec<D> V) {
  return hn::GetLane(hn::MaxOfLanes(Tag, V));
}

/// Keeps NaN inputs visible: returns \p X where it is NaN, \p R elsewhere.
template <class D>
HWY_INLINE hn::Vec<D> passNaN(D Tag, hn::Vec<D> X, hn::Vec<D> R) {
  return hn::IfThenElse(hn::IsNaN(X), X, R);
}

/// sigmoid(x) = 1 / (1 + e^-x), evaluated as 1 / (1 + e) for x >= 0 and
/// e / (1 + e) for x < 0 with e = exp(-|x|) <= 1: exp never overflows and
/// both halves keep full relative accuracy.
///
/// With \p Slope, also returns sigmoid'(x) = e / (1 + e)^2 = e r^2 with
/// r = 1 / (1 + e), which keeps full relative accuracy where y (1 - y)
/// would cancel (y near 1).
template <class D>
HWY_INLINE hn::Vec<D> sigmoidV(D Tag, hn::Vec<D> X,
                               hn::Vec<D> *Slope = nullptr) {
  using T = hn::TFromD<D>;
  const auto One = hn::Set(Tag, T(1));
  const auto E = hn::Exp(Tag, hn::Neg(hn::Abs(X)));
  const auto R = hn::Div(One, hn::Add(One, E));
  const auto ER = hn::Mul(E, R);
  if (Slope)
    *Slope = hn::Mul(ER, R);
  return passNaN(Tag, X, hn::IfThenElse(hn::Lt(X, hn::Zero(Tag)), ER, R));
}

/// Horner evaluation of C[0] + C[1] z + ... + C[K-1] z^(K-1).
template <class D, size_t K>
HWY_INLINE hn::Vec<D> horner(D Tag, hn::Vec<D> Z, const double (&C)[K]) {
  using T = hn::TFromD<D>;
  auto R = hn::Set(Tag, static_cast<T>(C[K - 1]));
  for (size_t I = K - 1; I-- > 0;)
    R = hn::MulAdd(R, Z, hn::Set(Tag, static_cast<T>(C[I])));
  return R;
}

/// Keeps the high bits of \p V (21 significant bits for double, 11 for
/// float) so that the square of the result is exact.
template <class D> HWY_INLINE hn::Vec<D> truncateForSquare(D Tag,
                                                           hn::Vec<D> V) {
  using T = hn::TFromD<D>;
  const hn::RebindToUnsigned<D> DU;
  using U = hn::TFromD<decltype(DU)>;
  const U Mask = sizeof(T) == 4 ? static_cast<U>(0xFFFFE000u)
                                : static_cast<U>(0xFFFFFFFF00000000ull);
  return hn::BitCast(Tag, hn::And(hn::BitCast(DU, V), hn::Set(DU, Mask)));
}

/// For A = |x| >= 0 computes erf(A) and erfc(A), the latter with full
/// relative accuracy in the tail. The caller passes -A^2 split as Hi + Lo,
/// Hi exact (see truncateForSquare), so that exp(-A^2) does not inherit the
/// rounding error of squaring A (for gelu, A = |x|/sqrt 2 itself is rounded,
/// and the split is taken from x instead).
template <class D>
HWY_INLINE void erfParts(D Tag, hn::Vec<D> A, hn::Vec<D> Hi, hn::Vec<D> Lo,
                         hn::Vec<D> &ErfA, hn::Vec<D> &ErfcA) {
  using T = hn::TFromD<D>;
  using V = hn::Vec<D>;
  // fdlibm s_erf.c coefficients.
  static constexpr double PP[] = {
      1.28379167095512558561e-01, -3.25042107247001499370e-01,
      -2.84817495755985104766e-02, -5.77027029648944159157e-03,
      -2.37630166566501626084e-05};
  static constexpr double QQ[] = {
      1.0, 3.97917223959155352819e-01, 6.50222499887672944485e-02,
      5.08130628187576562776e-03, 1.32494738004321644526e-04,
      -3.96022827877536812320e-06};
  static constexpr double PA[] = {
      -2.36211856075265944077e-03, 4.14856118683748331666e-01,
      -3.72207876035701323847e-01, 3.18346619901161753674e-01,
      -1.10894694282396677476e-01, 3.54783043256182359371e-02,
      -2.16637559486879084300e-03};
  static constexpr double QA[] = {
      1.0, 1.06420880400844228286e-01, 5.40397917702171048937e-01,
      7.18286544141962662868e-02, 1.26171219808761642112e-01,
      1.36370839120290507362e-02, 1.19844998467991074170e-02};
  static constexpr double RA[] = {
      -9.86494403484714822705e-03, -6.93858572707181764372e-01,
      -1.05586262253232909814e+01, -6.23753324503260060396e+01,
      -1.62396669462573470355e+02, -1.84605092906711035994e+02,
      -8.12874355063065934246e+01, -9.81432934416914548592e+00};
  static constexpr double SA[] = {
      1.0, 1.96512716674392571292e+01, 1.37657754143519042600e+02,
      4.34565877475229228821e+02, 6.45387271733267880336e+02,
      4.29008140027567833386e+02, 1.08635005541779435134e+02,
      6.57024977031928170135e+00, -6.04244152148580987438e-02};
  static constexpr double RB[] = {
      -9.86494292470009928597e-03, -7.99283237680523006574e-01,
      -1.77579549177547519889e+01, -1.60636384855821916062e+02,
      -6.37566443368389627722e+02, -1.02509513161107724954e+03,
      -4.83519191608651397019e+02};
  static constexpr double SB[] = {
      1.0, 3.03380607434824582924e+01, 3.25792512996573918826e+02,
      1.53672958608443695994e+03, 3.19985821950859553908e+03,
      2.55305040643316442583e+03, 4.74528541206955367215e+02,
      -2.24409524465858183362e+01};
  const double Erx = 8.45062911510467529297e-01;

  const V One = hn::Set(Tag, T(1));
  const V Half = hn::Set(Tag, T(0.5));

  // [0, 0.84375): erf(a) = a + a P/Q(a^2).
  const V Z = hn::Mul(A, A);
  const V Y = hn::Div(horner(Tag, Z, PP), horner(Tag, Z, QQ));
  const V Erf1 = hn::MulAdd(A, Y, A);
  const V Erfc1 = hn::IfThenElse(
      hn::Lt(A, hn::Set(Tag, T(0.25))), hn::Sub(One, Erf1),
      hn::Sub(Half, hn::MulAdd(A, Y, hn::Sub(A, Half))));

  // [0.84375, 1.25): erf(1 + s) = erx + P1/Q1(s).
  const V S = hn::Sub(A, One);
  const V PQ = hn::Div(horner(Tag, S, PA), horner(Tag, S, QA));
  const V Erf2 = hn::Add(hn::Set(Tag, static_cast<T>(Erx)), PQ);
  const V Erfc2 = hn::Sub(hn::Set(Tag, static_cast<T>(1 - Erx)), PQ);

  // [1.25, 28): erfc(a) = exp(-a^2 - 0.5625 + R/S(1/a^2)) / a.
  const V AC = hn::Min(hn::Max(A, hn::Set(Tag, T(1.25))), hn::Set(Tag, T(28)));
  const V W = hn::Div(One, hn::Mul(AC, AC));
  const auto Far = hn::Ge(AC, hn::Set(Tag, static_cast<T>(1 / 0.35)));
  const V R = hn::IfThenElse(Far, horner(Tag, W, RB), horner(Tag, W, RA));
  const V Sd = hn::IfThenElse(Far, horner(Tag, W, SB), horner(Tag, W, SA));
  // Clamp the exponent parts too, so that far-out lanes stay finite.
  const V HiC = hn::Max(Hi, hn::Set(Tag, T(-800)));
  const V LoC = hn::IfThenElseZero(hn::Lt(A, hn::Set(Tag, T(28))), Lo);
  const V E = hn::Mul(hn::Exp(Tag, hn::Sub(HiC, hn::Set(Tag, T(0.5625)))),
                      hn::Exp(Tag, hn::Add(LoC, hn::Div(R, Sd))));
  const V Erfc3 = hn::Div(E, AC);
  const V Erf3 = hn::Sub(One, Erfc3);

  const auto In1 = hn::Lt(A, hn::Set(Tag, T(0.84375)));
  const auto In2 = hn::Lt(A, hn::Set(Tag, T(1.25)));
  const auto In3 = hn::Lt(A, hn::Set(Tag, T(28)));
  ErfA = hn::IfThenElse(
      In1, Erf1, hn::IfThenElse(In2, Erf2, hn::IfThenElse(In3, Erf3, One)));
  ErfcA = hn::IfThenElse(
      In1, Erfc1,
      hn::IfThenElse(In2, Erfc2, hn::IfThenElseZero(In3, Erfc3)));
}

/// -A^2 as Hi + Lo with Hi exact.
template <class D>
HWY_INLINE void negSquareSplit(D Tag, hn::Vec<D> A, hn::Vec<D> &Hi,
                               hn::Vec<D> &Lo) {
  const auto Zt = truncateForSquare(Tag, A);
  Hi = hn::Neg(hn::Mul(Zt, Zt));
  Lo = hn::Mul(hn::Sub(Zt, A), hn::Add(Zt, A));
}

/// erf(x).
template <class D> HWY_INLINE hn::Vec<D> erfV(D Tag, hn::Vec<D> X) {
  const auto A = hn::Abs(X);
  hn::Vec<D> Hi, Lo, ErfA, ErfcA;
  negSquareSplit(Tag, A, Hi, Lo);
  erfParts(Tag, A, Hi, Lo, ErfA, ErfcA);
  return passNaN(Tag, X, hn::CopySign(ErfA, X));
}

/// erfc(x).
template <class D> HWY_INLINE hn::Vec<D> erfcV(D Tag, hn::Vec<D> X) {
  using T = hn::TFromD<D>;
  const auto A = hn::Abs(X);
  hn::Vec<D> Hi, Lo, ErfA, ErfcA;
  negSquareSplit(Tag, A, Hi, Lo);
  erfParts(Tag, A, Hi, Lo, ErfA, ErfcA);
  const auto R = hn::IfThenElse(hn::Lt(X, hn::Zero(Tag)),
                                hn::Sub(hn::Set(Tag, T(2)), ErfcA), ErfcA);
  return passNaN(Tag, X, R);
}

/// The standard normal CDF Phi(x) = erfc(-x/sqrt 2)/2, accurate relative to
/// Phi also in the left tail: -x^2/2 is split exactly from x itself.
template <class D> HWY_INLINE hn::Vec<D> normalCdfV(D Tag, hn::Vec<D> X) {
  using T = hn::TFromD<D>;
  const auto Half = hn::Set(Tag, T(0.5));
  const auto Abs = hn::Abs(X);
  const auto A = hn::Mul(Abs, hn::Set(Tag, T(0.70710678118654752440)));
  const auto Zt = truncateForSquare(Tag, Abs);
  const auto Hi = hn::Mul(hn::Neg(Half), hn::Mul(Zt, Zt));
  const auto Lo = hn::Mul(Half, hn::Mul(hn::Sub(Zt, Abs), hn::Add(Zt, Abs)));
  hn::Vec<D> ErfA, ErfcA;
  erfParts(Tag, A, Hi, Lo, ErfA, ErfcA);
  return hn::IfThenElse(hn::Lt(X, hn::Zero(Tag)), hn::Mul(Half, ErfcA),
                        hn::MulAdd(Half, ErfA, Half));
}

/// The standard normal density phi(x) = exp(-x^2/2) / sqrt(2 pi).
template <class D> HWY_INLINE hn::Vec<D> normalPdfV(D Tag, hn::Vec<D> X) {
  using T = hn::TFromD<D>;
  const auto E =
      hn::Exp(Tag, hn::Mul(hn::Set(Tag, T(-0.5)), hn::Mul(X, X)));
  return hn::Mul(E, hn::Set(Tag, T(0.39894228040143267794)));
}

} // namespace HWY_NAMESPACE
} // namespace nn
} // namespace chainrule
HWY_AFTER_NAMESPACE();

#endif // CHAINRULE_RUNTIME_VECMATH_INL_H toggle
