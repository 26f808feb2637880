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

#ifdef RUN_CHECKS
#include "check.h"
#include <vector>
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
  return crtest::finish();
}
#endif
