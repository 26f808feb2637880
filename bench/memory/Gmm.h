//===- bench/memory/Gmm.h - The GMM objective's interface -------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The Wishart prior's parameters, the GMM objective (Gmm.cpp, global scope)
/// and chainrule's gradient of it with respect to alphas, means and icf, for
/// the benchmark driver and test/Memory/gmm.test.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_BENCH_MEMORY_GMM_H
#define CHAINRULE_BENCH_MEMORY_GMM_H

struct Wishart {
  double gamma;
  int m;
};

double gmm_objective(int d, int k, int n, const double *alphas,
                     const double *means, const double *icf, const double *x,
                     Wishart wishart, double log_gamma_distrib);
double gmm_objective_grad(int d, int k, int n, const double *alphas,
                          const double *means, const double *icf,
                          const double *x, Wishart wishart,
                          double log_gamma_distrib, double *d_alphas,
                          double *d_means, double *d_icf);

#endif // CHAINRULE_BENCH_MEMORY_GMM_H
