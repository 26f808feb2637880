//===- LowerStmt.cpp - Clang AST to SSA: statements -----------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Statements: blocks, declarations, expression statements, returns and
/// `if`/`else` (see FunctionLowering.h for the tail-position scheme).
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Analysis/Analyses/ReachableCode.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Frontend/OpenMP/OMP.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

bool frontend::containsReturn(const clang::Stmt *S) {
  if (!S || llvm::isa<clang::LambdaExpr>(S))
    return false;
  if (llvm::isa<clang::ReturnStmt>(S))
    return true;
  for (const clang::Stmt *Child : S->children())
    if (containsReturn(Child))
      return true;
  return false;
}

/// How a statement chainrule does not support is named in the error.
static std::string describeStmt(const clang::Stmt *S) {
  switch (S->getStmtClass()) {
  case clang::Stmt::GotoStmtClass:
  case clang::Stmt::IndirectGotoStmtClass:
    return "a 'goto' statement";
  case clang::Stmt::LabelStmtClass:
    return "a labelled statement";
  case clang::Stmt::CXXTryStmtClass:
    return "a 'try' block";
  case clang::Stmt::GCCAsmStmtClass:
  case clang::Stmt::MSAsmStmtClass:
    return "inline assembly";
  default:
    if (const auto *D = llvm::dyn_cast<clang::OMPExecutableDirective>(S))
      return ("an OpenMP directive ('#pragma omp " +
              llvm::omp::getOpenMPDirectiveName(D->getDirectiveKind()) + "')")
          .str();
    return std::string("a statement of kind '") + S->getStmtClassName() + "'";
  }
}

std::nullptr_t FunctionLowering::unsupported(const clang::Stmt *S,
                                             llvm::StringRef What) {
  if (!Failed)
    report(Ctx.getDiagnostics(), S->getBeginLoc(), Diag::UnsupportedStmt)
        << What << S->getSourceRange();
  Failed = true;
  return nullptr;
}

Op *FunctionLowering::createReturningIf(Value *Cond) {
  llvm::SmallVector<Type, 1> Types;
  if (!F.getResultType().isVoid())
    Types.push_back(F.getResultType());
  Op *If = B.createIf(Cond, Types);
  if (If->getNumResults())
    If->getResult(0)->setName("result");
  return If;
}

Value *FunctionLowering::lowerReturnValue(const clang::Expr *E) {
  if (ResultSlot) {
    initRecord(E, ResultSlot, /*Zeroed=*/false);
    return nullptr;
  }
  Value *V = FD.getReturnType()->isReferenceType() ? lowerLValue(E)
                                                   : lowerExpr(E);
  return F.getResultType().isVoid() ? nullptr : V;
}

/// True when \p E is an assertion, `assert(c)` without NDEBUG: `c ? (void)0
/// : f(...)` with f a function that does not return. It is checked where
/// the primal function runs, not in its derivatives (as with NDEBUG).
static bool isAssertion(const clang::Expr *E) {
  const auto *CO = llvm::dyn_cast<clang::ConditionalOperator>(E->IgnoreParens());
  if (!CO || !CO->getType()->isVoidType())
    return false;
  for (const clang::Expr *Arm : {CO->getTrueExpr(), CO->getFalseExpr()})
    if (const auto *Call =
            llvm::dyn_cast<clang::CallExpr>(Arm->IgnoreParenCasts()))
      if (const clang::FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->isNoReturn())
        return true;
  return false;
}

void FunctionLowering::terminate(Value *Result) {
  llvm::SmallVector<Value *, 1> Values;
  if (Result)
    Values.push_back(Result);
  if (&B.getInsertionRegion() == &F.getBody())
    B.ret(Values);
  else
    B.yield(Values);
}

