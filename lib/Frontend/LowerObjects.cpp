//===- LowerObjects.cpp - Clang AST to SSA: structs, constructors, lambdas ===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Structs as values. A struct lives in memory (an object); an expression
/// of struct type is lowered into the object it initializes: an initializer
/// list member by member, a constructor as a call on the object, a call
/// returning a struct with the object as its result slot, and a copy member
/// by member (the structs chainrule accepts are trivially copyable).
///
/// A lambda is no object: where it is defined, the values of what it
/// captures by copy (the addresses of what it captures by reference) are
/// taken, and each call passes them to the call operator ahead of the
/// arguments.
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

static const Type OffsetType = Type::getInt(64, true);

const clang::Expr *frontend::stripTemporaries(const clang::Expr *E) {
  while (true) {
    E = stripNoOps(E);
    if (const auto *FE = llvm::dyn_cast<clang::FullExpr>(E))
      E = FE->getSubExpr();
    else if (const auto *MT = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E))
      E = MT->getSubExpr();
    else if (const auto *BT = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(E))
      E = BT->getSubExpr();
    else if (const auto *DA = llvm::dyn_cast<clang::CXXDefaultArgExpr>(E))
      E = DA->getExpr();
    else if (const auto *DI = llvm::dyn_cast<clang::CXXDefaultInitExpr>(E))
      E = DI->getExpr();
    else if (const auto *CE = llvm::dyn_cast<clang::CastExpr>(E);
             CE && (CE->getCastKind() == clang::CK_ConstructorConversion ||
                    CE->getCastKind() == clang::CK_NoOp))
      E = CE->getSubExpr();
    else
      return E;
  }
}

bool frontend::isZeroInit(const clang::Expr *E) {
  E = stripTemporaries(E);
  if (llvm::isa<clang::ImplicitValueInitExpr>(E))
    return true;
  if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E))
    return CE->getNumArgs() == 0 && CE->getConstructor()->isTrivial();
  if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(E))
    return llvm::all_of(IL->inits(), isZeroInit) &&
           (!IL->hasArrayFiller() || isZeroInit(IL->getArrayFiller()));
  return false;
}

/// The zero of scalar type \p Ty.
static Value *zeroOf(Builder &B, Type Ty) {
  if (Ty.isPointer())
    return B.nullPointer(Ty);
  if (Ty.isFloat())
    return B.constFloat(Ty, 0);
  if (Ty.isBool())
    return B.constBool(false);
  return B.constInt(Ty, 0);
}

/// Calls \p Each(Slot, Count) for each member of the struct or std::array
/// at \p Object: its address and element count (0 for one value).
template <typename Fn>
static void forEachMember(Builder &B, Value *Object, Fn Each) {
  const RecordType *R = Object->getType().getRecord();
  if (R->getKind() == RecordType::Kind::Array) {
    Each(B.data(Object), R->getSize());
    return;
  }
  for (unsigned K = 0, N = R->getFields().size(); K != N; ++K)
    Each(B.member(Object, K), R->getFields()[K].Count);
}

/// Calls \p Each(Element) for each of the \p Count values at \p Slot (one
/// value when \p Count is 0).
template <typename Fn>
static void forEachElement(Builder &B, Value *Slot, int64_t Count, Fn Each) {
  if (!Count) {
    Each(Slot);
    return;
  }
  for (int64_t J = 0; J != Count; ++J)
    Each(B.index(Slot, B.constInt(OffsetType, J)));
}

bool frontend::holdsVector(const RecordType *R) {
  if (R->getKind() != RecordType::Kind::Struct)
    return R->getKind() == RecordType::Kind::Vector;
  return llvm::any_of(R->getFields(), [](const RecordType::Field &F) {
    return F.Ty.isRecord() && holdsVector(F.Ty.getRecord());
  });
}

