//===- check.h - Numeric checks for execution tests -------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Execution tests compile the generated derivatives with a main() that
/// compares them with exact values or central finite differences, prints
/// every comparison and exits non-zero if one fails.
///
/// Tolerances: a central difference with step h = 1e-6 * max(1, |x|) has a
/// truncation error of order h^2 |f'''| and a rounding error of order
/// eps |f| / h, about 1e-10 relative in double; `kFiniteDifferenceTol`
/// (1e-6 relative, 1e-8 absolute) is far above both and far below the
/// error of any wrong derivative. Exact values are compared to 1e-12.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_TEST_CHECK_H
#define CHAINRULE_TEST_CHECK_H

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace crtest {

constexpr double kFiniteDifferenceTol = 1e-6;
constexpr double kExactTol = 1e-12;

inline int &failures() {
  static int Count = 0;
  return Count;
}

/// The central difference of \p F at \p X.
template <typename Fn> double central(Fn F, double X) {
  double H = 1e-6 * std::max(1.0, std::fabs(X));
  return (F(X + H) - F(X - H)) / (2 * H);
}

/// Checks |Got - Want| <= RelTol * max(1e-2, |Want|), printing the result.
inline void expectNear(const char *What, double Got, double Want,
                       double RelTol) {
  double Scale = std::max(1e-2, std::fabs(Want));
  bool Ok = std::fabs(Got - Want) <= RelTol * Scale;
  std::printf("%s %s: got %.17g want %.17g\n", Ok ? "ok" : "FAIL", What, Got,
              Want);
  if (!Ok)
    ++failures();
}

/// Prints the summary; the return value is main's exit status.
inline int finish() {
  if (failures()) {
    std::printf("%d check(s) FAILED\n", failures());
    return 1;
  }
  std::printf("all checks passed\n");
  return 0;
}

/// Checks the gradient \p Got of the scalar \p F() with respect to the
/// \p N values at \p X, component by component, against central
/// differences (F reads X) with step \p RelStep * max(1, |x|), to relative
/// \p Tol. The defaults suit double; float inputs need a larger step and
/// tolerance (their rounding error is about 1e-7 relative).
template <typename T, typename Fn>
void expectGradient(const char *What, const T *Got, T *X, int N, Fn F,
                    double RelStep = 1e-6, double Tol = kFiniteDifferenceTol) {
  for (int I = 0; I != N; ++I) {
    T Saved = X[I];
    T Step = T(RelStep * std::max(1.0, std::fabs(double(Saved))));
    X[I] = Saved + Step;
    double Up = F();
    X[I] = Saved - Step;
    double Down = F();
    X[I] = Saved;
    char Label[256];
    std::snprintf(Label, sizeof Label, "%s[%d]", What, I);
    expectNear(Label, Got[I], (Up - Down) / (2 * double(Step)), Tol);
  }
}

} // namespace crtest

/// Compares a derivative with a central finite difference of a lambda.
#define CR_EXPECT_FD(Got, Fn, X)                                               \
  crtest::expectNear(#Got, (Got), crtest::central(Fn, X),                     \
                     crtest::kFiniteDifferenceTol)
/// Compares a derivative with a value known to a relative tolerance.
#define CR_EXPECT_NEAR_REL(Got, Want, RelTol)                                  \
  crtest::expectNear(#Got, (Got), (Want), (RelTol))
/// Compares a derivative with an exact value.
#define CR_EXPECT_EXACT(Got, Want)                                             \
  crtest::expectNear(#Got, (Got), (Want), crtest::kExactTol)

#endif // CHAINRULE_TEST_CHECK_H
