//===- LowerAlgorithms.cpp - Clang AST to SSA: iterators and algorithms ---===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The standard library's iterators and algorithms over buffers.
///
/// An iterator of std::vector is the pointer it wraps (`v.begin()` is
/// `v.data()`, `v.end()` is `v.data() + v.size()`), so its operators are
/// those of pointers and an iterator variable is a pointer variable.
///
/// The algorithms numerical code uses on buffers (std::fill, std::copy and
/// their _n forms, std::accumulate, std::inner_product, std::max_element,
/// std::min_element, std::swap) are built-in rules: each becomes the
/// counted loop it stands for. Their bodies in the library are written for
/// any iterator, with tag dispatch and calls of memmove for trivially
/// copyable types, which would hide the loop the derivative needs.
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSwitch.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

static const Type OffsetType = Type::getInt(64, true);

std::optional<clang::QualType> frontend::iteratorPointer(clang::QualType T) {
  const auto *Spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec)
    return std::nullopt;
  // std::unique_ptr<T[]> and std::unique_ptr<T> of numbers (with the
  // default deleter): the pointer to the buffer they own.
  if (Spec->isInStdNamespace() && Spec->getName() == "unique_ptr") {
    clang::QualType E = Spec->getTemplateArgs()[0].getAsType();
    if (const clang::ArrayType *AT = E->getAsArrayTypeUnsafe())
      E = AT->getElementType();
    const auto *Deleter = Spec->getTemplateArgs()[1]
                              .getAsType()
                              ->getAsCXXRecordDecl();
    if (!E->isArithmeticType() || !Deleter ||
        Deleter->getName() != "default_delete")
      return std::nullopt;
    return Spec->getASTContext().getPointerType(E);
  }
  if (Spec->getName() != "__normal_iterator")
    return std::nullopt;
  const auto *NS = llvm::dyn_cast<clang::NamespaceDecl>(
      Spec->getDeclContext()->getRedeclContext());
  if (!NS || NS->getName() != "__gnu_cxx")
    return std::nullopt;
  clang::QualType P = Spec->getTemplateArgs()[0].getAsType();
  if (!P->isPointerType())
    return std::nullopt;
  return P;
}

namespace {
/// The algorithms lowered as loops.
enum class Algorithm {
  Fill,
  FillN,
  Copy,
  CopyN,
  Accumulate,
  InnerProduct,
  MaxElement,
  MinElement,
  Swap,
};
} // namespace

static std::optional<Algorithm> algorithmNamed(llvm::StringRef Name,
                                               unsigned NumArgs) {
  std::optional<Algorithm> A =
      llvm::StringSwitch<std::optional<Algorithm>>(Name)
          .Case("fill", Algorithm::Fill)
          .Case("fill_n", Algorithm::FillN)
          .Case("copy", Algorithm::Copy)
          .Case("copy_n", Algorithm::CopyN)
          .Case("accumulate", Algorithm::Accumulate)
          .Case("inner_product", Algorithm::InnerProduct)
          .Case("max_element", Algorithm::MaxElement)
          .Case("min_element", Algorithm::MinElement)
          .Case("swap", Algorithm::Swap)
          .Default(std::nullopt);
  if (!A)
    return std::nullopt;
  // The forms with a function argument (an operation, a comparison, an
  // execution policy) are not these rules.
  unsigned Expected = *A == Algorithm::MaxElement || *A == Algorithm::MinElement ||
                              *A == Algorithm::Swap
                          ? 2
                      : *A == Algorithm::InnerProduct ? 4
                                                      : 3;
  if (NumArgs != Expected)
    return std::nullopt;
  return A;
}

bool FunctionLowering::isAlgorithmCall(const clang::CallExpr &E) const {
  const clang::FunctionDecl *Callee = E.getDirectCallee();
  return Callee && Callee->getIdentifier() && Callee->isInStdNamespace() &&
         isStandardLibrary(*Callee) &&
         algorithmNamed(Callee->getName(), E.getNumArgs());
}

