//===- bench/scalar/Kernels.h - The scalar kernels --------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// What the benchmark driver calls: the primal kernels and chainrule's
/// derivatives of them (namespace kernels, defined in the generated
/// translation units build/bench/<Name>.ad.cpp), and the hand-written
/// derivatives (namespace hand, defined in HandWritten.cpp). Each lives in a
/// translation unit of its own, apart from the driver, so that neither side
/// is inlined into the benchmark loop.
///
/// The hand-written functions have the ABI of the generated ones: `_grad`
/// returns the primal value and adds the gradient into the shadows, `_jvp`
/// returns the directional derivative.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_BENCH_SCALAR_KERNELS_H
#define CHAINRULE_BENCH_SCALAR_KERNELS_H

/// The primal kernels (bench/scalar/*.cpp) and chainrule's derivatives of
/// them.
namespace kernels {
double poly8(double x);
double poly8_coef(double x, double c0, double c1, double c2);
double cmath_chain(double x, double y);
double piecewise(double x, double y);
double sigmoid(double z);
double straight(double x, double y);
double poly8_grad(double x, double *d_x);
double poly8_jvp(double x, double t_x);
double poly8_coef_grad(double x, double c0, double c1, double c2, double *d_x,
                       double *d_c0, double *d_c1, double *d_c2);
double poly8_coef_jvp(double x, double c0, double c1, double c2, double t_x,
                      double t_c0, double t_c1, double t_c2);
double cmath_chain_grad(double x, double y, double *d_x, double *d_y);
double cmath_chain_jvp(double x, double y, double t_x, double t_y);
double piecewise_grad(double x, double y, double *d_x, double *d_y);
double piecewise_jvp(double x, double y, double t_x, double t_y);
double sigmoid_grad(double z, double *d_z);
double sigmoid_jvp(double z, double t_z);
double straight_grad(double x, double y, double *d_x, double *d_y);
double straight_jvp(double x, double y, double t_x, double t_y);

/// The loop kernels (Loops.cpp) and chainrule's gradients of them with the
/// default --grad-mode=auto; the same kernels as <name>_rev (Loops.cpp built
/// with CHAINRULE_BENCH_REVERSE) and their gradients with
/// --grad-mode=reverse.
double recur(double a, double b, double c, double h0, int n);
double recur_sin(double a, double b, double c, double h0, int n);
double dsum(double a, double b, double c, int n, int m);
double newton(double p, double q);
double recur_grad(double a, double b, double c, double h0, int n, double *d_a,
                  double *d_b, double *d_c, double *d_h0);
double recur_sin_grad(double a, double b, double c, double h0, int n,
                      double *d_a, double *d_b, double *d_c, double *d_h0);
double dsum_grad(double a, double b, double c, int n, int m, double *d_a,
                 double *d_b, double *d_c);
double newton_grad(double p, double q, double *d_p, double *d_q);
double recur_rev(double a, double b, double c, double h0, int n);
double recur_sin_rev(double a, double b, double c, double h0, int n);
double dsum_rev(double a, double b, double c, int n, int m);
double newton_rev(double p, double q);
double recur_rev_grad(double a, double b, double c, double h0, int n,
                      double *d_a, double *d_b, double *d_c, double *d_h0);
double recur_sin_rev_grad(double a, double b, double c, double h0, int n,
                          double *d_a, double *d_b, double *d_c, double *d_h0);
double dsum_rev_grad(double a, double b, double c, int n, int m, double *d_a,
                     double *d_b, double *d_c);
double newton_rev_grad(double p, double q, double *d_p, double *d_q);
} // namespace kernels

/// The same derivatives written by hand.
namespace hand {
double poly8_grad(double x, double *d_x);
double poly8_jvp(double x, double t_x);
double poly8_coef_grad(double x, double c0, double c1, double c2, double *d_x,
                       double *d_c0, double *d_c1, double *d_c2);
double poly8_coef_jvp(double x, double c0, double c1, double c2, double t_x,
                      double t_c0, double t_c1, double t_c2);
double cmath_chain_grad(double x, double y, double *d_x, double *d_y);
double cmath_chain_jvp(double x, double y, double t_x, double t_y);
double piecewise_grad(double x, double y, double *d_x, double *d_y);
double piecewise_jvp(double x, double y, double t_x, double t_y);
double sigmoid_grad(double z, double *d_z);
double sigmoid_jvp(double z, double t_z);
double straight_grad(double x, double y, double *d_x, double *d_y);
double straight_jvp(double x, double y, double t_x, double t_y);
double recur_grad(double a, double b, double c, double h0, int n, double *d_a,
                  double *d_b, double *d_c, double *d_h0);
double recur_sin_grad(double a, double b, double c, double h0, int n,
                      double *d_a, double *d_b, double *d_c, double *d_h0);
double dsum_grad(double a, double b, double c, int n, int m, double *d_a,
                 double *d_b, double *d_c);
/// Newton: the implicit-function derivative at the converged root.
double newton_grad(double p, double q, double *d_p, double *d_q);
/// Newton: the reverse sweep over the iterations.
double newton_sweep_grad(double p, double q, double *d_p, double *d_q);
} // namespace hand

#endif // CHAINRULE_BENCH_SCALAR_KERNELS_H
