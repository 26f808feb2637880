//===- SoftmaxTest.cpp - Tests of softmax, log_softmax and the losses -----===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// softmax, log_softmax, cross_entropy and mse_loss: values against the
/// long double reference, derivatives against the reference and central
/// differences, accumulation, odd shapes and extreme logits.
///
/// Forward tolerance: a row sum over Cols terms is accumulated in vector
/// lanes of at least 4 entries (float) or 2 (double), so each lane adds at
/// most Cols/2 terms: relative error <= (Cols/2 + 8) eps, the 8 covering exp
/// (1 ULP), the log, the division and the final reduction.
///
//===----------------------------------------------------------------------===//

#include "Reference.h"
#include "TestUtil.h"
#include "chainrule/nn.h"

using namespace chainrule;
using namespace chainrule::test;
namespace ref = chainrule::nn::ref;

namespace {

template <class T> double rowTolerance(int Cols) {
  return (Cols / 2.0 + 8) * epsilonOf<T>();
}

template <class T> class SoftmaxTest : public ::testing::Test {};
TYPED_TEST_SUITE(SoftmaxTest, FloatTypes);

using SoftmaxFwd = void (*)(const float *, float *, int, int);

// softmax and log_softmax forward and reverse against the reference, for
// odd widths; y is written by the _vjp, d_y zeroed, d_x accumulated.
TYPED_TEST(SoftmaxTest, MatchesReference) {
  using T = TypeParam;
  for (int Cols : {1, 7, 33, 1000}) {
    SCOPED_TRACE(Cols);
    const int Rows = 3, N = Rows * Cols;
    const auto X = randomVector<T>(N, -5, 5, Cols);
    const auto Seed = randomVector<T>(N, -1, 1, Cols + 1);
    const auto DX0 = randomVector<T>(N, -1, 1, Cols + 2);
    const double Tol = rowTolerance<T>(Cols);
    std::vector<T> Y(N), Expected(N), DX = DX0, DY = Seed, ExpDX = DX0;

    nn::softmax(X.data(), Y.data(), Rows, Cols);
    ref::softmax(X.data(), Expected.data(), Rows, Cols);
    expectRelNear(Y, Expected, Tol, 0, "softmax");
    nn::softmax_vjp(X.data(), Y.data(), Rows, Cols, DX.data(), DY.data());
    expectRelNear(Y, Expected, Tol, 0, "softmax_vjp y");
    EXPECT_EQ(DY, std::vector<T>(N, T(0)));
    ref::softmaxVjp(X.data(), Seed.data(), ExpDX.data(), Rows, Cols);
    expectRelNear(DX, ExpDX, 4 * Tol, 1, "softmax d_x");

    nn::log_softmax(X.data(), Y.data(), Rows, Cols);
    ref::logSoftmax(X.data(), Expected.data(), Rows, Cols);
    expectRelNear(Y, Expected, Tol, 1, "log_softmax");
    DX = DX0, DY = Seed, ExpDX = DX0;
    nn::log_softmax_vjp(X.data(), Y.data(), Rows, Cols, DX.data(), DY.data());
    expectRelNear(Y, Expected, Tol, 1, "log_softmax_vjp y");
    EXPECT_EQ(DY, std::vector<T>(N, T(0)));
    ref::logSoftmaxVjp(X.data(), Seed.data(), ExpDX.data(), Rows, Cols);
    expectRelNear(DX, ExpDX, 4 * Tol, Cols, "log_softmax d_x");
  }
}

// Central differences of <seed, f(x)> for the _vjp and the _jvp, the
// duality <seed, J t> = <J^T seed, t>, and accumulation.
TYPED_TEST(SoftmaxTest, DerivativesMatchFiniteDifferences) {
  using T = TypeParam;
  using Fn = void (*)(const T *, T *, int, int);
  using VjpFn = void (*)(const T *, T *, int, int, T *, T *);
  using JvpFn = void (*)(const T *, T *, int, int, const T *, T *);
  struct Case {
    const char *Name;
    Fn F;
    VjpFn V;
    JvpFn J;
  } Cases[] = {{"softmax", &nn::softmax, &nn::softmax_vjp, &nn::softmax_jvp},
               {"log_softmax", &nn::log_softmax, &nn::log_softmax_vjp,
                &nn::log_softmax_jvp}};
  const int Rows = 2, Cols = 7, N = Rows * Cols;
  for (const Case &C : Cases) {
    auto X = randomVector<T>(N, -3, 3, 71);
    const auto Seed = randomVector<T>(N, -1, 1, 72);
    const auto TX = randomVector<T>(N, -1, 1, 73);
    std::vector<T> Y(N), DX(N, T(0)), DY = Seed, TY(N);
    C.V(X.data(), Y.data(), Rows, Cols, DX.data(), DY.data());
    auto L = [&] {
      std::vector<T> Out(N);
      C.F(X.data(), Out.data(), Rows, Cols);
      return dot(Seed, Out);
    };
    expectAdjointMatchesFd(X, DX, L, C.Name);
    C.J(X.data(), Y.data(), Rows, Cols, TX.data(), TY.data());
    const auto X0 = X;
    expectDirectionalMatchesFd(
        epsilonOf<T>(), dot(Seed, TY),
        [&](double S) {
          for (int I = 0; I < N; ++I)
            X[I] = static_cast<T>(X0[I] + S * TX[I]);
        },
        L, C.Name);
    EXPECT_NEAR(double(dot(Seed, TY)), double(dot(DX, TX)),
                64 * epsilonOf<T>() * double(1 + absDot(DX, TX)))
        << C.Name;
    std::vector<T> Twice(N, T(0));
    for (int K = 0; K < 2; ++K) {
      DY = Seed;
      C.V(X.data(), Y.data(), Rows, Cols, Twice.data(), DY.data());
    }
    for (int I = 0; I < N; ++I)
      EXPECT_EQ(Twice[I], 2 * DX[I]) << C.Name;
  }
}

// |x| = 100 (and 1000): no overflow, values as the reference (which has
// exp(-200) = 1.4e-87 for double and 0 for float), finite derivatives.
TYPED_TEST(SoftmaxTest, ExtremeInputs) {
  using T = TypeParam;
  const std::vector<T> X = {T(100), T(-100), T(0), T(1000), T(-1000), T(999)};
  std::vector<T> Y(6), LY(6), Expected(6), DX(6, T(0)), DY(6, T(1));
  nn::softmax(X.data(), Y.data(), 2, 3);
  ref::softmax(X.data(), Expected.data(), 2, 3);
  EXPECT_EQ(Y[0], T(1));
  expectRelNear(Y, Expected, rowTolerance<T>(3), 0, "softmax");
  nn::log_softmax(X.data(), LY.data(), 2, 3);
  ref::logSoftmax(X.data(), Expected.data(), 2, 3);
  expectRelNear(LY, Expected, rowTolerance<T>(3), 1, "log_softmax");
  nn::softmax_vjp(X.data(), Y.data(), 2, 3, DX.data(), DY.data());
  for (T V : DX)
    EXPECT_TRUE(std::isfinite(V));
}

// cross_entropy: value, _grad, _vjp (scaled seed), _jvp and accumulation.
TYPED_TEST(SoftmaxTest, CrossEntropy) {
  using T = TypeParam;
  for (int Cols : {1, 7, 33}) {
    SCOPED_TRACE(Cols);
    const int Rows = 5, N = Rows * Cols;
    auto X = randomVector<T>(N, -4, 4, 81 + Cols);
    std::vector<int> Target(Rows);
    for (int R = 0; R < Rows; ++R)
      Target[R] = (3 * R + 1) % Cols;
    const double Tol = rowTolerance<T>(Cols);
    const Real Expected = ref::crossEntropy(X.data(), Target.data(), Rows, Cols);
    const T Loss = nn::cross_entropy(X.data(), Target.data(), Rows, Cols);
    EXPECT_NEAR(double(Loss), double(Expected), Tol * (1 + double(Expected)));

    std::vector<T> D(N, T(0)), ExpD(N, T(0));
    const T Loss2 = nn::cross_entropy_grad(X.data(), Target.data(), Rows, Cols,
                                           D.data());
    EXPECT_EQ(Loss2, Loss);
    ref::crossEntropyVjp(X.data(), Target.data(), Rows, Cols, 1, ExpD.data());
    expectRelNear(D, ExpD, 4 * Tol, 1, "d_logits");
    auto L = [&] {
      return Real(nn::cross_entropy(X.data(), Target.data(), Rows, Cols));
    };
    expectAdjointMatchesFd(X, D, L, "cross_entropy");

    std::vector<T> DV(N, T(0));
    nn::cross_entropy_vjp(X.data(), Target.data(), Rows, Cols, T(0.5),
                          DV.data());
    nn::cross_entropy_vjp(X.data(), Target.data(), Rows, Cols, T(0.5),
                          DV.data());
    expectRelNear(DV, D, 4 * epsilonOf<T>(), 1e-3, "two half seeds");

    const auto TX = randomVector<T>(N, -1, 1, 82);
    const T Tangent = nn::cross_entropy_jvp(X.data(), Target.data(), Rows,
                                            Cols, TX.data());
    EXPECT_NEAR(double(Tangent), double(dot(D, TX)),
                16 * Tol * double(1 + absDot(D, TX)));
    const auto X0 = X;
    expectDirectionalMatchesFd(
        epsilonOf<T>(), Tangent,
        [&](double S) {
          for (int I = 0; I < N; ++I)
            X[I] = static_cast<T>(X0[I] + S * TX[I]);
        },
        L, "cross_entropy_jvp");
  }
}

// Large logits: no overflow; the loss of a confident correct row is 0 and
// of a confident wrong row is the logit gap.
TYPED_TEST(SoftmaxTest, CrossEntropyLargeLogits) {
  using T = TypeParam;
  const std::vector<T> X = {T(1000), T(0), T(-1000), T(500), T(-500), T(0)};
  const std::vector<int> Right = {0, 0}, Wrong = {1, 1};
  EXPECT_EQ(nn::cross_entropy(X.data(), Right.data(), 2, 3), T(0));
  // Both wrong rows lose 1000 (to e^-1000 and e^-500 precision).
  EXPECT_EQ(nn::cross_entropy(X.data(), Wrong.data(), 2, 3), T(1000));
  std::vector<T> D(6, T(0)), Expected(6, T(0));
  nn::cross_entropy_grad(X.data(), Wrong.data(), 2, 3, D.data());
  ref::crossEntropyVjp(X.data(), Wrong.data(), 2, 3, 1, Expected.data());
  EXPECT_EQ(D[0], T(0.5));
  EXPECT_EQ(D[1], T(-0.5));
  expectRelNear(D, Expected, rowTolerance<T>(3), 0, "d_logits");
}

// mse_loss: value, _grad, _vjp, _jvp, accumulation; a null d_target is
// skipped.
TYPED_TEST(SoftmaxTest, MseLoss) {
  using T = TypeParam;
  for (int N : {1, 7, 33}) {
    SCOPED_TRACE(N);
    auto P = randomVector<T>(N, -2, 2, 91 + N);
    auto Q = randomVector<T>(N, -2, 2, 92 + N);
    const Real Expected = ref::mse(P.data(), Q.data(), N);
    EXPECT_NEAR(double(nn::mse_loss(P.data(), Q.data(), N)), double(Expected),
                16 * epsilonOf<T>() * double(Expected));
    std::vector<T> DP(N, T(0)), DQ(N, T(0));
    const T Loss = nn::mse_loss_grad(P.data(), Q.data(), N, DP.data(), DQ.data());
    EXPECT_EQ(Loss, nn::mse_loss(P.data(), Q.data(), N));
    for (int I = 0; I < N; ++I) {
      EXPECT_NEAR(double(DP[I]), 2.0 * (double(P[I]) - Q[I]) / N,
                  4 * epsilonOf<T>() * (1 + std::fabs(double(DP[I]))));
      EXPECT_EQ(DQ[I], -DP[I]);
    }
    auto L = [&] { return Real(nn::mse_loss(P.data(), Q.data(), N)); };
    expectAdjointMatchesFd(P, DP, L, "d_pred");
    expectAdjointMatchesFd(Q, DQ, L, "d_target");
    std::vector<T> DV(N, T(0));
    nn::mse_loss_vjp(P.data(), Q.data(), N, T(3), DV.data(),
                     static_cast<T *>(nullptr));
    for (int I = 0; I < N; ++I)
      EXPECT_NEAR(double(DV[I]), 3.0 * DP[I], 8 * epsilonOf<T>());
    const auto TP = randomVector<T>(N, -1, 1, 93), TQ = randomVector<T>(N, -1, 1, 94);
    const T Tangent = nn::mse_loss_jvp(P.data(), Q.data(), N, TP.data(), TQ.data());
    EXPECT_NEAR(double(Tangent), double(dot(DP, TP) + dot(DQ, TQ)),
                16 * epsilonOf<T>() * double(1 + absDot(DP, TP) + absDot(DQ, TQ)));
  }
}

// A null tangent of a read-only input is a zero tangent: softmax_jvp and
// log_softmax_jvp write the same y and t_y = 0 as with a zero t_x;
// cross_entropy_jvp returns 0; mse_loss_jvp with one null tangent equals
// the call with a zero buffer, and with both null returns 0.
TYPED_TEST(SoftmaxTest, NullInputTangent) {
  using T = TypeParam;
  using Fn = void (*)(const T *, T *, int, int, const T *, T *);
  const T NaN = std::numeric_limits<T>::quiet_NaN();
  for (int Cols : {1, 7, 33}) {
    SCOPED_TRACE(Cols);
    const int Rows = 3, N = Rows * Cols;
    const auto X = randomVector<T>(N, -4, 4, 401 + Cols);
    const std::vector<T> Zero(N, T(0));
    for (Fn J : {static_cast<Fn>(&nn::softmax_jvp),
                 static_cast<Fn>(&nn::log_softmax_jvp)}) {
      std::vector<T> Y0(N, NaN), TY0(N, NaN), Y(N, NaN), TY(N, NaN);
      J(X.data(), Y0.data(), Rows, Cols, Zero.data(), TY0.data());
      J(X.data(), Y.data(), Rows, Cols, nullptr, TY.data());
      EXPECT_EQ(Y, Y0);
      EXPECT_EQ(TY, TY0);
      EXPECT_EQ(TY, Zero);
    }

    std::vector<int> Target(Rows);
    for (int R = 0; R < Rows; ++R)
      Target[R] = (2 * R + 1) % Cols;
    const T CE0 = nn::cross_entropy_jvp(X.data(), Target.data(), Rows, Cols,
                                        Zero.data());
    const T CE = nn::cross_entropy_jvp(X.data(), Target.data(), Rows, Cols,
                                       static_cast<const T *>(nullptr));
    EXPECT_EQ(CE, CE0);
    EXPECT_EQ(CE, T(0));

    const auto Q = randomVector<T>(N, -4, 4, 402 + Cols);
    const auto TP = randomVector<T>(N, -1, 1, 403 + Cols);
    const auto TQ = randomVector<T>(N, -1, 1, 404 + Cols);
    for (int Mask = 0; Mask < 4; ++Mask) {
      SCOPED_TRACE(Mask);
      const bool NullP = Mask & 1, NullQ = Mask & 2;
      const T M0 = nn::mse_loss_jvp(X.data(), Q.data(), N,
                                    NullP ? Zero.data() : TP.data(),
                                    NullQ ? Zero.data() : TQ.data());
      const T M = nn::mse_loss_jvp(X.data(), Q.data(), N,
                                   NullP ? nullptr : TP.data(),
                                   NullQ ? nullptr : TQ.data());
      EXPECT_EQ(M, M0);
      if (NullP && NullQ) {
        EXPECT_EQ(M, T(0));
      }
    }
  }
}

// A long float sum keeps float accuracy: blocks of 256 vector adds per lane
// bound the relative error by (256 + 16) eps.
TYPED_TEST(SoftmaxTest, MseLossLarge) {
  using T = TypeParam;
  const int N = 1000003;
  const auto P = randomVector<T>(N, -1, 1, 95), Q = randomVector<T>(N, -1, 1, 96);
  const Real Expected = ref::mse(P.data(), Q.data(), N);
  EXPECT_NEAR(double(nn::mse_loss(P.data(), Q.data(), N)), double(Expected),
              (256 + 16) * epsilonOf<T>() * double(Expected));
}

} // namespace