llvm::SmallVector<Value *, 2>
FunctionLowering::countedLoop(Value *Begin, Value *End,
                              llvm::ArrayRef<Value *> Inits,
                              llvm::ArrayRef<std::string> Names,
                              CountedBody Body) {
  llvm::SmallVector<Value *, 4> All = {Begin};
  All.append(Inits.begin(), Inits.end());
  llvm::SmallVector<std::string, 4> AllNames = {"k"};
  AllNames.append(Names.begin(), Names.end());
  Op *W = B.createWhile(All, AllNames);
  Builder Outer = B;
  B.setInsertionPointToEnd(W->getRegion(0));
  B.condition(B.cmp(CmpPred::LT, W->getRegion(0).getArgument(0), End));
  B.setInsertionPointToEnd(W->getRegion(1));
  Region &R = W->getRegion(1);
  Value *I = R.getArgument(0);
  llvm::SmallVector<Value *, 2> Carried;
  for (unsigned J = 1, E = R.getNumArguments(); J != E; ++J)
    Carried.push_back(R.getArgument(J));
  llvm::SmallVector<Value *, 2> After = Body(I, Carried);
  llvm::SmallVector<Value *, 4> Next = {B.add(I, B.constLike(I, 1))};
  Next.append(After.begin(), After.end());
  B.yield(Next);
  B = Outer;
  llvm::SmallVector<Value *, 2> Results;
  for (unsigned J = 1, E = W->getNumResults(); J != E; ++J)
    Results.push_back(W->getResult(J));
  return Results;
}

Value *FunctionLowering::lowerIteratorOperator(const clang::CXXOperatorCallExpr &E) {
  const clang::Expr *It = E.getArg(0);
  setLoc(&E);
  switch (E.getOperator()) {
  case clang::OO_Star:
  case clang::OO_Arrow:
    return lowerExpr(It); // the element's address
  case clang::OO_Subscript: {
    Value *P = lowerExpr(It);
    Value *K = lowerExpr(integerAsWritten(E.getArg(1)));
    return P && K ? B.index(P, K) : nullptr;
  }
  case clang::OO_Plus:
    return lowerPointerBinary(clang::BO_Add, It, E.getArg(1), E);
  case clang::OO_Minus:
    return lowerPointerBinary(clang::BO_Sub, It, E.getArg(1), E);
  case clang::OO_EqualEqual:
    return lowerPointerBinary(clang::BO_EQ, It, E.getArg(1), E);
  case clang::OO_ExclaimEqual:
    return lowerPointerBinary(clang::BO_NE, It, E.getArg(1), E);
  case clang::OO_Less:
    return lowerPointerBinary(clang::BO_LT, It, E.getArg(1), E);
  case clang::OO_LessEqual:
    return lowerPointerBinary(clang::BO_LE, It, E.getArg(1), E);
  case clang::OO_Greater:
    return lowerPointerBinary(clang::BO_GT, It, E.getArg(1), E);
  case clang::OO_GreaterEqual:
    return lowerPointerBinary(clang::BO_GE, It, E.getArg(1), E);
  default:
    break;
  }
  // Operators that move an iterator variable.
  const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(stripNoOps(It));
  const auto *VD = DR ? llvm::dyn_cast<clang::VarDecl>(DR->getDecl()) : nullptr;
  if (!VD || !PtrBase.count(VD))
    return unsupported(&E, "this operation on an iterator");
  switch (E.getOperator()) {
  case clang::OO_PlusPlus:
  case clang::OO_MinusMinus:
    // The postfix forms take a second, unused int.
    return stepPointer(VD, E.getOperator() == clang::OO_PlusPlus ? 1 : -1,
                       /*Prefix=*/E.getNumArgs() == 1, E);
  case clang::OO_PlusEqual:
  case clang::OO_MinusEqual: {
    Value *K = lowerExpr(E.getArg(1));
    if (!K)
      return nullptr;
    if (E.getOperator() == clang::OO_MinusEqual)
      K = B.neg(K);
    return assignPointer(VD, B.index(pointerValue(VD), K), &E)
               ? pointerValue(VD)
               : nullptr;
  }
  case clang::OO_Equal: {
    Value *P = lowerExpr(E.getArg(1));
    return P && assignPointer(VD, P, &E) ? pointerValue(VD) : nullptr;
  }
  default:
    return unsupported(&E, "this operation on an iterator");
  }
}

