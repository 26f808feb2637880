// Calls the derivatives chainrule generated for seeds.cpp and prints each
// next to the value the chain rule gives by hand.
#include "seeds.ad.h"

#include <cmath>
#include <cstdio>

static void show(const char *What, double Got, double Exact) {
  std::printf("  %-34s chainrule %12.6f   exact %12.6f\n", What, Got, Exact);
}

int main() {
  using namespace seeds;
  std::printf("reverse mode (_grad) and forward mode (_jvp):\n");

  double d = 0;
  power_of_linear_grad(1.0, &d);
  show("d/dx (3x+2)^4 at x=1, grad", d, 12 * std::pow(3 * 1.0 + 2, 3));
  show("d/dx (3x+2)^4 at x=1, jvp", power_of_linear_jvp(1.0, 1.0), 1500);

  d = 0;
  sin_of_square_grad(2.0, &d);
  show("d/dx sin(x^2) at x=2, grad", d, 4 * std::cos(4.0));
  show("d/dx sin(x^2) at x=2, jvp", sin_of_square_jvp(2.0, 1.0),
       4 * std::cos(4.0));

  d = 0;
  double s = sigmoid_grad(1.0, &d);
  show("sigmoid'(1) = s(1-s), grad", d, s * (1 - s));
  show("sigmoid'(1) = s(1-s), jvp", sigmoid_jvp(1.0, 1.0), s * (1 - s));

  d = 0;
  z_of_t_grad(1.0, &d);
  show("dz/dt, z = x^2 y, x=t^2, y=t^3, t=1", d, 7);
  show("dz/dt by forward mode", z_of_t_jvp(1.0, 1.0), 7);
  return 0;
}
