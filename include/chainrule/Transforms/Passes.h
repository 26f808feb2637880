//===- chainrule/Transforms/Passes.h - Clean-up transforms ------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The transforms that make generated graphs do no work a careful hand would
/// not: constant folding and algebraic simplification, common subexpression
/// elimination, dead code elimination, clean-up of loads and stores; and
/// those that prepare a lowered function for differentiation: inlining and
/// hoisting of loads. Each returns true when it changed the function.
/// Primal ops are only rewritten in ways exact in IEEE arithmetic; derived
/// ops (Op::isDerived) also get rewrites exact in real arithmetic.
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
/// Deletes pure ops whose results are unused, unused `if` results and
/// carried values of a `while`, and tapes whose popped values nobody reads.
bool eliminateDeadCode(ir::Function &F);
/// Forwards stored and loaded values to later loads of the same element,
/// merges a store with a following accumulation into the same element, and
/// deletes stores nothing reads and local arrays and objects that are
/// written but never read (Memory.cpp).
bool foldMemory(ir::Function &F);
/// Reads a load that does not change in a counted loop once, before it.
bool hoistInvariantLoads(ir::Function &F);

/// Reads each pointer member of a parameter struct (a view) that nothing
/// in \p F writes once, at the entry (Views.cpp): a view base.
bool hoistViewLoads(ir::Function &F);
/// Replaces each call that passes a pointer, or calls an always-inline
/// function, by a copy of the callee's body (not a declaration's, nor a
/// recursive function's), so that a function and the buffers it shares are
/// seen whole.
bool inlineMemoryCalls(ir::Function &F);
/// Runs fold, eliminateCommonSubexpressions, eliminateDeadCode and
/// foldMemory in turn until a round changes nothing (at most eight rounds).
/// Neither inlining nor hoisting: the driver runs those.
void simplify(ir::Function &F);

} // namespace chainrule::transforms

#endif // CHAINRULE_TRANSFORMS_PASSES_H
