//===- chainrule/Frontend/CustomDerivatives.h - User derivatives -*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Hand-written derivatives (docs/calls.md, "Custom derivatives"): functions named `g_vjp`,
/// `g_grad` or `g_jvp` and marked CHAINRULE_CUSTOM_DERIVATIVE, matched by
/// signature to an overload of `g` in the same scope; and functions marked
/// CHAINRULE_NONDIFFERENTIABLE.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_FRONTEND_CUSTOMDERIVATIVES_H
#define CHAINRULE_FRONTEND_CUSTOMDERIVATIVES_H

#include "chainrule/IR/IR.h"

#include "llvm/ADT/DenseMap.h"

#include <array>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace chainrule::frontend {

using ir::CustomKind;
using ir::NumCustomKinds;

/// The hand-written derivatives of one function; null where none is given.
using CustomDerivatives = std::array<const clang::FunctionDecl *, NumCustomKinds>;

/// Every custom derivative of a translation unit, by primal function.
class CustomDerivativeTable {
public:
  /// Finds the custom derivatives of \p Ctx's translation unit (in headers
  /// too), reporting those that match no function.
  explicit CustomDerivativeTable(clang::ASTContext &Ctx);

  /// The custom derivatives of \p FD, or null when it has none.
  const CustomDerivatives *lookup(const clang::FunctionDecl *FD) const;

private:
  llvm::DenseMap<const clang::FunctionDecl *, CustomDerivatives> Table;
};

/// True when \p FD (or the template it instantiates) is marked
/// CHAINRULE_NONDIFFERENTIABLE.
bool isNonDifferentiable(const clang::FunctionDecl *FD);

} // namespace chainrule::frontend

#endif // CHAINRULE_FRONTEND_CUSTOMDERIVATIVES_H
