//===- bench/scalar/Loops.cpp - Loop kernels ------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Loop kernels: a long tanh recurrence, a nested double sum, and Newton's
/// method for a cubic. Differentiated with the default --grad-mode=auto, as
/// users get them, and again with --grad-mode=reverse under other names
/// (see LOOP_KERNEL below and bench/CMakeLists.txt).
//===----------------------------------------------------------------------===//

#include <chainrule/chainrule.h>

#include <cmath>

// The build differentiates this file twice: in the default (auto) mode,
// and with --grad-mode=reverse and CHAINRULE_BENCH_REVERSE defined, which
// names the kernels <name>_rev so that both can be linked into one
// benchmark.
#ifdef CHAINRULE_BENCH_REVERSE
#define LOOP_KERNEL(Name) Name##_rev
#else
#define LOOP_KERNEL(Name) Name
#endif

namespace kernels {

/// h <- tanh(a h + b x_t + c) for t < n, from h = h0, with the input
/// sequence x_t = 0.001 t computed from t (no arrays).
CHAINRULE_GRAD
double LOOP_KERNEL(recur)(double a, double b, double c, double h0, int n) {
  double h = h0;
  for (int t = 0; t < n; ++t)
    h = std::tanh(a * h + b * (0.001 * t) + c);
  return h;
}

/// The same recurrence with the input sequence x_t = sin(0.01 t): an input
/// that costs a library call to compute.
CHAINRULE_GRAD
double LOOP_KERNEL(recur_sin)(double a, double b, double c, double h0, int n) {
  double h = h0;
  for (int t = 0; t < n; ++t)
    h = std::tanh(a * h + b * std::sin(0.01 * t) + c);
  return h;
}

/// sum over i < n, j < m of exp(-u^2), u = a x_i + b y_j + c, with
/// x_i = 0.01 i and y_j = 0.02 j - 0.3.
CHAINRULE_GRAD
double LOOP_KERNEL(dsum)(double a, double b, double c, int n, int m) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j) {
      double u = a * (0.01 * i) + b * (0.02 * j - 0.3) + c;
      s += std::exp(-u * u);
    }
  return s;
}

/// The real root of x^3 + p x = q (p > 0) by Newton's method from x = q / (1
/// + p), until the step is below 1e-14 relative (at most 60 steps).
CHAINRULE_GRAD
double LOOP_KERNEL(newton)(double p, double q) {
  double x = q / (1 + p);
  double step = 1;
  int it = 0;
  while (std::fabs(step) > 1e-14 * (1 + std::fabs(x)) && it < 60) {
    step = (x * x * x + p * x - q) / (3 * x * x + p);
    x = x - step;
    ++it;
  }
  return x;
}

} // namespace kernels
