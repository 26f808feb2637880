//===- LinearTest.cpp - Tests of linear, matmul and lstm_cell -------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The GEMM-based operators: values against the long double reference
/// (a dot product of K terms has relative error <= K eps against the sum of
/// |terms|), reverse and forward mode against central differences, the
/// optional bias, accumulation, and lstm_cell's in-place forward.
///
//===----------------------------------------------------------------------===//

#include "Reference.h"
#include "TestUtil.h"
#include "chainrule/nn.h"

#include <algorithm>

using namespace chainrule;
using namespace chainrule::test;
namespace ref = chainrule::nn::ref;

namespace {

template <class T> class LinearTest : public ::testing::Test {};
TYPED_TEST_SUITE(LinearTest, FloatTypes);

template <class T>
void perturb(std::vector<T> &V, const std::vector<T> &V0,
             const std::vector<T> &Dir, double S) {
  for (size_t I = 0; I < V.size(); ++I)
    V[I] = static_cast<T>(V0[I] + S * Dir[I]);
}

TYPED_TEST(LinearTest, LinearMatchesReference) {
  using T = TypeParam;
  for (bool Bias : {true, false})
    for (int Batch : {1, 7, 64}) {
      const int In = 33, Out = 17;
      const auto X = randomVector<T>(Batch * In, -1, 1, 131);
      const auto W = randomVector<T>(Out * In, -1, 1, 132);
      const auto B = randomVector<T>(Out, -1, 1, 133);
      const T *BP = Bias ? B.data() : nullptr;
      std::vector<T> Y(Batch * Out), Expected(Batch * Out);
      nn::linear(X.data(), W.data(), BP, Y.data(), Batch, In, Out);
      ref::linear(X.data(), W.data(), BP, Expected.data(), Batch, In, Out);
      expectRelNear(Y, Expected, (In + 1) * epsilonOf<T>(), In, "y");
    }
}

// linear_vjp: y written, d_y zeroed, adjoints by central differences (with
// and without a bias; a null b takes a null d_b), forward mode, duality,
// accumulation.
TYPED_TEST(LinearTest, LinearDerivatives) {
  using T = TypeParam;
  for (bool Bias : {true, false}) {
    SCOPED_TRACE(Bias);
    const int Batch = 3, In = 5, Out = 4;
    auto X = randomVector<T>(Batch * In, -1, 1, 141);
    auto W = randomVector<T>(Out * In, -1, 1, 142);
    auto B = randomVector<T>(Out, -1, 1, 143);
    const auto Seed = randomVector<T>(Batch * Out, -1, 1, 144);
    const T *BP = Bias ? B.data() : nullptr;
    std::vector<T> Y(Batch * Out), YF(Batch * Out), DX(X.size(), T(0)),
        DW(W.size(), T(0)), DB(Out, T(0)), DY = Seed;
    nn::linear_vjp(X.data(), W.data(), BP, Y.data(), Batch, In, Out, DX.data(),
                   DW.data(), Bias ? DB.data() : nullptr, DY.data());
    nn::linear(X.data(), W.data(), BP, YF.data(), Batch, In, Out);
    EXPECT_EQ(Y, YF);
    EXPECT_EQ(DY, std::vector<T>(DY.size(), T(0)));
    auto L = [&] {
      std::vector<T> Out_(Batch * Out);
      nn::linear(X.data(), W.data(), Bias ? B.data() : nullptr, Out_.data(),
                 Batch, In, Out);
      return dot(Seed, Out_);
    };
    expectAdjointMatchesFd(X, DX, L, "d_x");
    expectAdjointMatchesFd(W, DW, L, "d_W");
    if (Bias)
      expectAdjointMatchesFd(B, DB, L, "d_b");

    const auto TX = randomVector<T>(X.size(), -1, 1, 145);
    const auto TW = randomVector<T>(W.size(), -1, 1, 146);
    const auto TB = randomVector<T>(Out, -1, 1, 147);
    std::vector<T> TY(Batch * Out);
    nn::linear_jvp(X.data(), W.data(), BP, Y.data(), Batch, In, Out, TX.data(),
                   TW.data(), Bias ? TB.data() : nullptr, TY.data());
    const auto X0 = X, W0 = W, B0 = B;
    expectDirectionalMatchesFd(
        epsilonOf<T>(), dot(Seed, TY),
        [&](double S) {
          perturb(X, X0, TX, S);
          perturb(W, W0, TW, S);
          if (Bias)
            perturb(B, B0, TB, S);
        },
        L, "linear_jvp");
    const Real Reverse =
        dot(DX, TX) + dot(DW, TW) + (Bias ? dot(DB, TB) : Real(0));
    EXPECT_NEAR(double(dot(Seed, TY)), double(Reverse),
                64 * epsilonOf<T>() * double(1 + absDot(DX, TX) + absDot(DW, TW)));

    std::vector<T> Twice(W.size(), T(0));
    for (int K = 0; K < 2; ++K) {
      DY = Seed;
      nn::linear_vjp(X.data(), W.data(), BP, Y.data(), Batch, In, Out,
                     static_cast<T *>(nullptr), Twice.data(),
                     static_cast<T *>(nullptr), DY.data());
    }
    for (size_t I = 0; I < W.size(); ++I)
      EXPECT_EQ(Twice[I], 2 * DW[I]);
  }
}

TYPED_TEST(LinearTest, Matmul) {
  using T = TypeParam;
  const int M = 7, K = 5, N = 3;
  auto A = randomVector<T>(M * K, -1, 1, 151);
  auto B = randomVector<T>(K * N, -1, 1, 152);
  const auto Seed = randomVector<T>(M * N, -1, 1, 153);
  std::vector<T> C(M * N), Expected(M * N);
  nn::matmul(A.data(), B.data(), C.data(), M, K, N);
  ref::matmul(A.data(), B.data(), Expected.data(), M, K, N);
  expectRelNear(C, Expected, (K + 1) * epsilonOf<T>(), K, "C");

  std::vector<T> DA(A.size(), T(1)), DB(B.size(), T(0)), DC = Seed;
  nn::matmul_vjp(A.data(), B.data(), C.data(), M, K, N, DA.data(), DB.data(),
                 DC.data());
  EXPECT_EQ(DC, std::vector<T>(DC.size(), T(0)));
  for (T &V : DA)
    V -= 1; // the accumulated part
  auto L = [&] {
    std::vector<T> Out(M * N);
    nn::matmul(A.data(), B.data(), Out.data(), M, K, N);
    return dot(Seed, Out);
  };
  expectAdjointMatchesFd(A, DA, L, "d_A");
  expectAdjointMatchesFd(B, DB, L, "d_B");
  const auto TA = randomVector<T>(A.size(), -1, 1, 154);
  const auto TB = randomVector<T>(B.size(), -1, 1, 155);
  std::vector<T> TC(M * N);
  nn::matmul_jvp(A.data(), B.data(), C.data(), M, K, N, TA.data(), TB.data(),
                 TC.data());
  EXPECT_NEAR(double(dot(Seed, TC)), double(dot(DA, TA) + dot(DB, TB)),
              64 * epsilonOf<T>() * double(1 + absDot(DA, TA) + absDot(DB, TB)));
}

/// The inputs of one lstm_cell test.
template <class T> struct LstmInputs {
  int Batch = 3, In = 4, Hidden = 5;
  std::vector<T> X, H, C, W, U, B;
  explicit LstmInputs(unsigned Seed)
      : X(randomVector<T>(Batch * In, -1, 1, Seed)),
        H(randomVector<T>(Batch * Hidden, -1, 1, Seed + 1)),
        C(randomVector<T>(Batch * Hidden, -1, 1, Seed + 2)),
        W(randomVector<T>(4 * Hidden * In, -0.7, 0.7, Seed + 3)),
        U(randomVector<T>(4 * Hidden * Hidden, -0.7, 0.7, Seed + 4)),
        B(randomVector<T>(4 * Hidden, -0.5, 0.5, Seed + 5)) {}
};

TYPED_TEST(LinearTest, LstmForward) {
  using T = TypeParam;
  LstmInputs<T> P(161);
  const int NH = P.Batch * P.Hidden;
  std::vector<T> HOut(NH), COut(NH), EH(NH), EC(NH);
  nn::lstm_cell(P.X.data(), P.H.data(), P.C.data(), P.W.data(), P.U.data(),
                P.B.data(), HOut.data(), COut.data(), P.Batch, P.In, P.Hidden);
  ref::lstmCell(P.X.data(), P.H.data(), P.C.data(), P.W.data(), P.U.data(),
                P.B.data(), EH.data(), EC.data(), P.Batch, P.In, P.Hidden);
  // K = In + Hidden + 1 products per gate, then a few ULPs of activation.
  const double Tol = (P.In + P.Hidden + 16) * epsilonOf<T>();
  expectRelNear(HOut, EH, Tol, 1, "h_out");
  expectRelNear(COut, EC, Tol, 1, "c_out");
  // In place: h_out == h, c_out == c.
  std::vector<T> H = P.H, C = P.C;
  nn::lstm_cell(P.X.data(), H.data(), C.data(), P.W.data(), P.U.data(),
                P.B.data(), H.data(), C.data(), P.Batch, P.In, P.Hidden);
  EXPECT_EQ(H, HOut);
  EXPECT_EQ(C, COut);
}

// lstm_cell_vjp for all six inputs with seeds on both outputs, the forward
// mode, duality and accumulation.
TYPED_TEST(LinearTest, LstmDerivatives) {
  using T = TypeParam;
  LstmInputs<T> P(171);
  const int NH = P.Batch * P.Hidden;
  const auto SH = randomVector<T>(NH, -1, 1, 181);
  const auto SC = randomVector<T>(NH, -1, 1, 182);
  std::vector<T> HOut(NH), COut(NH), DHOut = SH, DCOut = SC;
  std::vector<T> DX(P.X.size(), T(0)), DH(P.H.size(), T(0)),
      DC(P.C.size(), T(0)), DW(P.W.size(), T(0)), DU(P.U.size(), T(0)),
      DB(P.B.size(), T(0));
  nn::lstm_cell_vjp(P.X.data(), P.H.data(), P.C.data(), P.W.data(), P.U.data(),
                    P.B.data(), HOut.data(), COut.data(), P.Batch, P.In,
                    P.Hidden, DX.data(), DH.data(), DC.data(), DW.data(),
                    DU.data(), DB.data(), DHOut.data(), DCOut.data());
  EXPECT_EQ(DHOut, std::vector<T>(NH, T(0)));
  EXPECT_EQ(DCOut, std::vector<T>(NH, T(0)));
  auto L = [&] {
    std::vector<T> HO(NH), CO(NH);
    nn::lstm_cell(P.X.data(), P.H.data(), P.C.data(), P.W.data(), P.U.data(),
                  P.B.data(), HO.data(), CO.data(), P.Batch, P.In, P.Hidden);
    return dot(SH, HO) + dot(SC, CO);
  };
  expectAdjointMatchesFd(P.X, DX, L, "d_x");
  expectAdjointMatchesFd(P.H, DH, L, "d_h");
  expectAdjointMatchesFd(P.C, DC, L, "d_c");
  expectAdjointMatchesFd(P.W, DW, L, "d_W");
  expectAdjointMatchesFd(P.U, DU, L, "d_U");
  expectAdjointMatchesFd(P.B, DB, L, "d_b");

  LstmInputs<T> Dir(191);
  std::vector<T> THOut(NH), TCOut(NH);
  nn::lstm_cell_jvp(P.X.data(), P.H.data(), P.C.data(), P.W.data(), P.U.data(),
                    P.B.data(), HOut.data(), COut.data(), P.Batch, P.In,
                    P.Hidden, Dir.X.data(), Dir.H.data(), Dir.C.data(),
                    Dir.W.data(), Dir.U.data(), Dir.B.data(), THOut.data(),
                    TCOut.data());
  const Real Forward = dot(SH, THOut) + dot(SC, TCOut);
  const Real Reverse = dot(DX, Dir.X) + dot(DH, Dir.H) + dot(DC, Dir.C) +
                       dot(DW, Dir.W) + dot(DU, Dir.U) + dot(DB, Dir.B);
  const Real Scale = absDot(DX, Dir.X) + absDot(DH, Dir.H) +
                     absDot(DC, Dir.C) + absDot(DW, Dir.W) +
                     absDot(DU, Dir.U) + absDot(DB, Dir.B);
  EXPECT_NEAR(double(Forward), double(Reverse),
              256 * epsilonOf<T>() * double(1 + Scale));
  const LstmInputs<T> P0 = P;
  expectDirectionalMatchesFd(
      epsilonOf<T>(), Forward,
      [&](double S) {
        perturb(P.X, P0.X, Dir.X, S);
        perturb(P.H, P0.H, Dir.H, S);
        perturb(P.C, P0.C, Dir.C, S);
        perturb(P.W, P0.W, Dir.W, S);
        perturb(P.U, P0.U, Dir.U, S);
        perturb(P.B, P0.B, Dir.B, S);
      },
      L, "lstm_cell_jvp");

  std::vector<T> Twice(P.U.size(), T(0));
  for (int K = 0; K < 2; ++K) {
    DHOut = SH, DCOut = SC;
    nn::lstm_cell_vjp(P.X.data(), P.H.data(), P.C.data(), P.W.data(),
                      P.U.data(), P.B.data(), HOut.data(), COut.data(),
                      P.Batch, P.In, P.Hidden, nullptr, nullptr, nullptr,
                      nullptr, Twice.data(), nullptr, DHOut.data(),
                      DCOut.data());
  }
  for (size_t I = 0; I < Twice.size(); ++I)
    EXPECT_EQ(Twice[I], 2 * DU[I]);
}

/// Bit \p Bit of \p Mask set: the tangent \p Dir is replaced by nullptr
/// (in Null) or by the zero buffer \p Zero (in Zeroed).
template <class T> struct NullChoice {
  const T *Null, *Zeroed;
  NullChoice(int Mask, int Bit, const std::vector<T> &Dir,
             const std::vector<T> &Zero)
      : Null(Mask >> Bit & 1 ? nullptr : Dir.data()),
        Zeroed(Mask >> Bit & 1 ? Zero.data() : Dir.data()) {}
};

// linear_jvp and matmul_jvp: for every subset of null input tangents, y
// is exactly that of a call with zero buffers in their place and t_y agrees
// to rounding (a skipped GEMM replaces one that adds zeros); with no term
// left (all null, or only t_b without a bias) t_y is set to zero.
TYPED_TEST(LinearTest, NullInputTangents) {
  using T = TypeParam;
  const T NaN = std::numeric_limits<T>::quiet_NaN();
  const int Batch = 5, In = 7, Out = 6;
  const auto X = randomVector<T>(Batch * In, -1, 1, 301);
  const auto W = randomVector<T>(Out * In, -1, 1, 302);
  const auto B = randomVector<T>(Out, -1, 1, 303);
  const auto TX = randomVector<T>(X.size(), -1, 1, 304);
  const auto TW = randomVector<T>(W.size(), -1, 1, 305);
  const auto TB = randomVector<T>(Out, -1, 1, 306);
  const std::vector<T> ZX(X.size(), T(0)), ZW(W.size(), T(0)), ZB(Out, T(0)),
      ZY(Batch * Out, T(0));
  const double Tol = (In + 1) * epsilonOf<T>();
  for (bool Bias : {true, false})
    for (int Mask = 0; Mask < 8; ++Mask) {
      SCOPED_TRACE(testing::Message() << "bias " << Bias << ", mask " << Mask);
      const T *BP = Bias ? B.data() : nullptr;
      const NullChoice<T> CX(Mask, 0, TX, ZX), CW(Mask, 1, TW, ZW),
          CB(Mask, 2, TB, ZB);
      std::vector<T> Y0(Batch * Out, NaN), TY0(Batch * Out, NaN),
          Y(Batch * Out, NaN), TY(Batch * Out, NaN);
      nn::linear_jvp(X.data(), W.data(), BP, Y0.data(), Batch, In, Out,
                     CX.Zeroed, CW.Zeroed, CB.Zeroed, TY0.data());
      nn::linear_jvp(X.data(), W.data(), BP, Y.data(), Batch, In, Out, CX.Null,
                     CW.Null, CB.Null, TY.data());
      EXPECT_EQ(Y, Y0);
      expectRelNear(TY, TY0, Tol, In, "t_y");
      if ((Mask & 3) == 3 && (!Bias || (Mask & 4))) {
        EXPECT_EQ(TY, ZY);
      }
    }

  // matmul: A = X (Batch x In), B = W^T read as In x Out.
  for (int Mask = 0; Mask < 4; ++Mask) {
    SCOPED_TRACE(testing::Message() << "matmul mask " << Mask);
    const NullChoice<T> CA(Mask, 0, TX, ZX), CB(Mask, 1, TW, ZW);
    std::vector<T> C0(Batch * Out, NaN), TC0(Batch * Out, NaN),
        C(Batch * Out, NaN), TC(Batch * Out, NaN);
    nn::matmul_jvp(X.data(), W.data(), C0.data(), Batch, In, Out, CA.Zeroed,
                   CB.Zeroed, TC0.data());
    nn::matmul_jvp(X.data(), W.data(), C.data(), Batch, In, Out, CA.Null,
                   CB.Null, TC.data());
    EXPECT_EQ(C, C0);
    expectRelNear(TC, TC0, Tol, In, "t_C");
    if (Mask == 3) {
      EXPECT_EQ(TC, ZY);
    }
  }
}

// lstm_cell_jvp: every subset of null tangents among t_x, t_h, t_c, t_W,
// t_U and t_b against zero buffers (h_out and c_out exact, their tangents
// to rounding); all null gives zero tangents of both outputs.
TYPED_TEST(LinearTest, LstmNullInputTangents) {
  using T = TypeParam;
  const T NaN = std::numeric_limits<T>::quiet_NaN();
  const LstmInputs<T> P(311), Dir(321);
  const int NH = P.Batch * P.Hidden;
  const LstmInputs<T> Z = [&] {
    LstmInputs<T> V(0);
    for (auto *Buf : {&V.X, &V.H, &V.C, &V.W, &V.U, &V.B})
      std::fill(Buf->begin(), Buf->end(), T(0));
    return V;
  }();
  const std::vector<T> ZH(NH, T(0));
  const double Tol = (P.In + P.Hidden + 16) * epsilonOf<T>();
  for (int Mask = 0; Mask < 64; ++Mask) {
    SCOPED_TRACE(testing::Message() << "mask " << Mask);
    const NullChoice<T> CX(Mask, 0, Dir.X, Z.X), CH(Mask, 1, Dir.H, Z.H),
        CC(Mask, 2, Dir.C, Z.C), CW(Mask, 3, Dir.W, Z.W),
        CU(Mask, 4, Dir.U, Z.U), CB(Mask, 5, Dir.B, Z.B);
    std::vector<T> HOut0(NH, NaN), COut0(NH, NaN), THOut0(NH, NaN),
        TCOut0(NH, NaN), HOut(NH, NaN), COut(NH, NaN), THOut(NH, NaN),
        TCOut(NH, NaN);
    nn::lstm_cell_jvp(P.X.data(), P.H.data(), P.C.data(), P.W.data(),
                      P.U.data(), P.B.data(), HOut0.data(), COut0.data(),
                      P.Batch, P.In, P.Hidden, CX.Zeroed, CH.Zeroed, CC.Zeroed,
                      CW.Zeroed, CU.Zeroed, CB.Zeroed, THOut0.data(),
                      TCOut0.data());
    nn::lstm_cell_jvp(P.X.data(), P.H.data(), P.C.data(), P.W.data(),
                      P.U.data(), P.B.data(), HOut.data(), COut.data(),
                      P.Batch, P.In, P.Hidden, CX.Null, CH.Null, CC.Null,
                      CW.Null, CU.Null, CB.Null, THOut.data(), TCOut.data());
    EXPECT_EQ(HOut, HOut0);
    EXPECT_EQ(COut, COut0);
    expectRelNear(THOut, THOut0, Tol, 1, "t_h_out");
    expectRelNear(TCOut, TCOut0, Tol, 1, "t_c_out");
    if (Mask == 63) {
      EXPECT_EQ(THOut, ZH);
      EXPECT_EQ(TCOut, ZH);
    }
  }
}

} // namespace
