//===- chainrule/Math.h - Functions derivatives of <cmath> need -*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The functions that derivatives of <cmath> functions are made of and that
/// <cmath> does not have: the polygamma functions, psi^(n)(x), the n-th
/// derivative of the digamma function psi(x) = d/dx lgamma(x). Generated
/// code calls chainrule::polygamma(0, x) for the derivative of lgamma (and,
/// times the value, of tgamma), and polygamma(n + 1, x) for the derivative
/// of polygamma(n, x), so that derivatives of any order exist. Header-only,
/// so generated code needs no library.
///
/// The method: the recurrence psi^(n)(x) = psi^(n)(x + 1) - (-1)^n n! /
/// x^(n+1) moves x up to at least 20 + n (it holds for every x that is not
/// a pole, negative x included), where the asymptotic series
///
///   psi(x)     ~ ln x - 1/(2x) - sum_k B_2k / (2k x^2k)
///   psi^(n)(x) ~ (-1)^(n+1) [ (n-1)!/x^n + n!/(2 x^(n+1))
///                + sum_k B_2k (2k+n-1)! / ((2k)! x^(2k+n)) ]
///
/// converges to the last bit of a double with the ten Bernoulli numbers
/// below. At a pole (x = 0, -1, -2, ...) the result is infinite (NaN for
/// psi of even order n, whose sign there is undefined).
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_MATH_H
#define CHAINRULE_MATH_H

#include <cmath>
#include <limits>

namespace chainrule {

/// psi^(n)(x) for a whole number n >= 0, given as a floating value of
/// x's type (generated code passes a literal).
template <typename T> T polygamma(T n, T x) {
  // B_2, B_4, ..., B_20.
  static constexpr long double Bernoulli[] = {
      1.0L / 6,      -1.0L / 30,       1.0L / 42,   -1.0L / 30,
      5.0L / 66,     -691.0L / 2730,   7.0L / 6,    -3617.0L / 510,
      43867.0L / 798, -174611.0L / 330};
  const int Order = static_cast<int>(n);
  if (Order < 0 || T(Order) != n || std::isnan(x))
    return std::numeric_limits<T>::quiet_NaN();
  if (x <= 0 && x == std::floor(x))
    return Order % 2 ? std::numeric_limits<T>::infinity()
                     : std::numeric_limits<T>::quiet_NaN();
  long double X = x;
  long double Factorial = 1; // n!
  for (int K = 2; K <= Order; ++K)
    Factorial *= K;
  const long double Sign = Order % 2 ? 1 : -1; // (-1)^(n+1)
  // The terms the recurrence moves below the series' range.
  long double Shifted = 0;
  for (const long double Start = 20 + Order; X < Start; X += 1)
    Shifted += Factorial / std::pow(X, Order + 1);
  long double Series;
  long double InvX = 1 / X, InvX2 = InvX * InvX;
  if (Order == 0) {
    Series = std::log(X) - InvX / 2;
    long double Power = 1;
    for (int K = 1; K <= 10; ++K) {
      Power *= InvX2;
      Series -= Bernoulli[K - 1] / (2 * K) * Power;
    }
    return static_cast<T>(Series - Shifted);
  }
  // (n-1)!/x^n + n!/(2 x^(n+1)) + sum_k B_2k (2k+n-1)!/(2k)! / x^(2k+n).
  long double PowerN = std::pow(InvX, Order); // x^-n
  Series = Factorial / Order * PowerN + Factorial / 2 * PowerN * InvX;
  long double Ratio = Factorial / Order; // (2k+n-1)!/(2k)!, from k = 0
  long double Power = PowerN;
  for (int K = 1; K <= 10; ++K) {
    Ratio *= static_cast<long double>(2 * K + Order - 2) * (2 * K + Order - 1) /
             ((2 * K - 1) * (2 * K));
    Power *= InvX2;
    Series += Bernoulli[K - 1] * Ratio * Power;
  }
  return static_cast<T>(Sign * (Series + Shifted));
}

} // namespace chainrule

#endif // CHAINRULE_MATH_H
