// Random program 1661, reduced: the reverse sweep records the enumeration
// `mode` on one path of a branch, and the variable that carries it out of
// the branch was declared `Mode tmp = 0;`, which does not compile.
#include <chainrule/chainrule.h>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace p1661 {
enum class Mode { A, B, C };
template <typename T>
CHAINRULE_GRAD CHAINRULE_JVP
T f(T x, T y, T z, T *w, int n) {
  T a = x, b = y * T(0.5), c = z;
  T m[4] = {a, b, c, T(0.5)};
  auto g = [&](T t) { return t * ((0.21 * T(-0.95)) / (T(1.5) + (m[1] - 0.98) * (m[1] - 0.98))); };
  Mode mode = static_cast<Mode>(n % 3);
  int q = (n ^ 5) & 3;
  if (std::cbrt(a) > -0.79) {
    if (mode == Mode::A) {
    }
  } else {
    if (std::log1p(1 + T(-1.94) * T(-1.94)) > 0.01) return std::erf(m[0]);
  }
  for (int i8 = 0; i8 < n; ++i8) {
    if (mode != Mode::A) {
    } else {
      c = x;
    }
  }
  {
    int k12 = 0;
    for (;;) {
      k12 += 1;
      if (k12 > n + 2 || false) return a * T(0.3) + b * T(0.2) + c * T(0.1) + x * y + m[1] * T(0.05);
    }
  }
}
template float f<float>(float, float, float, float *, int);
template double f<double>(double, double, double, double *, int);
template long double f<long double>(long double, long double, long double, long double *, int);
} // namespace p1661

#ifdef RUN_CHECKS
#include "check_random.h"
CR_DECLARE_DERIVATIVES(p1661)
int main() {
  int bad = 0;
  bad += CR_CHECK_PROGRAM(p1661);
  return bad != 0;
}
#endif
