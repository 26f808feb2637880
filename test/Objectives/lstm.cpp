// A two-layer LSTM language model, written from its definition with structs
// of weight views onto one parameter buffer: each layer's cell
//
//   f = sigmoid(x w_f + b_f), i = sigmoid(h w_i + b_i),
//   o = sigmoid(x w_o + b_o), g = tanh(h w_g + b_g),
//   c' = c f + i g, h' = o tanh(c')      (elementwise, as the benchmark)
//
// feeds the next; the prediction x_out = h w_out + b_out is scored by the
// cross entropy of the next character:
//   L = -1/(T-1) sum_t (x_out[target_t] - logsumexp(x_out)).
// The state lives in local arrays updated in place. Gradient and tangents
// checked against central differences.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd

// The views are gone from the derivative: it indexes the parameters.
// CHECK:     double loss_grad(
// CHECK-NOT: Gates
// CHECK:     (d_params + {{.*}})[
#include <chainrule/chainrule.h>

#include <cmath>

namespace lstm {

constexpr int H = 4;      // hidden size = alphabet size
constexpr int Layers = 2;
constexpr int PerLayer = 8 * H;

/// One layer's weights and biases: views into the parameter buffer.
struct Gates {
  const double *wf, *bf, *wi, *bi, *wo, *bo, *wg, *bg;
};

inline Gates layerGates(const double *params, int layer) {
  const double *p = params + layer * PerLayer;
  return Gates{p, p + H, p + 2 * H, p + 3 * H,
               p + 4 * H, p + 5 * H, p + 6 * H, p + 7 * H};
}

inline double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

/// One step of one layer: updates its hidden state and cell in place.
void cell(const Gates &g, const double *input, double *hidden, double *c) {
  for (int j = 0; j < H; ++j) {
    double f = sigmoid(input[j] * g.wf[j] + g.bf[j]);
    double in = sigmoid(hidden[j] * g.wi[j] + g.bi[j]);
    double o = sigmoid(input[j] * g.wo[j] + g.bo[j]);
    double change = std::tanh(hidden[j] * g.wg[j] + g.bg[j]);
    c[j] = c[j] * f + in * change;
    hidden[j] = o * std::tanh(c[j]);
  }
}

CHAINRULE_GRAD CHAINRULE_JVP_WRT(params)
double loss(const double *params, const double *extra, const double *state0,
            const double *sequence, int steps) {
  double state[Layers * 2 * H]; // per layer: hidden, then cell
  for (int i = 0; i < Layers * 2 * H; ++i)
    state[i] = state0[i];
  const double *win = extra, *wout = extra + H, *bout = extra + 2 * H;
  double total = 0;
  for (int t = 0; t + 1 < steps; ++t) {
    double x[H];
    for (int j = 0; j < H; ++j)
      x[j] = sequence[t * H + j] * win[j];
    for (int l = 0; l < Layers; ++l) {
      double *hidden = state + l * 2 * H;
      cell(layerGates(params, l), x, hidden, hidden + H);
      for (int j = 0; j < H; ++j)
        x[j] = hidden[j];
    }
    double out[H], mx = -1e300;
    for (int j = 0; j < H; ++j) {
      out[j] = x[j] * wout[j] + bout[j];
      mx = out[j] > mx ? out[j] : mx;
    }
    double s = 0;
    for (int j = 0; j < H; ++j)
      s += std::exp(out[j] - mx);
    double lse = mx + std::log(s);
    for (int j = 0; j < H; ++j)
      total += sequence[(t + 1) * H + j] * (out[j] - lse);
  }
  return -total / (steps - 1);
}

} // namespace lstm

#ifdef RUN_CHECKS
#include "check.h"
namespace lstm {
double loss_grad(const double *params, const double *extra,
                 const double *state0, const double *sequence, int steps,
                 double *d_params, double *d_extra, double *d_state0,
                 double *d_sequence);
double loss_jvp(const double *params, const double *extra,
                const double *state0, const double *sequence, int steps,
                const double *t_params);
} // namespace lstm

int main() {
  using namespace lstm;
  const int T = 4;
  double params[Layers * PerLayer], extra[3 * H], state0[Layers * 2 * H],
      sequence[T * H] = {};
  for (int i = 0; i < Layers * PerLayer; ++i)
    params[i] = 0.4 * std::sin(0.7 * i + 0.3);
  for (int i = 0; i < 3 * H; ++i)
    extra[i] = 0.5 * std::cos(1.1 * i);
  for (int i = 0; i < Layers * 2 * H; ++i)
    state0[i] = 0.1 * std::sin(2.3 * i);
  for (int t = 0; t < T; ++t)
    sequence[t * H + (t * 3) % H] = 1; // one-hot characters
  double dp[Layers * PerLayer] = {}, de[3 * H] = {}, ds[Layers * 2 * H] = {},
         dq[T * H] = {};
  auto F = [&] { return loss(params, extra, state0, sequence, T); };
  CR_EXPECT_EXACT(loss_grad(params, extra, state0, sequence, T, dp, de, ds, dq),
                  F());
  crtest::expectGradient("d_params", dp, params, Layers * PerLayer, F);
  crtest::expectGradient("d_extra", de, extra, 3 * H, F);
  crtest::expectGradient("d_state0", ds, state0, Layers * 2 * H, F);
  for (int i = 0; i < Layers * PerLayer; ++i) {
    double e[Layers * PerLayer] = {};
    e[i] = 1;
    CR_EXPECT_NEAR_REL(loss_jvp(params, extra, state0, sequence, T, e), dp[i],
                       1e-12);
  }
  return crtest::finish();
}
#endif
