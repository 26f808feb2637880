//===- bench/scalar/HandWritten.cpp - Hand-written derivatives ------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The derivatives of the scalar kernels as a careful person writes them:
/// each primal value computed once and reused, derivatives of exp, sqrt,
/// tanh, pow, cbrt and the sigmoid taken from their outputs, the remaining
/// calls (cos for sin, cosh for sinh, ...) only where no primal value gives
/// them. Loops are swept backwards over values stored once per iteration in
/// a buffer allocated once, only those the sweep needs, or differentiated in
/// one pass where the adjoints are known in advance. The primal part of each
/// function is the primal kernel verbatim, so both sides return the same
/// value. This translation unit is compiled with the same flags as the
/// generated ones and, like them, apart from the driver.
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <cmath>
#include <memory>

namespace hand {

/// 2 / sqrt(pi), the factor in erf'.
static constexpr double TwoOverSqrtPi = 1.1283791670955126;

//===----------------------------------------------------------------------===//
// Polynomials: Horner's rule for p and p' side by side.
//===----------------------------------------------------------------------===//

/// p and p' by one Horner recurrence: p' <- p' x + p before p <- p x + c.
static double poly8Horner(double X, double &DP) {
  double P = 0.25;
  double D = P;
  P = P * X - 1.5;
  D = D * X + P;
  P = P * X + 0.75;
  D = D * X + P;
  P = P * X + 2.0;
  D = D * X + P;
  P = P * X - 0.5;
  D = D * X + P;
  P = P * X + 1.25;
  D = D * X + P;
  P = P * X - 3.0;
  D = D * X + P;
  P = P * X + 0.125;
  D = D * X + P;
  P = P * X + 1.0;
  DP = D;
  return P;
}

double poly8_grad(double x, double *d_x) {
  double DP;
  double P = poly8Horner(x, DP);
  *d_x += DP;
  return P;
}

double poly8_jvp(double x, double t_x) {
  double DP;
  poly8Horner(x, DP);
  return DP * t_x;
}

/// Horner for p and dp/dx with the three lowest coefficients as inputs.
static double poly8CoefHorner(double X, double C0, double C1, double C2,
                              double &DP) {
  double P = 0.25;
  double D = P;
  P = P * X - 1.5;
  D = D * X + P;
  P = P * X + 0.75;
  D = D * X + P;
  P = P * X + 2.0;
  D = D * X + P;
  P = P * X - 0.5;
  D = D * X + P;
  P = P * X + 1.25;
  D = D * X + P;
  P = P * X + C2;
  D = D * X + P;
  P = P * X + C1;
  D = D * X + P;
  P = P * X + C0;
  DP = D;
  return P;
}

double poly8_coef_grad(double x, double c0, double c1, double c2, double *d_x,
                       double *d_c0, double *d_c1, double *d_c2) {
  double DP;
  double P = poly8CoefHorner(x, c0, c1, c2, DP);
  *d_x += DP;
  *d_c0 += 1.0;
  *d_c1 += x;
  *d_c2 += x * x;
  return P;
}

double poly8_coef_jvp(double x, double c0, double c1, double c2, double t_x,
                      double t_c0, double t_c1, double t_c2) {
  double DP;
  poly8CoefHorner(x, c0, c1, c2, DP);
  return DP * t_x + (t_c2 * x + t_c1) * x + t_c0;
}

//===----------------------------------------------------------------------===//
// The chain of <cmath> calls.
//===----------------------------------------------------------------------===//

double cmath_chain_grad(double x, double y, double *d_x, double *d_y) {
  double XY = x * y;
  double u = std::sin(XY);
  double v = std::exp(0.5 * u);
  double A = 1 + v * v;
  double w = std::log(A);
  double s = std::sqrt(w + x * x);
  double t = std::tanh(s - y);
  double TX = t * x;
  double q = std::atan(TX);
  double QW = q + w;
  double r = std::cos(QW);
  double e = std::expm1(0.25 * r);
  double g = std::hypot(e, y);
  double h = std::log1p(g);
  double HS = h + s;
  double k = std::cbrt(HS);
  double m = std::pow(k, y);
  double M1 = m - 1;
  double n = std::erf(M1);
  double N2 = 0.5 * n;
  double o = std::sinh(N2);
  double ET = std::exp(-t);
  double Result = o * ET;

  // Reverse sweep, seed 1 on Result = o * exp(-t).
  double DT = -Result;
  double DN = ET * std::cosh(N2) * 0.5;
  double DM = DN * TwoOverSqrtPi * std::exp(-(M1 * M1));
  double DK = DM * y * m / k;                  // pow' from its output
  double DY = DM * m * std::log(k);
  double DHS = DK * k / (3 * HS);              // cbrt' from its output
  double DG = DHS / (1 + g);
  double DE = DG * e / g;
  DY += DG * y / g;
  double DQW = -(DE * (e + 1) * 0.25) * std::sin(QW); // expm1' = e + 1
  double DTX = DQW / (1 + TX * TX);
  DT += DTX * x;
  double DX = DTX * t;
  double DST = DT * (1 - t * t);               // tanh' from its output
  DY -= DST;
  double DSq = (DHS + DST) * 0.5 / s;          // sqrt' from its output
  DX += DSq * 2 * x;
  double DU = (DSq + DQW) / A * v * v;         // d log(1+v^2) / du
  double DXY = DU * std::cos(XY);
  DX += DXY * y;
  DY += DXY * x;
  *d_x += DX;
  *d_y += DY;
  return Result;
}

double cmath_chain_jvp(double x, double y, double t_x, double t_y) {
  double XY = x * y;
  double u = std::sin(XY);
  double TU = std::cos(XY) * (y * t_x + x * t_y);
  double v = std::exp(0.5 * u);
  double A = 1 + v * v;
  double w = std::log(A);
  double TW = v * v * TU / A;
  double s = std::sqrt(w + x * x);
  double TS = (TW + 2 * x * t_x) * 0.5 / s;
  double t = std::tanh(s - y);
  double TT = (1 - t * t) * (TS - t_y);
  double TX = t * x;
  double q = std::atan(TX);
  double TQ = (TT * x + t * t_x) / (1 + TX * TX);
  double QW = q + w;
  double r = std::cos(QW);
  double TR = -std::sin(QW) * (TQ + TW);
  double e = std::expm1(0.25 * r);
  double TE = (e + 1) * 0.25 * TR;
  double g = std::hypot(e, y);
  double TG = (e * TE + y * t_y) / g;
  double h = std::log1p(g);
  double TH = TG / (1 + g);
  double HS = h + s;
  double k = std::cbrt(HS);
  double TK = (TH + TS) * k / (3 * HS);
  double m = std::pow(k, y);
  double TM = m * (y * TK / k + std::log(k) * t_y);
  double M1 = m - 1;
  double n = std::erf(M1);
  double TN = TwoOverSqrtPi * std::exp(-(M1 * M1)) * TM;
  double N2 = 0.5 * n;
  double o = std::sinh(N2);
  double TO = std::cosh(N2) * 0.5 * TN;
  double ET = std::exp(-t);
  return ET * TO - o * ET * TT;
}

//===----------------------------------------------------------------------===//
// Branches: local partials of r and s on the path taken.
//===----------------------------------------------------------------------===//

double piecewise_grad(double x, double y, double *d_x, double *d_y) {
  if (x < 0) {
    double EX = std::exp(x);
    double Result = y * EX;
    *d_x += Result;
    *d_y += EX;
    return Result;
  }
  double r, DRX, DRY;
  if (x < y) {
    double XX = x * x;
    r = XX * y;
    DRX = 2 * x * y;
    DRY = XX;
  } else if (x < 2 * y) {
    r = std::sin(x) + y;
    DRX = std::cos(x);
    DRY = 1;
  } else {
    r = x / y;
    DRX = 1 / y;
    DRY = -r / y;
  }
  double s, DS;
  if (r > 1) {
    s = std::sqrt(r);
    DS = 0.5 / s;
  } else {
    s = r;
    DS = 1;
  }
  double DR = y * DS;
  *d_x += 1 + DR * DRX;
  *d_y += s + DR * DRY;
  return s * y + x;
}

double piecewise_jvp(double x, double y, double t_x, double t_y) {
  if (x < 0) {
    double EX = std::exp(x);
    return EX * (y * t_x + t_y);
  }
  double r, TR;
  if (x < y) {
    double XX = x * x;
    r = XX * y;
    TR = 2 * x * y * t_x + XX * t_y;
  } else if (x < 2 * y) {
    r = std::sin(x) + y;
    TR = std::cos(x) * t_x + t_y;
  } else {
    r = x / y;
    TR = (t_x - r * t_y) / y;
  }
  double s, TS;
  if (r > 1) {
    s = std::sqrt(r);
    TS = 0.5 * TR / s;
  } else {
    s = r;
    TS = TR;
  }
  return y * TS + s * t_y + t_x;
}

//===----------------------------------------------------------------------===//
// Small straight-line kernels.
//===----------------------------------------------------------------------===//

double sigmoid_grad(double z, double *d_z) {
  double I = 1 / (1 + std::exp(-z));
  *d_z += I * (1 - I);
  return I;
}

double sigmoid_jvp(double z, double t_z) {
  double I = 1 / (1 + std::exp(-z));
  return I * (1 - I) * t_z;
}

/// The gradient of docs EXAMPLES.md, "Straight-line code".
double straight_grad(double x, double y, double *d_x, double *d_y) {
  double u = 3 * x + 2;
  double UU = u * u;
  double XY = x * y;
  double Result = UU * y + std::sin(XY);
  double DUU = y;
  double DXY = std::cos(XY);
  double DU = 2 * u * DUU;
  *d_x += 3 * DU + y * DXY;
  *d_y += UU + x * DXY;
  return Result;
}

double straight_jvp(double x, double y, double t_x, double t_y) {
  double u = 3 * x + 2;
  double C = std::cos(x * y);
  return (6 * u * y + y * C) * t_x + (u * u + x * C) * t_y;
}

//===----------------------------------------------------------------------===//
// Loops.
//===----------------------------------------------------------------------===//

/// The tanh recurrence: one stored double per step (h before the step),
/// tanh' = 1 - h^2 from the step's output, x_t = 0.001 t recomputed (one
/// multiply).
double recur_grad(double a, double b, double c, double h0, int n, double *d_a,
                  double *d_b, double *d_c, double *d_h0) {
  std::unique_ptr<double[]> HBefore(new double[n > 0 ? n : 1]);
  double h = h0;
  for (int t = 0; t < n; ++t) {
    HBefore[t] = h;
    h = std::tanh(a * h + b * (0.001 * t) + c);
  }
  double Result = h;
  double DH = 1, DA = 0, DB = 0, DC = 0;
  for (int t = n - 1; t >= 0; --t) {
    double HPrev = HBefore[t];
    double DS = DH * (1 - h * h);
    DA += DS * HPrev;
    DB += DS * (0.001 * t);
    DC += DS;
    DH = DS * a;
    h = HPrev;
  }
  *d_a += DA;
  *d_b += DB;
  *d_c += DC;
  *d_h0 += DH;
  return Result;
}

/// The recurrence with x_t = sin(0.01 t): two stored doubles per step (h
/// before the step and x_t), so that the reverse sweep calls neither tanh nor
/// sin.
double recur_sin_grad(double a, double b, double c, double h0, int n,
                      double *d_a, double *d_b, double *d_c, double *d_h0) {
  std::unique_ptr<double[]> Stored(new double[n > 0 ? 2 * n : 1]);
  double h = h0;
  for (int t = 0; t < n; ++t) {
    double X = std::sin(0.01 * t);
    Stored[2 * t] = h;
    Stored[2 * t + 1] = X;
    h = std::tanh(a * h + b * X + c);
  }
  double Result = h;
  double DH = 1, DA = 0, DB = 0, DC = 0;
  for (int t = n - 1; t >= 0; --t) {
    double HPrev = Stored[2 * t];
    double DS = DH * (1 - h * h);
    DA += DS * HPrev;
    DB += DS * Stored[2 * t + 1];
    DC += DS;
    DH = DS * a;
    h = HPrev;
  }
  *d_a += DA;
  *d_b += DB;
  *d_c += DC;
  *d_h0 += DH;
  return Result;
}

/// The double sum: the adjoint of every term is 1, so the gradient is the
/// sum of the terms' gradients, accumulated in the same pass as the value;
/// exp(-u^2)' = -2 u exp(-u^2) from the term itself. Nothing stored.
double dsum_grad(double a, double b, double c, int n, int m, double *d_a,
                 double *d_b, double *d_c) {
  double s = 0, DA = 0, DB = 0, DC = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j) {
      double X = 0.01 * i, Y = 0.02 * j - 0.3;
      double u = a * X + b * Y + c;
      double E = std::exp(-u * u);
      s += E;
      double G = -2 * u * E;
      DA += G * X;
      DB += G * Y;
      DC += G;
    }
  *d_a += DA;
  *d_b += DB;
  *d_c += DC;
  return s;
}

