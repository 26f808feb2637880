#include <chainrule/chainrule.h>
#include <chainrule/nn.h>

CHAINRULE_GRAD_WRT(W1, b1, W2)
double mlp(const double *x, const double *W1, const double *b1,
           const double *W2, const double *target) {
  double h[3 * 5], a[3 * 5], y[3 * 2];
  chainrule::nn::linear(x, W1, b1, h, 3, 4, 5);
  chainrule::nn::tanh(h, a, 3 * 5);
  chainrule::nn::linear(a, W2, nullptr, y, 3, 5, 2);
  return chainrule::nn::mse_loss(y, target, 3 * 2);
}
