//===- LowerLoops.cpp - Clang AST to SSA: loops and jumps -----------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// `for`, `while` and `do` loops become `while` ops that carry the locals
/// the loop assigns. Leaving early is structured with flags carried like
/// locals: `break` sets the loop's flag, which the loop condition tests;
/// `continue` sets a flag that lasts one iteration; `return` sets a
/// function-level flag and the value, and after the outermost loop an `if`
/// on the flag returns. After a statement that may have jumped, the rest of
/// its statement list runs under `if (!flags)`. `switch` becomes a chain of
/// guarded blocks, one per label, with a "matched" flag that models
/// fallthrough.
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <deque>

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

/// The locals of \p Vars that \p S assigns (=, op=, ++, --).
template <typename VarMap>
static void collectAssigned(const clang::Stmt *S, const VarMap &Vars,
                            llvm::SmallPtrSetImpl<const void *> &Out,
                            bool AsTarget = false) {
  if (!S)
    return;
  const clang::Expr *Target = nullptr;
  if (AsTarget)
    Target = llvm::dyn_cast<clang::Expr>(S);
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(S);
      BO && BO->isAssignmentOp())
    Target = BO->getLHS();
  else if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(S);
           UO && UO->isIncrementDecrementOp())
    Target = UO->getSubExpr();
  // An operator that changes its object: `++it`, `it += 2` on an iterator.
  if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(S))
    if (const auto *MD =
            llvm::dyn_cast_or_null<clang::CXXMethodDecl>(OC->getDirectCallee());
        MD && !MD->isConst() && OC->getNumArgs())
      Target = OC->getArg(0);
  // A local passed to a non-const reference may be changed by the callee.
  if (const auto *CE = llvm::dyn_cast<clang::CallExpr>(S))
    if (const clang::FunctionDecl *Callee = CE->getDirectCallee())
      for (unsigned I = 0, E = std::min(CE->getNumArgs(), Callee->getNumParams());
           I != E; ++I) {
        clang::QualType PT = Callee->getParamDecl(I)->getType();
        if (PT->isReferenceType() &&
            !PT.getNonReferenceType().isConstQualified())
          collectAssigned(CE->getArg(I), Vars, Out, /*AsTarget=*/true);
      }
  if (Target)
    if (const auto *DR =
            llvm::dyn_cast<clang::DeclRefExpr>(Target->IgnoreParens()))
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl());
          VD && Vars.count(VD))
        Out.insert(VD);
  for (const clang::Stmt *Child : S->children())
    collectAssigned(Child, Vars, Out);
}

static bool isLoop(const clang::Stmt *S) {
  return llvm::isa<clang::ForStmt>(S) || llvm::isa<clang::WhileStmt>(S) ||
         llvm::isa<clang::DoStmt>(S) || llvm::isa<clang::CXXForRangeStmt>(S);
}

/// True when \p S has a `break` (\p Break) or `continue` that leaves the
/// loop or switch \p S is the body of.
static bool jumpsOut(const clang::Stmt *S, bool Break) {
  if (!S || llvm::isa<clang::LambdaExpr>(S))
    return false;
  if (Break ? llvm::isa<clang::BreakStmt>(S) : llvm::isa<clang::ContinueStmt>(S))
    return true;
  if (isLoop(S) || (Break && llvm::isa<clang::SwitchStmt>(S)))
    return false; // their own
  for (const clang::Stmt *Child : S->children())
    if (jumpsOut(Child, Break))
      return true;
  return false;
}

static bool isConstantFalse(const Value *V) {
  const Op *D = V->getDefiningOp();
  return D && D->is(OpKind::Constant) && D->getIntValue() == 0;
}

Value *FunctionLowering::exitCondition() {
  Value *Exit = nullptr;
  for (VarKey K : exitFlags())
    Exit = Exit ? B.logicOr(Exit, Vars.lookup(K)) : Vars.lookup(K);
  return Exit;
}

llvm::SmallVector<FunctionLowering::VarKey, 4> FunctionLowering::exitFlags() {
  llvm::SmallVector<VarKey, 4> Keys;
  auto Add = [&](VarKey K) {
    Value *Flag = Vars.lookup(K);
    if (Flag && !isConstantFalse(Flag))
      Keys.push_back(K);
  };
  for (auto It = Jumps.rbegin(); It != Jumps.rend(); ++It) {
    Add(&(*It)->Break);
    if ((*It)->IsLoop) {
      Add(&(*It)->Continue);
      break; // loops further out are left only by a return
    }
  }
  Add(&ReturnedKey);
  return Keys;
}

