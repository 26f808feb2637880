#include <chainrule/chainrule.h>
#include <tuple>
#include <utility>
#include <vector>

CHAINRULE_JVP double tied(double x) {
  double u = 0, w = 1;
  std::tie(u, w) = std::make_tuple(x, x * x);
  std::pair<double, double> p(u, w);
  return p.first * p.second;
}

template <typename... T> double prod(double x, T... y) { return (x * ... * y); }

CHAINRULE_GRAD double packs(double x, double y, const std::vector<double> &v) {
  std::vector<double> w(2);
  w = v;
  return prod(x, y, y) + w[0];
}

#include <complex>
#include <memory>

CHAINRULE_VJP std::complex<double> rotated(std::complex<double> z, double a) {
  auto [re, im] = std::make_pair(z.real(), z.imag());
  std::complex<double> w = z * std::polar(1.0, a) + std::conj(z) / 2.0;
  w.imag(re * im);
  return std::exp(w) - std::sqrt(z);
}

CHAINRULE_GRAD double grown(const double *x, int n) {
  std::vector<double> f;
  auto buf = std::make_unique<double[]>(n);
  for (int i = 0; i < n; ++i) {
    buf[i] = x[i];
    if (x[i] > 0)
      f.push_back(buf[i] * x[i]);
  }
  double s = 0;
  for (double v : f)
    s += v;
  return s;
}

static std::complex<double> make(double x) { return {x * x, x}; }

CHAINRULE_GRAD double chosen(double x, bool c) {
  std::complex<double> z = make(x);
  std::complex<double> w = c ? z * z : make(x) + 1.0;
  return std::abs(c ? w : z);
}