void FunctionLowering::lowerStmts(Work Stmts, bool Tail) {
  for (size_t I = 0; I < Stmts.size() && !Failed; ++I) {
    const clang::Stmt *S = Stmts[I];
    // Attributes on a statement ([[fallthrough]], [[likely]], a loop hint
    // pragma) do not change what it computes.
    while (const auto *AS = llvm::dyn_cast<clang::AttributedStmt>(S))
      S = AS->getSubStmt();
    // An OpenMP loop (`#pragma omp parallel for`, `simd`): its loop, run
    // serially, and a warning that says so.
    if (const auto *D = llvm::dyn_cast<clang::OMPLoopDirective>(S)) {
      report(Ctx.getDiagnostics(), D->getBeginLoc(), Diag::OpenMPSerial)
          << llvm::omp::getOpenMPDirectiveName(D->getDirectiveKind());
      S = D->getInnermostCapturedStmt()->getCapturedStmt();
    }
    setLoc(S);
    if (const auto *CS = llvm::dyn_cast<clang::CompoundStmt>(S)) {
      Work Next(CS->body_begin(), CS->body_end());
      Next.insert(Next.end(), Stmts.begin() + I + 1, Stmts.end());
      lowerStmts(std::move(Next), Tail);
      return;
    }
    if (llvm::isa<clang::NullStmt>(S))
      continue;
    if (const auto *DS = llvm::dyn_cast<clang::DeclStmt>(S)) {
      lowerDecl(*DS);
      continue;
    }
    Work Rest(Stmts.begin() + I + 1, Stmts.end());
    if (llvm::isa<clang::BreakStmt>(S) || llvm::isa<clang::ContinueStmt>(S) ||
        (llvm::isa<clang::ReturnStmt>(S) && !Jumps.empty())) {
      lowerJump(*S); // the rest of this list does not run
      return;
    }
    if (const auto *RS = llvm::dyn_cast<clang::ReturnStmt>(S)) {
      assert(Tail && "return outside tail position");
      Value *Result =
          RS->getRetValue() ? lowerReturnValue(RS->getRetValue()) : nullptr;
      if (!Failed)
        terminate(Result);
      return;
    }
    if (const auto *IS = llvm::dyn_cast<clang::IfStmt>(S)) {
      if (Jumps.empty() && containsReturn(IS)) {
        lowerIf(*IS, std::move(Rest), Tail);
        return;
      }
      lowerIf(*IS, {}, /*Tail=*/false);
    } else if (const auto *WS = llvm::dyn_cast<clang::WhileStmt>(S)) {
      if (lowerLoop(*WS, nullptr, WS->getCond(), nullptr, WS->getBody(),
                    /*IsDo=*/false, Rest, Tail, /*Range=*/nullptr,
                    WS->getConditionVariableDeclStmt()))
        return;
    } else if (const auto *FS = llvm::dyn_cast<clang::ForStmt>(S)) {
      if (lowerLoop(*FS, FS->getInit(), FS->getCond(), FS->getInc(),
                    FS->getBody(), /*IsDo=*/false, Rest, Tail,
                    /*Range=*/nullptr, FS->getConditionVariableDeclStmt()))
        return;
    } else if (const auto *RS = llvm::dyn_cast<clang::CXXForRangeStmt>(S)) {
      if (lowerRangeFor(*RS, Rest, Tail) || Failed)
        return;
    } else if (const auto *DS = llvm::dyn_cast<clang::DoStmt>(S)) {
      if (lowerLoop(*DS, nullptr, DS->getCond(), nullptr, DS->getBody(),
                    /*IsDo=*/true, Rest, Tail))
        return;
    } else if (const auto *SS = llvm::dyn_cast<clang::SwitchStmt>(S)) {
      lowerSwitch(*SS);
      if (Jumps.empty() && containsReturn(SS) && !Failed) {
        returnIfReturned(std::move(Rest));
        return;
      }
    } else if (const auto *E = llvm::dyn_cast<clang::Expr>(S)) {
      if (!isAssertion(E))
        lowerExpr(E);
    } else {
      unsupported(S, describeStmt(S));
      return;
    }
    // After a statement that may have left the loop or switch around it,
    // the rest of the list runs only if it did not.
    if (!Rest.empty() && !Failed)
      if (Value *Exit = exitCondition()) {
        llvm::SmallVector<VarKey, 4> Flags = exitFlags();
        buildIf(
            B.logicNot(Exit),
            [&] {
              clearFlags(Flags);
              lowerStmts(Rest, /*Tail=*/false);
            },
            [] {});
        return;
      }
  }
  if (!Tail || Failed)
    return;
  if (F.getResultType().isVoid()) {
    terminate(nullptr);
    return;
  }
  // Where C++ says no path falls off the end (a loop left only by return,
  // a switch whose every case returns), this path of the flags is never
  // taken.
  if (!mayFallOffEnd()) {
    terminate(B.undef(F.getResultType()));
    return;
  }
  const auto *Body = llvm::cast<clang::CompoundStmt>(FD.getBody());
  report(Ctx.getDiagnostics(), Body->getRBracLoc(), Diag::FallsOffEnd) << &FD;
  Failed = true;
}

