//===- Elementwise.cpp - Elementwise operators and derivatives ------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// add, relu, leaky_relu, sigmoid, tanh and gelu with their _vjp and _jvp,
/// written once with Highway and compiled for every target (foreach_target);
/// the public entry points at the end dispatch to the best target for the
/// running CPU.
///
/// Every kernel makes one pass: it loads x (and the seed or tangent), writes
/// y, and in reverse mode zeroes d_y and accumulates into d_x. Because each
/// vector is loaded before anything is stored, exact in-place calls
/// (y == x, d_y == d_x) are correct too.
///
//===----------------------------------------------------------------------===//

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "Elementwise.cpp"
#include "hwy/foreach_target.h" // IWYU pragma: keep

#include "hwy/highway.h"

#include "VecMath-inl.h"

#ifndef CHAINRULE_RUNTIME_ELEMENTWISE_ONCE
#define CHAINRULE_RUNTIME_ELEMENTWISE_ONCE
#include "Check.h"
#include "Internal.h"
#include "chainrule/nn.h"

#include <cstring>
#endif

HWY_BEFORE_NAMESPACE();
namespace chainrule {
namespace nn {
namespace HWY_NAMESPACE {
namespace {

/// relu: the derivative comes from the output (y > 0), like PyTorch.
struct ReluOp {
  template <class D, class V> static HWY_INLINE V eval(D Tag, V X) {
    return hn::Max(X, hn::Zero(Tag));
  }
  template <class D, class V>
  static HWY_INLINE V evalWithSlope(D Tag, V X, V &Slope) {
    const V Y = eval(Tag, X);
    Slope = hn::IfThenElseZero(hn::Gt(Y, hn::Zero(Tag)),
                               hn::Set(Tag, hn::TFromD<D>(1)));
    return Y;
  }
};

/// sigmoid: y (1 - y), evaluated as e r^2 from the pieces of y (see
/// sigmoidV) so that it keeps relative accuracy where y is near 1.
struct SigmoidOp {
  template <class D, class V> static HWY_INLINE V eval(D Tag, V X) {
    return sigmoidV(Tag, X);
  }
  template <class D, class V>
  static HWY_INLINE V evalWithSlope(D Tag, V X, V &Slope) {
    return sigmoidV(Tag, X, &Slope);
  }
};

/// tanh: 1 - y^2 from the output.
struct TanhOp {
  template <class D, class V> static HWY_INLINE V eval(D Tag, V X) {
    return passNaN(Tag, X, hn::Tanh(Tag, X));
  }
  template <class D, class V>
  static HWY_INLINE V evalWithSlope(D Tag, V X, V &Slope) {
    const V Y = eval(Tag, X);
    Slope = hn::NegMulAdd(Y, Y, hn::Set(Tag, hn::TFromD<D>(1)));
    return Y;
  }
};

/// gelu: Phi(x) + x phi(x), from the input and the Phi of the forward.
struct GeluOp {
  template <class D, class V> static HWY_INLINE V eval(D Tag, V X) {
    return passNaN(Tag, X, hn::Mul(X, normalCdfV(Tag, X)));
  }
  template <class D, class V>
  static HWY_INLINE V evalWithSlope(D Tag, V X, V &Slope) {
    const V Phi = normalCdfV(Tag, X);
    Slope = hn::MulAdd(X, normalPdfV(Tag, X), Phi);
    return passNaN(Tag, X, hn::Mul(X, Phi));
  }
};

template <class Op, class T> void unaryFwd(const T *X, T *Y, size_t N) {
  const hn::ScalableTag<T> Tag;
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    storePart(Op::eval(Tag, loadPart(Tag, X + I, C)), Tag, Y + I, C);
  }
}

template <class Op, class T>
void unaryVjp(const T *X, T *Y, size_t N, T *DX, T *DY) {
  const hn::ScalableTag<T> Tag;
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    const auto G = loadPart(Tag, DY + I, C);
    hn::Vec<decltype(Tag)> Slope;
    const auto Yv = Op::evalWithSlope(Tag, loadPart(Tag, X + I, C), Slope);
    storePart(Yv, Tag, Y + I, C);
    storePart(hn::Zero(Tag), Tag, DY + I, C);
    if (DX)
      storePart(hn::MulAdd(G, Slope, loadPart(Tag, DX + I, C)), Tag, DX + I,
                C);
  }
}

template <class Op, class T>
void unaryJvp(const T *X, T *Y, size_t N, const T *TX, T *TY) {
  const hn::ScalableTag<T> Tag;
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    const auto Tx = loadPart(Tag, TX + I, C);
    hn::Vec<decltype(Tag)> Slope;
    const auto Yv = Op::evalWithSlope(Tag, loadPart(Tag, X + I, C), Slope);
    storePart(Yv, Tag, Y + I, C);
    storePart(hn::Mul(Slope, Tx), Tag, TY + I, C);
  }
}

template <class T> void addFwd(const T *A, const T *B, T *Y, size_t N) {
  const hn::ScalableTag<T> Tag;
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    storePart(hn::Add(loadPart(Tag, A + I, C), loadPart(Tag, B + I, C)), Tag,
              Y + I, C);
  }
}

