//===- Lstm.cpp - lstm_cell -----------------------------------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// One LSTM step (PyTorch conventions: gate blocks i, f, g, o; one bias) and
/// its derivatives. The gate pre-activations are two accumulating GEMMs
/// over a broadcast bias; the activations are the vectorised sigmoid and
/// tanh kernels; the backward is four GEMMs with beta = 1 plus a column sum,
/// from gate adjoints computed in one pass over the recomputed gates.
///
//===----------------------------------------------------------------------===//

#include "Check.h"
#include "Gemm.h"
#include "Internal.h"
#include "chainrule/nn.h"

#include <cstring>
#include <vector>

using namespace chainrule::nn::detail;

namespace {

/// The activated gates: one batch x 4 hidden buffer with blocks i, f, g, o.
template <class T> struct Gates {
  std::vector<T> Z;
  int Hidden;
  T *row(int R) { return Z.data() + static_cast<size_t>(R) * 4 * Hidden; }
};

/// Z = x W^T + h U^T + b, then sigmoid on i, f, o and tanh on g.
template <class T>
Gates<T> computeGates(const T *X, const T *H, const T *W, const T *U,
                      const T *B, int Batch, int In, int Hidden) {
  Gates<T> G{std::vector<T>(static_cast<size_t>(Batch) * 4 * Hidden), Hidden};
  const int G4 = 4 * Hidden;
  for (int R = 0; R < Batch; ++R)
    std::memcpy(G.row(R), B, sizeof(T) * G4);
  gemm(false, true, Batch, G4, In, T(1), X, In, W, In, T(1), G.Z.data(), G4);
  gemm(false, true, Batch, G4, Hidden, T(1), H, Hidden, U, Hidden, T(1),
       G.Z.data(), G4);
  for (int R = 0; R < Batch; ++R) {
    T *Zr = G.row(R);
    chainrule::nn::sigmoid(Zr, Zr, 2 * Hidden);
    chainrule::nn::tanh(Zr + 2 * Hidden, Zr + 2 * Hidden, Hidden);
    chainrule::nn::sigmoid(Zr + 3 * Hidden, Zr + 3 * Hidden, Hidden);
  }
  return G;
}

/// c_out = f c + i g, h_out = o tanh(c_out); also returns tanh(c_out).
template <class T>
std::vector<T> combine(Gates<T> &G, const T *C, T *HOut, T *COut, int Batch,
                       int Hidden) {
  const size_t N = static_cast<size_t>(Batch) * Hidden;
  for (int R = 0; R < Batch; ++R) {
    const T *Zr = G.row(R);
    const size_t Off = static_cast<size_t>(R) * Hidden;
    for (int J = 0; J < Hidden; ++J)
      COut[Off + J] = Zr[Hidden + J] * C[Off + J] + Zr[J] * Zr[2 * Hidden + J];
  }
  std::vector<T> TanhC(N);
  chainrule::nn::tanh(COut, TanhC.data(), static_cast<int>(N));
  for (int R = 0; R < Batch; ++R) {
    const T *O = G.row(R) + 3 * Hidden;
    const size_t Off = static_cast<size_t>(R) * Hidden;
    for (int J = 0; J < Hidden; ++J)
      HOut[Off + J] = O[J] * TanhC[Off + J];
  }
  return TanhC;
}

/// Checks an lstm_cell call; returns false when the outputs are empty.
template <class T>
bool checkLstm(const char *Op, const T *X, const T *H, const T *C, const T *W,
               const T *U, const T *B, const T *HOut, const T *COut,
               int Batch, int In, int Hidden) {
  checkSize(Op, "batch", Batch);
  checkSize(Op, "in", In);
  checkSize(Op, "hidden", Hidden);
  const long long NH = static_cast<long long>(Batch) * Hidden;
  if (NH == 0)
    return false;
  checkPtr(Op, "x", X, static_cast<long long>(Batch) * In);
  checkPtr(Op, "h", H, NH);
  checkPtr(Op, "c", C, NH);
  checkPtr(Op, "W", W, 4LL * Hidden * In);
  checkPtr(Op, "U", U, 4LL * Hidden * Hidden);
  checkPtr(Op, "b", B, 4LL * Hidden);
  checkPtr(Op, "h_out", HOut, NH);
  checkPtr(Op, "c_out", COut, NH);
  return true;
}

template <class T>
void lstmImpl(const T *X, const T *H, const T *C, const T *W, const T *U,
              const T *B, T *HOut, T *COut, int Batch, int In, int Hidden) {
  if (!checkLstm("lstm_cell", X, H, C, W, U, B, HOut, COut, Batch, In, Hidden))
    return;
  Gates<T> G = computeGates(X, H, W, U, B, Batch, In, Hidden);
  combine(G, C, HOut, COut, Batch, Hidden);
}

template <class T>
void lstmVjpImpl(const T *X, const T *H, const T *C, const T *W, const T *U,
                 const T *B, T *HOut, T *COut, int Batch, int In, int Hidden,
                 T *DX, T *DH, T *DC, T *DW, T *DU, T *DB, T *DHOut,
                 T *DCOut) {
  const char *Op = "lstm_cell_vjp";
  if (!checkLstm(Op, X, H, C, W, U, B, HOut, COut, Batch, In, Hidden))
    return;
  checkPtr(Op, "d_h_out", DHOut, 1);
  checkPtr(Op, "d_c_out", DCOut, 1);
  Gates<T> G = computeGates(X, H, W, U, B, Batch, In, Hidden);
  const std::vector<T> TanhC = combine(G, C, HOut, COut, Batch, Hidden);
  const int G4 = 4 * Hidden;
  // Gate pre-activation adjoints, reusing the gate buffer row by row.
  std::vector<T> DZ(G.Z.size());
  for (int R = 0; R < Batch; ++R) {
    const T *Zr = G.row(R);
    T *Dr = DZ.data() + static_cast<size_t>(R) * G4;
    const size_t Off = static_cast<size_t>(R) * Hidden;
    for (int J = 0; J < Hidden; ++J) {
      const T I = Zr[J], F = Zr[Hidden + J], Gg = Zr[2 * Hidden + J],
              O = Zr[3 * Hidden + J], Tc = TanhC[Off + J];
      const T Gh = DHOut[Off + J];
      const T Gc = DCOut[Off + J] + Gh * O * (T(1) - Tc * Tc);
      DHOut[Off + J] = 0;
      DCOut[Off + J] = 0;
      if (DC)
        DC[Off + J] += Gc * F;
      Dr[J] = Gc * Gg * I * (T(1) - I);
      Dr[Hidden + J] = Gc * C[Off + J] * F * (T(1) - F);
      Dr[2 * Hidden + J] = Gc * I * (T(1) - Gg * Gg);
      Dr[3 * Hidden + J] = Gh * Tc * O * (T(1) - O);
    }
  }
  if (DX)
    gemm(false, false, Batch, In, G4, T(1), DZ.data(), G4, W, In, T(1), DX,
         In);
  if (DH)
    gemm(false, false, Batch, Hidden, G4, T(1), DZ.data(), G4, U, Hidden, T(1),
         DH, Hidden);
  if (DW)
    gemm(true, false, G4, In, Batch, T(1), DZ.data(), G4, X, In, T(1), DW, In);
  if (DU)
    gemm(true, false, G4, Hidden, Batch, T(1), DZ.data(), G4, H, Hidden, T(1),
         DU, Hidden);
  if (DB)
    addColumnSums(DZ.data(), Batch, G4, DB);
}

/// Forward mode of lstm_cell. A null input tangent is a zero tangent: its
/// GEMM (or bias broadcast) is skipped, and with no tangent of x, h, W, U
/// or b the gate tangents are zero and not formed at all.
template <class T>
void lstmJvpImpl(const T *X, const T *H, const T *C, const T *W, const T *U,
                 const T *B, T *HOut, T *COut, int Batch, int In, int Hidden,
                 const T *TX, const T *TH, const T *TC, const T *TW,
                 const T *TU, const T *TB, T *THOut, T *TCOut) {
  const char *Op = "lstm_cell_jvp";
  if (!checkLstm(Op, X, H, C, W, U, B, HOut, COut, Batch, In, Hidden))
    return;
  const long long NH = static_cast<long long>(Batch) * Hidden;
  checkPtr(Op, "t_h_out", THOut, NH);
  checkPtr(Op, "t_c_out", TCOut, NH);
  Gates<T> G = computeGates(X, H, W, U, B, Batch, In, Hidden);
  // Tangents of the pre-activations, accumulated over a zero-initialised
  // buffer; only the terms with a tangent are computed.
  const int G4 = 4 * Hidden;
  const bool GateTangents = TX || TH || TW || TU || TB;
  std::vector<T> TZ;
  if (GateTangents) {
    TZ.resize(G.Z.size());
    if (TB)
      for (int R = 0; R < Batch; ++R)
        std::memcpy(TZ.data() + static_cast<size_t>(R) * G4, TB,
                    sizeof(T) * G4);
    if (TX)
      gemm(false, true, Batch, G4, In, T(1), TX, In, W, In, T(1), TZ.data(),
           G4);
    if (TW)
      gemm(false, true, Batch, G4, In, T(1), X, In, TW, In, T(1), TZ.data(),
           G4);
    if (TH)
      gemm(false, true, Batch, G4, Hidden, T(1), TH, Hidden, U, Hidden, T(1),
           TZ.data(), G4);
    if (TU)
      gemm(false, true, Batch, G4, Hidden, T(1), H, Hidden, TU, Hidden, T(1),
           TZ.data(), G4);
  }
  const std::vector<T> TanhC = combine(G, C, HOut, COut, Batch, Hidden);
  if (!GateTangents && !TC) {
    std::memset(THOut, 0, sizeof(T) * static_cast<size_t>(NH));
    std::memset(TCOut, 0, sizeof(T) * static_cast<size_t>(NH));
    return;
  }
  for (int R = 0; R < Batch; ++R) {
    const T *Zr = G.row(R);
    const T *Tr =
        GateTangents ? TZ.data() + static_cast<size_t>(R) * G4 : nullptr;
    const size_t Off = static_cast<size_t>(R) * Hidden;
    for (int J = 0; J < Hidden; ++J) {
      const T I = Zr[J], F = Zr[Hidden + J], Gg = Zr[2 * Hidden + J],
              O = Zr[3 * Hidden + J], Tc = TanhC[Off + J];
      const T TCIn = TC ? TC[Off + J] : T(0);
      T TCn, TO;
      if (Tr) {
        const T TI = I * (T(1) - I) * Tr[J];
        const T TF = F * (T(1) - F) * Tr[Hidden + J];
        const T TG = (T(1) - Gg * Gg) * Tr[2 * Hidden + J];
        TO = O * (T(1) - O) * Tr[3 * Hidden + J];
        TCn = TF * C[Off + J] + F * TCIn + TI * Gg + I * TG;
      } else {
        TO = T(0);
        TCn = F * TCIn;
      }
      TCOut[Off + J] = TCn;
      THOut[Off + J] = TO * Tc + O * (T(1) - Tc * Tc) * TCn;
    }
  }
}

} // namespace

