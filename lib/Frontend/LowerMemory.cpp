//===- LowerMemory.cpp - Clang AST to SSA: buffers, arrays, references ----===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Memory: what a pointer, an array or a reference designates is read with
/// `load` and written with `store`; `p[i]`, `*(p + i)` and `&a[k]` are
/// `index` ops on the pointer.
///
/// A pointer variable is kept as a fixed base (a parameter or a local
/// array) and an integer offset that the SSA renaming tracks like any local
/// (`p++` adds 1 to it), so loops and branches carry integers, never
/// pointers, and every pointer of the graph is an `index` of a base. A
/// pointer variable that would point into two different buffers is
/// reported.
///
/// A reference is the address it binds to. A local passed by non-const
/// reference to a callee lives in a temporary slot for the call and is read
/// back after it.
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

#include "clang/AST/ExprCXX.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

static const Type OffsetType = Type::getInt(64, true);

const clang::Expr *frontend::stripNoOps(const clang::Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *CE = llvm::dyn_cast<clang::ImplicitCastExpr>(E);
        CE && CE->getCastKind() == clang::CK_NoOp) {
      E = CE->getSubExpr();
      continue;
    }
    return E;
  }
}

const clang::Expr *frontend::integerAsWritten(const clang::Expr *E) {
  while (const auto *CE = llvm::dyn_cast<clang::ImplicitCastExpr>(E)) {
    if (CE->getCastKind() != clang::CK_IntegralCast)
      break;
    E = CE->getSubExpr();
  }
  return E;
}

/// True for `v.push_back(x)` or `v.emplace_back(x)` of the variable \p VD.
static bool isPushBack(const clang::Stmt *S, const clang::VarDecl &VD) {
  const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(S);
  const clang::CXXMethodDecl *M = MC ? MC->getMethodDecl() : nullptr;
  if (!M || !M->getIdentifier() || MC->getNumArgs() != 1 ||
      (M->getName() != "push_back" && M->getName() != "emplace_back"))
    return false;
  const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(
      MC->getImplicitObjectArgument()->IgnoreParenImpCasts());
  return DR && DR->getDecl() == &VD;
}

/// True when \p S pushes to the std::vector \p VD somewhere.
static bool isGrown(const clang::Stmt *S, const clang::VarDecl &VD) {
  if (!S)
    return false;
  if (isPushBack(S, VD))
    return true;
  return llvm::any_of(S->children(),
                      [&](const clang::Stmt *C) { return isGrown(C, VD); });
}

/// The std::vector or std::array \p E subscripts (`v[i]`), or null.
/// `*it` or `it[k]` of an iterator of std::vector: an element.
static bool isIteratorElement(const clang::Expr *E) {
  const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E);
  return OC && OC->getNumArgs() &&
         (OC->getOperator() == clang::OO_Star ||
          OC->getOperator() == clang::OO_Subscript) &&
         iteratorPointer(OC->getArg(0)->getType());
}

/// `v.front()` or `v.back()` of a std::vector or std::array: an element.
static bool isContainerEnd(const clang::Expr *E) {
  const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E);
  const clang::CXXRecordDecl *RD = MC ? MC->getRecordDecl() : nullptr;
  if (!isStdContainer(RD))
    return false;
  llvm::StringRef Name = MC->getMethodDecl()->getName();
  return Name == "front" || Name == "back";
}

bool frontend::isStdContainer(const clang::CXXRecordDecl *RD) {
  return RD && RD->isInStdNamespace() &&
         (RD->getName() == "vector" || RD->getName() == "array");
}

const clang::Expr *frontend::containerSubscripted(const clang::Expr *E) {
  const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E);
  if (!OC || OC->getOperator() != clang::OO_Subscript || OC->getNumArgs() != 2)
    return nullptr;
  const clang::CXXRecordDecl *RD =
      OC->getArg(0)->getType()->getAsCXXRecordDecl();
  if (!isStdContainer(RD))
    return nullptr;
  return OC->getArg(0);
}

/// The variable of namespace or class scope \p E names, when it is read
/// from memory: not a scalar constant, whose value is used instead.
static const clang::VarDecl *globalVariable(const clang::Expr *E,
                                            const clang::ASTContext &Ctx) {
  const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E);
  const auto *VD = DR ? llvm::dyn_cast<clang::VarDecl>(DR->getDecl()) : nullptr;
  if (!VD || !VD->hasGlobalStorage() || VD->isStaticLocal())
    return nullptr;
  clang::Expr::EvalResult R;
  if (VD->getType().isConstQualified() && !VD->getType()->isArrayType() &&
      DR->EvaluateAsRValue(R, Ctx) && !R.HasSideEffects)
    return nullptr;
  return VD;
}