template <class T>
void addVjp(const T *A, const T *B, T *Y, size_t N, T *DA, T *DB, T *DY) {
  const hn::ScalableTag<T> Tag;
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    const auto G = loadPart(Tag, DY + I, C);
    storePart(hn::Add(loadPart(Tag, A + I, C), loadPart(Tag, B + I, C)), Tag,
              Y + I, C);
    storePart(hn::Zero(Tag), Tag, DY + I, C);
    if (DA)
      storePart(hn::Add(loadPart(Tag, DA + I, C), G), Tag, DA + I, C);
    if (DB)
      storePart(hn::Add(loadPart(Tag, DB + I, C), G), Tag, DB + I, C);
  }
}

/// t_y = t_a + t_b; a null TA or TB is a zero tangent (its load and the
/// add are skipped), and with both null t_y = 0.
template <class T>
void addJvp(const T *A, const T *B, T *Y, size_t N, const T *TA, const T *TB,
            T *TY) {
  const hn::ScalableTag<T> Tag;
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    auto Ty = hn::Zero(Tag);
    if (TA && TB)
      Ty = hn::Add(loadPart(Tag, TA + I, C), loadPart(Tag, TB + I, C));
    else if (TA)
      Ty = loadPart(Tag, TA + I, C);
    else if (TB)
      Ty = loadPart(Tag, TB + I, C);
    storePart(hn::Add(loadPart(Tag, A + I, C), loadPart(Tag, B + I, C)), Tag,
              Y + I, C);
    storePart(Ty, Tag, TY + I, C);
  }
}

template <class T>
void leakyReluFwd(const T *X, T *Y, size_t N, T Slope) {
  const hn::ScalableTag<T> Tag;
  const auto S = hn::Set(Tag, Slope);
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    const auto Xv = loadPart(Tag, X + I, C);
    storePart(hn::IfThenElse(hn::Gt(Xv, hn::Zero(Tag)), Xv, hn::Mul(S, Xv)),
              Tag, Y + I, C);
  }
}

template <class T>
double leakyReluVjp(const T *X, T *Y, size_t N, T Slope, T *DX, T *DY) {
  const hn::ScalableTag<T> Tag;
  const auto S = hn::Set(Tag, Slope);
  const auto One = hn::Set(Tag, T(1));
  BlockedSum<decltype(Tag)> DSlope(Tag);
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    const auto Xv = loadPart(Tag, X + I, C);
    const auto G = loadPart(Tag, DY + I, C);
    const auto Pos = hn::Gt(Xv, hn::Zero(Tag));
    storePart(hn::IfThenElse(Pos, Xv, hn::Mul(S, Xv)), Tag, Y + I, C);
    storePart(hn::Zero(Tag), Tag, DY + I, C);
    if (DX)
      storePart(hn::MulAdd(G, hn::IfThenElse(Pos, One, S),
                           loadPart(Tag, DX + I, C)),
                Tag, DX + I, C);
    DSlope.add(hn::IfThenZeroElse(Pos, hn::Mul(G, Xv)));
  }
  return DSlope.total();
}

