#include <chainrule/chainrule.h>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

enum class Mode { Plain, Square };
static const double kW[3] = {0.5, 0.25, 0.125};
struct Gates { const double *w; const double *b; };
struct P2 { double x, y; };

CHAINRULE_GRAD CHAINRULE_JVP
double f(const double *p, const std::vector<P2> &pts, Mode mode, int n) {
  Gates g{p, p + 2};
  double m[2][2] = {{p[0], p[1]}, {p[1] * p[1], p[0] - p[1]}};
  double buf[3];
  std::fill(buf, buf + 3, 0.0);
  for (int i = 0; i < 3; ++i) buf[i] = kW[i] * g.w[i % 2] + g.b[0];
  double s = std::accumulate(buf, buf + 3, 0.0) * std::lgamma(0.5 * n);
  for (const P2 &q : pts) s += q.x * m[0][1] + q.y * m[1][0];
  int k = 0;
  while (true) {
    if (k >= n) break;
    s += mode == Mode::Square ? s * s : s;
    ++k;
  }
  return s + m[1][1];
}