Value *FunctionLowering::globalAddress(const clang::VarDecl &VD,
                                       const clang::Expr &At) {
  if (Value *G = Globals.lookup(&VD))
    return G;
  ArrayShape Shape = memberShape(Ctx, VD.getType());
  std::optional<Type> Elem = convertType(Ctx, Shape.Element);
  if (!Elem || Elem->isPointer() || Elem->isRecord()) {
    reportUnsupportedType(Ctx, At.getBeginLoc(),
                          "global variable '" + VD.getNameAsString() + "'",
                          VD.getType());
    Failed = true;
    return nullptr;
  }
  bool Constant = VD.getType().isConstant(Ctx);
  clang::PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  VD.printQualifiedName(OS, Policy);
  const GlobalVar *G = ML.getModule().getGlobal(
      {OS.str(), *Elem, Shape.Count, Constant, Shape.Rank, &VD});
  // At the entry, so that every use in the function sees it.
  Builder Entry(F.getBody());
  if (!F.getBody().empty())
    Entry.setInsertionPoint(F.getBody().begin()->get());
  Value *P = Entry.global(G);
  P->setName(VD.getNameAsString());
  Globals[&VD] = P;
  return P;
}

bool FunctionLowering::isMemoryLValue(const clang::Expr *E) const {
  E = stripNoOps(E);
  if (llvm::isa<clang::ArraySubscriptExpr>(E) || containerSubscripted(E) ||
      isContainerEnd(E))
    return true;
  // An iterator's element; its other operators give iterators (pointers).
  if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E);
      OC && OC->getNumArgs() && iteratorPointer(OC->getArg(0)->getType()))
    return isIteratorElement(E);
  if (const auto *ME = llvm::dyn_cast<clang::MemberExpr>(E))
    return llvm::isa<clang::FieldDecl>(ME->getMemberDecl());
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E))
    return UO->getOpcode() == clang::UO_Deref;
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E))
    return Addrs.count(DR->getDecl()) || globalVariable(DR, Ctx) ||
           EmptyVectors.count(llvm::dyn_cast<clang::VarDecl>(DR->getDecl()));
  // A call returning a reference (but std::max and std::min are values); a
  // temporary struct.
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E))
    return isStdGet(E) ||
           (E->isGLValue() && Call->getDirectCallee() &&
            !Call->getDirectCallee()->isInStdNamespace());
  if (const auto *MT = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E))
    return MT->getType()->isRecordType();
  return false;
}

Value *FunctionLowering::lowerLValue(const clang::Expr *E) {
  if (Failed)
    return nullptr;
  E = stripNoOps(E);
  setLoc(E);
  if (const auto *AS = llvm::dyn_cast<clang::ArraySubscriptExpr>(E)) {
    Value *Base = lowerExpr(AS->getBase());
    Value *Offset = lowerExpr(AS->getIdx());
    if (!Base || !Offset)
      return nullptr;
    if (!Base->getType().isPointer())
      return unsupported(E, "a subscript of this type");
    // A row of a multi-dimensional array: rows are flat, a row steps over
    // all its numbers.
    if (std::optional<ArrayShape> Row = arrayShape(Ctx, AS->getType()))
      Offset = B.mul(B.cast(OffsetType, Offset),
                     B.constInt(OffsetType, Row->Count));
    return B.index(Base, Offset);
  }
  if (isIteratorElement(E))
    return lowerIteratorOperator(*llvm::cast<clang::CXXOperatorCallExpr>(E));
  if (const clang::Expr *Container = containerSubscripted(E)) {
    Value *Object = lowerLValue(Container);
    // The index as written (`v[i]`), not converted to size_t.
    Value *Offset = lowerExpr(integerAsWritten(
        llvm::cast<clang::CXXOperatorCallExpr>(E)->getArg(1)));
    if (!Object || !Offset)
      return nullptr;
    return B.index(B.data(Object), Offset);
  }
  if (const auto *ME = llvm::dyn_cast<clang::MemberExpr>(E)) {
    const auto *Field = llvm::dyn_cast<clang::FieldDecl>(ME->getMemberDecl());
    if (!Field)
      return unsupported(E, "this member access");
    Value *Object = ME->isArrow() ? lowerExpr(ME->getBase())
                                  : lowerLValue(ME->getBase());
    if (!Object)
      return nullptr;
    const RecordType *R = Object->getType().getRecord();
    if (!Object->getType().isPointer() || !R ||
        R->getKind() != RecordType::Kind::Struct)
      return unsupported(E, "a member of this type");
    return B.member(Object, Field->getFieldIndex());
  }
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E);
      UO && UO->getOpcode() == clang::UO_Deref) {
    Value *P = lowerExpr(UO->getSubExpr());
    if (P && !P->getType().isPointer())
      return unsupported(E, "a dereference of this type");
    return P;
  }
  if (isStdGet(E))
    return lowerStdGet(*llvm::cast<clang::CallExpr>(E));
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E);
      Call && E->isGLValue()) {
    // lowerExpr gives the address a reference-returning call computes;
    // should it ask back for this very address, no rule knows the call.
    if (!CallAddresses.insert(E).second)
      return unsupported(E, "the address of this call");
    Value *P = lowerExpr(E);
    CallAddresses.erase(E);
    if (P && !P->getType().isPointer())
      return unsupported(E, "the address of this call");
    return P;
  }
  if (const auto *MT = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E)) {
    std::optional<Type> Ty = typeOf(E);
    return Ty ? materialize(*MT, *Ty, "") : nullptr;
  }
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E)) {
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl());
        VD && Growing.count(VD) && !noteGrowthRead(*VD, *E))
      return nullptr;
    if (Value *A = Addrs.lookup(DR->getDecl()))
      return A;
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl());
        VD && EmptyVectors.count(VD))
      return unsupported(E, "a std::vector used before 'resize' or "
                            "'assign' gives it a size");
    if (const clang::VarDecl *VD = globalVariable(DR, Ctx))
      return globalAddress(*VD, *E);
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl());
        VD && Vars.count(VD))
      return unsupported(E, "the address of the local variable '" +
                                VD->getNameAsString() + "'");
  }
  return unsupported(E, "the address of this expression");
}

