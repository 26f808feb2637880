#include <cmath>
#include <cstdio>
#include <initializer_list>
double f(double, double, double, int);
double f_grad(double, double, double, int, double*, double*, double*);
double f_jvp(double, double, double, int, double, double, double);
int main() {
  double p[3] = {0.37, -0.61, 0.83};
  int bad = 0;
  for (int n : {0, 1, 3}) {
    double g[3] = {0, 0, 0};
    double v = f_grad(p[0], p[1], p[2], n, &g[0], &g[1], &g[2]);
    if (v != f(p[0], p[1], p[2], n)) { printf("VALUE %g %g\n", v, f(p[0],p[1],p[2],n)); bad++; }
    for (int i = 0; i < 3; ++i) {
      double t[3] = {0, 0, 0}; t[i] = 1;
      double jv = f_jvp(p[0], p[1], p[2], n, t[0], t[1], t[2]);
      double q1[3] = {p[0], p[1], p[2]}, q2[3] = {p[0], p[1], p[2]};
      double h = 1e-6; q1[i] += h; q2[i] -= h;
      double fd = (f(q1[0], q1[1], q1[2], n) - f(q2[0], q2[1], q2[2], n)) / (2 * h);
      double sc = std::fmax(1, std::fabs(fd));
      if (std::fabs(g[i] - jv) > 1e-9 * sc) { printf("REV/FWD n=%d i=%d %.12g %.12g\n", n, i, g[i], jv); bad++; }
      if (std::fabs(g[i] - fd) > 1e-4 * sc) { printf("FD n=%d i=%d %.12g fd %.12g\n", n, i, g[i], fd); bad++; }
    }
  }
  return bad ? 1 : 0;
}
