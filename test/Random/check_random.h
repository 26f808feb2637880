//===- check_random.h - The checks of a random program ----------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The checks of the random programs of program.py, each
/// `template <typename T> T f(T x, T y, T z, T *w, int n)` with its
/// derivatives for float, double and long double. f may write its buffer
/// w: the quantity differentiated is L = f + <s, w after the call> for a
/// fixed seed s, as docs/user-guide.md defines the shadow of a written buffer (it holds
/// s on entry and dL/dw on return); the tangent of w after the call enters
/// the jvp the same way. At n = 0, 1 and 3, for the 7 inputs (x, y, z,
/// w[0..3]), in each type:
///
/// - f_grad returns what f returns and leaves w as f does, bit for bit (the
///   primal side effects of a derivative are those of f), and so does f_jvp
///   (run_random.py compiles at -O0 with -fno-builtin and
///   -ffp-contract=off, so that the C++ compiler neither folds <cmath>
///   calls nor contracts multiply-adds differently in f and in them);
/// - the gradient equals the jvp in each direction up to rounding: to 1e-9
///   relative in double and long double, 1e-3 in float (about 2^22 and
///   2^14 epsilons: the two modes sum the chain rule's products in
///   different orders, and programs of a few hundred operations lose that
///   much where terms cancel). A larger difference is rounding too if it
///   is 64 or more times smaller in the next finer type (for long double,
///   the finest, larger in double) (long double has 2^11 times double's precision,
///   double 2^29 times float's): where terms far larger than the result
///   cancel, both modes lose digits, but a wrong derivative is as wrong in
///   any precision. It is rounding too if it is within 16 times the
///   derivatives' rounding noise, which scales with the terms summed into
///   an adjoint rather than with their sum: how far both derivatives move
///   between rounding upward and downward (measureNoise; run_random.py
///   compiles with -frounding-math so that the rounding mode is obeyed);
/// - in double, where f and its derivatives stay below 1e6 (beyond, the
///   values have grown so large that sin or cos of them oscillate faster
///   than any step resolves, and differences of every step agree on an
///   average), the gradient equals a central difference of step 1e-6
///   (accurate to about 1e-8 on smooth code) to 1e-4 relative, plus the
///   difference's rounding noise (64 epsilons of |L| over the step: where
///   L is huge, a small derivative drowns in it), where the differences of
///   steps 1e-6 and 1e-5 agree to as much: where they do not, a branch
///   flips or iterations blow up near the point (the function is not
///   smooth, or too badly conditioned there), and a difference quotient
///   means nothing;
/// - the float gradient equals the long double one to 1e-2 relative, plus
///   2^35 times the double gradient's distance to it (float has 2^29 times
///   less precision, and 64 more for slack), where the float, double and
///   long double values of f and w agree to 1e-5 (the programs took the
///   same branches) and the double function is smooth by the test above.
///
/// Each failure prints a line naming the program, its type, n and the
/// input; the check returns the number of failures. Derivatives are
/// compared only where the computations of f and f_jvp stay finite in the
/// type (they raise no floating-point overflow, division by zero or
/// invalid operation), and a component of f_grad that is not finite only
/// where f_grad's computation stays finite too: past an overflow, or where
/// a partial derivative is infinite (cbrt or sqrt at 0), a derivative is
/// inf or NaN by the rules of IEEE arithmetic, and the two modes meet
/// 0 x inf or inf - inf in different places (reverse mode multiplies the
/// zero adjoint of a value that does not reach the result by it, where
/// forward mode never does; forward mode knows the tangent of a - a to be
/// 0 where reverse mode adds the infinite adjoint of cbrt(a - a) into a
/// twice, with both signs).
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_TEST_CHECK_RANDOM_H
#define CHAINRULE_TEST_CHECK_RANDOM_H

#include <cfenv>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace crrandom {