/// A null TX is a zero tangent: t_y = (x > 0 ? 0 : t_slope x).
template <class T>
void leakyReluJvp(const T *X, T *Y, size_t N, T Slope, const T *TX, T *TY,
                  T TSlope) {
  const hn::ScalableTag<T> Tag;
  const auto S = hn::Set(Tag, Slope);
  const auto TS = hn::Set(Tag, TSlope);
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    const auto Xv = loadPart(Tag, X + I, C);
    const auto Pos = hn::Gt(Xv, hn::Zero(Tag));
    auto Ty = hn::Mul(TS, Xv);
    if (TX) {
      const auto Tx = loadPart(Tag, TX + I, C);
      Ty = hn::IfThenElse(Pos, Tx, hn::MulAdd(S, Tx, Ty));
    } else {
      Ty = hn::IfThenZeroElse(Pos, Ty);
    }
    storePart(hn::IfThenElse(Pos, Xv, hn::Mul(S, Xv)), Tag, Y + I, C);
    storePart(Ty, Tag, TY + I, C);
  }
}

template <class T> void erfArray(const T *X, T *Y, size_t N) {
  const hn::ScalableTag<T> Tag;
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    storePart(erfV(Tag, loadPart(Tag, X + I, C)), Tag, Y + I, C);
  }
}

template <class T> void erfcArray(const T *X, T *Y, size_t N) {
  const hn::ScalableTag<T> Tag;
  for (size_t I = 0; I < N; I += hn::Lanes(Tag)) {
    const size_t C = partCount(Tag, I, N);
    storePart(erfcV(Tag, loadPart(Tag, X + I, C)), Tag, Y + I, C);
  }
}

template <class T> detail::ElementwiseKernels<T> makeTable() {
  detail::ElementwiseKernels<T> K;
  K.Unary[detail::UK_Relu] = &unaryFwd<ReluOp, T>;
  K.Unary[detail::UK_Sigmoid] = &unaryFwd<SigmoidOp, T>;
  K.Unary[detail::UK_Tanh] = &unaryFwd<TanhOp, T>;
  K.Unary[detail::UK_Gelu] = &unaryFwd<GeluOp, T>;
  K.UnaryVjp[detail::UK_Relu] = &unaryVjp<ReluOp, T>;
  K.UnaryVjp[detail::UK_Sigmoid] = &unaryVjp<SigmoidOp, T>;
  K.UnaryVjp[detail::UK_Tanh] = &unaryVjp<TanhOp, T>;
  K.UnaryVjp[detail::UK_Gelu] = &unaryVjp<GeluOp, T>;
  K.UnaryJvp[detail::UK_Relu] = &unaryJvp<ReluOp, T>;
  K.UnaryJvp[detail::UK_Sigmoid] = &unaryJvp<SigmoidOp, T>;
  K.UnaryJvp[detail::UK_Tanh] = &unaryJvp<TanhOp, T>;
  K.UnaryJvp[detail::UK_Gelu] = &unaryJvp<GeluOp, T>;
  K.Add = &addFwd<T>;
  K.AddVjp = &addVjp<T>;
  K.AddJvp = &addJvp<T>;
  K.LeakyRelu = &leakyReluFwd<T>;
  K.LeakyReluVjp = &leakyReluVjp<T>;
  K.LeakyReluJvp = &leakyReluJvp<T>;
  K.Erf = &erfArray<T>;
  K.Erfc = &erfcArray<T>;
  return K;
}

} // namespace