Value *FunctionLowering::lowerLoad(const clang::Expr *E) {
  Value *Addr = lowerLValue(E);
  if (!Addr)
    return nullptr;
  if (Addr->getType().getPointee().isRecord())
    return unsupported(E, "a copy of a struct or container");
  return B.load(Addr);
}

bool FunctionLowering::checkWritable(Value *Addr, const clang::Expr *At) {
  const Value *Base = getPointerBase(Addr);
  if (Base->getDefiningOp() || Base->getParentRegion() != &F.getBody())
    return true;
  const clang::ParmVarDecl *P = nullptr;
  for (unsigned I = 0, E = FD.getNumParams(); I != E; ++I)
    if (ParamIndex[I] == Base->getIndex() &&
        !getClosure(FD.getParamDecl(I)->getType()))
      P = FD.getParamDecl(I);
  // The object, the result, a capture (C++ checked constness), or a
  // reference.
  if (!P || P->getType()->isReferenceType() ||
      !F.getParamInfo(Base->getIndex()).ByAddress)
    return true;
  unsupported(At, "a write to the by-value parameter '" + P->getNameAsString() +
                      "' (take it by reference, or copy what changes into a "
                      "local)");
  return false;
}

/// True for `v.resize(n)` (or, with \p Assign, `v.assign(n, x)`).
static bool isSizingCall(const clang::CXXMemberCallExpr &E, bool Assign) {
  return E.getMethodDecl()->getName() == (Assign ? "assign" : "resize") &&
         E.getNumArgs() == (Assign ? 2u : 1u) &&
         E.getArg(0)->getType()->isIntegerType();
}

void FunctionLowering::fillElements(Value *Data, Value *N, Value *V) {
  countedLoop(B.constInt(OffsetType, 0), B.cast(OffsetType, N), {}, {},
              [&](Value *K, llvm::ArrayRef<Value *>) {
                B.store(B.index(Data, K), V);
                return llvm::SmallVector<Value *, 2>();
              });
}

Value *FunctionLowering::sizeEmptyVector(const clang::CXXMemberCallExpr &E,
                                         const clang::VarDecl &VD) {
  auto [Ty, Where] = EmptyVectors.lookup(&VD);
  Type Elem = Ty.getRecord()->getElement();
  bool Assign = isSizingCall(E, /*Assign=*/true) && !Elem.isRecord();
  if (!Assign && !isSizingCall(E, /*Assign=*/false))
    return unsupported(&E, "a std::vector declared empty and not sized by "
                           "'resize(n)' or 'assign(n, x)' first (declare it "
                           "with its size)");
  if (Where != &B.getInsertionRegion())
    return unsupported(&E, "sizing a std::vector in a branch or loop inside "
                           "its declaration's block (size it where it is "
                           "declared)");
  Value *Size = lowerExpr(integerAsWritten(E.getArg(0)));
  if (!Size)
    return nullptr;
  EmptyVectors.erase(&VD);
  Value *V = B.object(Ty, VD.getNameAsString(), Size);
  Addrs[&VD] = V;
  if (Assign)
    if (Value *X = lowerExpr(E.getArg(1)))
      fillElements(B.data(V), Size, B.cast(Elem, X));
  return nullptr;
}

