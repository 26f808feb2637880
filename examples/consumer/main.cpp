// Trains the model of model.cpp by gradient descent with the gradient
// chainrule generated, and uses an operator of the runtime.
#include "model.ad.h" // written by chainrule_differentiate

#include <chainrule/nn.h>

#include <cmath>
#include <cstdio>

double loss(double w, double b, double x, double target);

int main() {
  double w = 0.5, b = 0.0;
  const double xs[4] = {-1.0, -0.5, 0.5, 1.0};
  const double ts[4] = {-0.6, -0.3, 0.3, 0.6};
  double first = 0, last = 0;
  for (int step = 0; step < 200; ++step) {
    double dw = 0, db = 0, total = 0;
    for (int i = 0; i < 4; ++i)
      total += loss_grad(w, b, xs[i], ts[i], &dw, &db);
    if (step == 0)
      first = total;
    last = total;
    w -= 0.1 * dw;
    b -= 0.1 * db;
  }
  // Check the gradient at the end against a central difference.
  double dw = 0, db = 0, h = 1e-6;
  loss_grad(w, b, xs[0], ts[0], &dw, &db);
  double fd = (loss(w + h, b, xs[0], ts[0]) - loss(w - h, b, xs[0], ts[0])) / (2 * h);
  double relu[3] = {-1.0, 0.0, 2.0}, out[3];
  chainrule::nn::relu(relu, out, 3);
  std::printf("loss %.6f -> %.6f, dloss/dw %.9f (finite difference %.9f), "
              "relu(2) = %g\n", first, last, dw, fd, out[2]);
  bool ok = last < first && std::fabs(dw - fd) <= 1e-6 * std::fmax(1.0, std::fabs(fd));
  std::printf("%s\n", ok ? "consumer: ok" : "consumer: FAILED");
  return ok ? 0 : 1;
}
