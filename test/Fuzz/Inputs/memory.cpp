#include <chainrule/chainrule.h>
#include <array>
#include <vector>

struct Params {
  double w[3];
  double b;
};

CHAINRULE_GRAD CHAINRULE_JVP
void layer(const Params &p, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) {
    double s = p.b;
    for (int j = 0; j < 3; ++j)
      s += p.w[j] * x[i * 3 + j];
    y[i] = s > 0 ? s : 0.01 * s;
  }
}

CHAINRULE_GRAD
double total(const std::vector<double> &v, std::array<double, 2> a) {
  double m[4] = {a[0], a[1], 0, 0};
  for (double e : v)
    m[2] += e * e;
  return m[0] * m[1] + m[2];
}