template <typename T> using Primal = T (*)(T, T, T, T *, int);
template <typename T>
using Grad = T (*)(T, T, T, T *, int, T *, T *, T *, T *);
template <typename T> using Jvp = T (*)(T, T, T, T *, int, T, T, T, T *);

/// The inputs x, y, z, w[0..3]. Three decimals: no constant of a program
/// (two decimals, program.py) equals one, so that no fmax, fabs or branch
/// condition sits exactly on its kink at the point (seed 2766 of a long
/// run: fmax(0.37, x) at x = 0.37, where float and double took different
/// sides and central differences the average).
constexpr double Point[7] = {0.373, -0.617, 0.829, 0.213, -0.431, 0.947, 0.119};
constexpr double Seed[4] = {0.3, -0.7, 0.5, 1.1};
constexpr int Ns[3] = {0, 1, 3};

/// A type's name and the relative tolerance between the two modes in it.
template <typename T> struct Traits;
template <> struct Traits<float> {
  static constexpr const char *Name = "float";
  static constexpr double RevFwdTol = 1e-3;
};
template <> struct Traits<double> {
  static constexpr const char *Name = "double";
  static constexpr double RevFwdTol = 1e-9;
};
template <> struct Traits<long double> {
  static constexpr const char *Name = "long double";
  static constexpr double RevFwdTol = 1e-9;
};

inline double scale(double V) { return std::fmax(1, std::fabs(V)); }

/// L at the 7 inputs \p P.
template <typename T> double loss(Primal<T> F, const double *P, int N) {
  T W[4] = {T(P[3]), T(P[4]), T(P[5]), T(P[6])};
  T V = F(T(P[0]), T(P[1]), T(P[2]), W, N);
  for (int I = 0; I < 4; ++I)
    V += T(Seed[I]) * W[I];
  return double(V);
}

/// What one type's derivatives give at one n.
struct Result {
  double Value;
  double W[4];      ///< w after the call
  double Grad[7];   ///< reverse mode
  double Jvp[7];    ///< forward mode
  double Differ[7]; ///< Grad - Jvp, computed in the type
  /// f's computation stayed finite: it raised no overflow, division by zero
  /// or invalid operation; and so did f_jvp's (no partial derivative was
  /// infinite).
  bool Finite;
  /// f_grad raised a division by zero or an invalid operation: a partial
  /// derivative was infinite where the value it multiplies (an adjoint) is
  /// zero or infinite with both signs, and f_grad's non-finite components
  /// are those of IEEE arithmetic, not a wrong derivative (where forward
  /// mode may have known the tangent to be exactly zero: cbrt(a - a)).
  bool GradRaised;
  bool Smooth[7];   ///< double: where the central difference means something
  double Noise[7];  ///< how far the derivatives move with the rounding
                    ///< mode (measureNoise)
};

/// Prints a failure of program \p Name; returns 1.
inline int report(const char *Name, const char *Type, int N, const char *What,
                  int I, double Got, double Want) {
  std::printf("%s %s n=%d %s input=%d got %.17g want %.17g\n", Name, Type, N,
              What, I, Got, Want);
  return 1;
}