CHAINRULE_RT_TABLES(ElementwiseKernels, elementwise)

} // namespace HWY_NAMESPACE
} // namespace nn
} // namespace chainrule
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace chainrule {
namespace nn {
CHAINRULE_RT_DISPATCH(ElementwiseKernels, elementwise)

namespace detail {
void erf(const float *X, float *Y, int N) {
  elementwiseKernels(0.0f).Erf(X, Y, static_cast<size_t>(N));
}
void erf(const double *X, double *Y, int N) {
  elementwiseKernels(0.0).Erf(X, Y, static_cast<size_t>(N));
}
void erfc(const float *X, float *Y, int N) {
  elementwiseKernels(0.0f).Erfc(X, Y, static_cast<size_t>(N));
}
void erfc(const double *X, double *Y, int N) {
  elementwiseKernels(0.0).Erfc(X, Y, static_cast<size_t>(N));
}
} // namespace detail

namespace {
using namespace detail;

const char *const UnaryNames[UK_NumKinds] = {"relu", "sigmoid", "tanh",
                                             "gelu"};
const char *const UnaryVjpNames[UK_NumKinds] = {"relu_vjp", "sigmoid_vjp",
                                                "tanh_vjp", "gelu_vjp"};
const char *const UnaryJvpNames[UK_NumKinds] = {"relu_jvp", "sigmoid_jvp",
                                                "tanh_jvp", "gelu_jvp"};

template <class T> void unary(UnaryKind K, const T *X, T *Y, int N) {
  const char *Op = UnaryNames[K];
  checkSize(Op, "n", N);
  checkPtr(Op, "x", X, N);
  checkPtr(Op, "y", Y, N);
  if (N > 0)
    elementwiseKernels(T()).Unary[K](X, Y, static_cast<size_t>(N));
}

template <class T>
void unaryVjp(UnaryKind K, const T *X, T *Y, int N, T *DX, T *DY) {
  const char *Op = UnaryVjpNames[K];
  checkSize(Op, "n", N);
  checkPtr(Op, "x", X, N);
  checkPtr(Op, "y", Y, N);
  checkPtr(Op, "d_y", DY, N);
  if (N > 0)
    elementwiseKernels(T()).UnaryVjp[K](X, Y, static_cast<size_t>(N), DX, DY);
}

template <class T>
void unaryJvp(UnaryKind K, const T *X, T *Y, int N, const T *TX, T *TY) {
  const char *Op = UnaryJvpNames[K];
  checkSize(Op, "n", N);
  checkPtr(Op, "x", X, N);
  checkPtr(Op, "y", Y, N);
  checkPtr(Op, "t_y", TY, N);
  if (N == 0)
    return;
  if (TX) {
    elementwiseKernels(T()).UnaryJvp[K](X, Y, static_cast<size_t>(N), TX, TY);
    return;
  }
  // A null t_x is a zero tangent: the forward, and t_y = 0.
  elementwiseKernels(T()).Unary[K](X, Y, static_cast<size_t>(N));
  std::memset(TY, 0, sizeof(T) * static_cast<size_t>(N));
}

template <class T> void addImpl(const T *A, const T *B, T *Y, int N) {
  checkSize("add", "n", N);
  checkPtr("add", "a", A, N);
  checkPtr("add", "b", B, N);
  checkPtr("add", "y", Y, N);
  if (N > 0)
    elementwiseKernels(T()).Add(A, B, Y, static_cast<size_t>(N));
}

template <class T>
void addVjpImpl(const T *A, const T *B, T *Y, int N, T *DA, T *DB, T *DY) {
  checkSize("add_vjp", "n", N);
  checkPtr("add_vjp", "a", A, N);
  checkPtr("add_vjp", "b", B, N);
  checkPtr("add_vjp", "y", Y, N);
  checkPtr("add_vjp", "d_y", DY, N);
  if (N > 0)
    elementwiseKernels(T()).AddVjp(A, B, Y, static_cast<size_t>(N), DA, DB,
                                   DY);
}

template <class T>
void addJvpImpl(const T *A, const T *B, T *Y, int N, const T *TA,
                const T *TB, T *TY) {
  checkSize("add_jvp", "n", N);
  checkPtr("add_jvp", "a", A, N);
  checkPtr("add_jvp", "b", B, N);
  checkPtr("add_jvp", "y", Y, N);
  checkPtr("add_jvp", "t_y", TY, N);
  if (N > 0)
    elementwiseKernels(T()).AddJvp(A, B, Y, static_cast<size_t>(N), TA, TB,
                                   TY);
}

template <class T> void leakyReluImpl(const T *X, T *Y, int N, T Slope) {
  checkSize("leaky_relu", "n", N);
  checkPtr("leaky_relu", "x", X, N);
  checkPtr("leaky_relu", "y", Y, N);
  if (N > 0)
    elementwiseKernels(T()).LeakyRelu(X, Y, static_cast<size_t>(N), Slope);
}

template <class T>
void leakyReluVjpImpl(const T *X, T *Y, int N, T Slope, T *DX, T *DY,
                      T *DSlope) {
  checkSize("leaky_relu_vjp", "n", N);
  checkPtr("leaky_relu_vjp", "x", X, N);
  checkPtr("leaky_relu_vjp", "y", Y, N);
  checkPtr("leaky_relu_vjp", "d_y", DY, N);
  if (N == 0)
    return;
  const double S = elementwiseKernels(T()).LeakyReluVjp(
      X, Y, static_cast<size_t>(N), Slope, DX, DY);
  if (DSlope)
    *DSlope += static_cast<T>(S);
}

template <class T>
void leakyReluJvpImpl(const T *X, T *Y, int N, T Slope, const T *TX, T *TY,
                      T TSlope) {
  checkSize("leaky_relu_jvp", "n", N);
  checkPtr("leaky_relu_jvp", "x", X, N);
  checkPtr("leaky_relu_jvp", "y", Y, N);
  checkPtr("leaky_relu_jvp", "t_y", TY, N);
  if (N > 0)
    elementwiseKernels(T()).LeakyReluJvp(X, Y, static_cast<size_t>(N), Slope,
                                         TX, TY, TSlope);
}
} // namespace

// The public overloads: one line each, float and double.
#define CHAINRULE_RT_UNARY(NAME, KIND)                                         \
  void NAME(const float *x, float *y, int n) { unary(KIND, x, y, n); }         \
  void NAME(const double *x, double *y, int n) { unary(KIND, x, y, n); }       \
  void NAME##_vjp(const float *x, float *y, int n, float *d_x, float *d_y) {   \
    unaryVjp(KIND, x, y, n, d_x, d_y);                                         \
  }                                                                            \
  void NAME##_vjp(const double *x, double *y, int n, double *d_x,              \
                  double *d_y) {                                               \
    unaryVjp(KIND, x, y, n, d_x, d_y);                                         \
  }                                                                            \
  void NAME##_jvp(const float *x, float *y, int n, const float *t_x,           \
                  float *t_y) {                                                \
    unaryJvp(KIND, x, y, n, t_x, t_y);                                         \
  }                                                                            \
  void NAME##_jvp(const double *x, double *y, int n, const double *t_x,        \
                  double *t_y) {                                               \
    unaryJvp(KIND, x, y, n, t_x, t_y);                                         \
  }
