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
#include "llvm/ADT/SmallPtrSet.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

static bool containsReturn(const clang::Stmt *S) {
  if (!S)
    return false;
  if (llvm::isa<clang::ReturnStmt>(S))
    return true;
  if (llvm::isa<clang::LambdaExpr>(S))
    return false;
  for (const clang::Stmt *Child : S->children())
    if (containsReturn(Child))
      return true;
  return false;
}

/// How a statement chainrule does not support is named in the error.
static std::string describeStmt(const clang::Stmt *S) {
  switch (S->getStmtClass()) {
  case clang::Stmt::ForStmtClass:
    return "a 'for' loop";
  case clang::Stmt::CXXForRangeStmtClass:
    return "a range-based 'for' loop";
  case clang::Stmt::WhileStmtClass:
    return "a 'while' loop";
  case clang::Stmt::DoStmtClass:
    return "a 'do' loop";
  case clang::Stmt::SwitchStmtClass:
    return "a 'switch' statement";
  case clang::Stmt::GotoStmtClass:
  case clang::Stmt::IndirectGotoStmtClass:
    return "a 'goto' statement";
  case clang::Stmt::LabelStmtClass:
    return "a labelled statement";
  case clang::Stmt::BreakStmtClass:
    return "a 'break' statement";
  case clang::Stmt::ContinueStmtClass:
    return "a 'continue' statement";
  case clang::Stmt::CXXTryStmtClass:
    return "a 'try' block";
  case clang::Stmt::GCCAsmStmtClass:
  case clang::Stmt::MSAsmStmtClass:
    return "inline assembly";
  default:
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
    if (const auto *RS = llvm::dyn_cast<clang::ReturnStmt>(S)) {
      assert(Tail && "return outside tail position");
      Value *Result = nullptr;
      if (const clang::Expr *E = RS->getRetValue()) {
        Result = lowerExpr(E);
        if (F.getResultType().isVoid())
          Result = nullptr;
      }
      if (!Failed)
        terminate(Result);
      return;
    }
    if (const auto *IS = llvm::dyn_cast<clang::IfStmt>(S)) {
      if (containsReturn(IS)) {
        lowerIf(*IS, Work(Stmts.begin() + I + 1, Stmts.end()), Tail);
        return;
      }
      lowerIf(*IS, {}, /*Tail=*/false);
      continue;
    }
    if (const auto *E = llvm::dyn_cast<clang::Expr>(S)) {
      lowerExpr(E);
      continue;
    }
    if (const auto *WS = llvm::dyn_cast<clang::WhileStmt>(S)) {
      if (WS->getConditionVariableDeclStmt()) {
        unsupported(S, "a 'while' loop with a condition variable");
        return;
      }
      lowerLoop(*WS, nullptr, WS->getCond(), nullptr, WS->getBody());
      continue;
    }
    if (const auto *FS = llvm::dyn_cast<clang::ForStmt>(S)) {
      if (FS->getConditionVariableDeclStmt()) {
        unsupported(S, "a 'for' loop with a condition variable");
        return;
      }
      lowerLoop(*FS, FS->getInit(), FS->getCond(), FS->getInc(), FS->getBody());
      continue;
    }
    unsupported(S, describeStmt(S));
    return;
  }
  if (!Tail || Failed)
    return;
  if (F.getResultType().isVoid()) {
    terminate(nullptr);
    return;
  }
  const auto *Body = llvm::cast<clang::CompoundStmt>(FD.getBody());
  report(Ctx.getDiagnostics(), Body->getRBracLoc(), Diag::FallsOffEnd) << &FD;
  Failed = true;
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
    llvm::SmallVector<Type, 1> Types;
    if (!F.getResultType().isVoid())
      Types.push_back(F.getResultType());
    Op *If = B.createIf(Cond, Types);
    if (If->getNumResults())
      If->getResult(0)->setName("result");
    for (unsigned I = 0; I != 2 && !Failed; ++I) {
      B.setInsertionPointToEnd(If->getRegion(I));
      Vars = Snapshot;
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
  Op *If = B.createIf(Cond, {});
  decltype(Vars) After[2];
  for (unsigned I = 0; I != 2 && !Failed; ++I) {
    B.setInsertionPointToEnd(If->getRegion(I));
    Vars = Snapshot;
    if (Branches[I])
      lowerStmts({Branches[I]}, /*Tail=*/false);
    After[I] = Vars;
  }
  B = Outer;
  Vars = Snapshot;
  if (Failed)
    return;
  llvm::SmallVector<const clang::VarDecl *, 4> Changed;
  for (auto &[VD, V] : Snapshot)
    if (After[0].lookup(VD) != V || After[1].lookup(VD) != V)
      Changed.push_back(VD);
  for (unsigned I = 0; I != 2; ++I) {
    Builder Inner(If->getRegion(I));
    llvm::SmallVector<Value *, 4> Yielded;
    for (const clang::VarDecl *VD : Changed)
      Yielded.push_back(After[I].lookup(VD));
    Inner.yield(Yielded);
  }
  for (const clang::VarDecl *VD : Changed)
    Vars[VD] = If->addResult(Snapshot.lookup(VD)->getType(),
                             VD->getNameAsString());
}

/// The locals of \p Vars that \p S assigns (=, op=, ++, --).
template <typename VarMap>
static void collectAssigned(const clang::Stmt *S, const VarMap &Vars,
                            llvm::SmallPtrSetImpl<const clang::VarDecl *> &Out) {
  if (!S)
    return;
  const clang::Expr *Target = nullptr;
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(S);
      BO && BO->isAssignmentOp())
    Target = BO->getLHS();
  else if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(S);
           UO && UO->isIncrementDecrementOp())
    Target = UO->getSubExpr();
  if (Target)
    if (const auto *DR =
            llvm::dyn_cast<clang::DeclRefExpr>(Target->IgnoreParens()))
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl());
          VD && Vars.count(VD))
        Out.insert(VD);
  for (const clang::Stmt *Child : S->children())
    collectAssigned(Child, Vars, Out);
}

