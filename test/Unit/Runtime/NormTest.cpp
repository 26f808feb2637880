//===- NormTest.cpp - Tests of layer_norm and batch_norm ------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// layer_norm and batch_norm: forward and reverse against the long double
/// reference, central differences for every active input including eps,
/// forward mode, accumulation and constant rows/columns.
///
/// Tolerance: the statistics are sums over at most 1000 entries, which
/// vector lanes split at least in two: relative error <= (Count/2 + 16) eps,
/// scaled by 1 + |value| since x - mean can cancel.
///
//===----------------------------------------------------------------------===//

#include "Reference.h"
#include "TestUtil.h"
#include "chainrule/nn.h"

using namespace chainrule;
using namespace chainrule::test;
namespace ref = chainrule::nn::ref;

namespace {

template <class T> struct NormOps {
  using Fwd = void (*)(const T *, const T *, const T *, T *, int, int, T);
  using Vjp = void (*)(const T *, const T *, const T *, T *, int, int, T, T *,
                       T *, T *, T *, T *);
  using Jvp = void (*)(const T *, const T *, const T *, T *, int, int, T,
                       const T *, const T *, const T *, T *, T);
  const char *Name;
  bool Batch;
  Fwd F;
  Vjp V;
  Jvp J;
};

template <class T> std::vector<NormOps<T>> normOps() {
  return {{"layer_norm", false, &nn::layer_norm, &nn::layer_norm_vjp,
           &nn::layer_norm_jvp},
          {"batch_norm", true, &nn::batch_norm, &nn::batch_norm_vjp,
           &nn::batch_norm_jvp}};
}

template <class T> class NormTest : public ::testing::Test {};
TYPED_TEST_SUITE(NormTest, FloatTypes);

TYPED_TEST(NormTest, MatchesReference) {
  using T = TypeParam;
  for (const auto &Op : normOps<T>())
    for (int Cols : {1, 7, 33, 1000}) {
      SCOPED_TRACE(Cols);
      const int Rows = Op.Batch ? 9 : 3, N = Rows * Cols;
      const ref::NormShape Shape{Op.Batch, Rows, Cols};
      const double Tol = (Shape.count() / 2.0 + 16) * epsilonOf<T>();
      const auto X = randomVector<T>(N, -3, 3, 101 + Cols);
      const auto G = randomVector<T>(Cols, 0.5, 2, 102);
      const auto B = randomVector<T>(Cols, -1, 1, 103);
      const auto Seed = randomVector<T>(N, -1, 1, 104);
      const T Eps = T(1e-5);
      std::vector<T> Y(N), Expected(N);
      Op.F(X.data(), G.data(), B.data(), Y.data(), Rows, Cols, Eps);
      ref::norm(Shape, X.data(), G.data(), B.data(), Expected.data(), Eps);
      expectRelNear(Y, Expected, Tol, 1, Op.Name);

      std::vector<T> DX(N, T(0)), DG(Cols, T(0)), DB(Cols, T(0)), DY = Seed;
      std::vector<T> EX(N, T(0)), EG(Cols, T(0)), EB(Cols, T(0));
      T DEps = 0;
      Op.V(X.data(), G.data(), B.data(), Y.data(), Rows, Cols, Eps, DX.data(),
           DG.data(), DB.data(), DY.data(), &DEps);
      expectRelNear(Y, Expected, Tol, 1, Op.Name);
      EXPECT_EQ(DY, std::vector<T>(N, T(0)));
      const Real EEps = ref::normVjp(Shape, X.data(), G.data(), Seed.data(), Eps,
                                     EX.data(), EG.data(), EB.data());
      // Adjoints sum Count products: scale the tolerance by that count.
      const double DTol = 4 * Tol;
      expectRelNear(DX, EX, DTol, 1, "d_x");
      expectRelNear(DG, EG, DTol, Shape.count(), "d_gamma");
      expectRelNear(DB, EB, DTol, Shape.count(), "d_beta");
      // d_eps sums N terms of size |g gamma xhat| r^2 <= 2 r^2 |xhat|.
      EXPECT_NEAR(double(DEps), double(EEps),
                  DTol * (std::fabs(double(EEps)) + 2.0 * N));
    }
}

// Central differences for x, gamma, beta and eps; forward mode including
// t_eps; duality; accumulation.
TYPED_TEST(NormTest, DerivativesMatchFiniteDifferences) {
  using T = TypeParam;
  for (const auto &Op : normOps<T>()) {
    SCOPED_TRACE(Op.Name);
    const int Rows = 4, Cols = 5, N = Rows * Cols;
    auto X = randomVector<T>(N, -2, 2, 111);
    auto G = randomVector<T>(Cols, 0.5, 2, 112);
    auto B = randomVector<T>(Cols, -1, 1, 113);
    const auto Seed = randomVector<T>(N, -1, 1, 114);
    // A large eps, so that its adjoint is well above the FD noise.
    std::vector<T> Eps = {T(0.25)};
    std::vector<T> Y(N), DX(N, T(0)), DG(Cols, T(0)), DB(Cols, T(0)),
        DY = Seed, DEps = {T(0)};
    Op.V(X.data(), G.data(), B.data(), Y.data(), Rows, Cols, Eps[0],
         DX.data(), DG.data(), DB.data(), DY.data(), DEps.data());
    auto L = [&] {
      std::vector<T> Out(N);
      Op.F(X.data(), G.data(), B.data(), Out.data(), Rows, Cols, Eps[0]);
      return dot(Seed, Out);
    };
    expectAdjointMatchesFd(X, DX, L, "d_x");
    expectAdjointMatchesFd(G, DG, L, "d_gamma");
    expectAdjointMatchesFd(B, DB, L, "d_beta");
    expectAdjointMatchesFd(Eps, DEps, L, "d_eps");

    const auto TX = randomVector<T>(N, -1, 1, 115);
    const auto TG = randomVector<T>(Cols, -1, 1, 116);
    const auto TB = randomVector<T>(Cols, -1, 1, 117);
    const T TEps = T(0.1);
    std::vector<T> TY(N);
    Op.J(X.data(), G.data(), B.data(), Y.data(), Rows, Cols, Eps[0], TX.data(),
         TG.data(), TB.data(), TY.data(), TEps);
    const auto X0 = X, G0 = G, B0 = B;
    const T Eps0 = Eps[0];
    expectDirectionalMatchesFd(
        epsilonOf<T>(), dot(Seed, TY),
        [&](double S) {
          for (int I = 0; I < N; ++I)
            X[I] = static_cast<T>(X0[I] + S * TX[I]);
          for (int I = 0; I < Cols; ++I) {
            G[I] = static_cast<T>(G0[I] + S * TG[I]);
            B[I] = static_cast<T>(B0[I] + S * TB[I]);
          }
          Eps[0] = static_cast<T>(Eps0 + S * TEps);
        },
        L, Op.Name);
    const Real Reverse =
        dot(DX, TX) + dot(DG, TG) + dot(DB, TB) + Real(DEps[0]) * TEps;
    EXPECT_NEAR(double(dot(Seed, TY)), double(Reverse),
                64 * epsilonOf<T>() * double(1 + absDot(DX, TX) + absDot(DG, TG) + absDot(DB, TB)));

    std::vector<T> Twice(N, T(0)), TwiceEps = {T(0)};
    for (int K = 0; K < 2; ++K) {
      DY = Seed;
      Op.V(X.data(), G.data(), B.data(), Y.data(), Rows, Cols, Eps[0],
           Twice.data(), static_cast<T *>(nullptr), static_cast<T *>(nullptr),
           DY.data(), TwiceEps.data());
    }
    for (int I = 0; I < N; ++I)
      EXPECT_EQ(Twice[I], 2 * DX[I]);
    EXPECT_EQ(TwiceEps[0], 2 * DEps[0]);
  }
}

// A null tangent of x, gamma or beta is a zero tangent: for every subset of
// null tangents, with t_eps = 0.1 and 0, y and t_y are exactly those of a
// call with zero buffers in their place; with no tangent at all (and
// t_eps = 0) t_y is set to zero.
TYPED_TEST(NormTest, NullInputTangents) {
  using T = TypeParam;
  const T NaN = std::numeric_limits<T>::quiet_NaN();
  for (const auto &Op : normOps<T>())
    for (int Cols : {1, 7, 33}) {
      SCOPED_TRACE(testing::Message() << Op.Name << ", cols " << Cols);
      const int Rows = 5, N = Rows * Cols;
      const auto X = randomVector<T>(N, -2, 2, 131 + Cols);
      const auto G = randomVector<T>(Cols, 0.5, 2, 132);
      const auto B = randomVector<T>(Cols, -1, 1, 133);
      const auto TX = randomVector<T>(N, -1, 1, 134);
      const auto TG = randomVector<T>(Cols, -1, 1, 135);
      const auto TB = randomVector<T>(Cols, -1, 1, 136);
      const std::vector<T> ZX(N, T(0)), ZC(Cols, T(0));
      for (T TEps : {T(0.1), T(0)})
        for (int Mask = 0; Mask < 8; ++Mask) {
          SCOPED_TRACE(testing::Message()
                       << "t_eps " << double(TEps) << ", mask " << Mask);
          const bool NullX = Mask & 1, NullG = Mask & 2, NullB = Mask & 4;
          std::vector<T> Y0(N, NaN), TY0(N, NaN), Y(N, NaN), TY(N, NaN);
          Op.J(X.data(), G.data(), B.data(), Y0.data(), Rows, Cols, T(1e-3),
               NullX ? ZX.data() : TX.data(), NullG ? ZC.data() : TG.data(),
               NullB ? ZC.data() : TB.data(), TY0.data(), TEps);
          Op.J(X.data(), G.data(), B.data(), Y.data(), Rows, Cols, T(1e-3),
               NullX ? nullptr : TX.data(), NullG ? nullptr : TG.data(),
               NullB ? nullptr : TB.data(), TY.data(), TEps);
          EXPECT_EQ(Y, Y0);
          EXPECT_EQ(TY, TY0);
          if (Mask == 7 && TEps == T(0)) {
            EXPECT_EQ(TY, ZX);
          }
        }
    }
}

// Constant rows (layer norm) and columns (batch norm): variance exactly 0,
// y exactly beta, finite derivatives equal to the reference.
TYPED_TEST(NormTest, ConstantInput) {
  using T = TypeParam;
  for (const auto &Op : normOps<T>()) {
    SCOPED_TRACE(Op.Name);
    const int Rows = 6, Cols = 1000, N = Rows * Cols;
    std::vector<T> X(N, T(3));
    const auto G = randomVector<T>(Cols, 0.5, 2, 121);
    const auto B = randomVector<T>(Cols, -1, 1, 122);
    const auto Seed = randomVector<T>(N, -1, 1, 123);
    std::vector<T> Y(N), DX(N, T(0)), DG(Cols, T(0)), DB(Cols, T(0)),
        DY = Seed;
    T DEps = 0;
    Op.V(X.data(), G.data(), B.data(), Y.data(), Rows, Cols, T(1e-5),
         DX.data(), DG.data(), DB.data(), DY.data(), &DEps);
    for (int I = 0; I < N; ++I)
      ASSERT_EQ(Y[I], B[I % Cols]) << I;
    std::vector<T> EX(N, T(0)), EG(Cols, T(0)), EB(Cols, T(0));
    ref::normVjp(ref::NormShape{Op.Batch, Rows, Cols}, X.data(), G.data(),
                 Seed.data(), T(1e-5), EX.data(), EG.data(), EB.data());
    expectRelNear(DX, EX, 1024 * epsilonOf<T>(), 1, "d_x");
    EXPECT_EQ(DEps, T(0));
  }
}

} // namespace
