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

#include "chainrule/Frontend/CustomDerivatives.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>

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
  /// Finds the custom derivatives of the translation unit (reporting the
  /// bad ones) before anything is lowered.
  ModuleLowering(clang::ASTContext &Ctx, ir::Module &M)
      : Ctx(Ctx), M(M), Customs(Ctx) {}

  /// The SSA form of \p FD's definition, lowering it and the functions it
  /// calls first if needed; null after reporting why it cannot be lowered.
  ir::Function *lower(const clang::FunctionDecl *FD);

  /// What a call to \p FD calls: its lowered definition, or a declaration
  /// (with its custom derivatives) when chainrule does not look into it:
  /// it has a custom derivative, is non-differentiable, or has no visible
  /// body. Null after reporting.
  ir::Function *lowerCallee(const clang::FunctionDecl *FD);

  /// True while \p FD's body is being lowered (a call to it is recursive).
  bool isBeingLowered(const clang::FunctionDecl *FD) const;

  clang::ASTContext &getASTContext() const { return Ctx; }
  ir::Module &getModule() const { return M; }

private:
  /// A function with \p Def's signature and an empty body; null after
  /// reporting what chainrule cannot express.
  std::unique_ptr<ir::Function> createSignature(const clang::FunctionDecl &Def);
  ir::Function *declare(const clang::FunctionDecl *FD,
                        const CustomDerivatives *Custom, bool NonDiff);

  clang::ASTContext &Ctx;
  ir::Module &M;
  CustomDerivativeTable Customs;
  llvm::DenseMap<const clang::FunctionDecl *, ir::Function *> Done;
  /// Functions lowered as declarations, by first declaration.
  llvm::DenseMap<const clang::FunctionDecl *, ir::Function *> Declared;
  llvm::DenseSet<const clang::FunctionDecl *> Failed;
  /// Functions whose bodies are being lowered: a call to one is recursive.
  llvm::DenseMap<const clang::FunctionDecl *, ir::Function *> InProgress;
};

} // namespace chainrule::frontend

#endif // CHAINRULE_FRONTEND_LOWERING_H
