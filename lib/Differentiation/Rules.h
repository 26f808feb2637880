//===- Rules.h - Evaluating the rows of Derivatives.def ---------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The elementary partial derivatives of Derivatives.def, built as derived
/// ops. Both modes use them: forward mode multiplies them by tangents,
/// reverse mode by adjoints.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_DIFFERENTIATION_RULES_H
#define CHAINRULE_LIB_DIFFERENTIATION_RULES_H

#include "chainrule/IR/Builder.h"

#include "llvm/ADT/ArrayRef.h"

namespace chainrule::differentiation {

/// True when ops of \p O's kind have a row in Derivatives.def.
bool hasRule(const ir::Op &O);

/// Builds, with \p B, the partial derivative of \p O's result with respect
/// to operand \p I. \p Operands and \p Result are the values of \p O's
/// operands and result where \p B inserts. Returns null when the partial is
/// identically zero.
ir::Value *buildPartial(ir::Builder &B, const ir::Op &O, unsigned I,
                        llvm::ArrayRef<ir::Value *> Operands,
                        ir::Value *Result);

} // namespace chainrule::differentiation

#endif // CHAINRULE_LIB_DIFFERENTIATION_RULES_H
