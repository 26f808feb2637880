#include <chainrule/chainrule.h>
#include <cmath>

CHAINRULE_GRAD_WRT(a)
double recur(double a, const double *u, int n) {
  double h = 0;
  for (int t = 0; t < n; ++t) {
    if (u[t] > 2)
      break;
    h = std::tanh(a * h + u[t]);
  }
  int k = 0;
  while (h < 0.5 && k < n) {
    h += 0.1 * a;
    ++k;
  }
  switch (n % 3) {
  case 0:
    return h * a;
  case 1:
    h = -h;
  default:
    break;
  }
  return h;
}
