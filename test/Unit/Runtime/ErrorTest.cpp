//===- ErrorTest.cpp - Bad input and clip_grad_norm -----------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The documented reaction to bad input (nn.h, "Errors"): a message
/// `chainrule_rt: <op>: <problem>` and abort, checked with death tests; and
/// clip_grad_norm, which is not differentiable.
///
//===----------------------------------------------------------------------===//

#include "TestUtil.h"
#include "chainrule/nn.h"

using namespace chainrule;
using namespace chainrule::test;

namespace {

TEST(RuntimeErrorDeathTest, NullRequiredBuffer) {
  float Y[4];
  EXPECT_DEATH(nn::relu(static_cast<const float *>(nullptr), Y, 4),
               "chainrule_rt: relu: null pointer for 'x'");
  double X[4] = {1, 2, 3, 4}, DX[4];
  EXPECT_DEATH(nn::sigmoid_vjp(X, static_cast<double *>(nullptr), 4, DX, DX),
               "chainrule_rt: sigmoid_vjp: null pointer for 'y'");
  EXPECT_DEATH(nn::softmax_vjp(X, X, 2, 2, DX, static_cast<double *>(nullptr)),
               "chainrule_rt: softmax_vjp: null pointer for 'd_y'");
  EXPECT_DEATH(nn::linear(X, static_cast<const double *>(nullptr), nullptr, DX,
                          2, 2, 2),
               "chainrule_rt: linear: null pointer for 'W'");
}

// Null input tangents are zero tangents, but the tangents of written
// buffers stay required.
TEST(RuntimeErrorDeathTest, NullWrittenTangent) {
  double X[4] = {1, 2, 3, 4}, Y[4];
  EXPECT_DEATH(nn::relu_jvp(X, Y, 4, nullptr, static_cast<double *>(nullptr)),
               "chainrule_rt: relu_jvp: null pointer for 't_y'");
  EXPECT_DEATH(nn::linear_jvp(X, X, nullptr, Y, 2, 2, 2, nullptr, nullptr,
                              nullptr, static_cast<double *>(nullptr)),
               "chainrule_rt: linear_jvp: null pointer for 't_y'");
  EXPECT_DEATH(nn::matmul_jvp(X, X, Y, 2, 2, 2, nullptr, nullptr,
                              static_cast<double *>(nullptr)),
               "chainrule_rt: matmul_jvp: null pointer for 't_C'");
  double W[4] = {}, H[1] = {0}, C[1] = {0}, HOut[1], COut[1], TC[1];
  EXPECT_DEATH(nn::lstm_cell_jvp(X, H, C, W, W, W, HOut, COut, 1, 1, 1,
                                 nullptr, nullptr, nullptr, nullptr, nullptr,
                                 nullptr, static_cast<double *>(nullptr), TC),
               "chainrule_rt: lstm_cell_jvp: null pointer for 't_h_out'");
  EXPECT_DEATH(nn::layer_norm_jvp(X, X, X, Y, 2, 2, 1e-5, nullptr, nullptr,
                                  nullptr, static_cast<double *>(nullptr),
                                  0.0),
               "chainrule_rt: layer_norm_jvp: null pointer for 't_y'");
}

TEST(RuntimeErrorDeathTest, NegativeSize) {
  float X[1] = {0};
  EXPECT_DEATH(nn::tanh(X, X, -1), "chainrule_rt: tanh: negative size n = -1");
  EXPECT_DEATH(nn::layer_norm(X, X, X, X, 1, -3, 1e-5f),
               "chainrule_rt: layer_norm: negative size cols = -3");
  EXPECT_DEATH(nn::matmul(X, X, X, 1, -2, 1),
               "chainrule_rt: matmul: negative size k = -2");
}

TEST(RuntimeErrorDeathTest, TargetOutOfRange) {
  const float Logits[6] = {1, 2, 3, 4, 5, 6};
  const int Bad[2] = {0, 3}, Negative[2] = {-1, 0};
  EXPECT_DEATH(nn::cross_entropy(Logits, Bad, 2, 3),
               "chainrule_rt: cross_entropy: target\\[1\\] = 3 is outside "
               "\\[0, 3\\)");
  float D[6];
  EXPECT_DEATH(nn::cross_entropy_grad(Logits, Negative, 2, 3, D),
               "chainrule_rt: cross_entropy_grad: target\\[0\\] = -1");
}

TEST(RuntimeErrorDeathTest, EmptyMean) {
  const double X[1] = {0};
  const int Target[1] = {0};
  EXPECT_DEATH(nn::cross_entropy(X, Target, 0, 1),
               "chainrule_rt: cross_entropy: rows = 0");
  EXPECT_DEATH(nn::mse_loss(X, X, 0), "chainrule_rt: mse_loss: n = 0");
}

TEST(RuntimeErrorDeathTest, BadMaxNorm) {
  float G[2] = {1, 1};
  EXPECT_DEATH(nn::clip_grad_norm(G, 2, -1.0f),
               "chainrule_rt: clip_grad_norm: max_norm = -1");
}

// Zero sizes elsewhere are no-ops, with null buffers.
TEST(RuntimeError, ZeroSizesAreNoOps) {
  nn::softmax(static_cast<const float *>(nullptr), nullptr, 0, 5);
  nn::layer_norm(static_cast<const double *>(nullptr), nullptr, nullptr,
                 nullptr, 0, 4, 1e-5);
  nn::linear(static_cast<const float *>(nullptr), nullptr, nullptr, nullptr, 0,
             3, 2);
  nn::lstm_cell(static_cast<const float *>(nullptr), nullptr, nullptr, nullptr,
                nullptr, nullptr, nullptr, nullptr, 0, 3, 2);
  EXPECT_EQ(nn::clip_grad_norm(static_cast<float *>(nullptr), 0, 1.0f), 0.0f);
}

template <class T> class ClipTest : public ::testing::Test {};
TYPED_TEST_SUITE(ClipTest, FloatTypes);

// Returns the norm before clipping; scales by max_norm / (norm + 1e-6) only
// when the norm exceeds max_norm.
TYPED_TEST(ClipTest, ClipGradNorm) {
  using T = TypeParam;
  for (int N : {1, 7, 1000003}) {
    const auto G0 = randomVector<T>(N, -1, 1, 201);
    Real Sq = 0;
    for (T V : G0)
      Sq += Real(V) * V;
    const double Norm = std::sqrt(double(Sq));
    std::vector<T> G = G0;
    const T Got = nn::clip_grad_norm(G.data(), N, T(Norm * 2));
    EXPECT_NEAR(double(Got), Norm, 300 * epsilonOf<T>() * Norm);
    EXPECT_EQ(G, G0) << "below the threshold nothing changes";
    const T MaxNorm = T(Norm / 4);
    nn::clip_grad_norm(G.data(), N, MaxNorm);
    const double Scale = double(MaxNorm) / (double(Got) + 1e-6);
    for (int I = 0; I < N; I += std::max(1, N / 50))
      EXPECT_NEAR(double(G[I]), Scale * G0[I], 2 * epsilonOf<T>() * std::fabs(double(G0[I])));
  }
}

} // namespace
