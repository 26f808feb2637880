#include <chainrule/chainrule.h>
#include <cmath>

template <typename T> T sq(T x) { return x * x; }
static double power(double x, int n) {
  return n == 0 ? 1 : x * power(x, n - 1);
}
double softclip(double x);
CHAINRULE_CUSTOM_DERIVATIVE
void softclip_vjp(double x, double d_ret, double *d_x) { *d_x += d_ret; }
CHAINRULE_NONDIFFERENTIABLE double rounded(double x) { return std::floor(x); }

struct Vec {
  double x, y;
  Vec operator+(const Vec &o) const { return {x + o.x, y + o.y}; }
  double dot(const Vec &o) const { return x * o.x + y * o.y; }
};

template <typename F> double apply(F f, double x) { return f(x) + f(2 * x); }

CHAINRULE_GRAD
double loss(double x, const Vec &v, float z) {
  double k = chainrule::stop_gradient(x * x);
  auto g = [&](double t) { return t * k + sq(z); };
  Vec w = v + v;
  return apply(g, x) + power(x, 3) + softclip(x) + rounded(x) + w.dot(v);
}

template <typename T> CHAINRULE_JVP T poly(T x) { return x * x * x; }
template float poly<float>(float);
