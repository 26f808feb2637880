//===- chainrule/Check.h - Checks of derivatives' arguments ----*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// What a generated derivative calls when it is given arguments it cannot
/// work with: a std::vector shadow or tangent whose size is not its primal's
/// (the derivative would read or write past the end of one of them). It
/// prints which function and which parameters, and stops the program, as a
/// failed check of the runtime does. Header-only, so generated code needs no
/// library.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_CHECK_H
#define CHAINRULE_CHECK_H

#include <cstddef>
#include <cstdio>
#include <cstdlib>

namespace chainrule {

/// Reports that \p Deriv (a shadow or tangent) of derivative \p Function
/// has \p DerivSize elements where its primal \p Primal has \p PrimalSize,
/// and aborts.
[[noreturn]] inline void sizeMismatch(const char *Function, const char *Deriv,
                                      std::size_t DerivSize,
                                      const char *Primal,
                                      std::size_t PrimalSize) {
  std::fprintf(stderr,
               "chainrule: %s: '%s' has %zu elements but '%s' has %zu; size "
               "each std::vector shadow or tangent like its primal (and "
               "zero a shadow) before the call\n",
               Function, Deriv, DerivSize, Primal, PrimalSize);
  std::fflush(stderr);
  std::abort();
}

} // namespace chainrule

#endif // CHAINRULE_CHECK_H