CHAINRULE_RT_UNARY(relu, UK_Relu)
CHAINRULE_RT_UNARY(sigmoid, UK_Sigmoid)
CHAINRULE_RT_UNARY(tanh, UK_Tanh)
CHAINRULE_RT_UNARY(gelu, UK_Gelu)
#undef CHAINRULE_RT_UNARY

void add(const float *a, const float *b, float *y, int n) {
  addImpl(a, b, y, n);
}
void add(const double *a, const double *b, double *y, int n) {
  addImpl(a, b, y, n);
}
void add_vjp(const float *a, const float *b, float *y, int n, float *d_a,
             float *d_b, float *d_y) {
  addVjpImpl(a, b, y, n, d_a, d_b, d_y);
}
void add_vjp(const double *a, const double *b, double *y, int n, double *d_a,
             double *d_b, double *d_y) {
  addVjpImpl(a, b, y, n, d_a, d_b, d_y);
}
void add_jvp(const float *a, const float *b, float *y, int n,
             const float *t_a, const float *t_b, float *t_y) {
  addJvpImpl(a, b, y, n, t_a, t_b, t_y);
}
void add_jvp(const double *a, const double *b, double *y, int n,
             const double *t_a, const double *t_b, double *t_y) {
  addJvpImpl(a, b, y, n, t_a, t_b, t_y);
}

void leaky_relu(const float *x, float *y, int n, float slope) {
  leakyReluImpl(x, y, n, slope);
}
void leaky_relu(const double *x, double *y, int n, double slope) {
  leakyReluImpl(x, y, n, slope);
}
void leaky_relu_vjp(const float *x, float *y, int n, float slope, float *d_x,
                    float *d_y, float *d_slope) {
  leakyReluVjpImpl(x, y, n, slope, d_x, d_y, d_slope);
}
void leaky_relu_vjp(const double *x, double *y, int n, double slope,
                    double *d_x, double *d_y, double *d_slope) {
  leakyReluVjpImpl(x, y, n, slope, d_x, d_y, d_slope);
}
void leaky_relu_jvp(const float *x, float *y, int n, float slope,
                    const float *t_x, float *t_y, float t_slope) {
  leakyReluJvpImpl(x, y, n, slope, t_x, t_y, t_slope);
}
void leaky_relu_jvp(const double *x, double *y, int n, double slope,
                    const double *t_x, double *t_y, double t_slope) {
  leakyReluJvpImpl(x, y, n, slope, t_x, t_y, t_slope);
}

} // namespace nn
} // namespace chainrule
#endif // HWY_ONCE
