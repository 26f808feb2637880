//===- LLVMEmitter.cpp - Derivatives as LLVM IR ---------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Declares every generated function first (so bodies may call each other
/// in any order), then lowers each body. finish() runs after clang's CodeGen
/// has emitted what the bodies referenced (the inline functions they call)
/// and cuts the translation unit's module down to the derivatives: a
/// function or variable the source's own object defines becomes a
/// declaration, inline and internal ones the derivatives use stay as
/// copies, everything else goes.
//===----------------------------------------------------------------------===//

#include "chainrule/CodeGen/LLVMEmitter.h"
#include "BodyEmitter.h"
#include "ModuleState.h"

#include "clang/CodeGen/ModuleBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

using namespace chainrule;
using namespace chainrule::codegen;

LLVMEmitter::LLVMEmitter(clang::ASTContext &Ctx, clang::CodeGenerator &Gen,
                         clang::Sema &Sema)
    : Ctx(Ctx), Gen(Gen), Sema(Sema) {}

std::vector<Problem>
LLVMEmitter::emit(llvm::ArrayRef<const ir::Function *> Generated) {
  ModuleState S(Ctx, Gen, Sema);
  std::vector<const LoweredFunction *> Lowered;
  for (const ir::Function *F : Generated) {
    const LoweredFunction *L = S.declareGenerated(*F);
    if (L && L->ABI)
      Roots.insert(L->Fn);
    Lowered.push_back(L);
  }
  if (!S.Problems.empty())
    return S.Problems;
  for (unsigned I = 0, E = Generated.size(); I != E; ++I)
    emitBody(S, *Generated[I], *Lowered[I]);
  return S.Problems;
}

/// True when the object of the source defines \p G, so that this module
/// only declares it.
static bool definedBySource(const llvm::GlobalValue &G) {
  return !G.isDeclaration() && !G.hasLocalLinkage() &&
         !G.hasLinkOnceLinkage() && !G.hasAvailableExternallyLinkage();
}

/// Adds the globals \p C refers to, through constant expressions.
static void collectGlobals(const llvm::Constant *C,
                           llvm::SmallVectorImpl<llvm::GlobalValue *> &Out) {
  if (const auto *G = llvm::dyn_cast<llvm::GlobalValue>(C)) {
    Out.push_back(const_cast<llvm::GlobalValue *>(G));
    return;
  }
  for (const llvm::Use &U : C->operands())
    if (const auto *Inner = llvm::dyn_cast<llvm::Constant>(U.get()))
      collectGlobals(Inner, Out);
}

llvm::Error LLVMEmitter::finish() {
  llvm::Module &M = *Gen.GetModule();
  // The translation unit's constructors and the lists of used globals would
  // keep all of it (and run its static initialisers twice).
  for (const char *Name : {"llvm.global_ctors", "llvm.global_dtors",
                           "llvm.used", "llvm.compiler.used"})
    if (llvm::GlobalVariable *GV = M.getNamedGlobal(Name))
      GV->eraseFromParent();
  auto Kept = [&](const llvm::GlobalValue &G) {
    if (const auto *F = llvm::dyn_cast<llvm::Function>(&G);
        F && Roots.count(const_cast<llvm::Function *>(F)))
      return true;
    return !definedBySource(G);
  };
  // What the derivatives reach through the definitions this module keeps.
  llvm::SmallPtrSet<llvm::GlobalValue *, 32> Live;
  llvm::SmallVector<llvm::GlobalValue *, 64> Work(Roots.begin(), Roots.end());
  while (!Work.empty()) {
    llvm::GlobalValue *G = Work.pop_back_val();
    if (!Live.insert(G).second || G->isDeclaration() || !Kept(*G))
      continue;
    llvm::SmallVector<llvm::GlobalValue *, 16> Refs;
    if (auto *F = llvm::dyn_cast<llvm::Function>(G)) {
      if (F->hasPersonalityFn())
        collectGlobals(F->getPersonalityFn(), Refs);
      for (llvm::Instruction &I : llvm::instructions(*F))
        for (const llvm::Use &U : I.operands())
          if (const auto *C = llvm::dyn_cast<llvm::Constant>(U.get()))
            collectGlobals(C, Refs);
    } else if (auto *V = llvm::dyn_cast<llvm::GlobalVariable>(G)) {
      collectGlobals(V->getInitializer(), Refs);
    } else if (auto *A = llvm::dyn_cast<llvm::GlobalAlias>(G)) {
      collectGlobals(A->getAliasee(), Refs);
    }
    Work.append(Refs.begin(), Refs.end());
  }
  std::vector<llvm::GlobalValue *> All;
  for (llvm::GlobalValue &G : M.global_values())
    All.push_back(&G);
  std::vector<llvm::GlobalValue *> Dead;
  for (llvm::GlobalValue *G : All) {
    if (!Live.count(G)) {
      Dead.push_back(G);
      continue;
    }
    if (Kept(*G) || G->isDeclaration())
      continue;
    // Defined by the source's object: declared here.
    if (auto *F = llvm::dyn_cast<llvm::Function>(G)) {
      F->deleteBody();
    } else if (auto *V = llvm::dyn_cast<llvm::GlobalVariable>(G)) {
      V->setInitializer(nullptr);
    } else if (auto *A = llvm::dyn_cast<llvm::GlobalAlias>(G)) {
      // (A constructor's complete-object alias.) A declaration of its name.
      auto *Aliasee =
          llvm::dyn_cast<llvm::Function>(A->getAliaseeObject());
      if (!Aliasee)
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "the derivatives use the alias '" + A->getName().str() +
                "' of a variable");
      auto *Decl = llvm::Function::Create(Aliasee->getFunctionType(),
                                          llvm::GlobalValue::ExternalLinkage,
                                          "", M);
      Decl->takeName(A);
      A->replaceAllUsesWith(Decl);
      Dead.push_back(A);
      continue;
    }
    G->setLinkage(llvm::GlobalValue::ExternalLinkage);
    if (auto *GO = llvm::dyn_cast<llvm::GlobalObject>(G))
      GO->setComdat(nullptr);
  }
  for (llvm::GlobalValue *G : Dead)
    G->dropAllReferences();
  for (llvm::GlobalValue *G : Dead) {
    G->removeDeadConstantUsers();
    if (!G->use_empty())
      G->replaceAllUsesWith(llvm::PoisonValue::get(G->getType()));
    G->eraseFromParent();
  }
  std::string Problems;
  llvm::raw_string_ostream OS(Problems);
  if (llvm::verifyModule(M, &OS))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the LLVM module does not verify: " +
                                       OS.str());
  return llvm::Error::success();
}
