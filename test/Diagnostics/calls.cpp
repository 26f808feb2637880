// Calls chainrule cannot differentiate are errors at the call, naming the
// function and how to give it a derivative, with no output left. A call
// whose result needs no derivative is fine without one.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>
#include <cmath>
#include <vector>

double external(double);
double constant_only(int);

// A direct call to a function without a body.
CHAINRULE_GRAD double direct(double x) {
  // CHECK-DAG: calls.cpp:[[@LINE+2]]:10: error: chainrule: cannot differentiate the call to 'external' in reverse mode: its definition is not visible in this translation unit
  // CHECK-DAG: calls.cpp:[[@LINE+1]]:10: note: give 'external' a custom derivative 'external_vjp' marked CHAINRULE_CUSTOM_DERIVATIVE, define it in this translation unit, include the header 'chainrule-gen --header' writes for the file that defines it, or mark it CHAINRULE_NONDIFFERENTIABLE if its result is a constant
  return external(x) * 2 + constant_only(3) * x;
}

// Another library function is called as it is where its argument carries
// no derivative (the first call), and is an error where it does.
CHAINRULE_GRAD double beta_of(double x, int n) {
  // CHECK-DAG: calls.cpp:[[@LINE+2]]:36: error: chainrule: cannot differentiate the call to 'std::beta' in reverse mode: it is a library function without a derivative rule
  // CHECK-DAG: calls.cpp:[[@LINE+1]]:36: note: write the computation as a loop, or call it through a function of your own with a custom derivative 'my_beta_vjp' marked CHAINRULE_CUSTOM_DERIVATIVE (or mark that function CHAINRULE_NONDIFFERENTIABLE if its result is a constant)
  return std::beta(0.5 * n, 2.0) * std::beta(x, 2.0);
}
CHAINRULE_JVP double expint_of(double x) {
  // CHECK-DAG: calls.cpp:[[@LINE+2]]:10: error: chainrule: cannot differentiate the call to 'std::expint' in forward mode: it is a library function without a derivative rule
  // CHECK-DAG: calls.cpp:[[@LINE+1]]:10: note: write the computation as a loop, or call it through a function of your own with a custom derivative 'my_expint_jvp' marked CHAINRULE_CUSTOM_DERIVATIVE (or mark that function CHAINRULE_NONDIFFERENTIABLE if its result is a constant)
  return std::expint(x);
}

// The same call one level down, in a helper, in forward mode.
// CHECK-DAG: calls.cpp:[[@LINE+2]]:38: error: chainrule: cannot differentiate the call to 'external' in forward mode: its definition is not visible in this translation unit
// CHECK-DAG: calls.cpp:[[@LINE+1]]:38: note: give 'external' a custom derivative 'external_jvp'
double helper(double x) { return x * external(x); }
CHAINRULE_JVP double indirect(double x) { return helper(x); }

// Custom derivatives for one mode only.
double g(double x) { return x * x; }
CHAINRULE_CUSTOM_DERIVATIVE void g_vjp(double x, double d_ret, double *d_x) {
  *d_x += 2 * x * d_ret;
}
// CHECK-DAG: calls.cpp:[[@LINE+2]]:50: error: chainrule: cannot differentiate the call to 'g' in forward mode: its custom derivatives are for reverse mode only
// CHECK-DAG: calls.cpp:[[@LINE+1]]:50: note: give 'g' a custom derivative 'g_jvp' marked CHAINRULE_CUSTOM_DERIVATIVE or mark it CHAINRULE_NONDIFFERENTIABLE if its result is a constant
CHAINRULE_JVP double one_mode(double x) { return g(x); }
// The other way round: a buffer input makes the gradient reverse mode.
double h(double x) { return x * x; }
CHAINRULE_CUSTOM_DERIVATIVE double h_jvp(double x, double t_x) {
  return 2 * x * t_x;
}
// CHECK-DAG: calls.cpp:[[@LINE+2]]:60: error: chainrule: cannot differentiate the call to 'h' in reverse mode: its custom derivatives are for forward mode only
// CHECK-DAG: calls.cpp:[[@LINE+1]]:60: note: give 'h' a custom derivative 'h_vjp' marked CHAINRULE_CUSTOM_DERIVATIVE or mark it CHAINRULE_NONDIFFERENTIABLE if its result is a constant
CHAINRULE_GRAD double other_mode(const double *x) { return h(x[0]) * x[1]; }

// A g_grad cannot stand for a function that takes buffers.
double total(const double *x, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i];
  return s;
}
CHAINRULE_CUSTOM_DERIVATIVE double total_grad(const double *x, int n,
                                              double *d_x) {
  for (int i = 0; i < n; ++i)
    d_x[i] += 1;
  return total(x, n);
}
// CHECK-DAG: calls.cpp:[[@LINE+1]]:57: error: chainrule: cannot use the custom derivative 'total_grad' for this call: it takes buffers, whose shadows chainrule cannot size; provide 'total_vjp'
CHAINRULE_GRAD double sum(const double *x) { return 2 * total(x, 3); }

// A non-differentiable function may not write a buffer carrying
// derivatives.
CHAINRULE_NONDIFFERENTIABLE void clamp_all(double *y, int n);
CHAINRULE_GRAD double clamped(double *y) {
  y[0] *= 2;
  // CHECK-DAG: calls.cpp:[[@LINE+1]]:3: error: chainrule: the non-differentiable 'clamp_all' writes a buffer that carries derivatives
  clamp_all(y, 2);
  return y[0] + y[1];
}

// A custom derivative reads its buffers again in the reverse sweep: they
// must not change after the call.
void scale(const double *x, double *y, int n);
CHAINRULE_CUSTOM_DERIVATIVE void scale_vjp(const double *x, double *y, int n,
                                           double *d_x, double *d_y);
CHAINRULE_GRAD double reuse(const double *x) {
  double t[2];
  // CHECK-DAG: calls.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate the call to 'scale': 't' is written after the call, but the call's derivative reads it in the reverse sweep
  scale(x, t, 2);
  double s = t[0] * t[1];
  t[1] = s;
  return t[0] + t[1];
}
// In a loop, the buffer written must change from one iteration to the next.
CHAINRULE_GRAD double loop(const double *x) {
  double t[2], s = 0;
  for (int i = 0; i < 3; ++i) {
    // CHECK-DAG: calls.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate the call to 'scale': 't' is written after the call
    scale(&x[2 * i], t, 2);
    s += t[0] * t[1];
  }
  return s;
}
// A buffer sized in a branch cannot be declared before the branch, which
// the reverse sweep of the call runs after.
CHAINRULE_GRAD double scoped(const double *x, int n) {
  double s = 0;
  if (n > 2) {
    int m = 2;
    if (x[0] > 0)
      m = n;
    std::vector<double> t(m);
    // CHECK-DAG: calls.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate the call to 'scale': its derivative reads 't' in the reverse sweep, after the branch that sizes 't' has ended; size it before the branch
    scale(x, t.data(), 2);
    s = t[0] * t[1];
  }
  return s;
}
// So does the derivative of a recursive function that takes a buffer.
double squares(const double *x, int n) {
  return n == 0 ? 0 : x[0] * x[0] + squares(x + 1, n - 1);
}
CHAINRULE_GRAD double overwrite(double *x) {
  // CHECK-DAG: calls.cpp:[[@LINE+1]]:14: error: chainrule: cannot differentiate the call to 'squares': 'x' is written after the call, but the call's derivative reads it in the reverse sweep
  double s = squares(x, 3);
  x[0] = s;
  return s * x[1];
}