/// The rounding noise of each derivative in \p R: how far f_grad's and
/// f_jvp's components move between rounding every operation up and
/// rounding it down. The rounding error of a sum scales with its terms,
/// not with the sum: where terms far larger than it cancel (0.15 - 1.3e23
/// + 1.3e23 is 0 in one order and 0.15 in another), the two roundings
/// differ at the scale of the terms (the ulp of 1.3e23, 1.7e7); a wrong
/// derivative is wrong by as much in every rounding.
template <typename T>
void measureNoise(Grad<T> G, Jvp<T> J, int N, Result &R) {
  double Got[2][2][7];
  for (int Mode = 0; Mode < 2; ++Mode) {
    std::fesetround(Mode ? FE_DOWNWARD : FE_UPWARD);
    T P[7];
    for (int I = 0; I < 7; ++I)
      P[I] = T(Point[I]);
    T W[4] = {P[3], P[4], P[5], P[6]};
    T Shadow[7] = {0, 0, 0, T(Seed[0]), T(Seed[1]), T(Seed[2]), T(Seed[3])};
    G(P[0], P[1], P[2], W, N, &Shadow[0], &Shadow[1], &Shadow[2], Shadow + 3);
    for (int I = 0; I < 7; ++I) {
      T Tangent[7] = {0, 0, 0, 0, 0, 0, 0};
      Tangent[I] = 1;
      T WJ[4] = {P[3], P[4], P[5], P[6]};
      T TW[4] = {Tangent[3], Tangent[4], Tangent[5], Tangent[6]};
      T Jv = J(P[0], P[1], P[2], WJ, N, Tangent[0], Tangent[1], Tangent[2], TW);
      for (int K = 0; K < 4; ++K)
        Jv += T(Seed[K]) * TW[K];
      Got[Mode][0][I] = double(Shadow[I]);
      Got[Mode][1][I] = double(Jv);
    }
  }
  std::fesetround(FE_TONEAREST);
  for (int I = 0; I < 7; ++I)
    R.Noise[I] = std::fabs(Got[0][0][I] - Got[1][0][I]) +
                 std::fabs(Got[0][1][I] - Got[1][1][I]);
}

/// Runs the \p T derivatives at \p N into \p R and checks the primal
/// effects of f_grad and f_jvp; returns the failures.
template <typename T>
int run(const char *Name, Primal<T> F, Grad<T> G, Jvp<T> J, int N,
        Result &R) {
  const char *Type = Traits<T>::Name;
  int Bad = 0;
  T P[7];
  for (int I = 0; I < 7; ++I)
    P[I] = T(Point[I]);
  T WantW[4] = {P[3], P[4], P[5], P[6]};
  std::feclearexcept(FE_ALL_EXCEPT);
  T Want = F(P[0], P[1], P[2], WantW, N);
  R.Finite = !std::fetestexcept(FE_OVERFLOW | FE_DIVBYZERO | FE_INVALID);
  // Bit for bit (but the padding of an x86 long double: its value is in
  // LDBL_MANT_DIG + 16 bits).
  constexpr size_t Bytes = sizeof(T) == sizeof(long double) &&
                                   LDBL_MANT_DIG == 64
                               ? 10
                               : sizeof(T);
  auto Same = [](T A, T B) { return std::memcmp(&A, &B, Bytes) == 0; };

  T W[4] = {P[3], P[4], P[5], P[6]};
  T Shadow[7] = {0, 0, 0, T(Seed[0]), T(Seed[1]), T(Seed[2]), T(Seed[3])};
  std::feclearexcept(FE_ALL_EXCEPT);
  T Got = G(P[0], P[1], P[2], W, N, &Shadow[0], &Shadow[1], &Shadow[2],
            Shadow + 3);
  R.GradRaised = std::fetestexcept(FE_DIVBYZERO | FE_INVALID);
  if (!Same(Got, Want))
    Bad += report(Name, Type, N, "VALUE f_grad", -1, Got, Want);
  R.Value = Want;
  for (int K = 0; K < 4; ++K) {
    R.W[K] = WantW[K];
    if (!Same(W[K], WantW[K]))
      Bad += report(Name, Type, N, "BUFFER f_grad", K, W[K], WantW[K]);
  }
  for (int I = 0; I < 7; ++I) {
    T Tangent[7] = {0, 0, 0, 0, 0, 0, 0};
    Tangent[I] = 1;
    T WJ[4] = {P[3], P[4], P[5], P[6]};
    T TW[4] = {Tangent[3], Tangent[4], Tangent[5], Tangent[6]};
    std::feclearexcept(FE_ALL_EXCEPT);
    T Jv = J(P[0], P[1], P[2], WJ, N, Tangent[0], Tangent[1], Tangent[2], TW);
    R.Finite &= !std::fetestexcept(FE_OVERFLOW | FE_DIVBYZERO | FE_INVALID);
    for (int K = 0; K < 4; ++K) {
      Jv += T(Seed[K]) * TW[K];
      if (!Same(WJ[K], WantW[K]))
        Bad += report(Name, Type, N, "BUFFER f_jvp", K, WJ[K], WantW[K]);
    }
    R.Grad[I] = double(Shadow[I]);
    R.Jvp[I] = double(Jv);
    // Equal infinities (a derivative that overflows where f does not) and
    // two NaNs agree.
    bool Agree = Shadow[I] == Jv || (Shadow[I] != Shadow[I] && Jv != Jv);
    R.Differ[I] = Agree ? 0.0 : double(Shadow[I] - Jv);
  }
  measureNoise<T>(G, J, N, R);
  return Bad;
}

