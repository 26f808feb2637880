//===- chainrule/IR/DerivativeKinds.h - What is generated -------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The kinds of derivative functions chainrule generates and how gradients
/// are computed: named by the front end (annotations ask for them), by
/// differentiation (which builds them) and by the driver, so they live in
/// the library all of those build on.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_IR_DERIVATIVEKINDS_H
#define CHAINRULE_IR_DERIVATIVEKINDS_H

#include "llvm/ADT/StringRef.h"

namespace chainrule::ir {

/// The derivative functions chainrule generates.
enum class DerivativeKind {
  Grad, ///< reverse mode, return value seeded with 1, returns the primal
  VJP,  ///< reverse mode with an explicit return cotangent
  JVP,  ///< forward mode, returns the tangent of the return value
  /// Chainrule's own reverse-mode helper for calls: `g_vjp` that also
  /// returns the primal value, so a caller need not compute it again.
  Pullback,
  /// Chainrule's own forward-mode helper for calls: `g_jvp` that also
  /// stores the primal value through a last pointer parameter.
  Pushforward,
};

/// How reverse-mode derivatives (`_grad`, `_vjp`) are computed.
enum class GradientMode {
  /// Forward mode when the function has few active inputs and forward mode
  /// forms fewer partial products (see preferForwardGradient), else reverse.
  Auto,
  Reverse, ///< always reverse mode
  Forward, ///< always forward mode, one direction per active input
};

/// The suffix of a derivative's name: `_grad`, `_vjp`, `_jvp`.
inline llvm::StringRef getSuffix(DerivativeKind K) {
  switch (K) {
  case DerivativeKind::Grad:
    return "_grad";
  case DerivativeKind::VJP:
  case DerivativeKind::Pullback:
    return "_vjp";
  case DerivativeKind::JVP:
  case DerivativeKind::Pushforward:
    return "_jvp";
  }
  return "";
}

} // namespace chainrule::ir

#endif // CHAINRULE_IR_DERIVATIVEKINDS_H
