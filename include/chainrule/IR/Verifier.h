//===- chainrule/IR/Verifier.h - Checking the SSA graph ---------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The verifier checks the invariants every pass relies on: operand counts
/// and types, terminators, yields matching their op's results, and that each
/// operand is defined before its use in the same or an enclosing region.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_IR_VERIFIER_H
#define CHAINRULE_IR_VERIFIER_H

#include "llvm/Support/Error.h"

namespace chainrule::ir {

class Function;
class Module;

/// Checks \p F; the error names the first broken invariant.
llvm::Error verify(const Function &F);
/// Checks every function of \p M.
llvm::Error verify(const Module &M);

} // namespace chainrule::ir

#endif // CHAINRULE_IR_VERIFIER_H
