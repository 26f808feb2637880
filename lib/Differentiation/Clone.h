//===- Clone.h - Copying primal ops into derivative functions ---*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Helpers shared by both modes: naming
/// derivative values after their primal, and choosing parameter names.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_DIFFERENTIATION_CLONE_H
#define CHAINRULE_LIB_DIFFERENTIATION_CLONE_H

#include "chainrule/IR/Builder.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>

namespace chainrule::differentiation {

/// `Prefix` + the name of \p Primal, or empty when \p Primal has no name.
std::string derivedName(llvm::StringRef Prefix, const ir::Value *Primal);

/// The address op \p D (`index`, `member`, `data`) built again with \p B on
/// \p Base, its other operands given by \p Mapped: the same element, field
/// or data of a shadow or tangent buffer.
ir::Value *rebaseAddress(ir::Builder &B, const ir::Op &D, ir::Value *Base,
                         llvm::function_ref<ir::Value *(const ir::Value *)> Mapped);

} // namespace chainrule::differentiation

#endif // CHAINRULE_LIB_DIFFERENTIATION_CLONE_H