Value *FunctionLowering::lowerContainerCall(const clang::CXXMemberCallExpr &E) {
  const clang::CXXMethodDecl *M = E.getMethodDecl();
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(
          E.getImplicitObjectArgument()->IgnoreParenImpCasts()))
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl())) {
      if (EmptyVectors.count(VD))
        return sizeEmptyVector(E, *VD);
      if (Growing.count(VD) && isPushBack(&E, *VD))
        return lowerPushBack(E, *VD);
      // `v.reserve(n)` of a growing vector: capacity, no element.
      if (Growing.count(VD) && E.getMethodDecl()->getIdentifier() &&
          E.getMethodDecl()->getName() == "reserve") {
        lowerExpr(E.getArg(0));
        return nullptr;
      }
    }
  Value *Object = lowerLValue(E.getImplicitObjectArgument());
  if (!Object)
    return nullptr;
  const RecordType *R = Object->getType().getRecord();
  std::optional<Type> Ty = convertType(Ctx, E.getType());
  if (M->getName() == "size" && Ty && Ty->isInt())
    return R->getKind() == RecordType::Kind::Array
               ? B.constInt(*Ty, R->getSize())
               : B.size(Object, *Ty);
  if (M->getName() == "empty" && E.getNumArgs() == 0) {
    Type Size = Type::getInt(64, false);
    return R->getKind() == RecordType::Kind::Array
               ? B.constBool(R->getSize() == 0)
               : B.cmp(CmpPred::EQ, B.size(Object, Size), B.constInt(Size, 0));
  }
  if (M->getName() == "data" && E.getNumArgs() == 0)
    return B.data(Object);
  // Iterators are pointers.
  if (llvm::is_contained({"begin", "cbegin", "end", "cend"}, M->getName()) &&
      E.getNumArgs() == 0)
    return containerEnd(Object, M->getName().ends_with("end"));
  // The first and the last element (addresses: they are lvalues).
  if (M->getName() == "front")
    return containerEnd(Object, /*End=*/false);
  if (M->getName() == "back")
    return B.index(containerEnd(Object, /*End=*/true),
                   B.constInt(OffsetType, -1));
  // a.fill(x) of a std::array of numbers.
  if (M->getName() == "fill" && R->getKind() == RecordType::Kind::Array &&
      !R->getElement().isRecord()) {
    if (Value *X = lowerExpr(E.getArg(0)))
      fillElements(B.data(Object),
                   B.constInt(OffsetType, R->getSize()),
                   B.cast(R->getElement(), X));
    return nullptr;
  }
  if (M->getName() == "push_back" || M->getName() == "emplace_back") {
    const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(
        E.getImplicitObjectArgument()->IgnoreParenImpCasts());
    std::string Vec = DR ? "'" + DR->getDecl()->getNameAsString() + "'" : "";
    std::string Article = M->getName() == "push_back" ? "a " : "an ";
    return unsupported(&E, Article + M->getName().str() + " on the std::vector " +
                               Vec +
                               " (only a local std::vector declared empty "
                               "grows: declare this one with its final size "
                               "and assign the elements)");
  }
  return unsupported(&E, "a call to '" + M->getQualifiedNameAsString() + "'");
}

Value *FunctionLowering::pointerValue(const clang::VarDecl *VD) {
  // `p + 0` folds to the base.
  return B.index(PtrBase.lookup(VD), Vars.lookup(VD));
}

std::pair<Value *, Value *> FunctionLowering::splitPointer(Value *P) {
  Value *Offset = nullptr;
  while (Op *D = P->getDefiningOp()) {
    if (!D->is(OpKind::Index))
      break;
    Value *Step = B.cast(OffsetType, D->getOperand(1));
    Offset = Offset ? B.add(Step, Offset) : Step;
    P = D->getOperand(0);
  }
  return {P, Offset ? Offset : B.constInt(OffsetType, 0)};
}

bool FunctionLowering::assignPointer(const clang::VarDecl *VD, Value *P,
                                     const clang::Expr *At) {
  auto [Base, Offset] = splitPointer(P);
  Value *&Known = PtrBase[VD];
  if (Known && !sameElement(Known, Base)) {
    unsupported(At, "a pointer variable '" + VD->getNameAsString() +
                        "' that points into more than one buffer");
    return false;
  }
  if (!Known)
    Known = Base;
  if (Offset->getName().empty() && Offset->getDefiningOp() &&
      !Offset->getDefiningOp()->is(OpKind::Constant))
    Offset->setName(VD->getNameAsString() + "_offset");
  Vars[VD] = Offset;
  return true;
}

