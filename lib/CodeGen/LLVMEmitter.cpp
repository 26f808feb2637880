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
/// copies (with the initialisers of internal variables initialised at run
/// time, in a constructor of the module), everything else goes.
//===----------------------------------------------------------------------===//

#include "chainrule/CodeGen/LLVMEmitter.h"
#include "BodyEmitter.h"
#include "ModuleState.h"

#include "clang/CodeGen/ModuleBuilder.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

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

/// The functions the translation unit's constructors run, in order: each
/// constructor and the internal functions it calls (clang's initialiser of
/// each variable initialised at run time).
static std::vector<llvm::Function *> initialisers(llvm::Module &M) {
  std::vector<llvm::Function *> Out;
  llvm::GlobalVariable *Ctors = M.getNamedGlobal("llvm.global_ctors");
  auto *List = Ctors && Ctors->hasInitializer()
                   ? llvm::dyn_cast<llvm::ConstantArray>(Ctors->getInitializer())
                   : nullptr;
  if (!List)
    return Out;
  for (const llvm::Use &Entry : List->operands()) {
    auto *CS = llvm::dyn_cast<llvm::ConstantStruct>(Entry.get());
    auto *Ctor = CS ? llvm::dyn_cast<llvm::Function>(
                          CS->getOperand(1)->stripPointerCasts())
                    : nullptr;
    if (!Ctor || Ctor->isDeclaration())
      continue;
    Out.push_back(Ctor);
    for (llvm::Instruction &I : llvm::instructions(*Ctor))
      if (auto *Call = llvm::dyn_cast<llvm::CallBase>(&I))
        if (llvm::Function *Callee = Call->getCalledFunction();
            Callee && Callee->hasLocalLinkage() && !Callee->isDeclaration())
          Out.push_back(Callee);
  }
  return Out;
}

/// True when \p Init writes (or passes to a constructor) a variable of \p
/// Live with internal linkage: the module's copy of it needs \p Init.
static bool initialisesLive(
    llvm::Function &Init,
    const llvm::SmallPtrSetImpl<llvm::GlobalValue *> &Live) {
  llvm::SmallVector<llvm::GlobalValue *, 16> Refs;
  for (llvm::Instruction &I : llvm::instructions(Init))
    for (const llvm::Use &U : I.operands())
      if (const auto *C = llvm::dyn_cast<llvm::Constant>(U.get()))
        collectGlobals(C, Refs);
  return llvm::any_of(Refs, [&](llvm::GlobalValue *G) {
    auto *V = llvm::dyn_cast<llvm::GlobalVariable>(G);
    return V && V->hasLocalLinkage() && !V->isConstant() && Live.count(V);
  });
}

llvm::Error LLVMEmitter::finish() {
  llvm::Module &M = *Gen.GetModule();
  std::vector<llvm::Function *> Initialisers = initialisers(M);
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
  auto Reach = [&] {
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
  };
  Reach();
  // An internal variable the derivatives use that the translation unit
  // initialises at run time (`static const double k = std::sqrt(2.0);`):
  // the module's copy gets the same initialiser, run by a constructor of
  // the module. (Initialisers reach further variables: to a fixed point.)
  std::vector<llvm::Function *> Run;
  for (bool More = true; More;) {
    More = false;
    for (llvm::Function *Init : Initialisers)
      if (!Live.count(Init) && initialisesLive(*Init, Live)) {
        Work.push_back(Init);
        Run.push_back(Init);
        More = true;
      }
    Reach();
  }
  llvm::sort(Run, [&](llvm::Function *A, llvm::Function *B) {
    return llvm::find(Initialisers, A) < llvm::find(Initialisers, B);
  });
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
  if (!Run.empty()) {
    auto *Init = llvm::Function::Create(
        llvm::FunctionType::get(llvm::Type::getVoidTy(M.getContext()), false),
        llvm::GlobalValue::InternalLinkage, "chainrule.init", M);
    llvm::IRBuilder<> B(llvm::BasicBlock::Create(M.getContext(), "", Init));
    for (llvm::Function *F : Run)
      B.CreateCall(F);
    B.CreateRetVoid();
    llvm::appendToGlobalCtors(M, Init, 65535);
  }
  std::string Problems;
  llvm::raw_string_ostream OS(Problems);
  if (llvm::verifyModule(M, &OS))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the LLVM module does not verify: " +
                                       OS.str());
  return llvm::Error::success();
}