Value *FunctionLowering::lowerRangeEnd(const clang::CallExpr &E, bool End) {
  // std::begin(a), std::end(a) of an array or a container.
  const clang::Expr *Range = E.getArg(0);
  if (const auto *AT = Ctx.getAsConstantArrayType(Range->getType())) {
    Value *P = lowerLValue(Range);
    if (!P || !End)
      return P;
    return B.index(P, B.constInt(OffsetType, AT->getSize().getSExtValue()));
  }
  Value *Object = lowerLValue(Range);
  if (!Object)
    return nullptr;
  return containerEnd(Object, End);
}

Value *FunctionLowering::containerEnd(Value *Object, bool End) {
  const RecordType *R = Object->getType().getRecord();
  if (!R || R->getKind() == RecordType::Kind::Struct)
    return nullptr;
  Value *Data = B.data(Object);
  if (!End)
    return Data;
  Value *N = R->getKind() == RecordType::Kind::Array
                 ? B.constInt(OffsetType, R->getSize())
                 : B.cast(OffsetType, B.size(Object, Type::getInt(64, false)));
  return B.index(Data, N);
}

Value *FunctionLowering::lowerAlgorithm(const clang::CallExpr &E) {
  const clang::FunctionDecl *Callee = E.getDirectCallee();
  Algorithm A = *algorithmNamed(Callee->getName(), E.getNumArgs());
  std::string Name = "std::" + Callee->getName().str();
  // An argument that is a range's bound: a pointer (an iterator of another
  // kind is reported where it is made).
  auto Iterator = [&](unsigned I) -> Value * {
    Value *P = lowerExpr(E.getArg(I));
    if (P && !P->getType().isPointer())
      return unsupported(E.getArg(I), "this operation on an iterator");
    return P;
  };
  // The number of elements from \p First to \p Last, one buffer.
  auto Distance = [&](Value *First, Value *Last) -> Value * {
    auto [FirstBase, FirstOff] = splitPointer(First);
    auto [LastBase, LastOff] = splitPointer(Last);
    if (!sameElement(FirstBase, LastBase))
      return unsupported(&E, "a range of '" + Name +
                                 "' whose ends are in different buffers");
    return B.sub(LastOff, FirstOff);
  };
  auto Count = [&](unsigned I) -> Value * {
    Value *N = lowerExpr(E.getArg(I));
    return N ? B.cast(OffsetType, N) : nullptr;
  };
  Value *Zero = B.constInt(OffsetType, 0);
  setLoc(&E);

  switch (A) {
  case Algorithm::Fill:
  case Algorithm::FillN: {
    Value *First = Iterator(0);
    Value *N = A == Algorithm::Fill ? (First ? Distance(First, Iterator(1)) : nullptr)
                                    : Count(1);
    Value *V = lowerExpr(E.getArg(2));
    if (!First || !N || !V)
      return nullptr;
    V = B.cast(First->getType().getPointee(), V);
    countedLoop(Zero, N, {}, {}, [&](Value *K, llvm::ArrayRef<Value *>) {
      B.store(B.index(First, K), V);
      return llvm::SmallVector<Value *, 2>();
    });
    return A == Algorithm::FillN ? B.index(First, N) : nullptr;
  }
  case Algorithm::Copy:
  case Algorithm::CopyN: {
    Value *First = Iterator(0);
    Value *N = A == Algorithm::Copy ? (First ? Distance(First, Iterator(1)) : nullptr)
                                    : Count(1);
    Value *Out = Iterator(2);
    if (!First || !N || !Out)
      return nullptr;
    Type Elem = Out->getType().getPointee();
    if (Elem.isRecord())
      return unsupported(&E, "'" + Name + "' of structs (write the loop)");
    countedLoop(Zero, N, {}, {}, [&](Value *K, llvm::ArrayRef<Value *>) {
      B.store(B.index(Out, K), B.cast(Elem, B.load(B.index(First, K))));
      return llvm::SmallVector<Value *, 2>();
    });
    return B.index(Out, N);
  }
  case Algorithm::Accumulate:
  case Algorithm::InnerProduct: {
    bool Inner = A == Algorithm::InnerProduct;
    Value *First = Iterator(0);
    Value *N = First ? Distance(First, Iterator(1)) : nullptr;
    Value *Second = Inner ? Iterator(2) : nullptr;
    Value *Init = lowerExpr(E.getArg(Inner ? 3 : 2));
    std::optional<Type> Ty = typeOf(&E);
    if (!First || !N || (Inner && !Second) || !Init || !Ty)
      return nullptr;
    if (First->getType().getPointee().isRecord())
      return unsupported(&E, "'" + Name + "' of structs (write the loop)");
    // As the library: init = init + *first (or + *first1 * *first2), the
    // product in the elements' type.
    Value *Sum = countedLoop(
        Zero, N, {B.cast(*Ty, Init)}, {"sum"},
        [&](Value *K, llvm::ArrayRef<Value *> Carried) {
          Value *X = B.load(B.index(First, K));
          if (Inner) {
            Value *Y = B.load(B.index(Second, K));
            Type P = X->getType().getBits() >= Y->getType().getBits()
                         ? X->getType()
                         : Y->getType();
            X = B.mul(B.cast(P, X), B.cast(P, Y));
          }
          return llvm::SmallVector<Value *, 2>{
              B.add(Carried[0], B.cast(*Ty, X))};
        })[0];
    return Sum;
  }
  case Algorithm::MaxElement:
  case Algorithm::MinElement: {
    // The first extreme element (the library compares `*best < *it` for
    // the maximum); the first element, or last, of an empty range.
    Value *First = Iterator(0);
    Value *N = First ? Distance(First, Iterator(1)) : nullptr;
    if (!First || !N)
      return nullptr;
    if (First->getType().getPointee().isRecord())
      return unsupported(&E, "'" + Name + "' of structs (write the loop)");
    bool Max = A == Algorithm::MaxElement;
    Value *Best = countedLoop(
        B.constInt(OffsetType, 1), N, {Zero}, {"best"},
        [&](Value *K, llvm::ArrayRef<Value *> Carried) {
          Value *Current = B.load(B.index(First, Carried[0]));
          Value *Candidate = B.load(B.index(First, K));
          Value *Better = Max ? B.cmp(CmpPred::LT, Current, Candidate)
                              : B.cmp(CmpPred::LT, Candidate, Current);
          return llvm::SmallVector<Value *, 2>{
              B.select(Better, K, Carried[0])};
        })[0];
    return B.index(First, Best);
  }
  case Algorithm::Swap:
    return lowerSwap(E);
  }
  return nullptr;
}

Value *FunctionLowering::lowerSwap(const clang::CallExpr &E) {
  // Two scalars: locals or elements.
  const clang::Expr *Sides[2] = {E.getArg(0), E.getArg(1)};
  Value *Old[2];
  for (unsigned I = 0; I != 2; ++I) {
    if (!Sides[I]->getType()->isScalarType() ||
        Sides[I]->getType()->isPointerType())
      return unsupported(&E, "'std::swap' of values that are not numbers");
    Old[I] = lowerRValue(Sides[I]);
    if (!Old[I])
      return nullptr;
  }
  for (unsigned I = 0; I != 2; ++I) {
    const clang::Expr *Side = Sides[I];
    Value *New = Old[1 - I];
    if (isMemoryLValue(Side)) {
      Value *Addr = lowerLValue(Side);
      if (!Addr || !checkWritable(Addr, &E))
        return nullptr;
      B.store(Addr, B.cast(Addr->getType().getPointee(), New));
      continue;
    }
    const clang::VarDecl *VD = assignedVar(Side);
    if (!VD)
      return nullptr;
    Vars[VD] = New;
  }
  return nullptr;
}