Value *FunctionLowering::lowerNullTest(const clang::Expr *PtrE, bool IsNull,
                                       const clang::Expr *At) {
  Value *P = lowerExpr(PtrE);
  if (!P)
    return nullptr;
  // Pointers into a buffer are null when the buffer is (`p + k` of a null
  // `p` is undefined): the test is on the buffer, a base that is fixed
  // for the whole function.
  Value *Base = splitPointer(P).first;
  setLoc(At);
  return B.cmp(IsNull ? CmpPred::EQ : CmpPred::NE, Base,
               B.nullPointer(Base->getType()));
}

Value *FunctionLowering::lowerPointerArith(const clang::BinaryOperator &E) {
  return lowerPointerBinary(E.getOpcode(), E.getLHS(), E.getRHS(), E);
}

Value *FunctionLowering::lowerPointerBinary(clang::BinaryOperatorKind K,
                                            const clang::Expr *LHS,
                                            const clang::Expr *RHS,
                                            const clang::Expr &E) {
  // `p == nullptr`, `p != nullptr`: whether an optional buffer was passed.
  if (K == clang::BO_EQ || K == clang::BO_NE)
    for (auto [Null, Other] : {std::pair(RHS, LHS), std::pair(LHS, RHS)})
      if (Null->isNullPointerConstant(Ctx,
                                      clang::Expr::NPC_ValueDependentIsNotNull))
        return lowerNullTest(Other, K == clang::BO_EQ, &E);
  Value *L = lowerExpr(LHS);
  Value *R = lowerExpr(RHS);
  if (!L || !R)
    return nullptr;
  setLoc(&E);
  bool LP = L->getType().isPointer(), RP = R->getType().isPointer();
  if (LP && RP) {
    // Comparing or subtracting pointers into one buffer compares or
    // subtracts their offsets.
    auto [LBase, LOff] = splitPointer(L);
    auto [RBase, ROff] = splitPointer(R);
    if (!sameElement(LBase, RBase))
      return unsupported(&E, "comparing pointers into different buffers");
    if (K == clang::BO_Sub) {
      std::optional<Type> Ty = typeOf(&E);
      return Ty ? B.cast(*Ty, B.sub(LOff, ROff)) : nullptr;
    }
    std::optional<CmpPred> Pred;
    switch (K) {
    case clang::BO_EQ: Pred = CmpPred::EQ; break;
    case clang::BO_NE: Pred = CmpPred::NE; break;
    case clang::BO_LT: Pred = CmpPred::LT; break;
    case clang::BO_LE: Pred = CmpPred::LE; break;
    case clang::BO_GT: Pred = CmpPred::GT; break;
    case clang::BO_GE: Pred = CmpPred::GE; break;
    default:
      return unsupported(&E, ("the operator '" +
                              clang::BinaryOperator::getOpcodeStr(K) +
                              "' on pointers").str());
    }
    return B.cmp(*Pred, LOff, ROff);
  }
  if (K == clang::BO_Add)
    return LP ? B.index(L, R) : B.index(R, L);
  if (K == clang::BO_Sub && LP)
    return B.index(L, B.neg(R));
  return unsupported(&E, ("the operator '" +
                          clang::BinaryOperator::getOpcodeStr(K) +
                          "' on a pointer").str());
}

Value *FunctionLowering::lowerMemoryAssign(const clang::BinaryOperator &E) {
  // C++17 evaluates the right operand of an assignment first.
  Value *R = lowerExpr(E.getRHS());
  Value *Addr = lowerLValue(E.getLHS());
  if (!R || !Addr || !checkWritable(Addr, &E))
    return nullptr;
  if (Addr->getType().getPointee().isRecord())
    return unsupported(&E, "a copy of a struct or container");
  Type Ty = Addr->getType().getPointee();
  Value *New;
  if (E.getOpcode() == clang::BO_Assign) {
    New = B.cast(Ty, R);
  } else {
    Value *Old = B.load(Addr);
    New = compoundResult(E, Old, R);
    if (!New)
      return nullptr;
  }
  setLoc(&E);
  B.store(Addr, New);
  return New;
}

Value *FunctionLowering::lowerMemoryIncDec(const clang::UnaryOperator &E) {
  Value *Addr = lowerLValue(E.getSubExpr());
  if (!Addr || !checkWritable(Addr, &E))
    return nullptr;
  Value *Old = B.load(Addr);
  if (!Old->getType().isInt() && !Old->getType().isFloat())
    return unsupported(&E, "an increment of a 'bool'");
  Value *One = B.constLike(Old, 1);
  Value *New = E.isIncrementOp() ? B.add(Old, One) : B.sub(Old, One);
  B.store(Addr, New);
  return E.isPrefix() ? New : Old;
}

Value *FunctionLowering::lowerPointerIncDec(const clang::UnaryOperator &E,
                                            const clang::VarDecl *VD) {
  return stepPointer(VD, E.isIncrementOp() ? 1 : -1, E.isPrefix(), E);
}

