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

/// Fills \p Jvp with the forward-mode derivative of \p Primal.
void buildForward(Differentiator &D, const ir::Function &Primal,
                  ir::Function &Jvp, const std::vector<bool> &Active);

/// Fills \p Fn with the reverse-mode derivative of \p Primal. With
/// \p SeedParam the return cotangent is a parameter (`_vjp`) and nothing is
/// returned; otherwise it is 1 and the primal value is returned (`_grad`).
void buildReverse(Differentiator &D, const ir::Function &Primal,
                  ir::Function &Fn, const std::vector<bool> &Active,
                  bool SeedParam);

} // namespace chainrule::differentiation

#endif // CHAINRULE_LIB_DIFFERENTIATION_MODES_H
