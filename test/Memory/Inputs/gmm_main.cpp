//===- gmm_main.cpp - Checks of the GMM objective's gradient --------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//

#include "Gmm.h"
#include "check.h"

#include <cmath>
#include <vector>

int main() {
  const int D = 3, K = 4, N = 5, IcfSize = D * (D + 1) / 2;
  std::vector<double> alphas(K), means(K * D), icf(K * IcfSize), x(N * D);
  // Deterministic, irregular values.
  auto fill = [](std::vector<double> &V, double Seed) {
    for (size_t I = 0; I < V.size(); ++I)
      V[I] = std::sin(Seed * (I + 1) + 0.3 * I * I) * 0.8;
  };
  fill(alphas, 1.3);
  fill(means, 0.7);
  fill(icf, 2.1);
  fill(x, 0.37);
  Wishart W{1.0, 0};
  std::vector<double> da(K), dm(K * D), di(K * IcfSize);
  auto F = [&] {
    return gmm_objective(D, K, N, alphas.data(), means.data(), icf.data(),
                         x.data(), W, 0.5);
  };
  double Value = gmm_objective_grad(D, K, N, alphas.data(), means.data(),
                                    icf.data(), x.data(), W, 0.5, da.data(),
                                    dm.data(), di.data());
  CR_EXPECT_EXACT(Value, F());
  crtest::expectGradient("d_alphas", da.data(), alphas.data(), K, F);
  crtest::expectGradient("d_means", dm.data(), means.data(), K * D, F);
  crtest::expectGradient("d_icf", di.data(), icf.data(), K * IcfSize, F);
  return crtest::finish();
}