void FunctionLowering::clearFlags(llvm::ArrayRef<VarKey> Keys) {
  for (VarKey K : Keys)
    Vars[K] = B.constBool(false);
}

void FunctionLowering::lowerJump(const clang::Stmt &S) {
  Value *True = B.constBool(true);
  if (llvm::isa<clang::BreakStmt>(S)) {
    Vars[&Jumps.back()->Break] = True;
    return;
  }
  if (llvm::isa<clang::ContinueStmt>(S)) {
    for (auto It = Jumps.rbegin(); It != Jumps.rend(); ++It)
      if ((*It)->IsLoop) {
        Vars[&(*It)->Continue] = True;
        return;
      }
    return;
  }
  const auto &RS = llvm::cast<clang::ReturnStmt>(S);
  if (const clang::Expr *E = RS.getRetValue()) {
    Value *V = lowerReturnValue(E);
    if (Failed)
      return;
    if (V && V->getType().isPointer()) {
      unsupported(&S, "a return of a reference from inside a loop or switch");
      return;
    }
    if (V)
      Vars[&ReturnValueKey] = V;
  }
  Vars[&ReturnedKey] = True;
}

bool FunctionLowering::lowerLoop(const clang::Stmt &Loop,
                                 const clang::Stmt *Init,
                                 const clang::Expr *Cond,
                                 const clang::Expr *Inc,
                                 const clang::Stmt *Body, bool IsDo, Work Rest,
                                 bool Tail, RangeLoop *Range,
                                 const clang::DeclStmt *CondVar) {
  if (Init)
    lowerStmts({Init}, /*Tail=*/false);
  if (Failed)
    return false;
  llvm::SmallPtrSet<const void *, 8> Assigned;
  collectAssigned(Cond, Vars, Assigned);
  collectAssigned(CondVar, Vars, Assigned);
  // A condition with effects runs in the body: `while (true) { if
  // (!cond) break; body }` (for a `do`, after the body).
  bool CondInBody = !Assigned.empty() || CondVar;

  JumpTarget L{/*IsLoop=*/true};
  L.Loop = &Loop;
  bool HasBreak = CondInBody || jumpsOut(Body, /*Break=*/true);
  bool HasContinue = jumpsOut(Body, /*Break=*/false);
  bool HasReturn = containsReturn(Body);
  Value *False = B.constBool(false);
  collectAssigned(Body, Vars, Assigned);
  collectAssigned(Inc, Vars, Assigned);
  if (HasBreak) {
    Vars[&L.Break] = False;
    FlagNames[&L.Break] = "broke";
    Assigned.insert(&L.Break);
  }
  if (IsDo) {
    Vars[&L.First] = B.constBool(true);
    FlagNames[&L.First] = "first";
    Assigned.insert(&L.First);
  }
  if (Range) {
    Vars[&Range->CounterKey] = B.constInt(Range->Count->getType(), 0);
    FlagNames[&Range->CounterKey] = Range->Var->getNameAsString() + "_index";
    Assigned.insert(&Range->CounterKey);
  }
  if (HasReturn) {
    addReturnFlags();
    Assigned.insert(&ReturnedKey);
    Assigned.insert(&ReturnValueKey);
  }

  // The carried locals and flags, in declaration order.
  llvm::SmallVector<VarKey, 8> Carried;
  llvm::SmallVector<Value *, 8> Inits;
  llvm::SmallVector<std::string, 8> Names;
  for (auto &[K, V] : Vars)
    if (Assigned.count(K)) {
      Carried.push_back(K);
      Inits.push_back(V);
      Names.push_back(nameOf(K));
    }
  setLoc(&Loop);
  Op *W = B.createWhile(Inits, Names);
  auto Snapshot = Vars;
  Builder Outer = B;
  auto Enter = [&](unsigned I) {
    B.setInsertionPointToEnd(W->getRegion(I));
    Vars = Snapshot;
    for (unsigned J = 0, E = Carried.size(); J != E; ++J)
      Vars[Carried[J]] = W->getRegion(I).getArgument(J);
  };
  // What ends the loop besides its condition.
  auto LeftLoop = [&]() -> Value * {
    Value *Exit = nullptr;
    for (VarKey K : {static_cast<VarKey>(&L.Break),
                     static_cast<VarKey>(&ReturnedKey)})
      if (Value *Flag = Vars.lookup(K); Flag && !isConstantFalse(Flag) &&
                                        (K != &ReturnedKey || HasReturn))
        Exit = Exit ? B.logicOr(Exit, Flag) : Flag;
    return Exit;
  };

  Enter(0);
  Value *C = Cond && !CondInBody
                 ? lowerExpr(Cond)
             : Range ? B.cmp(CmpPred::LT, Vars.lookup(&Range->CounterKey),
                             Range->Count)
                     : B.constBool(true);
  if (C && IsDo)
    C = B.logicOr(Vars.lookup(&L.First), C);
  if (C)
    if (Value *Exit = LeftLoop())
      C = B.logicAnd(B.logicNot(Exit), C);
  if (!Failed)
    B.condition(C);

  Enter(1);
  // The body runs only when no flag that ends the loop is set.
  if (HasBreak)
    Vars[&L.Break] = False;
  if (HasReturn)
    Vars[&ReturnedKey] = False;
  if (HasContinue) {
    Vars[&L.Continue] = False;
    FlagNames[&L.Continue] = "skip";
  }
  if (IsDo)
    Vars[&L.First] = False;
  if (Range) {
    // The loop variable: the element itself for a reference, its value
    // otherwise.
    Value *Element = B.index(Range->Base, Vars.lookup(&Range->CounterKey));
    if (Range->Var->getType()->isReferenceType()) {
      Addrs[Range->Var] = Element;
    } else if (Element->getType().getPointee().isRecord()) {
      unsupported(Range->Var->getInit(), "a copy of a struct or container");
    } else {
      Value *V = B.load(Element);
      V->setName(Range->Var->getNameAsString());
      Vars[Range->Var] = V;
    }
  }
  Jumps.push_back(&L);
  // The condition, where it runs in the body: false sets the break flag.
  auto TestCondition = [&] {
    if (CondVar)
      lowerDecl(*CondVar);
    Value *Go = Failed ? nullptr : lowerExpr(Cond);
    if (Go)
      Vars[&L.Break] = B.logicNot(Go);
  };
  if (CondInBody && !IsDo) {
    TestCondition();
    if (!Failed)
      buildIf(B.logicNot(Vars.lookup(&L.Break)),
              [&] { lowerStmts({Body}, /*Tail=*/false); }, [] {});
  } else {
    lowerStmts({Body}, /*Tail=*/false);
  }
  if (CondInBody && IsDo && !Failed) {
    // After the body, unless it left the loop (a `continue` goes on to
    // the condition).
    Vars.erase(&L.Continue);
    if (Value *Exit = LeftLoop())
      buildIf(B.logicNot(Exit), TestCondition, [] {});
    else
      TestCondition();
  }
  Jumps.pop_back();
  Vars.erase(&L.Continue);
  auto Increment = [&] {
    if (Inc)
      lowerExpr(Inc);
    if (Range) {
      Value *I = Vars.lookup(&Range->CounterKey);
      Vars[&Range->CounterKey] = B.add(I, B.constLike(I, 1));
    }
  };
  if ((Inc || Range) && !Failed) {
    if (Value *Exit = LeftLoop())
      buildIf(B.logicNot(Exit), Increment, [] {});
    else
      Increment();
  }
  llvm::SmallVector<Value *, 8> Next;
  for (VarKey K : Carried)
    Next.push_back(Vars.lookup(K));
  if (!Failed)
    B.yield(Next);

  B = Outer;
  Vars = Snapshot;
  for (unsigned J = 0, E = Carried.size(); J != E; ++J)
    Vars[Carried[J]] = W->getResult(J);
  Vars.erase(&L.Break);
  Vars.erase(&L.First);
  if (Range)
    Vars.erase(&Range->CounterKey);
  if (!HasReturn || !Jumps.empty() || Failed)
    return false;
  assert(Tail && "a loop that returns outside tail position");
  returnIfReturned(std::move(Rest));
  return true;
}

