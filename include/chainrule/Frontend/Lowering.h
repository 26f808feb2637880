//===- chainrule/Frontend/Lowering.h - Clang AST to SSA ---------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Lowers function definitions from Clang's AST into the SSA graph. Locals
/// are renamed into SSA values as they are assigned; branches become `if`
/// ops that yield the locals they change; a `return` inside a branch makes
/// the rest of the function part of the branches that fall through. Types,
/// overloads and implicit conversions come resolved from the AST. Anything
/// unsupported is reported at its source location and lowering fails.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_FRONTEND_LOWERING_H
#define CHAINRULE_FRONTEND_LOWERING_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace chainrule::ir {
class Function;
class Module;
} // namespace chainrule::ir

namespace chainrule::frontend {

/// Lowers functions into one module, each once, callees on demand.
class ModuleLowering {
public:
  ModuleLowering(clang::ASTContext &Ctx, ir::Module &M) : Ctx(Ctx), M(M) {}

  /// The SSA form of \p FD's definition, lowering it and the functions it
  /// calls first if needed; null after reporting why it cannot be lowered.
  ir::Function *lower(const clang::FunctionDecl *FD);

  /// True while \p FD's body is being lowered (a call to it is recursive).
  bool isBeingLowered(const clang::FunctionDecl *FD) const;

  clang::ASTContext &getASTContext() const { return Ctx; }

private:
  clang::ASTContext &Ctx;
  ir::Module &M;
  llvm::DenseMap<const clang::FunctionDecl *, ir::Function *> Done;
  llvm::DenseSet<const clang::FunctionDecl *> Failed;
  llvm::DenseSet<const clang::FunctionDecl *> InProgress;
};

} // namespace chainrule::frontend

#endif // CHAINRULE_FRONTEND_LOWERING_H
