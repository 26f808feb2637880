//===- ElementwiseTest.cpp - Tests of the elementwise operators -----------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// relu, sigmoid, tanh, gelu, leaky_relu and add: forward against the scalar
/// reference on every compiled Highway target, the vectorised erf in ULPs,
/// _vjp and _jvp against the reference derivative and central differences,
/// accumulation, odd and large sizes, in-place calls and extreme inputs.
///
//===----------------------------------------------------------------------===//

#include "Internal.h"
#include "Reference.h"
#include "TestUtil.h"
#include "chainrule/nn.h"

#include "hwy/targets.h"

using namespace chainrule;
using namespace chainrule::test;
namespace ref = chainrule::nn::ref;
using ref::Unary;

namespace {

/// Runs \p Body once per Highway target compiled into the runtime and
/// supported by this CPU, forcing the dispatch to that target.
template <class F> void forEachTarget(F Body) {
  for (int64_t Target : hwy::SupportedAndGeneratedTargets()) {
    hwy::SetSupportedTargetsForTest(Target);
    SCOPED_TRACE(hwy::TargetName(Target));
    Body();
  }
  hwy::SetSupportedTargetsForTest(0);
}

template <class T> using Fwd = void (*)(const T *, T *, int);
template <class T> using Vjp = void (*)(const T *, T *, int, T *, T *);
template <class T> using Jvp = void (*)(const T *, T *, int, const T *, T *);

/// The four unary operators with their reference kind and the forward
/// tolerance in ULPs: relu is exact; sigmoid is exp (1 ULP) plus an add and
/// a division; Highway documents tanh to 4 ULP; gelu is x times Phi, with
/// Phi from the erf approximation (<= 4 ULP, see ErfTest).
template <class T> struct UnaryCase {
  const char *Name;
  Unary Kind;
  Fwd<T> F;
  Vjp<T> V;
  Jvp<T> J;
  int64_t Ulps;
};

template <class T> std::vector<UnaryCase<T>> unaryCases() {
  return {{"relu", Unary::Relu, &nn::relu, &nn::relu_vjp, &nn::relu_jvp, 0},
          {"sigmoid", Unary::Sigmoid, &nn::sigmoid, &nn::sigmoid_vjp,
           &nn::sigmoid_jvp, 3},
          {"tanh", Unary::Tanh, &nn::tanh, &nn::tanh_vjp, &nn::tanh_jvp, 4},
          {"gelu", Unary::Gelu, &nn::gelu, &nn::gelu_vjp, &nn::gelu_jvp, 5}};
}

template <class T>
std::vector<T> refForward(Unary K, const std::vector<T> &X) {
  std::vector<T> Y(X.size());
  for (size_t I = 0; I < X.size(); ++I)
    Y[I] = static_cast<T>(ref::unary(K, X[I]));
  return Y;
}

template <class T> class ElementwiseTest : public ::testing::Test {};
TYPED_TEST_SUITE(ElementwiseTest, FloatTypes);

// erf and erfc in ULPs against the long double libm, on every target, over
// the whole range where the result is not 0 or +-1 in T.
TYPED_TEST(ElementwiseTest, ErfUlps) {
  using T = TypeParam;
  const bool IsFloat = sizeof(T) == 4;
  const int N = 200003;
  std::vector<T> X(N), Y(N), Expected(N);
  forEachTarget([&] {
    for (int I = 0; I < N; ++I)
      X[I] = static_cast<T>(-6 + 12.0 * I / (N - 1));
    nn::detail::erf(X.data(), Y.data(), N);
    for (int I = 0; I < N; ++I)
      Expected[I] = static_cast<T>(std::erf(static_cast<Real>(X[I])));
    expectUlpsNear(Y, Expected, 2, 0, "erf");
    const double Hi = IsFloat ? 10 : 26;
    for (int I = 0; I < N; ++I)
      X[I] = static_cast<T>(-4 + (Hi + 4) * I / (N - 1));
    nn::detail::erfc(X.data(), Y.data(), N);
    for (int I = 0; I < N; ++I)
      Expected[I] = static_cast<T>(std::erfc(static_cast<Real>(X[I])));
    // erfc loses up to 2 more bits in [0.84, 1.25], where fdlibm's
    // formula subtracts (1 - c) - P/Q.
    expectUlpsNear(Y, Expected, 4, 0, "erfc");
  });
}

// Forward against the reference on every target, at sizes 1, 7, 33 (not a
// multiple of any vector width) and 1000.
TYPED_TEST(ElementwiseTest, ForwardMatchesReference) {
  using T = TypeParam;
  forEachTarget([&] {
    for (const auto &C : unaryCases<T>())
      for (int N : {1, 7, 33, 1000}) {
        SCOPED_TRACE(N);
        const auto X = randomVector<T>(N, -8, 8, 1 + N);
        std::vector<T> Y(N);
        C.F(X.data(), Y.data(), N);
        expectUlpsNear(Y, refForward(C.Kind, X), C.Ulps, 0, C.Name);
      }
  });
}

// The reverse mode writes y as the forward does, adds d_y f'(x) into d_x (on
// top of what it held), and zeroes d_y. The reference derivative is exact;
// the kernel's derivative is built from y, so it inherits y's few ULPs,
// amplified at most by the factor |y f''/f'| <= 8 on [-8, 8]: 64 eps.
TYPED_TEST(ElementwiseTest, VjpMatchesReferenceAndAccumulates) {
  using T = TypeParam;
  for (const auto &C : unaryCases<T>())
    for (int N : {1, 7, 33, 1000}) {
      SCOPED_TRACE(N);
      const auto X = randomVector<T>(N, -8, 8, 7 + N, 0.01);
      const auto Seed = randomVector<T>(N, -1, 1, 8 + N);
      const auto DX0 = randomVector<T>(N, -1, 1, 9 + N);
      std::vector<T> Y(N, T(42)), DX = DX0, DY = Seed, YF(N);
      C.V(X.data(), Y.data(), N, DX.data(), DY.data());
      C.F(X.data(), YF.data(), N);
      EXPECT_EQ(Y, YF) << C.Name << ": y differs from the forward";
      EXPECT_EQ(DY, std::vector<T>(N, T(0))) << C.Name << ": d_y not zeroed";
      std::vector<T> Expected(N);
      for (int I = 0; I < N; ++I)
        Expected[I] = static_cast<T>(
            Real(DX0[I]) + Real(Seed[I]) * ref::unaryDerivative(C.Kind, X[I]));
      expectRelNear(DX, Expected, 64 * epsilonOf<T>(), 1, C.Name);

      // Accumulation: from zero, two calls give exactly twice one call.
      std::vector<T> Once(N, T(0)), Twice(N, T(0));
      DY = Seed;
      C.V(X.data(), Y.data(), N, Once.data(), DY.data());
      for (int K = 0; K < 2; ++K) {
        DY = Seed;
        C.V(X.data(), Y.data(), N, Twice.data(), DY.data());
      }
      for (int I = 0; I < N; ++I)
        EXPECT_EQ(Twice[I], 2 * Once[I]) << C.Name << "[" << I << "]";
    }
}

// _vjp and _jvp against central differences of L = <seed, f(x)>.
TYPED_TEST(ElementwiseTest, DerivativesMatchFiniteDifferences) {
  using T = TypeParam;
  for (const auto &C : unaryCases<T>()) {
    const int N = 37;
    // Keep x away from relu's kink by more than the FD step.
    auto X = randomVector<T>(N, -4, 4, 11, 0.05);
    const auto Seed = randomVector<T>(N, -1, 1, 12);
    const auto TX = randomVector<T>(N, -1, 1, 13);
    std::vector<T> Y(N), DX(N, T(0)), DY = Seed, TY(N);
    C.V(X.data(), Y.data(), N, DX.data(), DY.data());
    auto L = [&] {
      std::vector<T> Out(N);
      C.F(X.data(), Out.data(), N);
      return dot(Seed, Out);
    };
    expectAdjointMatchesFd(X, DX, L, C.Name);

    C.J(X.data(), Y.data(), N, TX.data(), TY.data());
    const auto X0 = X;
    expectDirectionalMatchesFd(
        epsilonOf<T>(), dot(Seed, TY),
        [&](double S) {
          for (int I = 0; I < N; ++I)
            X[I] = static_cast<T>(X0[I] + S * TX[I]);
        },
        L, C.Name);
    // Forward and reverse agree: <seed, J t> = <J^T seed, t>.
    EXPECT_NEAR(double(dot(Seed, TY)), double(dot(DX, TX)),
                8 * N * epsilonOf<T>() * double(absDot(DX, TX)))
        << C.Name;
  }
}

// One large size, not a multiple of any vector width, for relu and sigmoid.
TYPED_TEST(ElementwiseTest, LargeSize) {
  using T = TypeParam;
  const int N = 1000003;
  const auto X = randomVector<T>(N, -10, 10, 21);
  const auto Seed = randomVector<T>(N, -1, 1, 22);
  std::vector<T> Y(N), DX(N, T(0)), DY = Seed;
  nn::sigmoid_vjp(X.data(), Y.data(), N, DX.data(), DY.data());
  expectUlpsNear(Y, refForward(Unary::Sigmoid, X), 3, 0, "sigmoid");
  EXPECT_EQ(DY[N - 1], T(0));
  std::vector<T> Expected(N);
  for (int I = 0; I < N; ++I)
    Expected[I] = static_cast<T>(
        Real(Seed[I]) * ref::unaryDerivative(Unary::Sigmoid, X[I]));
  expectRelNear(DX, Expected, 64 * epsilonOf<T>(), 0, "d_x");
  nn::relu(X.data(), Y.data(), N);
  EXPECT_EQ(Y, refForward(Unary::Relu, X));
}

// |x| = 100: no overflow, no NaN, saturated values and zero slopes.
TYPED_TEST(ElementwiseTest, ExtremeInputs) {
  using T = TypeParam;
  const std::vector<T> X = {T(-100), T(100), T(-100), T(100), T(-30), T(30)};
  const int N = static_cast<int>(X.size());
  for (const auto &C : unaryCases<T>()) {
    std::vector<T> Y(N), DX(N, T(0)), DY(N, T(1));
    C.V(X.data(), Y.data(), N, DX.data(), DY.data());
    for (int I = 0; I < N; ++I) {
      EXPECT_TRUE(std::isfinite(Y[I]) && std::isfinite(DX[I]))
          << C.Name << "(" << double(X[I]) << ")";
      const T Expected = static_cast<T>(ref::unary(C.Kind, X[I]));
      EXPECT_LE(ulpDistance(Y[I], Expected), 4)
          << C.Name << "(" << double(X[I]) << ") = " << double(Y[I]);
    }
  }
  std::vector<T> Y(N);
  nn::sigmoid(X.data(), Y.data(), N);
  EXPECT_EQ(Y[1], T(1));
  EXPECT_GT(Y[0], T(0)) << "sigmoid(-100) = e^-100 is representable";
  nn::tanh(X.data(), Y.data(), N);
  EXPECT_EQ(Y[0], T(-1));
  EXPECT_EQ(Y[1], T(1));
  nn::gelu(X.data(), Y.data(), N);
  EXPECT_EQ(Y[1], T(100));
  EXPECT_EQ(Y[0], T(-0.0));
}

// NaN inputs stay NaN (a diverging training run stays visible).
TYPED_TEST(ElementwiseTest, NaNPropagates) {
  using T = TypeParam;
  const std::vector<T> X(3, std::numeric_limits<T>::quiet_NaN());
  std::vector<T> Y(3);
  for (const auto &C : unaryCases<T>()) {
    if (C.Kind == Unary::Relu)
      continue;
    C.F(X.data(), Y.data(), 3);
    EXPECT_TRUE(std::isnan(Y[0])) << C.Name;
  }
}

// Exact in-place use: y == x in the forward, and also d_y == d_x in the
// reverse, where the buffer's shadow becomes seed * f'(x).
TYPED_TEST(ElementwiseTest, InPlace) {
  using T = TypeParam;
  const int N = 19;
  const auto X = randomVector<T>(N, -3, 3, 31, 0.01);
  const auto Seed = randomVector<T>(N, -1, 1, 32);
  for (const auto &C : unaryCases<T>()) {
    std::vector<T> Expected(N), Buf = X;
    C.F(X.data(), Expected.data(), N);
    C.F(Buf.data(), Buf.data(), N);
    EXPECT_EQ(Buf, Expected) << C.Name;
    std::vector<T> Shadow = Seed, DX(N, T(0)), DY = Seed, Y(N);
    C.V(X.data(), Y.data(), N, DX.data(), DY.data());
    Buf = X;
    C.V(Buf.data(), Buf.data(), N, Shadow.data(), Shadow.data());
    EXPECT_EQ(Buf, Expected) << C.Name;
    EXPECT_EQ(Shadow, DX) << C.Name;
  }
}

// A null d_x skips that adjoint but still writes y and zeroes d_y.
TYPED_TEST(ElementwiseTest, NullInputShadow) {
  using T = TypeParam;
  const auto X = randomVector<T>(9, -3, 3, 41);
  std::vector<T> Y(9), DY(9, T(1)), Expected(9);
  nn::tanh(X.data(), Expected.data(), 9);
  nn::tanh_vjp(X.data(), Y.data(), 9, static_cast<T *>(nullptr), DY.data());
  EXPECT_EQ(Y, Expected);
  EXPECT_EQ(DY, std::vector<T>(9, T(0)));
}

// leaky_relu: forward, d_x and the slope adjoint against central
// differences, the tangent including t_slope.
TYPED_TEST(ElementwiseTest, LeakyRelu) {
  using T = TypeParam;
  const int N = 29;
  auto X = randomVector<T>(N, -4, 4, 51, 0.05);
  const auto Seed = randomVector<T>(N, -1, 1, 52);
  const auto TX = randomVector<T>(N, -1, 1, 53);
  std::vector<T> Slope = {T(0.1)};
  std::vector<T> Y(N), Expected(N);
  nn::leaky_relu(X.data(), Y.data(), N, Slope[0]);
  for (int I = 0; I < N; ++I)
    Expected[I] = X[I] > 0 ? X[I] : Slope[0] * X[I];
  EXPECT_EQ(Y, Expected);

  std::vector<T> DX(N, T(0)), DY = Seed, DSlope = {T(0)};
  nn::leaky_relu_vjp(X.data(), Y.data(), N, Slope[0], DX.data(), DY.data(),
                     DSlope.data());
  EXPECT_EQ(Y, Expected);
  EXPECT_EQ(DY, std::vector<T>(N, T(0)));
  auto L = [&] {
    std::vector<T> Out(N);
    nn::leaky_relu(X.data(), Out.data(), N, Slope[0]);
    return dot(Seed, Out);
  };
  expectAdjointMatchesFd(X, DX, L, "d_x");
  expectAdjointMatchesFd(Slope, DSlope, L, "d_slope");

  // Accumulation into d_slope.
  DY = Seed;
  const T First = DSlope[0];
  nn::leaky_relu_vjp(X.data(), Y.data(), N, Slope[0], DX.data(), DY.data(),
                     DSlope.data());
  EXPECT_EQ(DSlope[0], 2 * First);

  std::vector<T> TY(N);
  const T TSlope = T(0.5);
  nn::leaky_relu_jvp(X.data(), Y.data(), N, Slope[0], TX.data(), TY.data(),
                     TSlope);
  const auto X0 = X;
  const T Slope0 = Slope[0];
  expectDirectionalMatchesFd(
      epsilonOf<T>(), dot(Seed, TY),
      [&](double S) {
        for (int I = 0; I < N; ++I)
          X[I] = static_cast<T>(X0[I] + S * TX[I]);
        Slope[0] = static_cast<T>(Slope0 + S * TSlope);
      },
      L, "leaky_relu_jvp");
}

// add: y = a + b exactly; both shadows receive the seed; t_y = t_a + t_b.
TYPED_TEST(ElementwiseTest, Add) {
  using T = TypeParam;
  for (int N : {1, 7, 33}) {
    const auto A = randomVector<T>(N, -5, 5, 61 + N);
    const auto B = randomVector<T>(N, -5, 5, 62 + N);
    const auto Seed = randomVector<T>(N, -1, 1, 63 + N);
    std::vector<T> Y(N), Expected(N);
    for (int I = 0; I < N; ++I)
      Expected[I] = A[I] + B[I];
    nn::add(A.data(), B.data(), Y.data(), N);
    EXPECT_EQ(Y, Expected);
    std::vector<T> DA(N, T(1)), DB(N, T(0)), DY = Seed, Y2(N);
    nn::add_vjp(A.data(), B.data(), Y2.data(), N, DA.data(), DB.data(),
                DY.data());
    EXPECT_EQ(Y2, Expected);
    EXPECT_EQ(DB, Seed);
    for (int I = 0; I < N; ++I)
      EXPECT_EQ(DA[I], T(1) + Seed[I]);
    EXPECT_EQ(DY, std::vector<T>(N, T(0)));
    std::vector<T> TY(N);
    nn::add_jvp(A.data(), B.data(), Y2.data(), N, Seed.data(), A.data(),
                TY.data());
    for (int I = 0; I < N; ++I)
      EXPECT_EQ(TY[I], Seed[I] + A[I]);
  }
}

// A null tangent of a read-only input is a zero tangent: y and t_y are
// exactly those of a call with a buffer of zeros, and with no input tangent
// (and t_slope = 0) t_y is set to zero. t_y starts as NaN, so it must be
// written. On every target, at sizes that are not a multiple of a vector.
TYPED_TEST(ElementwiseTest, NullInputTangent) {
  using T = TypeParam;
  const T NaN = std::numeric_limits<T>::quiet_NaN();
  forEachTarget([&] {
    for (int N : {1, 7, 33}) {
      SCOPED_TRACE(N);
      const auto X = randomVector<T>(N, -4, 4, 71 + N, 0.01);
      const auto TX = randomVector<T>(N, -1, 1, 72 + N);
      const std::vector<T> Zero(N, T(0));
      for (const auto &C : unaryCases<T>()) {
        std::vector<T> Y0(N, NaN), TY0(N, NaN), Y(N, NaN), TY(N, NaN);
        C.J(X.data(), Y0.data(), N, Zero.data(), TY0.data());
        C.J(X.data(), Y.data(), N, nullptr, TY.data());
        EXPECT_EQ(Y, Y0) << C.Name;
        EXPECT_EQ(TY, TY0) << C.Name;
        EXPECT_EQ(TY, Zero) << C.Name;
      }

      // add: every combination of null t_a and t_b.
      const auto B = randomVector<T>(N, -4, 4, 73 + N);
      const auto TB = randomVector<T>(N, -1, 1, 74 + N);
      for (int Mask = 0; Mask < 4; ++Mask) {
        SCOPED_TRACE(Mask);
        const bool NullA = Mask & 1, NullB = Mask & 2;
        std::vector<T> Y0(N, NaN), TY0(N, NaN), Y(N, NaN), TY(N, NaN);
        nn::add_jvp(X.data(), B.data(), Y0.data(), N,
                    NullA ? Zero.data() : TX.data(),
                    NullB ? Zero.data() : TB.data(), TY0.data());
        nn::add_jvp(X.data(), B.data(), Y.data(), N,
                    NullA ? nullptr : TX.data(), NullB ? nullptr : TB.data(),
                    TY.data());
        EXPECT_EQ(Y, Y0);
        EXPECT_EQ(TY, TY0);
        if (NullA && NullB) {
          EXPECT_EQ(TY, Zero);
        }
      }

      // leaky_relu: a null t_x leaves the t_slope term; with t_slope = 0
      // too, t_y = 0.
      for (T TSlope : {T(0.5), T(0)}) {
        SCOPED_TRACE(double(TSlope));
        std::vector<T> Y0(N, NaN), TY0(N, NaN), Y(N, NaN), TY(N, NaN);
        nn::leaky_relu_jvp(X.data(), Y0.data(), N, T(0.1), Zero.data(),
                           TY0.data(), TSlope);
        nn::leaky_relu_jvp(X.data(), Y.data(), N, T(0.1),
                           static_cast<const T *>(nullptr), TY.data(),
                           TSlope);
        EXPECT_EQ(Y, Y0);
        EXPECT_EQ(TY, TY0);
        if (TSlope == T(0)) {
          EXPECT_EQ(TY, Zero);
        }
      }
    }
  });
}

// Size 0 is a no-op, null buffers included.
TYPED_TEST(ElementwiseTest, EmptyIsNoOp) {
  using T = TypeParam;
  nn::relu(static_cast<const T *>(nullptr), static_cast<T *>(nullptr), 0);
  nn::gelu_vjp(static_cast<const T *>(nullptr), static_cast<T *>(nullptr), 0,
               static_cast<T *>(nullptr), static_cast<T *>(nullptr));
  SUCCEED();
}

} // namespace