/// Reverse against forward mode in \p T, with \p Finer the results in the
/// next finer type, or for the finest \p Coarser those in the coarser one.
template <typename T>
int checkModes(const char *Name, int N, const Result &R, const Result *Finer,
               const Result *Coarser) {
  int Bad = 0;
  for (int I = 0; I < 7 && R.Finite; ++I) {
    if (R.GradRaised && !std::isfinite(R.Grad[I]))
      continue;
    double D = std::fabs(R.Differ[I]);
    if (D <= Traits<T>::RevFwdTol * scale(R.Jvp[I]))
      continue;
    // Within the rounding noise of the terms summed (cancellation).
    if (D <= 16 * R.Noise[I])
      continue;
    // Rounding: the difference shrinks in the finer type, or grows in the
    // coarser one.
    if ((Finer && std::fabs(Finer->Differ[I]) * 64 <= D) ||
        (Coarser && std::fabs(Coarser->Differ[I]) >= 64 * D))
      continue;
    Bad += report(Name, Traits<T>::Name, N, "REV/FWD", I, R.Grad[I], R.Jvp[I]);
  }
  return Bad;
}

/// The double gradient against central differences of f<double>.
inline int checkDifferences(const char *Name, Primal<double> F, int N,
                            Result &R) {
  int Bad = 0;
  // Where L or a derivative is huge, the program's values grew so large
  // that sin or cos of them oscillate on scales far below any step: the
  // differences average the oscillations out, consistently for every step.
  bool Moderate = std::fabs(R.Value) <= 1e6;
  for (int I = 0; I < 7; ++I)
    Moderate &= std::fabs(R.Jvp[I]) <= 1e6;
  for (int I = 0; I < 7; ++I) {
    R.Smooth[I] = false;
    if (!R.Finite || !Moderate || (R.GradRaised && !std::isfinite(R.Grad[I])))
      continue;
    // A central difference of step H, and its rounding noise: L's values
    // carry errors of a few epsilons of |L| each, divided by 2H.
    double Noise = 0;
    auto Central = [&](double H) {
      double Q1[7], Q2[7];
      std::memcpy(Q1, Point, sizeof Q1);
      std::memcpy(Q2, Point, sizeof Q2);
      Q1[I] += H;
      Q2[I] -= H;
      double L1 = loss<double>(F, Q1, N), L2 = loss<double>(F, Q2, N);
      Noise += 64 * DBL_EPSILON * std::fmax(std::fabs(L1), std::fabs(L2)) / H;
      return (L1 - L2) / (2 * H);
    };
    double Fd = Central(1e-6), Fd2 = Central(1e-5);
    R.Smooth[I] = std::fabs(Fd - Fd2) <= 1e-4 * scale(Fd) + Noise;
    if (R.Smooth[I] &&
        std::fabs(R.Grad[I] - Fd) > 1e-4 * scale(Fd) + Noise + 16 * R.Noise[I])
      Bad += report(Name, "double", N, "FD", I, R.Grad[I], Fd);
  }
  return Bad;
}

