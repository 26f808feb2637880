// The checks of a random program (gen_program.py): at a few points, the
// gradient equals the jvp in each direction (1e-9 relative: the same
// derivative up to rounding) and, where the function is smooth enough for
// it, a central difference (1e-4 relative; a step of 1e-6 is accurate to
// about 1e-8 on smooth code). Exits non-zero on any mismatch.
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
      auto central = [&](double h) {
        double q1[3] = {p[0], p[1], p[2]}, q2[3] = {p[0], p[1], p[2]};
        q1[i] += h;
        q2[i] -= h;
        return (f(q1[0], q1[1], q1[2], n) - f(q2[0], q2[1], q2[2], n)) / (2 * h);
      };
      double fd = central(1e-6), fd2 = central(1e-5);
      double sc = std::fmax(1, std::fabs(fd));
      if (std::fabs(g[i] - jv) > 1e-9 * std::fmax(1, std::fabs(jv))) { printf("REV/FWD n=%d i=%d %.12g %.12g\n", n, i, g[i], jv); bad++; }
      // Where two step sizes disagree, the function is not smooth enough
      // there (a branch flips, or iterations blow up) for a difference
      // quotient to mean anything: only reverse against forward counts.
      bool smooth = std::fabs(fd - fd2) <= 1e-4 * sc;
      if (smooth && std::fabs(g[i] - fd) > 1e-4 * sc) { printf("FD n=%d i=%d %.12g fd %.12g\n", n, i, g[i], fd); bad++; }
    }
  }
  return bad ? 1 : 0;
}