bool FunctionLowering::copyRecord(Value *Dest, Value *Src,
                                  const clang::Stmt *At) {
  if (holdsVector(Dest->getType().getRecord())) {
    unsupported(At, "a copy of a std::vector or of a struct holding one "
                    "(pass it by reference)");
    return false;
  }
  std::vector<Value *> From;
  forEachMember(B, Src, [&](Value *S, int64_t Count) {
    forEachElement(B, S, Count, [&](Value *E) { From.push_back(E); });
  });
  size_t Next = 0;
  forEachMember(B, Dest, [&](Value *D, int64_t Count) {
    forEachElement(B, D, Count, [&](Value *E) {
      if (E->getType().getPointee().isRecord())
        copyRecord(E, From[Next], At);
      else
        B.store(E, B.load(From[Next]));
      ++Next;
    });
  });
  return true;
}

void FunctionLowering::zeroRecord(Value *Dest) {
  forEachMember(B, Dest, [&](Value *D, int64_t Count) {
    forEachElement(B, D, Count, [&](Value *E) {
      Type Ty = E->getType().getPointee();
      if (Ty.isRecord())
        zeroRecord(E);
      else
        B.store(E, zeroOf(B, Ty));
    });
  });
}

/// Initializes the value (or, with \p Count, the array) at \p Slot from
/// \p X; a null \p X is a zero.
void FunctionLowering::initElements(const clang::Expr *X, Value *Slot,
                                    int64_t Count, bool Zeroed) {
  Type Ty = Slot->getType().getPointee();
  if (!X || isZeroInit(X)) {
    if (!Zeroed)
      forEachElement(B, Slot, Count, [&](Value *E) {
        if (Ty.isRecord())
          zeroRecord(E);
        else
          B.store(E, zeroOf(B, Ty));
      });
    return;
  }
  if (Count) {
    // A copy of an array (`auto [u, v] = a;`), element by element.
    if (const auto *Loop =
            llvm::dyn_cast<clang::ArrayInitLoopExpr>(stripTemporaries(X))) {
      Value *From = lowerLValue(Loop->getCommonExpr()->getSourceExpr());
      for (int64_t J = 0; From && J != Count && !Failed; ++J) {
        Value *K = B.constInt(OffsetType, J);
        if (Ty.isRecord())
          copyRecord(B.index(Slot, K), B.index(From, K), X);
        else
          B.store(B.index(Slot, K), B.load(B.index(From, K)));
      }
      return;
    }
    const auto *IL = llvm::dyn_cast<clang::InitListExpr>(stripTemporaries(X));
    if (!IL) {
      unsupported(X, "this initializer of an array member");
      return;
    }
    // The elements are numbers, or the rows of a multi-dimensional array
    // (of Step numbers each, flat).
    int64_t Step = 1;
    if (const auto *AT = Ctx.getAsConstantArrayType(IL->getType()))
      if (std::optional<ArrayShape> Row = arrayShape(Ctx, AT->getElementType()))
        Step = Row->Count;
    for (int64_t J = 0; J * Step < Count && !Failed; ++J) {
      const clang::Expr *Elem = J < IL->getNumInits() ? IL->getInit(J)
                                : IL->hasArrayFiller() ? IL->getArrayFiller()
                                                       : nullptr;
      initElements(Elem, B.index(Slot, B.constInt(OffsetType, J * Step)),
                   Step == 1 ? 0 : Step, Zeroed);
    }
    return;
  }
  if (Ty.isRecord()) {
    initRecord(X, Slot, Zeroed);
    return;
  }
  if (Value *V = lowerExpr(X))
    B.store(Slot, B.cast(Ty, V));
}