void FunctionLowering::addReturnFlags() {
  if (Vars.count(&ReturnedKey))
    return;
  Vars[&ReturnedKey] = B.constBool(false);
  FlagNames[&ReturnedKey] = "returned";
  if (!F.getResultType().isVoid()) {
    Vars[&ReturnValueKey] = B.undef(F.getResultType());
    FlagNames[&ReturnValueKey] = "return_value";
  }
}

void FunctionLowering::returnIfReturned(Work Rest) {
  // At function level: if the loop or switch returned, return its value;
  // otherwise go on with the rest of the function.
  Builder Outer = B;
  Value *Returned = Vars.lookup(&ReturnedKey);
  Value *ReturnValue = Vars.lookup(&ReturnValueKey);
  Vars.erase(&ReturnedKey);
  Vars.erase(&ReturnValueKey);
  Op *If = createReturningIf(Returned);
  auto AfterLoop = Vars;
  B.setInsertionPointToEnd(If->getRegion(0));
  B.yield(ReturnValue ? llvm::ArrayRef<Value *>(ReturnValue)
                      : llvm::ArrayRef<Value *>());
  B.setInsertionPointToEnd(If->getRegion(1));
  lowerStmts(std::move(Rest), /*Tail=*/true);
  B = Outer;
  Vars = AfterLoop;
  if (!Failed)
    terminate(If->getNumResults() ? If->getResult(0) : nullptr);
}

