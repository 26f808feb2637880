//===- Check.h - Argument checks of the runtime -------------------*- C++ -*-===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The cheap argument checks every public operator runs in every build type
/// (nn.h, "Errors"): a failed check prints `chainrule_rt: <op>: <problem>`
/// to stderr and aborts.
///
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_RUNTIME_CHECK_H
#define CHAINRULE_RUNTIME_CHECK_H

namespace chainrule {
namespace nn {
namespace detail {

/// Prints `chainrule_rt: <Op>: <formatted message>` to stderr and aborts.
[[noreturn]] void fail(const char *Op, const char *Fmt, ...)
    __attribute__((format(printf, 2, 3)));

/// Aborts when the size argument \p Value named \p Name is negative.
inline void checkSize(const char *Op, const char *Name, long long Value) {
  if (Value < 0)
    fail(Op, "negative size %s = %lld", Name, Value);
}

/// Aborts when \p Ptr is null although it must hold \p Extent > 0 entries.
inline void checkPtr(const char *Op, const char *Name, const void *Ptr,
                     long long Extent) {
  if (!Ptr && Extent > 0)
    fail(Op, "null pointer for '%s' (%lld entries expected)", Name, Extent);
}

} // namespace detail
} // namespace nn
} // namespace chainrule

#endif // CHAINRULE_RUNTIME_CHECK_H