/// The first statement in \p S that leaves a loop early.
static const clang::Stmt *findLoopExit(const clang::Stmt *S, bool InNested) {
  if (!S)
    return nullptr;
  if (llvm::isa<clang::ReturnStmt>(S))
    return S;
  if (!InNested && (llvm::isa<clang::BreakStmt>(S) ||
                    llvm::isa<clang::ContinueStmt>(S)))
    return S;
  bool Nested = InNested || llvm::isa<clang::ForStmt>(S) ||
                llvm::isa<clang::WhileStmt>(S) || llvm::isa<clang::DoStmt>(S);
  for (const clang::Stmt *Child : S->children())
    if (const clang::Stmt *Found = findLoopExit(Child, Nested))
      return Found;
  return nullptr;
}

void FunctionLowering::lowerLoop(const clang::Stmt &Loop,
                                 const clang::Stmt *Init,
                                 const clang::Expr *Cond,
                                 const clang::Expr *Inc,
                                 const clang::Stmt *Body) {
  if (const clang::Stmt *Exit = findLoopExit(Body, false)) {
    unsupported(Exit, llvm::isa<clang::ReturnStmt>(Exit)
                          ? "a 'return' inside a loop"
                          : llvm::isa<clang::BreakStmt>(Exit)
                                ? "a 'break' statement"
                                : "a 'continue' statement");
    return;
  }
  if (Init)
    lowerStmts({Init}, /*Tail=*/false);
  if (Failed)
    return;
  llvm::SmallPtrSet<const clang::VarDecl *, 8> AssignedInCond;
  collectAssigned(Cond, Vars, AssignedInCond);
  if (!AssignedInCond.empty()) {
    unsupported(Cond, "an assignment in a loop condition");
    return;
  }
  llvm::SmallPtrSet<const clang::VarDecl *, 8> Assigned;
  collectAssigned(Body, Vars, Assigned);
  collectAssigned(Inc, Vars, Assigned);
  // The carried locals, in declaration order (deterministic output).
  llvm::SmallVector<const clang::VarDecl *, 8> Carried;
  llvm::SmallVector<Value *, 8> Inits;
  llvm::SmallVector<std::string, 8> Names;
  for (auto &[VD, V] : Vars)
    if (Assigned.count(VD)) {
      Carried.push_back(VD);
      Inits.push_back(V);
      Names.push_back(VD->getNameAsString());
    }
  setLoc(&Loop);
  Op *W = B.createWhile(Inits, Names);
  auto Snapshot = Vars;
  Builder Outer = B;
  for (unsigned I = 0; I != 2 && !Failed; ++I) {
    B.setInsertionPointToEnd(W->getRegion(I));
    Vars = Snapshot;
    for (unsigned J = 0, E = Carried.size(); J != E; ++J)
      Vars[Carried[J]] = W->getRegion(I).getArgument(J);
    if (I == 0) {
      Value *C = Cond ? lowerExpr(Cond) : B.constBool(true);
      if (C)
        B.condition(C);
      continue;
    }
    lowerStmts({Body}, /*Tail=*/false);
    if (Inc && !Failed)
      lowerExpr(Inc);
    llvm::SmallVector<Value *, 8> Next;
    for (const clang::VarDecl *VD : Carried)
      Next.push_back(Vars.lookup(VD));
    if (!Failed)
      B.yield(Next);
  }
  B = Outer;
  Vars = Snapshot;
  for (unsigned J = 0, E = Carried.size(); J != E; ++J)
    Vars[Carried[J]] = W->getResult(J);
}

void FunctionLowering::lowerDecl(const clang::DeclStmt &S) {
  for (const clang::Decl *D : S.decls()) {
    const auto *VD = llvm::dyn_cast<clang::VarDecl>(D);
    if (!VD)
      continue; // typedefs, static_asserts, using-declarations
    if (!VD->hasLocalStorage()) {
      unsupported(&S, "a static local variable");
      return;
    }
    std::optional<Type> Ty = convertType(Ctx, VD->getType());
    if (!Ty) {
      if (!Failed)
        report(Ctx.getDiagnostics(), VD->getLocation(), Diag::UnsupportedType)
            << ("local variable '" + VD->getName() + "'").str()
            << VD->getType();
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
    if (V->getName().empty() && V->getDefiningOp() &&
        !V->getDefiningOp()->is(OpKind::Constant))
      V->setName(VD->getNameAsString());
    Vars[VD] = V;
  }
}