void FunctionLowering::initRecord(const clang::Expr *E, Value *Dest,
                                  bool Zeroed) {
  if (Failed)
    return;
  const clang::Expr *Src = stripTemporaries(E);
  setLoc(Src);
  const RecordType *R = Dest->getType().getRecord();
  if (isZeroInit(Src)) {
    if (!Zeroed)
      zeroRecord(Dest);
    return;
  }
  if (isStdValue(Src->getType()->getAsCXXRecordDecl()) &&
      initStdValue(Src, Dest, Zeroed))
    return;
  if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(Src)) {
    if (R->getKind() == RecordType::Kind::Array) {
      // std::array<T, N>{...}: its one member is the C array.
      initElements(IL->getNumInits() ? IL->getInit(0) : nullptr, B.data(Dest),
                   R->getSize(), Zeroed);
      return;
    }
    const std::vector<RecordType::Field> &Fields = R->getFields();
    for (unsigned K = 0, N = Fields.size(); K != N && !Failed; ++K)
      initElements(K < IL->getNumInits() ? IL->getInit(K) : nullptr,
                   B.member(Dest, K), Fields[K].Count, Zeroed);
    return;
  }
  if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(Src)) {
    const clang::CXXConstructorDecl *CD = CE->getConstructor();
    if (CD->isCopyOrMoveConstructor() && !CD->isUserProvided()) {
      initRecord(CE->getArg(0), Dest, Zeroed);
      return;
    }
    // A constructor that runs code; `T{}` of a class whose constructor is
    // implicit zeroes the object first.
    if (CE->requiresZeroInitialization() && !Zeroed)
      zeroRecord(Dest);
    llvm::SmallVector<const clang::Expr *, 4> Args(CE->arguments());
    emitCall(*CE, *CD, Dest, {}, Args, nullptr);
    return;
  }
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(Src);
      Call && Src->isPRValue()) {
    lowerCall(*Call, Dest);
    return;
  }
  // `c ? s : t`: each arm initializes the object (a copy of an lvalue arm).
  if (const auto *CO = llvm::dyn_cast<clang::ConditionalOperator>(Src)) {
    if (Value *Cond = lowerExpr(CO->getCond()))
      buildIf(
          Cond, [&] { initRecord(CO->getTrueExpr(), Dest, /*Zeroed=*/false); },
          [&] { initRecord(CO->getFalseExpr(), Dest, /*Zeroed=*/false); });
    return;
  }
  if (Src->isGLValue()) {
    Value *From = lowerLValue(Src);
    if (From && From != Dest)
      copyRecord(Dest, From, E);
    return;
  }
  unsupported(E, "this initializer of a struct");
}

Value *FunctionLowering::lowerRecord(const clang::Expr *E, std::string Name) {
  std::optional<Type> Ty = typeOf(E);
  if (!Ty)
    return nullptr;
  if (!Ty->isRecord())
    return unsupported(E, "this expression");
  Value *Object = B.object(*Ty, std::move(Name));
  initRecord(E, Object, /*Zeroed=*/true);
  return Failed ? nullptr : Object;
}

Value *FunctionLowering::lowerRecordAssign(const clang::CXXOperatorCallExpr &E) {
  // C++17 evaluates the right operand of an assignment first.
  const clang::Expr *R = stripTemporaries(E.getArg(1));
  Value *Src = R->isGLValue() ? lowerLValue(R) : lowerRecord(R);
  Value *Dest = lowerLValue(E.getArg(0));
  if (!Src || !Dest || !checkWritable(Dest, &E) || !copyRecord(Dest, Src, &E))
    return nullptr;
  return Dest;
}

void FunctionLowering::lowerMemberInits(const clang::CXXConstructorDecl &CD) {
  const RecordType *R = This->getType().getRecord();
  for (const clang::CXXCtorInitializer *Init : CD.inits()) {
    if (Failed)
      return;
    const clang::FieldDecl *Field = Init->getMember();
    if (!Field || Init->isIndirectMemberInitializer()) {
      unsupported(Init->getInit(), "this constructor initializer");
      return;
    }
    unsigned K = Field->getFieldIndex();
    setLoc(Init->getInit());
    initElements(Init->getInit(), B.member(This, K), R->getFields()[K].Count,
                 /*Zeroed=*/false);
  }
}

const clang::CXXRecordDecl *frontend::getClosure(clang::QualType T) {
  const clang::CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isLambda() ? RD : nullptr;
}

