//===- chainrule/Transforms/Passes.h - Clean-up transforms ------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The transforms that make generated graphs do no work a careful hand would
/// not: constant folding and algebraic simplification, common subexpression
/// elimination, dead code elimination. Each returns true when it changed the
/// function. Primal ops are only rewritten in ways exact in IEEE arithmetic;
/// derived ops (Op::isDerived) also get rewrites exact in real arithmetic.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_TRANSFORMS_PASSES_H
#define CHAINRULE_TRANSFORMS_PASSES_H

namespace chainrule::ir {
class Function;
}

namespace chainrule::transforms {

/// Folds constants and applies algebraic identities.
bool fold(ir::Function &F);
/// Replaces a pure op by an identical one that dominates it.
bool eliminateCommonSubexpressions(ir::Function &F);
/// Deletes pure ops whose results are unused, and unused `if` results.
bool eliminateDeadCode(ir::Function &F);
/// Merges a store with a following accumulation into the same element,
/// and deletes local arrays that are written but never read.
bool foldMemory(ir::Function &F);
/// Reads a load that does not change in a counted loop once, before it.
bool hoistInvariantLoads(ir::Function &F);

/// Reads each pointer member of a parameter struct (a view) that nothing
/// in \p F writes once, at the entry (Views.cpp): a view base.
bool hoistViewLoads(ir::Function &F);
/// Replaces each call that passes a pointer by a copy of the callee's
/// body, so that a function and the buffers it shares are seen whole.
bool inlineMemoryCalls(ir::Function &F);
/// Runs the three above until nothing changes.
void simplify(ir::Function &F);

} // namespace chainrule::transforms

#endif // CHAINRULE_TRANSFORMS_PASSES_H