namespace chainrule {
namespace nn {

void lstm_cell(const float *x, const float *h, const float *c, const float *W,
               const float *U, const float *b, float *h_out, float *c_out,
               int batch, int in, int hidden) {
  lstmImpl(x, h, c, W, U, b, h_out, c_out, batch, in, hidden);
}
void lstm_cell(const double *x, const double *h, const double *c,
               const double *W, const double *U, const double *b,
               double *h_out, double *c_out, int batch, int in, int hidden) {
  lstmImpl(x, h, c, W, U, b, h_out, c_out, batch, in, hidden);
}
void lstm_cell_vjp(const float *x, const float *h, const float *c,
                   const float *W, const float *U, const float *b,
                   float *h_out, float *c_out, int batch, int in, int hidden,
                   float *d_x, float *d_h, float *d_c, float *d_W, float *d_U,
                   float *d_b, float *d_h_out, float *d_c_out) {
  lstmVjpImpl(x, h, c, W, U, b, h_out, c_out, batch, in, hidden, d_x, d_h, d_c,
              d_W, d_U, d_b, d_h_out, d_c_out);
}
void lstm_cell_vjp(const double *x, const double *h, const double *c,
                   const double *W, const double *U, const double *b,
                   double *h_out, double *c_out, int batch, int in, int hidden,
                   double *d_x, double *d_h, double *d_c, double *d_W,
                   double *d_U, double *d_b, double *d_h_out,
                   double *d_c_out) {
  lstmVjpImpl(x, h, c, W, U, b, h_out, c_out, batch, in, hidden, d_x, d_h, d_c,
              d_W, d_U, d_b, d_h_out, d_c_out);
}
void lstm_cell_jvp(const float *x, const float *h, const float *c,
                   const float *W, const float *U, const float *b,
                   float *h_out, float *c_out, int batch, int in, int hidden,
                   const float *t_x, const float *t_h, const float *t_c,
                   const float *t_W, const float *t_U, const float *t_b,
                   float *t_h_out, float *t_c_out) {
  lstmJvpImpl(x, h, c, W, U, b, h_out, c_out, batch, in, hidden, t_x, t_h, t_c,
              t_W, t_U, t_b, t_h_out, t_c_out);
}
void lstm_cell_jvp(const double *x, const double *h, const double *c,
                   const double *W, const double *U, const double *b,
                   double *h_out, double *c_out, int batch, int in, int hidden,
                   const double *t_x, const double *t_h, const double *t_c,
                   const double *t_W, const double *t_U, const double *t_b,
                   double *t_h_out, double *t_c_out) {
  lstmJvpImpl(x, h, c, W, U, b, h_out, c_out, batch, in, hidden, t_x, t_h, t_c,
              t_W, t_U, t_b, t_h_out, t_c_out);
}

} // namespace nn
} // namespace chainrule
