//===- check_random.h - The checks of a random program ----------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The checks of the random programs of program.py, each
/// `template <typename T> T f(T x, T y, T z, T *w, int n)` with its
/// derivatives for float and double. f may write its buffer w: the quantity
/// differentiated is L = f + <s, w after the call> for a fixed seed s, as
/// API.md defines the shadow of a written buffer (it holds s on entry and
/// dL/dw on return); the tangent of w after the call enters the jvp the same
/// way. At n = 0, 1 and 3, for the 7 inputs (x, y, z, w[0..3]):
///
/// - f_grad returns what f returns and leaves w as f does, bit for bit (the
///   primal side effects of a derivative are those of f), and so does f_jvp
///   (run_random.py compiles at -O0 with -fno-builtin and
///   -ffp-contract=off, so that the C++ compiler neither folds <cmath>
///   calls nor contracts multiply-adds differently in f and in them);
/// - the gradient equals the jvp in each direction up to rounding: 1e-9
///   relative in double, 1e-3 in float (about 2^14 float epsilons: the two
///   modes sum the chain rule's products in different orders, and float
///   programs of a few hundred operations lose that much where terms
///   cancel);
/// - in double, the gradient equals a central difference of step 1e-6
///   (accurate to about 1e-8 on smooth code) to 1e-4 relative, plus the
///   difference's rounding noise (64 epsilons of |L| over the step: where
///   L is huge, a small derivative drowns in it), where the differences of
///   steps 1e-6 and 1e-5 agree to as much: where they do not, a branch
///   flips or iterations blow up near the point (the function is not
///   smooth, or too badly conditioned there), and a difference quotient
///   means nothing;
/// - in float, the gradient equals the double one to 1e-2 relative where
///   the float and double values of f and w agree to 1e-5 and the double
///   function is smooth by the test above (the float program then takes
///   the same branches, and its derivative carries float rounding only).
///
/// Each failure prints a line naming the program, its type, n and the
/// input; the check returns the number of failures.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_TEST_CHECK_RANDOM_H
#define CHAINRULE_TEST_CHECK_RANDOM_H

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace crrandom {

template <typename T> using Primal = T (*)(T, T, T, T *, int);
template <typename T>
using Grad = T (*)(T, T, T, T *, int, T *, T *, T *, T *);
template <typename T> using Jvp = T (*)(T, T, T, T *, int, T, T, T, T *);

constexpr double Point[7] = {0.37, -0.61, 0.83, 0.21, -0.43, 0.95, 0.12};
constexpr double Seed[4] = {0.3, -0.7, 0.5, 1.1};
constexpr int Ns[3] = {0, 1, 3};

template <typename T> const char *typeName();
template <> inline const char *typeName<float>() { return "float"; }
template <> inline const char *typeName<double>() { return "double"; }

/// L at the 7 inputs \p P.
template <typename T> double loss(Primal<T> F, const double *P, int N) {
  T W[4] = {T(P[3]), T(P[4]), T(P[5]), T(P[6])};
  double V = F(T(P[0]), T(P[1]), T(P[2]), W, N);
  for (int I = 0; I < 4; ++I)
    V += Seed[I] * W[I];
  return V;
}

/// What one type's derivatives give at one n.
struct Result {
  double Value;
  double W[4]; ///< w after the call
  double Grad[7];
  bool Smooth[7]; ///< double only: where the central difference means something
  double Fd[7];
};

inline double scale(double V) { return std::fmax(1, std::fabs(V)); }

/// Runs and checks the \p T derivatives at \p N; returns the failures.
template <typename T>
int checkType(const char *Name, Primal<T> F, Grad<T> G, Jvp<T> J, int N,
              Result &R) {
  int Bad = 0;
  auto Fail = [&](const char *What, int I, double Got, double Want) {
    std::printf("%s %s n=%d %s input=%d got %.17g want %.17g\n", Name,
                typeName<T>(), N, What, I, Got, Want);
    ++Bad;
  };
  T P[7];
  for (int I = 0; I < 7; ++I)
    P[I] = T(Point[I]);
  T WantW[4] = {P[3], P[4], P[5], P[6]};
  T Want = F(P[0], P[1], P[2], WantW, N);

  T W[4] = {P[3], P[4], P[5], P[6]};
  T Shadow[7] = {0, 0, 0, T(Seed[0]), T(Seed[1]), T(Seed[2]), T(Seed[3])};
  T Got = G(P[0], P[1], P[2], W, N, &Shadow[0], &Shadow[1], &Shadow[2],
            Shadow + 3);
  if (std::memcmp(&Got, &Want, sizeof Got) != 0)
    Fail("VALUE f_grad", -1, Got, Want);
  for (int I = 0; I < 4; ++I)
    if (std::memcmp(&W[I], &WantW[I], sizeof W[I]) != 0)
      Fail("BUFFER f_grad", I, W[I], WantW[I]);
  R.Value = Want;
  for (int I = 0; I < 4; ++I)
    R.W[I] = WantW[I];
  const double RevFwdTol = sizeof(T) == sizeof(double) ? 1e-9 : 1e-3;
  for (int I = 0; I < 7; ++I) {
    R.Grad[I] = Shadow[I];
    T Tangent[7] = {0, 0, 0, 0, 0, 0, 0};
    Tangent[I] = 1;
    T WJ[4] = {P[3], P[4], P[5], P[6]};
    T TW[4] = {Tangent[3], Tangent[4], Tangent[5], Tangent[6]};
    double Jv = J(P[0], P[1], P[2], WJ, N, Tangent[0], Tangent[1], Tangent[2],
                  TW);
    for (int K = 0; K < 4; ++K) {
      Jv += Seed[K] * TW[K];
      if (std::memcmp(&WJ[K], &WantW[K], sizeof WJ[K]) != 0)
        Fail("BUFFER f_jvp", K, WJ[K], WantW[K]);
    }
    if (std::fabs(R.Grad[I] - Jv) > RevFwdTol * scale(Jv))
      Fail("REV/FWD", I, R.Grad[I], Jv);
    if (sizeof(T) != sizeof(double))
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
      double L1 = loss<T>(F, Q1, N), L2 = loss<T>(F, Q2, N);
      Noise += 64 * DBL_EPSILON * std::fmax(std::fabs(L1), std::fabs(L2)) / H;
      return (L1 - L2) / (2 * H);
    };
    double Fd = Central(1e-6), Fd2 = Central(1e-5);
    R.Fd[I] = Fd;
    R.Smooth[I] = std::fabs(Fd - Fd2) <= 1e-4 * scale(Fd) + Noise;
    if (R.Smooth[I] && std::fabs(R.Grad[I] - Fd) > 1e-4 * scale(Fd) + Noise)
      Fail("FD", I, R.Grad[I], Fd);
  }
  return Bad;
}