/// A label of the switch around \p S found inside it (not one of a switch
/// nested in it).
static const clang::SwitchCase *findCaseLabel(const clang::Stmt *S) {
  if (llvm::isa<clang::SwitchStmt>(S))
    return nullptr;
  for (const clang::Stmt *C : S->children()) {
    if (!C || llvm::isa<clang::SwitchStmt>(C))
      continue;
    if (const auto *L = llvm::dyn_cast<clang::SwitchCase>(C))
      return L;
    if (const clang::SwitchCase *L = findCaseLabel(C))
      return L;
  }
  return nullptr;
}

void FunctionLowering::lowerSwitch(const clang::SwitchStmt &S) {
  if (const clang::Stmt *Init = S.getInit())
    lowerStmts({Init}, /*Tail=*/false);
  if (const clang::DeclStmt *CV = S.getConditionVariableDeclStmt())
    lowerDecl(*CV);
  if (Failed)
    return;
  const auto *Body = llvm::dyn_cast<clang::CompoundStmt>(S.getBody());
  if (!Body) {
    unsupported(&S, "a 'switch' without a block");
    return;
  }
  Value *Sel = lowerExpr(S.getCond());
  if (!Sel)
    return;
  // The statements from each label to the next one (so that a declaration
  // after a label is seen by the statements that follow it), and every
  // case value. Statements before the first label never run.
  struct Entry {
    llvm::SmallVector<const clang::Expr *, 2> Cases;
    bool Default = false;
    Work Stmts;
  };
  std::vector<Entry> Entries;
  std::vector<Value *> CaseValues;
  // A block holding labels (`case 0: { ...; case 1: ... }`) is spliced
  // into the switch's statements: braces only scope declarations.
  std::deque<const clang::Stmt *> Pending(Body->body_begin(), Body->body_end());
  auto SpliceBlock = [&](const clang::Stmt *T) {
    const auto *Block = llvm::dyn_cast_or_null<clang::CompoundStmt>(T);
    if (!Block || !findCaseLabel(Block))
      return false;
    Pending.insert(Pending.begin(), Block->body_begin(), Block->body_end());
    return true;
  };
  while (!Pending.empty()) {
    const clang::Stmt *T = Pending.front();
    Pending.pop_front();
    if (SpliceBlock(T))
      continue;
    if (llvm::isa<clang::SwitchCase>(T))
      Entries.emplace_back();
    else if (Entries.empty())
      continue;
    Entry &E = Entries.back();
    while (T && llvm::isa<clang::SwitchCase>(T)) {
      if (const auto *CS = llvm::dyn_cast<clang::CaseStmt>(T)) {
        if (CS->caseStmtIsGNURange()) {
          unsupported(CS, "a case range");
          return;
        }
        E.Cases.push_back(CS->getLHS());
        T = CS->getSubStmt();
      } else {
        E.Default = true;
        T = llvm::cast<clang::DefaultStmt>(T)->getSubStmt();
      }
    }
    if (SpliceBlock(T))
      continue;
    if (const clang::SwitchCase *Inner = T ? findCaseLabel(T) : nullptr) {
      unsupported(Inner, "a 'case' label inside a statement other than a "
                         "block (put the label in the switch's block)");
      return;
    }
    if (T && !llvm::isa<clang::NullStmt>(T))
      E.Stmts.push_back(T);
  }
  for (Entry &E : Entries)
    for (const clang::Expr *C : E.Cases) {
      llvm::APSInt V = C->EvaluateKnownConstInt(Ctx);
      CaseValues.push_back(B.cmp(CmpPred::EQ, Sel,
                                 B.constInt(Sel->getType(), V.getExtValue())));
    }

  JumpTarget Sw{/*IsLoop=*/false};
  // A `return` in a case sets the function's return flag, which the
  // blocks of the switch carry out.
  if (containsReturn(Body))
    addReturnFlags();
  if (jumpsOut(Body, /*Break=*/true)) {
    Vars[&Sw.Break] = B.constBool(false);
    FlagNames[&Sw.Break] = "done";
  }
  Vars[&Sw.Matched] = B.constBool(false);
  FlagNames[&Sw.Matched] = "matched";
  Jumps.push_back(&Sw);
  unsigned NextCase = 0;
  for (const Entry &E : Entries) {
    // Once a label matched, control falls through the later statements.
    Value *Matched = Vars.lookup(&Sw.Matched);
    for (unsigned I = 0, N = E.Cases.size(); I != N; ++I)
      Matched = B.logicOr(Matched, CaseValues[NextCase++]);
    if (E.Default) {
      Value *Any = B.constBool(false);
      for (Value *C : CaseValues)
        Any = B.logicOr(Any, C);
      Matched = B.logicOr(Matched, B.logicNot(Any));
    }
    Vars[&Sw.Matched] = Matched;
    if (E.Stmts.empty())
      continue;
    Value *Run = Matched;
    llvm::SmallVector<VarKey, 4> Flags = exitFlags();
    if (Value *Exit = exitCondition())
      Run = B.logicAnd(Run, B.logicNot(Exit));
    buildIf(
        Run,
        [&] {
          clearFlags(Flags);
          lowerStmts(E.Stmts, /*Tail=*/false);
        },
        [] {});
    if (Failed)
      break;
  }
  Jumps.pop_back();
  Vars.erase(&Sw.Break);
  Vars.erase(&Sw.Matched);
}

