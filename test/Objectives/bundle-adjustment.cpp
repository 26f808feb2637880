// Bundle adjustment's reprojection error, written from its definition: a
// camera is a rotation (angle-axis, Rodrigues' formula with its small-angle
// form), a centre, a focal length, a principal point and two radial
// distortion coefficients (11 numbers, a row of `cams[][11]`); a point X
// projects to
//
//   Y = R (X - C),  p = (Y0, Y1) / Y2,  p *= 1 + k1 |p|^2 + k2 |p|^4,
//   proj = f p + x0,
//
// and each observation's error is w (proj - feature), with a weight error
// 1 - w^2. L is the sum of squares. Helpers take and fill arrays (a cross
// product, a rotation). Gradient and tangents checked against central
// differences.
// RUN: %chainrule-gen %s -o %t.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.cpp -o %t.fwd && %t.fwd
#include <chainrule/chainrule.h>

#include <cmath>

namespace ba {

constexpr int RotIdx = 0, CIdx = 3, FIdx = 6, X0Idx = 7, RadIdx = 9;

void cross(const double *a, const double *b, double *out) {
  out[0] = a[1] * b[2] - a[2] * b[1];
  out[1] = a[2] * b[0] - a[0] * b[2];
  out[2] = a[0] * b[1] - a[1] * b[0];
}

double dot3(const double *a, const double *b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/// Rotates \p pt by the angle-axis \p rot.
void rodrigues(const double *rot, const double *pt, double *out) {
  double sqtheta = dot3(rot, rot);
  if (sqtheta != 0) {
    double theta = std::sqrt(sqtheta);
    double costheta = std::cos(theta), sintheta = std::sin(theta);
    double w[3] = {rot[0] / theta, rot[1] / theta, rot[2] / theta};
    double wxpt[3];
    cross(w, pt, wxpt);
    double tmp = dot3(w, pt) * (1 - costheta);
    for (int i = 0; i < 3; ++i)
      out[i] = pt[i] * costheta + wxpt[i] * sintheta + w[i] * tmp;
  } else {
    double rxpt[3];
    cross(rot, pt, rxpt);
    for (int i = 0; i < 3; ++i)
      out[i] = pt[i] + rxpt[i];
  }
}

void project(const double *cam, const double *X, double *proj) {
  double Xc[3], Y[3];
  for (int i = 0; i < 3; ++i)
    Xc[i] = X[i] - cam[CIdx + i];
  rodrigues(&cam[RotIdx], Xc, Y);
  double p[2] = {Y[0] / Y[2], Y[1] / Y[2]};
  double rsq = p[0] * p[0] + p[1] * p[1];
  double l = 1 + cam[RadIdx] * rsq + cam[RadIdx + 1] * rsq * rsq;
  for (int i = 0; i < 2; ++i)
    proj[i] = p[i] * l * cam[FIdx] + cam[X0Idx + i];
}

CHAINRULE_GRAD CHAINRULE_JVP_WRT(cams, X)
double error(const double cams[][11], const double (*X)[3], const double *w,
             const int *camIdx, const int *ptIdx, const double (*feats)[2],
             int nobs) {
  double s = 0;
  for (int o = 0; o < nobs; ++o) {
    double proj[2];
    project(cams[camIdx[o]], X[ptIdx[o]], proj);
    for (int i = 0; i < 2; ++i) {
      double e = w[o] * (proj[i] - feats[o][i]);
      s += e * e;
    }
    double we = 1 - w[o] * w[o];
    s += we * we;
  }
  return s;
}

} // namespace ba

#ifdef RUN_CHECKS
#include "check.h"
namespace ba {
double error_grad(const double (*cams)[11], const double (*X)[3],
                  const double *w, const int *camIdx, const int *ptIdx,
                  const double (*feats)[2], int nobs, double (*d_cams)[11],
                  double (*d_X)[3], double *d_w, double (*d_feats)[2]);
double error_jvp(const double (*cams)[11], const double (*X)[3],
                 const double *w, const int *camIdx, const int *ptIdx,
                 const double (*feats)[2], int nobs, const double (*t_cams)[11],
                 const double (*t_X)[3]);
} // namespace ba

int main() {
  using namespace ba;
  const int C = 2, P = 3, O = 4;
  double cams[C][11], X[P][3], w[O], feats[O][2];
  const int camIdx[O] = {0, 1, 0, 1}, ptIdx[O] = {0, 1, 2, 0};
  for (int c = 0; c < C; ++c)
    for (int i = 0; i < 11; ++i)
      cams[c][i] = 0.1 * std::sin(1.7 * (c * 11 + i)) + (i == FIdx ? 1.5 : 0);
  cams[1][RotIdx] = cams[1][RotIdx + 1] = cams[1][RotIdx + 2] = 0; // small angle
  for (int p = 0; p < P; ++p)
    for (int i = 0; i < 3; ++i)
      X[p][i] = std::cos(0.9 * (3 * p + i)) + (i == 2 ? 4 : 0);
  for (int o = 0; o < O; ++o) {
    w[o] = 0.8 + 0.05 * o;
    feats[o][0] = 0.1 * o;
    feats[o][1] = -0.2 * o;
  }
  double dcams[C][11] = {}, dX[P][3] = {}, dw[O] = {}, dfeats[O][2] = {};
  auto F = [&] { return error(cams, X, w, camIdx, ptIdx, feats, O); };
  CR_EXPECT_EXACT(error_grad(cams, X, w, camIdx, ptIdx, feats, O, dcams, dX,
                             dw, dfeats),
                  F());
  // (At the rotation 0 of camera 1 the small-angle form is used; its
  // derivative with respect to the rotation is the first-order one, which
  // central differences straddling 0 agree with.)
  crtest::expectGradient("d_cams", &dcams[0][0], &cams[0][0], C * 11, F);
  crtest::expectGradient("d_X", &dX[0][0], &X[0][0], P * 3, F);
  crtest::expectGradient("d_w", dw, w, O, F);
  crtest::expectGradient("d_feats", &dfeats[0][0], &feats[0][0], O * 2, F);
  double zc[C][11] = {}, zx[P][3] = {};
  for (int i = 0; i < C * 11; ++i) {
    double e[C][11] = {};
    (&e[0][0])[i] = 1;
    CR_EXPECT_NEAR_REL(error_jvp(cams, X, w, camIdx, ptIdx, feats, O, e, zx),
                       (&dcams[0][0])[i], 1e-12);
  }
  for (int i = 0; i < P * 3; ++i) {
    double e[P][3] = {};
    (&e[0][0])[i] = 1;
    CR_EXPECT_NEAR_REL(error_jvp(cams, X, w, camIdx, ptIdx, feats, O, zc, e),
                       (&dX[0][0])[i], 1e-12);
  }
  return crtest::finish();
}
#endif