std::optional<llvm::SmallVector<Value *, 4>>
FunctionLowering::captureValues(const clang::LambdaExpr &LE) {
  llvm::SmallVector<Value *, 4> Values;
  if (LE.isMutable()) {
    unsupported(&LE, "a mutable lambda");
    return std::nullopt;
  }
  const clang::VarDecl *Via = nullptr;
  for (const Capture &C : implicitParams(*LE.getCallOperator()).Captures) {
    if (C.Via) {
      // A captured lambda: the values of its own captures, once.
      if (C.Via == Via)
        continue;
      Via = C.Via;
      if (!Closures.count(Via)) {
        unsupported(&LE, "a capture of the lambda '" + Via->getNameAsString() +
                             "', other than by the name it is defined with");
        return std::nullopt;
      }
      llvm::append_range(Values, Closures.lookup(Via));
      continue;
    }
    const clang::VarDecl *VD = C.Var;
    Value *Addr = Addrs.lookup(VD);
    if (VD->isInitCapture()) {
      // [v = expr] holds the value of expr, [&r = e] the address of e.
      const clang::Expr *Init = VD->getInit();
      Value *V = C.ByRef ? lowerLValue(Init)
                 : VD->getType()->isRecordType() ? lowerRecord(Init)
                                                 : lowerExpr(Init);
      if (!V)
        return std::nullopt;
      Values.push_back(V);
    } else if (C.ByRef && Addr) {
      Values.push_back(Addr);
    } else if (C.ByRef && PtrBase.count(VD) && !isReassigned(*VD)) {
      Values.push_back(pointerValue(VD)); // a pointer nothing reassigns
    } else if (C.ByRef) {
      unsupported(&LE, "a capture of the pointer variable '" +
                           VD->getNameAsString() + "' by reference");
      return std::nullopt;
    } else if (PtrBase.count(VD)) {
      Values.push_back(pointerValue(VD));
    } else if (Vars.count(VD)) {
      Values.push_back(Vars.lookup(VD));
    } else if (Addr && Addr->getType().getPointee().isRecord()) {
      Value *Copy = B.object(Addr->getType().getPointee(), VD->getNameAsString());
      if (!copyRecord(Copy, Addr, &LE))
        return std::nullopt;
      Values.push_back(Copy);
    } else if (Addr) {
      Values.push_back(B.load(Addr));
    } else {
      unsupported(&LE, "a capture of '" + VD->getNameAsString() + "'");
      return std::nullopt;
    }
  }
  return Values;
}

std::optional<llvm::SmallVector<Value *, 4>>
FunctionLowering::closureCaptures(const clang::Expr *Closure) {
  const clang::Expr *E = stripTemporaries(Closure);
  if (const auto *LE = llvm::dyn_cast<clang::LambdaExpr>(E))
    return captureValues(*LE);
  if (implicitParams(*E->getType()->getAsCXXRecordDecl()->getLambdaCallOperator())
          .Captures.empty())
    return llvm::SmallVector<Value *, 4>{};
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E))
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl());
        VD && Closures.count(VD))
      return Closures.lookup(VD);
  unsupported(Closure, "a call of a lambda that captures variables, other "
                       "than by the name it is defined with");
  return std::nullopt;
}

bool FunctionLowering::lowerClosureDecl(const clang::VarDecl &VD) {
  if (!getClosure(VD.getType()))
    return false;
  const auto *LE = VD.getInit() ? llvm::dyn_cast<clang::LambdaExpr>(
                                      stripTemporaries(VD.getInit()))
                                : nullptr;
  if (!LE) {
    report(Ctx.getDiagnostics(), VD.getLocation(), Diag::UnsupportedStmt)
        << "a copy of a lambda (call it by the name it is defined with)";
    Failed = true;
    return true;
  }
  if (std::optional<llvm::SmallVector<Value *, 4>> Values = captureValues(*LE))
    Closures[&VD] = std::move(*Values);
  return true;
}