/// Checks both instantiations of one program.
inline int check(const char *Name, Primal<float> Ff, Grad<float> Gf,
                 Jvp<float> Jf, Primal<double> Fd, Grad<double> Gd,
                 Jvp<double> Jd) {
  int Bad = 0;
  for (int N : Ns) {
    Result D, S;
    Bad += checkType<double>(Name, Fd, Gd, Jd, N, D);
    Bad += checkType<float>(Name, Ff, Gf, Jf, N, S);
    bool SamePath = std::fabs(S.Value - D.Value) <= 1e-5 * scale(D.Value);
    for (int I = 0; I < 4; ++I)
      SamePath &= std::fabs(S.W[I] - D.W[I]) <= 1e-5 * scale(D.W[I]);
    if (!SamePath)
      continue; // the float program took another path
    for (int I = 0; I < 7; ++I)
      if (D.Smooth[I] &&
          std::fabs(S.Grad[I] - D.Grad[I]) > 1e-2 * scale(D.Grad[I])) {
        std::printf("%s float n=%d FLOAT/DOUBLE input=%d got %.9g want %.17g\n",
                    Name, N, I, S.Grad[I], D.Grad[I]);
        ++Bad;
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
  float f_jvp(float, float, float, float *, int, float, float, float,          \
              float *);                                                        \
  double f_jvp(double, double, double, double *, int, double, double, double,  \
               double *);                                                      \
  }

#define CR_CHECK_PROGRAM(NS)                                                   \
  crrandom::check(#NS, NS::f<float>, NS::f_grad, NS::f_jvp, NS::f<double>,     \
                  NS::f_grad, NS::f_jvp)

#endif // CHAINRULE_TEST_CHECK_RANDOM_H
