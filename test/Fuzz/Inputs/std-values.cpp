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
