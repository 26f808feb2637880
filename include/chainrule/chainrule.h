//===- chainrule/chainrule.h - Annotations for differentiation --*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The macros users put on the functions they want differentiated. Each
/// expands to a `[[clang::annotate]]` attribute that chainrule-gen reads; with
/// any compiler other than Clang they expand to nothing, so annotated sources
/// still compile when chainrule is not run.
///
///   CHAINRULE_GRAD            f_grad: reverse mode, return value seeded with 1
///   CHAINRULE_GRAD_WRT(a, b)  f_grad w.r.t. the named parameters only
///   CHAINRULE_VJP             f_vjp: reverse mode with an explicit seed
///   CHAINRULE_VJP_WRT(a, b)   f_vjp w.r.t. the named parameters only
///   CHAINRULE_JVP             f_jvp: forward mode
///   CHAINRULE_JVP_WRT(a, b)   f_jvp w.r.t. the named parameters only
///
/// See docs/user-guide.md for the signatures of the generated functions.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_CHAINRULE_H
#define CHAINRULE_CHAINRULE_H

#if defined(__clang__)
#define CHAINRULE_ANNOTATE_(...) [[clang::annotate(__VA_ARGS__)]]
#else
#define CHAINRULE_ANNOTATE_(...)
#endif

#define CHAINRULE_GRAD CHAINRULE_ANNOTATE_("chainrule.grad")
#define CHAINRULE_GRAD_WRT(...)                                                \
  CHAINRULE_ANNOTATE_("chainrule.grad", #__VA_ARGS__)
#define CHAINRULE_VJP CHAINRULE_ANNOTATE_("chainrule.vjp")
#define CHAINRULE_VJP_WRT(...)                                                 \
  CHAINRULE_ANNOTATE_("chainrule.vjp", #__VA_ARGS__)
#define CHAINRULE_JVP CHAINRULE_ANNOTATE_("chainrule.jvp")
#define CHAINRULE_JVP_WRT(...)                                                 \
  CHAINRULE_ANNOTATE_("chainrule.jvp", #__VA_ARGS__)

/// On `g_vjp`, `g_grad` or `g_jvp`: a hand-written derivative of `g`, with
/// the ABI of the generated one, used for every call of `g` in
/// differentiated code.
#define CHAINRULE_CUSTOM_DERIVATIVE                                            \
  CHAINRULE_ANNOTATE_("chainrule.custom_derivative")
/// On a function: its result is a constant for differentiation.
#define CHAINRULE_NONDIFFERENTIABLE                                            \
  CHAINRULE_ANNOTATE_("chainrule.nondifferentiable")

#include <type_traits>

namespace chainrule {
/// \p x itself, as a constant for differentiation: no derivative flows
/// through it.
template <typename T> CHAINRULE_NONDIFFERENTIABLE inline T stop_gradient(T x) {
  return x;
}

/// For generated code: a \p T with every byte zero, made without running
/// its constructors or default member initializers. Shadows and tangents of
/// structs that have them start this way (`T v{}` would not be zero).
template <typename T> inline T zeroed() {
  static_assert(std::is_trivially_copyable<T>::value,
                "chainrule differentiates structs of plain values");
  union Storage {
    Storage() : Bytes{} {}
    unsigned char Bytes[sizeof(T)];
    T Object;
  } S;
  return S.Object;
}
} // namespace chainrule

#endif // CHAINRULE_CHAINRULE_H