Value *FunctionLowering::stepPointer(const clang::VarDecl *VD, int64_t Step,
                                     bool Prefix, const clang::Expr &At) {
  Value *Old = pointerValue(VD);
  Value *New = B.index(Old, B.constInt(OffsetType, Step));
  if (!assignPointer(VD, New, &At))
    return nullptr;
  return Prefix ? pointerValue(VD) : Old;
}

/// The arguments of \p CE the source spells (not defaulted ones).
static unsigned writtenArgs(const clang::CXXConstructExpr &CE) {
  unsigned N = 0;
  for (const clang::Expr *A : CE.arguments())
    N += !llvm::isa<clang::CXXDefaultArgExpr>(A);
  return N;
}

Value *FunctionLowering::lowerPushBack(const clang::CXXMemberCallExpr &E,
                                       const clang::VarDecl &VD) {
  Growth &G = Growing[&VD];
  if (G.Read)
    return unsupported(&E, "a push_back on the std::vector '" +
                               VD.getNameAsString() +
                               "' after it is read (chainrule needs its final "
                               "size before its use: grow it first, then read "
                               "it)");
  Value *V = Addrs.lookup(&VD);
  Type Elem = V->getType().getPointee().getRecord()->getElement();
  if (Elem.isRecord())
    return unsupported(&E, "a push_back of a struct (declare the std::vector "
                           "with its size and assign the elements)");
  Value *X = lowerRValue(E.getArg(0));
  if (!X)
    return nullptr;
  for (const JumpTarget *J : Jumps)
    if (J->IsLoop && !G.Around.count(J->Loop))
      G.Loops.insert(J->Loop);
  setLoc(&E);
  B.push(V, B.cast(Elem, X));
  return nullptr;
}

bool FunctionLowering::noteGrowthRead(const clang::VarDecl &VD,
                                      const clang::Expr &At) {
  Growth &G = Growing[&VD];
  if (G.Read)
    return true;
  for (const JumpTarget *J : Jumps)
    if (J->IsLoop && G.Loops.count(J->Loop)) {
      unsupported(&At, "a use of the std::vector '" + VD.getNameAsString() +
                           "' inside the loop that grows it by push_back "
                           "(chainrule needs its final size before its use: "
                           "read it after the loop)");
      return false;
    }
  G.Read = true;
  return true;
}

bool FunctionLowering::lowerRecordDecl(const clang::VarDecl &VD, Type Ty) {
  const clang::Expr *Init = VD.getInit();
  const RecordType *R = Ty.getRecord();
  std::string Name = VD.getNameAsString();
  // `auto [a, b] = e;` holds its copy of e in an object named a_b.
  if (const auto *DD = llvm::dyn_cast<clang::DecompositionDecl>(&VD))
    for (const clang::BindingDecl *BD : DD->bindings())
      Name += (Name.empty() ? "" : "_") + BD->getNameAsString();
  if (Init)
    Init = stripNoOps(Init);
  if (const auto *EWC = llvm::dyn_cast_or_null<clang::ExprWithCleanups>(Init))
    Init = stripNoOps(EWC->getSubExpr());
  const auto *CE = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(Init);
  if (R->getKind() == RecordType::Kind::Vector) {
    // std::vector<T> v(n), or v(n, 0): n zeros.
    unsigned N = CE ? writtenArgs(*CE) : 0;
    // std::vector<T> v(first, last): a copy of a range.
    if (N == 2 && (CE->getArg(0)->getType()->isPointerType() ||
                   iteratorPointer(CE->getArg(0)->getType())))
      return lowerVectorFromRange(VD, Ty, CE->getArg(0), CE->getArg(1)), true;
    Type Elem = R->getElement();
    // std::vector<T> v;: grown by push_back, or sized later by resize or
    // assign.
    if ((!CE || N == 0) && isGrown(FD.getBody(), VD)) {
      Addrs[&VD] = B.object(Ty, Name);
      Growth &G = Growing[&VD];
      for (const JumpTarget *J : Jumps)
        G.Around.insert(J->Loop);
      return true;
    }
    if (!CE || N == 0) {
      EmptyVectors[&VD] = {Ty, &B.getInsertionRegion()};
      return true;
    }
    // std::vector<T> v{a, b, c}: its elements.
    const auto *IL = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(
        stripTemporaries(CE->getArg(0)));
    if (const auto *List =
            IL ? llvm::dyn_cast<clang::InitListExpr>(
                     stripTemporaries(IL->getSubExpr()))
               : nullptr;
        List && N == 1 && !Elem.isRecord()) {
      Value *V = B.object(Ty, Name,
                          B.constInt(Type::getInt(64, false), List->getNumInits()));
      Addrs[&VD] = V;
      for (unsigned K = 0, E = List->getNumInits(); K != E; ++K)
        if (Value *X = lowerExpr(List->getInit(K)))
          B.store(B.index(B.data(V), B.constInt(OffsetType, K)), B.cast(Elem, X));
      return true;
    }
    // std::vector<T> v(n), v(n, x).
    if (!(N == 1 || (N == 2 && !Elem.isRecord())) ||
        !CE->getArg(0)->getType()->isIntegerType())
      return unsupported(Init ? Init : VD.getInit(),
                         "this initialization of a std::vector (chainrule "
                         "supports 'std::vector<T> v(n)', 'v(n, x)', 'v{a, "
                         "b}' and 'v;' sized by 'resize' or 'assign')"),
             true;
    Value *Size = lowerExpr(integerAsWritten(CE->getArg(0)));
    if (!Size)
      return true;
    Value *V = B.object(Ty, Name, Size);
    Addrs[&VD] = V;
    if (N == 2) {
      bool Zero = CE->getArg(1)->isEvaluatable(Ctx) &&
                  CE->getArg(1)->EvaluateKnownConstInt(Ctx) == 0;
      if (Value *X = Zero ? nullptr : lowerExpr(CE->getArg(1)))
        fillElements(B.data(V), Size, B.cast(Elem, X));
    }
    return true;
  }
  Value *Object = B.object(Ty, Name);
  Addrs[&VD] = Object;
  if (Init)
    initRecord(Init, Object, /*Zeroed=*/true);
  return true;
}

