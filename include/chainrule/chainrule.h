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

// What derivatives call besides the standard library (the functions of
// derivatives that <cmath> lacks, the message of a shadow of the wrong
// size): derivatives made as LLVM IR within this translation unit (or by
// the compiler plugin) find them here.
#include "Check.h"
#include "Math.h"

#include <type_traits>
#include <utility>

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

#if __cplusplus >= 201703L
namespace detail {
template <typename T, typename = void> struct IsRange : std::false_type {};
template <typename T>
struct IsRange<T, std::void_t<decltype(std::declval<T &>().begin()),
                              decltype(std::declval<T &>().end())>>
    : std::true_type {};
} // namespace detail

/// Sets every number in \p x to zero and keeps its shape: a number, an
/// array, a std::vector or std::array (element by element), or a struct of
/// plain values. For shadows that are reused: derivatives add into their
/// shadows, so zero them before each gradient.
template <typename T> inline void zero(T &x) {
  static_assert(!std::is_pointer<T>::value,
                "a pointer's buffer has no known length: zero it with "
                "std::fill_n(d, n, 0.0)");
  if constexpr (std::is_arithmetic<T>::value) {
    x = T(0);
  } else if constexpr (std::is_array<T>::value ||
                       detail::IsRange<T>::value) {
    for (auto &Element : x)
      zero(Element);
  } else {
    static_assert(std::is_trivially_copyable<T>::value,
                  "chainrule::zero takes numbers, arrays, std::vector, "
                  "std::array and structs of plain values; zero the members "
                  "of a struct that holds a container one by one");
    x = zeroed<T>();
  }
}

/// A zero shadow for \p x: a copy of \p x (so a std::vector has its size)
/// with every number zero. `auto d_v = chainrule::zeros_like(v);
/// f_grad(v, &d_v);` gives the gradient alone.
template <typename T> inline T zeros_like(const T &x) {
  T Zero = x;
  zero(Zero);
  return Zero;
}
#endif // C++17
} // namespace chainrule

#endif // CHAINRULE_CHAINRULE_H