/// True when \p A and \p B computed the same values of f and w.
inline bool samePath(const Result &A, const Result &B) {
  bool Same = std::fabs(A.Value - B.Value) <= 1e-5 * scale(B.Value);
  for (int K = 0; K < 4; ++K)
    Same &= std::fabs(A.W[K] - B.W[K]) <= 1e-5 * scale(B.W[K]);
  return Same;
}

/// With CR_RANDOM_VALUES set in the environment, prints what \p R holds
/// bit for bit, for comparing the derivatives of two outputs of chainrule
/// (run_random.py --outputs cpp,llvm).
inline void printValues(const char *Name, const char *Type, int N,
                        const Result &R) {
  if (!std::getenv("CR_RANDOM_VALUES"))
    return;
  std::printf("values %s %s n=%d f %a w", Name, Type, N, R.Value);
  for (double V : R.W)
    std::printf(" %a", V);
  std::printf(" grad");
  for (double V : R.Grad)
    std::printf(" %a", V);
  std::printf(" jvp");
  for (double V : R.Jvp)
    std::printf(" %a", V);
  std::printf("\n");
}

/// Checks the three instantiations of one program.
inline int check(const char *Name, Primal<float> Ff, Grad<float> Gf,
                 Jvp<float> Jf, Primal<double> Fd, Grad<double> Gd,
                 Jvp<double> Jd, Primal<long double> Fl, Grad<long double> Gl,
                 Jvp<long double> Jl) {
  int Bad = 0;
  for (int N : Ns) {
    Result S, D, L;
    Bad += run<float>(Name, Ff, Gf, Jf, N, S);
    Bad += run<double>(Name, Fd, Gd, Jd, N, D);
    Bad += run<long double>(Name, Fl, Gl, Jl, N, L);
    printValues(Name, "float", N, S);
    printValues(Name, "double", N, D);
    printValues(Name, "long-double", N, L);
    Bad += checkModes<long double>(Name, N, L, nullptr, &D);
    Bad += checkModes<double>(Name, N, D, &L, nullptr);
    Bad += checkModes<float>(Name, N, S, &D, nullptr);
    Bad += checkDifferences(Name, Fd, N, D);
    if (!S.Finite || !D.Finite || !L.Finite || !samePath(S, L) ||
        !samePath(D, L))
      continue; // a program overflowed, or took another path
    for (int I = 0; I < 7; ++I) {
      double Slack = std::ldexp(std::fabs(D.Grad[I] - L.Grad[I]), 35);
      if (D.Smooth[I] &&
          std::fabs(S.Grad[I] - L.Grad[I]) > 1e-2 * scale(L.Grad[I]) + Slack)
        Bad += report(Name, "float", N, "FLOAT/LONG-DOUBLE", I, S.Grad[I],
                      L.Grad[I]);
    }
  }
  return Bad;
}

} // namespace crrandom

/// The derivatives chainrule generates for program \p NS.
#define CR_DECLARE_DERIVATIVES(NS)                                             \
  namespace NS {                                                               \
  float f_grad(float, float, float, float *, int, float *, float *, float *,   \
               float *);                                                       \
  double f_grad(double, double, double, double *, int, double *, double *,     \
                double *, double *);                                           \
  long double f_grad(long double, long double, long double, long double *,     \
                     int, long double *, long double *, long double *,         \
                     long double *);                                           \
  float f_jvp(float, float, float, float *, int, float, float, float,          \
              float *);                                                        \
  double f_jvp(double, double, double, double *, int, double, double, double,  \
               double *);                                                      \
  long double f_jvp(long double, long double, long double, long double *, int, \
                    long double, long double, long double, long double *);     \
  }

#define CR_CHECK_PROGRAM(NS)                                                   \
  crrandom::check(#NS, NS::f<float>, NS::f_grad, NS::f_jvp, NS::f<double>,     \
                  NS::f_grad, NS::f_jvp, NS::f<long double>, NS::f_grad,       \
                  NS::f_jvp)

#endif // CHAINRULE_TEST_CHECK_RANDOM_H