void FunctionLowering::lowerVectorFromRange(const clang::VarDecl &VD, Type Ty,
                                            const clang::Expr *FirstE,
                                            const clang::Expr *LastE) {
  Value *First = lowerExpr(FirstE);
  Value *Last = lowerExpr(LastE);
  if (!First || !Last)
    return;
  auto [FirstBase, FirstOff] = splitPointer(First);
  auto [LastBase, LastOff] = splitPointer(Last);
  if (!sameElement(FirstBase, LastBase)) {
    unsupported(LastE, "a range whose ends are in different buffers");
    return;
  }
  Value *N = B.sub(LastOff, FirstOff);
  Value *V = B.object(Ty, VD.getNameAsString(),
                      B.cast(Type::getInt(64, false), N));
  Addrs[&VD] = V;
  Value *Data = B.data(V);
  Type Elem = Ty.getRecord()->getElement();
  if (Elem.isRecord()) {
    unsupported(FirstE, "a std::vector of structs made from a range (write "
                        "the loop)");
    return;
  }
  countedLoop(B.constInt(OffsetType, 0), N, {}, {},
              [&](Value *K, llvm::ArrayRef<Value *>) {
                B.store(B.index(Data, K), B.cast(Elem, B.load(B.index(First, K))));
                return llvm::SmallVector<Value *, 2>();
              });
}

Value *FunctionLowering::lowerRecordArgument(const clang::Expr *Arg) {
  const clang::Expr *E = stripTemporaries(Arg);
  if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E);
      CE && CE->getConstructor()->isCopyOrMoveConstructor() &&
      !CE->getConstructor()->isUserProvided())
    E = stripTemporaries(CE->getArg(0));
  // The caller's object: a callee that may change it works on a copy.
  if (E->isGLValue() && isMemoryLValue(E))
    return lowerLValue(E);
  return lowerRecord(E);
}

bool FunctionLowering::lowerMemoryDecl(const clang::VarDecl &VD) {
  clang::QualType T = VD.getType();
  const clang::Expr *Init = VD.getInit();
  if (T->isRecordType() && !iteratorPointer(T)) {
    std::optional<Type> Ty = convertType(Ctx, T);
    if (!Ty) {
      reportUnsupportedType(Ctx, VD.getLocation(),
                            ("local variable '" + VD.getName() + "'").str(), T);
      Failed = true;
      return true;
    }
    return lowerRecordDecl(VD, *Ty);
  }
  if (std::optional<ArrayShape> Shape = arrayShape(Ctx, T)) {
    // A multi-dimensional array is its numbers, row after row.
    std::optional<Type> Elem = convertType(Ctx, Shape->Element);
    if (!Elem || Elem->isPointer() ||
        (Shape->Rank > 1 && !Shape->Element->isArithmeticType())) {
      reportUnsupportedType(Ctx, VD.getLocation(),
                            ("local variable '" + VD.getName() + "'").str(), T);
      Failed = true;
      return true;
    }
    if (Elem->isRecord() && !Elem->getRecord()->isValueInitZero()) {
      report(Ctx.getDiagnostics(), VD.getLocation(), Diag::UnsupportedStmt)
          << "a local array of structs with constructors or default member "
             "initializers";
      Failed = true;
      return true;
    }
    int64_t N = Shape->Count;
    Value *Array = B.array(*Elem, N, VD.getNameAsString());
    Addrs[&VD] = Array;
    if (Init)
      initElements(Init, Array, N, /*Zeroed=*/true);
    return true;
  }
  if (T->isReferenceType()) {
    const clang::Expr *Bound = stripNoOps(Init);
    std::optional<Type> Ty = convertType(Ctx, T);
    const auto *MT = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(Bound);
    Value *A = MT && Ty ? materialize(*MT, Ty->getPointee(), VD.getNameAsString())
                        : lowerLValue(Bound);
    if (A)
      Addrs[&VD] = A;
    return true;
  }
  if (T->isPointerType() || iteratorPointer(T)) {
    if (!Init) {
      report(Ctx.getDiagnostics(), VD.getLocation(), Diag::UnsupportedStmt)
          << "a pointer variable without an initializer";
      Failed = true;
      return true;
    }
    if (Value *P = lowerExpr(Init))
      assignPointer(&VD, P, Init);
    return true;
  }
  return false;
}

