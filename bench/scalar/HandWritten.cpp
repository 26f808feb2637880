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
/// them. The primal part of each function is the primal kernel verbatim, so
/// both sides return the same value. This translation unit is compiled with
/// the same flags as the generated ones and, like them, apart from the
/// driver.
//===----------------------------------------------------------------------===//

#include "Kernels.h"

#include <cmath>

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

} // namespace hand
