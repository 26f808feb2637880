//===- Modes.h - Forward and reverse mode builders --------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The two builders behind Differentiator. Each fills the body of a
/// derivative function whose signature Differentiator has made: the primal
/// parameters first, then (reverse mode with a seed) the return cotangent,
/// then one shadow or tangent per active parameter, in order.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_DIFFERENTIATION_MODES_H
#define CHAINRULE_LIB_DIFFERENTIATION_MODES_H

#include <vector>

namespace chainrule::ir {
class Function;
}

namespace chainrule::differentiation {

class Differentiator;

/// What a forward-mode body computes and returns.
struct ForwardSpec {
  /// False: one direction, the tangent parameters (`_jvp`, Pushforward).
  /// True: a gradient, one direction per active parameter seeded with 1,
  /// accumulated into the shadows with the signature of reverse mode.
  bool Gradient = false;
  /// A Pushforward: also store the primal result through the last parameter.
  bool StorePrimal = false;
  /// A gradient with a return cotangent parameter (`_vjp`, Pullback).
  bool SeedParam = false;
  /// A gradient that returns the primal value (`_grad`, Pullback).
  bool ReturnPrimal = false;
};

/// Fills \p Fn with a forward-mode derivative of \p Primal.
void buildForward(Differentiator &D, const ir::Function &Primal,
                  ir::Function &Fn, const std::vector<bool> &Active,
                  const ForwardSpec &Spec);

/// True when the gradient of \p Primal with respect to \p Active costs less
/// in forward mode (one direction per active parameter, in one sweep) than
/// in reverse mode, by counting the partial products each would form.
bool preferForwardGradient(const ir::Function &Primal,
                           const std::vector<bool> &Active);

/// Fills \p Fn with the reverse-mode derivative of \p Primal. With
/// \p SeedParam the return cotangent is a parameter, otherwise it is 1;
/// with \p ReturnPrimal the primal value is returned.
void buildReverse(Differentiator &D, const ir::Function &Primal,
                  ir::Function &Fn, const std::vector<bool> &Active,
                  bool SeedParam, bool ReturnPrimal);

/// Lets each call of a primal function use the value its Pullback returns
/// later in the same region, when nothing between them needs it, and
/// deletes the primal call: the callee's primal work is then done once.
/// Returns true when something changed.
bool fuseRecomputedCalls(ir::Function &Fn);

} // namespace chainrule::differentiation

#endif // CHAINRULE_LIB_DIFFERENTIATION_MODES_H
