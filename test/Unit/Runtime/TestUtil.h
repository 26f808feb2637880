//===- TestUtil.h - Helpers of the runtime tests ------------------*- C++ -*-===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Random inputs, ULP distances and finite-difference checks shared by the
/// runtime tests.
///
/// Tolerances. A central difference with step h = eps^(1/3) |v| has
/// truncation error h^2 |L'''| / 6 and rounding error eps |L| / h, both
/// O(eps^(2/3)) times the scale of the loss L = <seed, f(inputs)> and its
/// derivatives: 2.4e-5 for float and 3.7e-11 for double. fdTolerance()
/// allows 50 times that, relative to 1 + |L| + |adjoint|; a wrong factor,
/// sign or missing term in a derivative is off by O(1) and fails.
///
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_TEST_UNIT_RUNTIME_TESTUTIL_H
#define CHAINRULE_TEST_UNIT_RUNTIME_TESTUTIL_H

#include "gtest/gtest.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <type_traits>
#include <vector>

namespace chainrule {
namespace test {

using Real = long double;

/// Uniform random values in [Lo, Hi]; with \p Gap > 0, values with
/// |v| < Gap are pushed out to +-Gap (keeps kinks out of finite differences).
template <class T>
std::vector<T> randomVector(size_t N, double Lo, double Hi, unsigned Seed,
                            double Gap = 0) {
  std::mt19937 Gen(Seed);
  std::uniform_real_distribution<double> Dist(Lo, Hi);
  std::vector<T> V(N);
  for (T &X : V) {
    double D = Dist(Gen);
    if (std::fabs(D) < Gap)
      D = D < 0 ? -Gap : Gap;
    X = static_cast<T>(D);
  }
  return V;
}

/// Distance in units in the last place between two finite values of T.
template <class T> int64_t ulpDistance(T A, T B) {
  using I = std::conditional_t<sizeof(T) == 4, int32_t, int64_t>;
  I IA, IB;
  std::memcpy(&IA, &A, sizeof(T));
  std::memcpy(&IB, &B, sizeof(T));
  // Map the sign-magnitude encoding onto a monotone integer line.
  const I Min = std::numeric_limits<I>::min();
  if (IA < 0)
    IA = Min - IA;
  if (IB < 0)
    IB = Min - IB;
  const long double D = static_cast<long double>(IA) - IB;
  return static_cast<int64_t>(D < 0 ? -D : D);
}

template <class T> constexpr double epsilonOf() {
  return std::numeric_limits<T>::epsilon();
}

/// The finite-difference tolerance of the file comment, for scale \p Scale.
template <class T> double fdTolerance(long double Scale) {
  return 50 * std::cbrt(epsilonOf<T>()) * std::cbrt(epsilonOf<T>()) *
         (1 + static_cast<double>(std::fabs(Scale)));
}

/// Checks that Adjoint[i] = dL/dInput[i] by central differences for up to
/// \p MaxChecks entries spread over the buffer. \p L reads \p Input.
template <class T>
void expectAdjointMatchesFd(std::vector<T> &Input,
                            const std::vector<T> &Adjoint,
                            const std::function<Real()> &L, const char *What,
                            size_t MaxChecks = 48) {
  ASSERT_EQ(Input.size(), Adjoint.size()) << What;
  const Real L0 = L();
  const size_t Stride = Input.size() > MaxChecks ? Input.size() / MaxChecks : 1;
  for (size_t I = 0; I < Input.size(); I += Stride) {
    const T Saved = Input[I];
    const double H =
        std::cbrt(epsilonOf<T>()) * std::max(1.0, std::fabs(double(Saved)));
    const T Up = static_cast<T>(Saved + H), Down = static_cast<T>(Saved - H);
    Input[I] = Up;
    const Real LUp = L();
    Input[I] = Down;
    const Real LDown = L();
    Input[I] = Saved;
    const Real Fd = (LUp - LDown) / (Real(Up) - Real(Down));
    EXPECT_NEAR(double(Fd), double(Adjoint[I]),
                fdTolerance<T>(std::fabs(L0) + std::fabs(Real(Adjoint[I]))))
        << What << "[" << I << "]";
  }
}

/// Checks a directional derivative: (L(x + h t) - L(x - h t)) / 2h equals
/// \p Expected, where \p Perturb(s) moves every active input to x + s t.
inline void expectDirectionalMatchesFd(double Eps, Real Expected,
                                       const std::function<void(double)> &Perturb,
                                       const std::function<Real()> &L,
                                       const char *What) {
  const double H = std::cbrt(Eps);
  Perturb(H);
  const Real LUp = L();
  Perturb(-H);
  const Real LDown = L();
  Perturb(0);
  const Real L0 = L();
  const Real Fd = (LUp - LDown) / (2 * H);
  const double Tol = 50 * std::cbrt(Eps) * std::cbrt(Eps) *
                     (1 + double(std::fabs(L0)) + double(std::fabs(Expected)));
  EXPECT_NEAR(double(Fd), double(Expected), Tol) << What;
}

/// <A, B> in long double.
template <class T> Real dot(const std::vector<T> &A, const std::vector<T> &B) {
  Real S = 0;
  for (size_t I = 0; I < A.size(); ++I)
    S += Real(A[I]) * B[I];
  return S;
}

/// Sum of |A[i] B[i]|: the scale of the rounding error of dot(A, B).
template <class T>
Real absDot(const std::vector<T> &A, const std::vector<T> &B) {
  Real S = 0;
  for (size_t I = 0; I < A.size(); ++I)
    S += std::fabs(Real(A[I]) * B[I]);
  return S;
}

/// Expects every entry of Actual within Ulps units in the last place of
/// Expected, or within AbsTol of it (for results near zero).
template <class T>
void expectUlpsNear(const std::vector<T> &Actual, const std::vector<T> &Expected,
                    int64_t Ulps, double AbsTol, const char *What) {
  ASSERT_EQ(Actual.size(), Expected.size());
  int Failures = 0;
  for (size_t I = 0; I < Actual.size() && Failures < 5; ++I) {
    const bool Ok = ulpDistance(Actual[I], Expected[I]) <= Ulps ||
                    std::fabs(double(Actual[I]) - double(Expected[I])) <= AbsTol;
    if (!Ok) {
      ++Failures;
      ADD_FAILURE() << What << "[" << I << "] = " << double(Actual[I])
                    << ", expected " << double(Expected[I]) << " ("
                    << ulpDistance(Actual[I], Expected[I]) << " ulp)";
    }
  }
}

/// Expects |Actual - Expected| <= RelTol * (|Expected| + Floor) entrywise.
template <class T>
void expectRelNear(const std::vector<T> &Actual, const std::vector<T> &Expected,
                   double RelTol, double Floor, const char *What) {
  ASSERT_EQ(Actual.size(), Expected.size());
  int Failures = 0;
  for (size_t I = 0; I < Actual.size() && Failures < 5; ++I) {
    const double Tol = RelTol * (std::fabs(double(Expected[I])) + Floor);
    if (!(std::fabs(double(Actual[I]) - double(Expected[I])) <= Tol)) {
      ++Failures;
      ADD_FAILURE() << What << "[" << I << "] = " << double(Actual[I])
                    << ", expected " << double(Expected[I]) << " (tolerance "
                    << Tol << ")";
    }
  }
}

using FloatTypes = ::testing::Types<float, double>;

} // namespace test
} // namespace chainrule

#endif // CHAINRULE_TEST_UNIT_RUNTIME_TESTUTIL_H
