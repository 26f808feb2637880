// Calls of the runtime's operators inside differentiated code use their
// registered derivatives (chainrule/nn.h marks them
// CHAINRULE_CUSTOM_DERIVATIVE): a two-layer network with a loss, in both
// modes, checked against central differences. clip_grad_norm is
// non-differentiable.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp %rtlibs -o %t && %t

// CHECK-LABEL: double *d_W1, double *d_b1, double *d_W2) {
// CHECK-DAG: ::chainrule::nn::mse_loss_vjp(
// CHECK-DAG: ::chainrule::nn::linear_vjp(
// CHECK-DAG: ::chainrule::nn::tanh_vjp(
// CHECK-LABEL: const double *t_W1) {
// CHECK-DAG: ::chainrule::nn::linear_jvp(
// CHECK-DAG: ::chainrule::nn::tanh_jvp(
// CHECK-DAG: ::chainrule::nn::mse_loss_jvp(
#include <chainrule/chainrule.h>
#include <chainrule/nn.h>

constexpr int B = 3, In = 4, H = 5, Out = 2;

CHAINRULE_GRAD_WRT(W1, b1, W2, x) CHAINRULE_JVP_WRT(W1, x)
double mlp(const double *x, const double *W1, const double *b1,
           const double *W2, const double *target) {
  double h[B * H], a[B * H], y[B * Out];
  chainrule::nn::linear(x, W1, b1, h, B, In, H);
  chainrule::nn::tanh(h, a, B * H);
  chainrule::nn::linear(a, W2, nullptr, y, B, H, Out);
  return chainrule::nn::mse_loss(y, target, B * Out);
}

// More operators: an LSTM step, layer norm, activations with a scalar
// parameter, a residual add, softmax and a cross-entropy with integer
// targets; the scale s is a scalar input.
constexpr int Hd = 3;
CHAINRULE_GRAD
double net(const double *x, const double *W, const double *U, const double *b,
           const double *gamma, const double *beta, double s,
           const int *labels) {
  double h0[B * Hd] = {}, c0[B * Hd] = {}, h[B * Hd], c[B * Hd];
  double n[B * Hd], g[B * Hd], r[B * Hd], p[B * Hd], q[B * Hd];
  chainrule::nn::lstm_cell(x, h0, c0, W, U, b, h, c, B, In, Hd);
  chainrule::nn::layer_norm(h, gamma, beta, n, B, Hd, 1e-5);
  chainrule::nn::leaky_relu(n, g, B * Hd, 0.1 * s);
  chainrule::nn::add(g, c, r, B * Hd);
  chainrule::nn::gelu(r, q, B * Hd);
  chainrule::nn::softmax(q, p, B, Hd);
  return chainrule::nn::cross_entropy(p, labels, B, Hd) * s;
}

#ifdef RUN_CHECKS
#include "check.h"
#include <vector>
double net_grad(const double *x, const double *W, const double *U,
                const double *b, const double *gamma, const double *beta,
                double s, const int *labels, double *d_x, double *d_W,
                double *d_U, double *d_b, double *d_gamma, double *d_beta,
                double *d_s);
void checkNet() {
  std::vector<double> x(B * In), W(4 * Hd * In), U(4 * Hd * Hd), b(4 * Hd),
      gamma(Hd), beta(Hd);
  double s = 1.7, z = 0.1;
  for (auto *v : {&x, &W, &U, &b, &gamma, &beta})
    for (double &e : *v)
      e = std::cos(z += 0.9);
  int labels[B] = {2, 0, 1};
  std::vector<double> dx(x.size()), dW(W.size()), dU(U.size()), db(b.size()),
      dgamma(gamma.size()), dbeta(beta.size());
  double ds = 0;
  double v = net_grad(x.data(), W.data(), U.data(), b.data(), gamma.data(),
                      beta.data(), s, labels, dx.data(), dW.data(), dU.data(),
                      db.data(), dgamma.data(), dbeta.data(), &ds);
  auto L = [&] {
    return net(x.data(), W.data(), U.data(), b.data(), gamma.data(),
               beta.data(), s, labels);
  };
  CR_EXPECT_NEAR_REL(v, L(), 1e-15);
  crtest::expectGradient("net x", dx.data(), x.data(), x.size(), L);
  crtest::expectGradient("net W", dW.data(), W.data(), W.size(), L);
  crtest::expectGradient("net b", db.data(), b.data(), b.size(), L);
  crtest::expectGradient("net gamma", dgamma.data(), gamma.data(), gamma.size(), L);
  crtest::expectGradient("net beta", dbeta.data(), beta.data(), beta.size(), L);
  crtest::expectGradient("net s", &ds, &s, 1, L);
}

double mlp_grad(const double *x, const double *W1, const double *b1,
                const double *W2, const double *target, double *d_x,
                double *d_W1, double *d_b1, double *d_W2);
double mlp_jvp(const double *x, const double *W1, const double *b1,
               const double *W2, const double *target, const double *t_x,
               const double *t_W1);
int main() {
  std::vector<double> x(B * In), W1(H * In), b1(H), W2(Out * H), t(B * Out);
  double s = 0.3;
  for (auto *v : {&x, &W1, &b1, &W2, &t})
    for (double &e : *v)
      e = std::sin(s += 0.7);
  std::vector<double> dx(x.size()), dW1(W1.size()), db1(b1.size()),
      dW2(W2.size());
  double v = mlp_grad(x.data(), W1.data(), b1.data(), W2.data(), t.data(),
                      dx.data(), dW1.data(), db1.data(), dW2.data());
  auto L = [&] { return mlp(x.data(), W1.data(), b1.data(), W2.data(), t.data()); };
  CR_EXPECT_NEAR_REL(v, L(), 1e-15);
  crtest::expectGradient("x", dx.data(), x.data(), x.size(), L);
  crtest::expectGradient("W1", dW1.data(), W1.data(), W1.size(), L);
  crtest::expectGradient("b1", db1.data(), b1.data(), b1.size(), L);
  crtest::expectGradient("W2", dW2.data(), W2.data(), W2.size(), L);
  // The jvp in the direction of W1[2] and x[5] against the gradient.
  std::vector<double> tx(x.size()), tW1(W1.size());
  tx[5] = 1;
  tW1[2] = 1;
  CR_EXPECT_NEAR_REL(mlp_jvp(x.data(), W1.data(), b1.data(), W2.data(),
                             t.data(), tx.data(), tW1.data()),
                     dx[5] + dW1[2], 1e-12);
  checkNet();
  return crtest::finish();
}
#endif