bool FunctionLowering::mayFallOffEnd() {
  if (FallsOff)
    return *FallsOff;
  // Clang's control-flow graph, without the edges of conditions that are
  // constant (a loop's `true`): the end is reached by a live block whose
  // last statement is not a return or a call that does not return.
  clang::CFG::BuildOptions Options;
  Options.PruneTriviallyFalseEdges = true;
  std::unique_ptr<clang::CFG> G =
      clang::CFG::buildCFG(&FD, FD.getBody(), &Ctx, Options);
  FallsOff = true;
  if (!G)
    return true;
  llvm::BitVector Live(G->getNumBlockIDs());
  clang::reachable_code::ScanReachableFromBlock(&G->getEntry(), Live);
  FallsOff = false;
  for (const clang::CFGBlock::AdjacentBlock &Pred : G->getExit().preds()) {
    const clang::CFGBlock *P = Pred.getReachableBlock();
    if (!P || !Live[P->getBlockID()] || P->hasNoReturnElement())
      continue;
    std::optional<clang::CFGStmt> Last =
        P->empty() ? std::nullopt : P->back().getAs<clang::CFGStmt>();
    if (!Last || !llvm::isa<clang::ReturnStmt>(Last->getStmt()))
      FallsOff = true;
  }
  return *FallsOff;
}

void FunctionLowering::lowerIf(const clang::IfStmt &S, Work Rest, bool Tail) {
  if (const clang::Stmt *Init = S.getInit())
    lowerStmts({Init}, /*Tail=*/false);
  if (const clang::DeclStmt *CV = S.getConditionVariableDeclStmt())
    lowerDecl(*CV);
  if (Failed)
    return;
  setLoc(&S);
  Value *Cond = lowerExpr(S.getCond());
  if (Failed)
    return;
  const clang::Stmt *Branches[2] = {S.getThen(), S.getElse()};
  auto Snapshot = Vars;
  Builder Outer = B;

  if (Tail) {
    // Every path through the branches and the statements after the `if`
    // ends in a return: the `if` yields the returned value.
    Op *If = createReturningIf(Cond);
    // The statements after the `if` are lowered on each path: each starts
    // from what was grown and read before it.
    auto GrowthSnapshot = Growing;
    for (unsigned I = 0; I != 2 && !Failed; ++I) {
      B.setInsertionPointToEnd(If->getRegion(I));
      Vars = Snapshot;
      Growing = GrowthSnapshot;
      Work W;
      if (Branches[I])
        W.push_back(Branches[I]);
      W.insert(W.end(), Rest.begin(), Rest.end());
      lowerStmts(std::move(W), /*Tail=*/true);
    }
    B = Outer;
    Vars = Snapshot;
    if (!Failed)
      terminate(If->getNumResults() ? If->getResult(0) : nullptr);
    return;
  }

  // A branch without returns: the `if` yields the locals it assigns.
  B = Outer;
  Vars = Snapshot;
  buildIf(
      Cond,
      [&] {
        if (Branches[0])
          lowerStmts({Branches[0]}, /*Tail=*/false);
      },
      [&] {
        if (Branches[1])
          lowerStmts({Branches[1]}, /*Tail=*/false);
      });
}

