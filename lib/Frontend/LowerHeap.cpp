//===- LowerHeap.cpp - Buffers of new and malloc --------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// A buffer a differentiated function allocates on the heap (`new double[n]`,
/// `new double(x)`, `malloc`, `calloc`, `std::make_unique`, a
/// `std::unique_ptr` of `new`) lives while the function runs: it is
/// a local like any other, a std::vector of its elements (whose shadow the
/// reverse sweep gets the same way), and `delete` and `free` do nothing.
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

#include "clang/AST/ExprCXX.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

/// The type of a std::vector of \p Elem.
static Type vectorOf(Type Elem) {
  RecordType *R = RecordType::get(RecordType::Kind::Vector,
                                  "std::vector<" + Elem.cxxName() + ">");
  if (!R->isComplete()) {
    R->setElement(Elem);
    R->setComplete();
  }
  return Type::getRecord(R);
}

/// True when \p FD is the C library function \p Name (`::malloc` or
/// `std::malloc`).
static bool isCFunction(const clang::FunctionDecl &FD, llvm::StringRef Name) {
  if (!FD.getIdentifier() || FD.getName() != Name)
    return false;
  const clang::DeclContext *DC = FD.getDeclContext()->getRedeclContext();
  return DC->isTranslationUnit() || DC->isStdNamespace() ||
         DC->isExternCContext();
}

const clang::CallExpr *frontend::heapAllocation(const clang::Expr *E) {
  const auto *Call = llvm::dyn_cast<clang::CallExpr>(E->IgnoreParenImpCasts());
  const clang::FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (FD && ((isCFunction(*FD, "malloc") && Call->getNumArgs() == 1) ||
             (isCFunction(*FD, "calloc") && Call->getNumArgs() == 2)))
    return Call;
  return nullptr;
}

bool frontend::isFree(const clang::FunctionDecl &FD) {
  return isCFunction(FD, "free") && FD.getNumParams() == 1;
}

Value *FunctionLowering::newArray(Type Elem, Value *N) {
  return B.data(
      B.object(vectorOf(Elem), "heap", B.cast(Type::getInt(64, false), N)));
}

Value *FunctionLowering::newValue(Type Elem, const clang::Expr *Init) {
  Value *Slot = B.object(Elem, "heap");
  if (!Init)
    return Slot;
  // `new double(v)`, `new double{v}`; `new double()` is zero.
  if (const auto *PL = llvm::dyn_cast<clang::ParenListExpr>(Init);
      PL && PL->getNumExprs() == 1)
    Init = PL->getExpr(0);
  if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(Init);
      IL && IL->getNumInits() == 1)
    Init = IL->getInit(0);
  if (!llvm::isa<clang::ImplicitValueInitExpr>(Init) &&
      !llvm::isa<clang::CXXScalarValueInitExpr>(Init)) {
    Value *V = lowerRValue(Init);
    if (!V)
      return nullptr;
    B.store(Slot, B.cast(Elem, V));
  }
  return Slot;
}

Value *FunctionLowering::lowerNew(const clang::CXXNewExpr &E) {
  clang::QualType T = E.getAllocatedType();
  std::optional<Type> Elem = convertType(Ctx, T);
  if (!Elem || !(Elem->isFloat() || Elem->isInt()))
    return unsupported(&E, "a 'new' expression of a type other than a number "
                           "(allocate numbers, or use a local object)");
  if (!E.isArray())
    return newValue(*Elem, E.getInitializer());
  std::optional<const clang::Expr *> Size = E.getArraySize();
  Value *N = Size && *Size ? lowerExpr(*Size) : nullptr;
  if (!N)
    return nullptr;
  Value *Data = newArray(*Elem, N);
  // `new double[n]{a, b}`: the values given, zeros after them.
  if (const auto *IL =
          llvm::dyn_cast_or_null<clang::InitListExpr>(E.getInitializer()))
    for (unsigned K = 0, End = IL->getNumInits(); K != End; ++K) {
      Value *V = lowerRValue(IL->getInit(K));
      if (!V)
        return nullptr;
      B.store(B.index(Data, B.constInt(Type::getInt(64, true), K)),
              B.cast(*Elem, V));
    }
  return Data;
}

Value *FunctionLowering::lowerMakeUnique(const clang::CallExpr &E) {
  clang::QualType T = E.getDirectCallee()
                          ->getTemplateSpecializationArgs()
                          ->get(0)
                          .getAsType();
  const clang::ArrayType *AT = T->getAsArrayTypeUnsafe();
  std::optional<Type> Elem =
      convertType(Ctx, AT ? AT->getElementType() : T);
  if (!Elem || !(Elem->isFloat() || Elem->isInt()))
    return unsupported(&E, "a 'new' expression of a type other than a number "
                           "(allocate numbers, or use a local object)");
  if (!AT)
    return newValue(*Elem, E.getNumArgs() ? E.getArg(0) : nullptr);
  Value *N = lowerExpr(E.getArg(0));
  return N ? newArray(*Elem, N) : nullptr;
}

Value *FunctionLowering::lowerMalloc(const clang::CallExpr &Alloc,
                                     clang::QualType PtrTy) {
  clang::QualType ElemT = PtrTy->getPointeeType();
  std::optional<Type> Elem =
      ElemT.isNull() ? std::nullopt : convertType(Ctx, ElemT);
  if (!Elem || !(Elem->isFloat() || Elem->isInt()))
    return unsupported(&Alloc, "an allocation of a type other than a number "
                               "(allocate numbers, or use a local object)");
  Type Count = Type::getInt(64, false);
  Value *Bytes = nullptr;
  for (const clang::Expr *Arg : Alloc.arguments()) {
    Value *V = lowerExpr(Arg);
    if (!V)
      return nullptr;
    V = B.cast(Count, V);
    Bytes = Bytes ? B.mul(Bytes, V) : V;
  }
  int64_t Size = Ctx.getTypeSizeInChars(ElemT).getQuantity();
  Value *N = B.create(OpKind::Div, Count, {Bytes, B.constInt(Count, Size)})
                 ->getResult();
  return B.data(B.object(vectorOf(*Elem), "heap", N));
}

Value *FunctionLowering::lowerFree(const clang::Expr &E) {
  const clang::Expr *Arg =
      llvm::isa<clang::CXXDeleteExpr>(E)
          ? llvm::cast<clang::CXXDeleteExpr>(E).getArgument()
          : llvm::cast<clang::CallExpr>(E).getArg(0);
  Value *P = lowerExpr(Arg->IgnoreParenImpCasts());
  if (!P)
    return nullptr;
  // The buffer: a local object, or the elements of a local vector.
  const Op *D = getPointerBase(P)->getDefiningOp();
  if (D && D->is(OpKind::Data))
    D = D->getOperand(0)->getDefiningOp();
  if (!D || !D->is(OpKind::Alloca))
    return unsupported(&E, "freeing a buffer the function did not allocate");
  return nullptr;
}