bool FunctionLowering::lowerRangeFor(const clang::CXXForRangeStmt &S,
                                     Work Rest, bool Tail) {
  const clang::Expr *Range = S.getRangeInit();
  const clang::VarDecl *Var = S.getLoopVariable();
  if (const clang::Stmt *Init = S.getInit())
    lowerStmts({Init}, /*Tail=*/false);
  if (Failed)
    return false;
  Type Count = Type::getInt(64, true);
  RangeLoop R{nullptr, nullptr, Var};
  if (const auto *AT = Ctx.getAsConstantArrayType(Range->getType())) {
    R.Base = lowerLValue(Range);
    R.Count = B.constInt(Count, AT->getSize().getSExtValue());
  } else if (std::optional<Type> Ty = convertType(Ctx, Range->getType());
             Ty && Ty->isRecord() &&
             Ty->getRecord()->getKind() != RecordType::Kind::Struct) {
    Value *Object = lowerLValue(Range);
    if (!Object)
      return false;
    R.Base = B.data(Object);
    R.Count = Ty->getRecord()->getKind() == RecordType::Kind::Array
                  ? B.constInt(Count, Ty->getRecord()->getSize())
                  : B.cast(Count, B.size(Object, Type::getInt(64, false)));
  } else {
    unsupported(Range, "a range-based 'for' loop over this type (chainrule "
                       "supports arrays, std::array and std::vector)");
    return false;
  }
  if (!R.Base || Failed)
    return false;
  return lowerLoop(S, nullptr, nullptr, nullptr, S.getBody(), /*IsDo=*/false,
                   std::move(Rest), Tail, &R);
}