/// Newton for x^3 + p x = q, differentiated by the implicit function theorem
/// at the converged root: with F = x^3 + p x - q = 0, dx/dp = -x / F_x and
/// dx/dq = 1 / F_x, F_x = 3 x^2 + p. Exact for the root, so it agrees with
/// the derivative of the iteration to the convergence tolerance, not to the
/// last bit.
double newton_grad(double p, double q, double *d_p, double *d_q) {
  double x = q / (1 + p);
  double step = 1;
  int it = 0;
  while (std::fabs(step) > 1e-14 * (1 + std::fabs(x)) && it < 60) {
    step = (x * x * x + p * x - q) / (3 * x * x + p);
    x = x - step;
    ++it;
  }
  double InvFx = 1 / (3 * x * x + p);
  *d_p -= x * InvFx;
  *d_q += InvFx;
  return x;
}

/// Newton for x^3 + p x = q, differentiated by the straightforward reverse
/// sweep over the iterations: one stored double per iteration (x before the
/// step, in a stack array: the kernel stops after 60 steps), the step taken
/// recovered from consecutive iterates. For x' = x - f / f' with f' = 3 x^2
/// + p: dx'/dx = step 6x / f', dx'/dp = -(x - step) / f', dx'/dq = 1 / f'.
double newton_sweep_grad(double p, double q, double *d_p, double *d_q) {
  double XBefore[60];
  double Den0 = 1 + p;
  double x = q / Den0;
  double x0 = x;
  double step = 1;
  int it = 0;
  while (std::fabs(step) > 1e-14 * (1 + std::fabs(x)) && it < 60) {
    XBefore[it] = x;
    step = (x * x * x + p * x - q) / (3 * x * x + p);
    x = x - step;
    ++it;
  }
  double Result = x;
  double DX = 1, DP = 0, DQ = 0;
  double XNext = x;
  for (int k = it - 1; k >= 0; --k) {
    double XK = XBefore[k];
    double G = DX / (3 * XK * XK + p);
    double Step = XK - XNext;
    DP -= G * XNext;
    DQ += G;
    DX = G * Step * 6 * XK;
    XNext = XK;
  }
  // x0 = q / (1 + p).
  double G0 = DX / Den0;
  *d_p += DP - G0 * x0;
  *d_q += DQ + G0;
  return Result;
}

} // namespace hand
