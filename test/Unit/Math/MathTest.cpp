//===- MathTest.cpp - Tests of chainrule/Math.h ---------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// chainrule::polygamma against values known in closed form (psi(1) = -γ,
/// psi(1/2) = -γ - 2 ln 2, psi'(1) = π²/6, psi''(1) = -2 ζ(3), ...), the
/// recurrence on negative arguments, the poles, and float and long double.
//===----------------------------------------------------------------------===//

#include "chainrule/Math.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cmath>

namespace {

constexpr double Gamma = 0.57721566490153286061; // Euler's constant
constexpr double Pi = 3.14159265358979323846;
constexpr double Zeta3 = 1.20205690315959428540;
constexpr double Ln2 = 0.69314718055994530942;

/// |Got - Want| <= Tol * max(|Want|, 1e-2): relative, and absolute near 0.
void expectRel(double Got, double Want, double Tol) {
  EXPECT_NEAR(Got, Want, Tol * std::max(std::fabs(Want), 1e-2))
      << "want " << Want;
}

TEST(PolygammaTest, DigammaClosedForms) {
  expectRel(chainrule::polygamma(0.0, 1.0), -Gamma, 1e-15);
  expectRel(chainrule::polygamma(0.0, 0.5), -Gamma - 2 * Ln2, 1e-15);
  // psi(n) = H_(n-1) - γ.
  double Harmonic = 0;
  for (int K = 1; K < 100; ++K)
    Harmonic += 1.0 / K;
  expectRel(chainrule::polygamma(0.0, 100.0), Harmonic - Gamma, 1e-15);
  expectRel(chainrule::polygamma(0.0, 2.0), 1 - Gamma, 1e-15);
  // Near the pole at 0: psi(x) = -1/x - γ + ζ(2) x - ζ(3) x² + O(x³).
  double X = 1e-4;
  expectRel(chainrule::polygamma(0.0, X),
            -1 / X - Gamma + Pi * Pi / 6 * X - Zeta3 * X * X, 1e-15);
}

TEST(PolygammaTest, HigherOrdersClosedForms) {
  expectRel(chainrule::polygamma(1.0, 1.0), Pi * Pi / 6, 1e-15);
  expectRel(chainrule::polygamma(1.0, 0.5), Pi * Pi / 2, 1e-15);
  expectRel(chainrule::polygamma(2.0, 1.0), -2 * Zeta3, 1e-15);
  expectRel(chainrule::polygamma(3.0, 1.0), std::pow(Pi, 4) / 15, 1e-15);
  // psi^(n)(1/2) = (2^(n+1) - 1) psi^(n)(1) for n >= 1.
  expectRel(chainrule::polygamma(2.0, 0.5), -14 * Zeta3, 1e-15);
}

TEST(PolygammaTest, NegativeArgumentsFollowReflection) {
  // psi(1 - x) - psi(x) = π cot(π x); psi'(1 - x) + psi'(x) = π² / sin²(π x).
  for (double X : {-0.5, -1.25, -7.3, 0.3, 2.6}) {
    double Cot = std::cos(Pi * X) / std::sin(Pi * X);
    expectRel(chainrule::polygamma(0.0, 1 - X) - chainrule::polygamma(0.0, X),
              Pi * Cot, 1e-13);
    double S = std::sin(Pi * X);
    expectRel(chainrule::polygamma(1.0, 1 - X) + chainrule::polygamma(1.0, X),
              Pi * Pi / (S * S), 1e-13);
  }
}

TEST(PolygammaTest, IsTheDerivativeOfTheOrderBelow) {
  for (double X : {0.2, 1.7, 12.5, -2.5}) {
    double H = 1e-5 * std::max(1.0, std::fabs(X));
    double Lgamma = (std::lgamma(X + H) - std::lgamma(X - H)) / (2 * H);
    expectRel(chainrule::polygamma(0.0, X), Lgamma, 1e-8);
    for (double N : {0.0, 1.0, 2.0}) {
      double D = (chainrule::polygamma(N, X + H) -
                  chainrule::polygamma(N, X - H)) / (2 * H);
      expectRel(chainrule::polygamma(N + 1, X), D, 1e-7);
    }
  }
}

TEST(PolygammaTest, PolesAndInvalidOrders) {
  EXPECT_TRUE(std::isinf(chainrule::polygamma(1.0, 0.0)));
  EXPECT_TRUE(std::isinf(chainrule::polygamma(1.0, -3.0)));
  EXPECT_TRUE(std::isnan(chainrule::polygamma(0.0, -2.0)));
  EXPECT_TRUE(std::isnan(chainrule::polygamma(0.5, 1.0)));
  EXPECT_TRUE(std::isnan(chainrule::polygamma(-1.0, 1.0)));
  EXPECT_TRUE(std::isnan(chainrule::polygamma(0.0, std::nan(""))));
}

TEST(PolygammaTest, FloatAndLongDouble) {
  EXPECT_NEAR(chainrule::polygamma(0.0f, 1.0f), float(-Gamma), 1e-7f);
  long double G = 0.577215664901532860606512090082402431L;
  EXPECT_NEAR(static_cast<double>(chainrule::polygamma(0.0L, 1.0L) + G), 0.0,
              1e-18);
}

} // namespace
