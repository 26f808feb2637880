// Central differences of the two models, shared by the app and the test.
#pragma once

#include "net/model.ad.h"     // from the net library, through linking it
#include "physics/model.ad.h" // this target's own

#include <cmath>
#include <cstdio>

double net_loss(const double *w, const double *x);
double distance(double speed, double angle, double drag);

/// Compares every gradient component with a central difference; prints
/// "<name>: ok" when all agree.
inline int checkGradients(const char *name) {
  int bad = 0;
  auto near = [&](double got, double want) {
    bool ok = std::fabs(got - want) <= 1e-6 * std::fmax(1.0, std::fabs(want));
    if (!ok)
      std::printf("  %.12g != %.12g\n", got, want);
    bad += !ok;
  };
  const double h = 1e-6;
  double w[2 * NET_WIDTH], x[NET_WIDTH], dw[2 * NET_WIDTH] = {};
  for (int i = 0; i < 2 * NET_WIDTH; ++i)
    w[i] = 0.3 + 0.1 * i;
  for (int i = 0; i < NET_WIDTH; ++i)
    x[i] = 1.0 - 0.4 * i;
  near(net_loss_grad(w, x, dw), net_loss(w, x));
  for (int i = 0; i < 2 * NET_WIDTH; ++i) {
    double keep = w[i];
    w[i] = keep + h;
    double up = net_loss(w, x);
    w[i] = keep - h;
    double down = net_loss(w, x);
    w[i] = keep;
    near(dw[i], (up - down) / (2 * h));
  }
  double p[3] = {20.0, 0.7, 0.05}, dp[3] = {};
  distance_grad(p[0], p[1], p[2], &dp[0], &dp[1], &dp[2]);
  for (int i = 0; i < 3; ++i) {
    double keep = p[i];
    p[i] = keep + h;
    double up = distance(p[0], p[1], p[2]);
    p[i] = keep - h;
    double down = distance(p[0], p[1], p[2]);
    p[i] = keep;
    near(dp[i], (up - down) / (2 * h));
  }
  std::printf("%s: %s\n", name, bad ? "FAILED" : "ok");
  return bad ? 1 : 0;
}