void FunctionLowering::buildIf(Value *Cond, llvm::function_ref<void()> Then,
                               llvm::function_ref<void()> Else) {
  auto Snapshot = Vars;
  Builder Outer = B;
  Op *If = B.createIf(Cond, {});
  decltype(Vars) After[2];
  llvm::function_ref<void()> Branches[2] = {Then, Else};
  for (unsigned I = 0; I != 2 && !Failed; ++I) {
    B.setInsertionPointToEnd(If->getRegion(I));
    Vars = Snapshot;
    Branches[I]();
    After[I] = Vars;
  }
  B = Outer;
  Vars = Snapshot;
  if (Failed)
    return;
  llvm::SmallVector<VarKey, 4> Changed;
  for (auto &[K, V] : Snapshot)
    if (After[0].lookup(K) != V || After[1].lookup(K) != V)
      Changed.push_back(K);
  for (unsigned I = 0; I != 2; ++I) {
    Builder Inner(If->getRegion(I));
    llvm::SmallVector<Value *, 4> Yielded;
    for (VarKey K : Changed)
      Yielded.push_back(After[I].lookup(K));
    Inner.yield(Yielded);
  }
  for (VarKey K : Changed)
    Vars[K] = If->addResult(Snapshot.lookup(K)->getType(), nameOf(K));
}

std::string FunctionLowering::nameOf(VarKey K) const {
  auto It = FlagNames.find(K);
  if (It != FlagNames.end())
    return It->second;
  const auto *VD = static_cast<const clang::VarDecl *>(K);
  if (PtrBase.count(VD))
    return VD->getNameAsString() + "_offset";
  return VD->getNameAsString();
}

void FunctionLowering::lowerDecl(const clang::DeclStmt &S) {
  for (const clang::Decl *D : S.decls()) {
    const auto *VD = llvm::dyn_cast<clang::VarDecl>(D);
    if (!VD)
      continue; // typedefs, static_asserts, using-declarations
    // A static constant (a table) has the same value in every call: it is
    // lowered as a local. Any other static keeps a value between calls.
    if (!VD->hasLocalStorage() &&
        !(VD->getType().isConstant(Ctx) && VD->hasConstantInitialization())) {
      unsupported(&S, "a static local variable that is not a constant (its "
                      "value carries over from call to call: pass it as a "
                      "parameter)");
      return;
    }
    if (getKnownCallTarget(*VD))
      continue; // another name of a function: calls through it are direct
    if (VD->getType()->isFunctionPointerType() ||
        VD->getType()->isFunctionReferenceType()) {
      unsupported(&S, "a function pointer that may change (make it a "
                      "const pointer or a reference to one function)");
      return;
    }
    if (lowerTapeDecl(*VD) || lowerClosureDecl(*VD) || lowerMemoryDecl(*VD)) {
      if (const auto *DD = llvm::dyn_cast<clang::DecompositionDecl>(VD);
          DD && !Failed)
        lowerBindings(*DD);
      if (Failed)
        return;
      continue;
    }
    std::optional<Type> Ty = convertType(Ctx, VD->getType());
    if (!Ty) {
      if (!Failed)
        reportUnsupportedType(Ctx, VD->getLocation(),
                              ("local variable '" + VD->getName() + "'").str(),
                              VD->getType());
      Failed = true;
      return;
    }
    Value *V;
    if (const clang::Expr *Init = VD->getInit()) {
      V = lowerExpr(Init);
      if (Failed)
        return;
    } else {
      V = B.undef(*Ty);
    }
    if (AddressTaken.count(VD)) {
      makeAddressable(*VD, V->getDefiningOp() &&
                                   V->getDefiningOp()->is(OpKind::Undef)
                               ? B.constLike(V, 0)
                               : V);
      continue;
    }
    if (V->getName().empty() && V->getDefiningOp() &&
        !V->getDefiningOp()->is(OpKind::Constant))
      V->setName(VD->getNameAsString());
    Vars[VD] = V;
  }
}