Value *FunctionLowering::materialize(const clang::MaterializeTemporaryExpr &MT,
                                     Type Ty, std::string Name) {
  if (Ty.isRecord())
    return lowerRecord(MT.getSubExpr(), std::move(Name));
  Value *V = lowerExpr(MT.getSubExpr());
  if (!V)
    return nullptr;
  Value *Slot = B.slot(Ty, std::move(Name));
  B.store(Slot, B.cast(Ty, V));
  return Slot;
}

Value *FunctionLowering::lowerByReference(const clang::Expr *Arg,
                                          clang::QualType ParamTy,
                                          std::vector<WriteBack> &After) {
  const clang::Expr *E = stripNoOps(Arg);
  std::optional<Type> Ty = convertType(Ctx, ParamTy);
  if (!Ty)
    return nullptr;
  Type Pointee = Ty->getPointee();
  if (const auto *MT = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E))
    return materialize(*MT, Pointee, "");
  if (isMemoryLValue(E))
    return lowerLValue(E);
  // A local of the SSA renaming lives in a slot for the call; the callee
  // may change it through a non-const reference.
  const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E);
  const auto *VD = DR ? llvm::dyn_cast<clang::VarDecl>(DR->getDecl()) : nullptr;
  if (!VD || !Vars.count(VD) || PtrBase.count(VD))
    return unsupported(Arg, "passing this expression by reference");
  Value *Slot = B.slot(Pointee, VD->getNameAsString());
  B.store(Slot, Vars.lookup(VD));
  if (!ParamTy.getNonReferenceType().isConstQualified())
    After.push_back({VD, Slot});
  return Slot;
}

/// Adds to \p Out the scalar locals and parameters of \p S whose address
/// is taken (`&x`) or that a reference variable binds to.
static void collectAddressTaken(const clang::Stmt *S,
                                llvm::DenseSet<const clang::VarDecl *> &Out) {
  if (!S)
    return;
  auto NoteVar = [&](const clang::ValueDecl *D) {
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(D);
        VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
        !VD->getType()->isArrayType() && !VD->getType()->isPointerType() &&
        !VD->getType()->isRecordType())
      Out.insert(VD);
  };
  auto Note = [&](const clang::Expr *E) {
    if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(stripNoOps(E)))
      NoteVar(DR->getDecl());
  };
  // A lambda's call operator gets the address of what it captures by
  // reference.
  if (const auto *LE = llvm::dyn_cast<clang::LambdaExpr>(S))
    for (const clang::LambdaCapture &C : LE->captures())
      if (C.capturesVariable() && C.getCaptureKind() == clang::LCK_ByRef)
        NoteVar(C.getCapturedVar());
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(S);
      UO && UO->getOpcode() == clang::UO_AddrOf)
    Note(UO->getSubExpr());
  if (const auto *DS = llvm::dyn_cast<clang::DeclStmt>(S))
    for (const clang::Decl *D : DS->decls())
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(D);
          VD && VD->getType()->isReferenceType() && VD->getInit())
        Note(VD->getInit());
  for (const clang::Stmt *Child : S->children())
    collectAddressTaken(Child, Out);
}

void FunctionLowering::findAddressTaken() {
  collectAddressTaken(FD.getBody(), AddressTaken);
}

Value *FunctionLowering::makeAddressable(const clang::VarDecl &VD, Value *Init) {
  Value *Slot = B.slot(Init->getType(), VD.getNameAsString());
  B.store(Slot, Init);
  Addrs[&VD] = Slot;
  return Slot;
}
