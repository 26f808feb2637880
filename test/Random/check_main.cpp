// The checks of a random program (gen_program.py): at a few points, the
// gradient equals the jvp in each direction (1e-9 relative: the same
// derivative up to rounding) and, where the function is smooth enough for
// it, a central difference (1e-4 relative; a step of 1e-6 is accurate to
// about 1e-8 on smooth code). Exits non-zero on any mismatch.
//
// f(x, y, z, w, n) may write its buffer w: the quantity differentiated is
// L = f + <s, w after the call> for a fixed seed s, as API.md defines the
// shadow of a written buffer (it holds s on entry and dL/dw on return), and
// the tangent of w after the call enters the jvp the same way.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>
double f(double, double, double, double *, int);
double f_grad(double, double, double, double *, int, double *, double *,
              double *, double *);
double f_jvp(double, double, double, double *, int, double, double, double,
             double *);

namespace {
const double W0[4] = {0.21, -0.43, 0.95, 0.12};
const double Seed[4] = {0.3, -0.7, 0.5, 1.1};

/// L at the 7 inputs p = (x, y, z, w0, w1, w2, w3).
double loss(const double *p, int n) {
  double w[4];
  std::memcpy(w, p + 3, sizeof w);
  double v = f(p[0], p[1], p[2], w, n);
  for (int i = 0; i < 4; ++i)
    v += Seed[i] * w[i];
  return v;
}
} // namespace

int main() {
  double p[7] = {0.37, -0.61, 0.83, W0[0], W0[1], W0[2], W0[3]};
  int bad = 0;
  for (int n : {0, 1, 3}) {
    double g[7] = {0, 0, 0, Seed[0], Seed[1], Seed[2], Seed[3]};
    double w[4];
    std::memcpy(w, W0, sizeof w);
    double v = f_grad(p[0], p[1], p[2], w, n, &g[0], &g[1], &g[2], g + 3);
    double wf[4];
    std::memcpy(wf, W0, sizeof wf);
    double want = f(p[0], p[1], p[2], wf, n);
    if (v != want || std::memcmp(w, wf, sizeof w) != 0) {
      printf("VALUE %g %g\n", v, want);
      bad++;
    }
    for (int i = 0; i < 7; ++i) {
      double t[7] = {0, 0, 0, 0, 0, 0, 0};
      t[i] = 1;
      double wj[4], tw[4];
      std::memcpy(wj, W0, sizeof wj);
      std::memcpy(tw, t + 3, sizeof tw);
      double jv = f_jvp(p[0], p[1], p[2], wj, n, t[0], t[1], t[2], tw);
      for (int k = 0; k < 4; ++k)
        jv += Seed[k] * tw[k];
      auto central = [&](double h) {
        double q1[7], q2[7];
        std::memcpy(q1, p, sizeof q1);
        std::memcpy(q2, p, sizeof q2);
        q1[i] += h;
        q2[i] -= h;
        return (loss(q1, n) - loss(q2, n)) / (2 * h);
      };
      double fd = central(1e-6), fd2 = central(1e-5);
      double sc = std::fmax(1, std::fabs(fd));
      if (std::fabs(g[i] - jv) > 1e-9 * std::fmax(1, std::fabs(jv))) {
        printf("REV/FWD n=%d i=%d %.12g %.12g\n", n, i, g[i], jv);
        bad++;
      }
      // Where two step sizes disagree, the function is not smooth enough
      // there (a branch flips, or iterations blow up) for a difference
      // quotient to mean anything: only reverse against forward counts.
      bool smooth = std::fabs(fd - fd2) <= 1e-4 * sc;
      if (smooth && std::fabs(g[i] - fd) > 1e-4 * sc) {
        printf("FD n=%d i=%d %.12g fd %.12g\n", n, i, g[i], fd);
        bad++;
      }
    }
  }
  return bad ? 1 : 0;
}
