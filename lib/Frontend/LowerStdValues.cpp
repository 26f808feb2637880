//===- LowerStdValues.cpp - Clang AST to SSA: pairs, tuples, complex ------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The value types of the standard library are structs to chainrule:
/// std::pair (members `first` and `second`), std::tuple (members by
/// position, `std::get<I>(t)` in generated code) and std::complex (its real
/// and imaginary parts, `z.real()` and `z.imag()`). The library's own code
/// for them is templates over templates (and, for std::complex, GNU complex
/// arithmetic), so their constructors, std::make_pair, std::make_tuple,
/// std::get, std::tie, structured bindings and the arithmetic of complex
/// numbers are lowered here, part by part.
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

/// What chainrule cannot do with an operator of these types.
static const char *const OperatorProblem =
    "this operator on a std::pair, std::tuple or std::complex (chainrule "
    "knows '=', and '+=', '-=', '*=', '/=', '==', '!=' of complex numbers)";

bool frontend::isStdValue(const clang::CXXRecordDecl *RD) {
  if (!RD || !RD->isInStdNamespace() || !RD->getIdentifier())
    return false;
  llvm::StringRef N = RD->getName();
  return N == "pair" || N == "tuple" || N == "complex";
}

/// True when \p T is a std::complex.
static bool isComplex(clang::QualType T) {
  const clang::CXXRecordDecl *RD =
      T.getNonReferenceType()->getAsCXXRecordDecl();
  return isStdValue(RD) && RD->getName() == "complex";
}

std::optional<Type> FunctionLowering::convertStdValue(
    clang::ASTContext &Ctx, const clang::ClassTemplateSpecializationDecl &Spec) {
  // The element types; a tuple's are a pack.
  llvm::SmallVector<clang::QualType, 4> Types;
  for (const clang::TemplateArgument &A : Spec.getTemplateArgs().asArray()) {
    if (A.getKind() == clang::TemplateArgument::Pack) {
      for (const clang::TemplateArgument &P : A.pack_elements())
        Types.push_back(P.getAsType());
      continue;
    }
    if (A.getKind() != clang::TemplateArgument::Type)
      return std::nullopt;
    Types.push_back(A.getAsType());
  }
  bool Complex = Spec.getName() == "complex";
  std::string Name = "std::" + Spec.getName().str() + "<";
  std::vector<Type> Elems;
  bool Zeroes = true;
  for (clang::QualType T : Types) {
    // Elements are values: numbers, enumerations, structs of them (a tuple
    // of references is std::tie's, lowered where it is assigned).
    std::optional<Type> E =
        T->isReferenceType() ? std::nullopt : convertType(Ctx, T);
    if (!E || E->isPointer() || (Complex && !E->isFloat()) ||
        (E->isRecord() &&
         (E->getRecord()->getKind() != RecordType::Kind::Struct ||
          holdsVector(E->getRecord()))))
      return std::nullopt;
    Name += (Elems.empty() ? "" : ", ") + E->cxxName();
    Zeroes &= !E->isRecord() || E->getRecord()->isValueInitZero();
    Elems.push_back(*E);
  }
  // A complex number is its real part and its imaginary part.
  if (Complex && Elems.size() == 1)
    Elems.push_back(Elems[0]);
  else if (Complex)
    return std::nullopt;
  RecordType *R = RecordType::get(RecordType::Kind::Struct, Name + ">");
  if (R->isComplete())
    return Type::getRecord(R);
  bool Pair = Spec.getName() == "pair";
  for (unsigned K = 0; K != Elems.size(); ++K)
    R->addField({Complex ? (K ? "imag" : "real")
                 : Pair  ? (K ? "second" : "first")
                         : "e" + std::to_string(K),
                 Elems[K]});
  R->setAccess(Complex ? RecordType::Access::Part
               : Pair  ? RecordType::Access::Named
                       : RecordType::Access::Get);
  R->setValueInitZero(Zeroes);
  R->setClangType(Ctx.getRecordType(&Spec).getAsOpaquePtr());
  R->setComplete();
  return Type::getRecord(R);
}

/// For a call of the library function std::<Name>, its callee; null for
/// other expressions.
static const clang::FunctionDecl *stdCall(const clang::Expr *E,
                                          llvm::StringRef Name) {
  const auto *Call = llvm::dyn_cast<clang::CallExpr>(stripTemporaries(E));
  const clang::FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  return FD && FD->isInStdNamespace() && FD->getIdentifier() &&
                 FD->getName() == Name
             ? FD
             : nullptr;
}

/// \p E without calls of std::move and std::forward.
static const clang::Expr *stripMoves(const clang::Expr *E) {
  while (stdCall(E, "move") || stdCall(E, "forward"))
    E = llvm::cast<clang::CallExpr>(stripTemporaries(E))->getArg(0);
  return stripNoOps(E);
}

bool frontend::isStdGet(const clang::Expr *E) {
  const clang::FunctionDecl *FD = stdCall(E, "get");
  return FD && llvm::cast<clang::CallExpr>(stripTemporaries(E))->getNumArgs() == 1 &&
         FD->getTemplateSpecializationArgs();
}

Value *FunctionLowering::lowerStdGet(const clang::CallExpr &E) {
  const clang::Expr *Arg = stripMoves(E.getArg(0));
  Value *Object = lowerLValue(Arg);
  if (!Object)
    return nullptr;
  const RecordType *R = Object->getType().getRecord();
  const clang::TemplateArgument &Which =
      E.getDirectCallee()->getTemplateSpecializationArgs()->get(0);
  // std::get<I>, or std::get<T> of the one element of type T.
  int64_t I = -1;
  if (Which.getKind() == clang::TemplateArgument::Integral) {
    I = Which.getAsIntegral().getExtValue();
  } else if (Which.getKind() == clang::TemplateArgument::Type && R &&
             R->getKind() == RecordType::Kind::Struct) {
    std::optional<Type> Ty = convertType(Ctx, Which.getAsType());
    for (unsigned K = 0, N = R->getFields().size(); Ty && K != N; ++K)
      if (R->getFields()[K].Ty == *Ty)
        I = K;
  }
  if (!R || I < 0) // (a type C++ accepts has its element)
    return unsupported(&E, "the address of this call");
  setLoc(&E);
  if (R->getKind() == RecordType::Kind::Array)
    return B.index(B.data(Object), B.constInt(Type::getInt(64, true), I));
  return B.member(Object, I);
}

/// The arguments of \p CE as written: without defaulted ones.
static llvm::SmallVector<const clang::Expr *, 4>
writtenArguments(const clang::CXXConstructExpr &CE) {
  llvm::SmallVector<const clang::Expr *, 4> Written;
  for (const clang::Expr *A : CE.arguments())
    if (!llvm::isa<clang::CXXDefaultArgExpr>(A))
      Written.push_back(A);
  return Written;
}

bool FunctionLowering::initStdValue(const clang::Expr *Src, Value *Dest,
                                    bool Zeroed) {
  const RecordType *R = Dest->getType().getRecord();
  const std::vector<RecordType::Field> &Fields = R->getFields();
  // The members from \p Args, one each.
  auto FromArgs = [&](llvm::ArrayRef<const clang::Expr *> Args) {
    for (unsigned K = 0, N = Fields.size(); K != N && !Failed; ++K) {
      Value *Slot = B.member(Dest, K);
      if (Fields[K].Ty.isRecord()) {
        initRecord(Args[K], Slot, Zeroed);
      } else if (Value *V = lowerRValue(Args[K])) {
        setLoc(Args[K]);
        B.store(Slot, B.cast(Fields[K].Ty, V));
      }
    }
    return true;
  };
  if (R->getAccess() == RecordType::Access::Part) {
    // A constructor, an operator or function of the library; the rest (a
    // copy, a call chainrule sees into, `c ? z : w`) initRecord knows.
    const auto *Call = llvm::dyn_cast<clang::CallExpr>(Src);
    bool Library = Call && Call->getDirectCallee() &&
                   Call->getDirectCallee()->isInStdNamespace();
    if (Src->isGLValue() || !isComplexExpr(Src) ||
        !(Library || llvm::isa<clang::CXXConstructExpr>(Src)))
      return false;
    std::optional<ComplexValue> Z = lowerComplex(Src);
    if (Z)
      storeComplex(Dest, *Z, Src);
    return true;
  }
  if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(Src)) {
    const clang::CXXConstructorDecl *CD = CE->getConstructor();
    if (CD->isCopyOrMoveConstructor() && !CD->isUserProvided())
      return false;
    llvm::SmallVector<const clang::Expr *, 4> Args =
        writtenArguments(*CE);
    if (Args.size() == Fields.size())
      return FromArgs(Args);
    // A pair or tuple of other element types.
    if (Args.size() == 1 &&
        isStdValue(Args[0]->getType()->getAsCXXRecordDecl()) &&
        convertType(Ctx, Args[0]->getType()) &&
        convertType(Ctx, Args[0]->getType())->getRecord()->getFields().size() ==
            Fields.size())
      if (Value *From = lowerRecordArgument(Args[0])) {
        convertMembers(Dest, From, Src);
        return true;
      }
    if (!Failed)
      unsupported(Src, "this constructor of '" + R->getCxxName() + "'");
    return true;
  }
  const auto *Call = llvm::dyn_cast<clang::CallExpr>(Src);
  if (Call && (stdCall(Src, "make_pair") || stdCall(Src, "make_tuple")) &&
      Call->getNumArgs() == Fields.size()) {
    llvm::SmallVector<const clang::Expr *, 4> Args(Call->arguments());
    return FromArgs(Args);
  }
  if (Call && Call->getDirectCallee() && isStandardLibrary(*Call->getDirectCallee())) {
    unsupported(Src, "a call to '" +
                         Call->getDirectCallee()->getQualifiedNameAsString() +
                         "' (make the value with its constructor, "
                         "std::make_pair or std::make_tuple)");
    return true;
  }
  return false;
}

bool FunctionLowering::convertMembers(Value *Dest, Value *Src,
                                      const clang::Expr *At) {
  const std::vector<RecordType::Field> &Fields =
      Dest->getType().getRecord()->getFields();
  for (unsigned K = 0, N = Fields.size(); K != N; ++K) {
    if (!Fields[K].Ty.isRecord())
      B.store(B.member(Dest, K),
              B.cast(Fields[K].Ty, B.load(B.member(Src, K))));
    else if (!copyRecord(B.member(Dest, K), B.member(Src, K), At))
      return false;
  }
  return true;
}

Value *FunctionLowering::lowerTieAssign(const clang::CXXOperatorCallExpr &E) {
  const auto *Tie = llvm::cast<clang::CallExpr>(stripTemporaries(E.getArg(0)));
  // C++17 evaluates the right operand of an assignment first.
  const clang::Expr *RHS = stripTemporaries(E.getArg(1));
  Value *Src = RHS->isGLValue() ? lowerLValue(RHS) : lowerRecord(RHS);
  if (!Src)
    return nullptr;
  const RecordType *R = Src->getType().getRecord();
  if (!R || R->getKind() != RecordType::Kind::Struct ||
      R->getFields().size() != Tie->getNumArgs())
    return unsupported(&E, OperatorProblem);
  for (unsigned K = 0, N = Tie->getNumArgs(); K != N && !Failed; ++K) {
    const clang::Expr *Target = stripNoOps(Tie->getArg(K));
    // std::ignore takes the value and keeps nothing.
    if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(Target);
        DR && DR->getDecl()->isInStdNamespace() &&
        DR->getDecl()->getName() == "ignore")
      continue;
    Value *From = B.member(Src, K);
    if (R->getFields()[K].Ty.isRecord()) {
      Value *Dest = lowerLValue(Target);
      if (!Dest || !checkWritable(Dest, Target) || !copyRecord(Dest, From, &E))
        return nullptr;
      continue;
    }
    if (!storeTo(Target, B.load(From), &E))
      return nullptr;
  }
  return Src;
}

bool frontend::isTie(const clang::Expr *E) { return stdCall(E, "tie"); }

void FunctionLowering::lowerBindings(const clang::DecompositionDecl &DD) {
  for (const clang::BindingDecl *BD : DD.bindings()) {
    // A tuple's binding is a reference initialized with std::get<I>(e); a
    // struct's or an array's designates the member or element.
    const clang::Expr *Bound = BD->getBinding();
    if (const clang::VarDecl *Holding = BD->getHoldingVar())
      Bound = Holding->getInit();
    if (!Bound)
      continue; // (only in a template)
    Value *A = lowerLValue(stripTemporaries(Bound));
    if (!A)
      return;
    Addrs[BD] = A;
  }
}

//===----------------------------------------------------------------------===//
// std::complex
//===----------------------------------------------------------------------===//

// Parts where null is an exact zero (the imaginary part of a real
// number): generated code has no `x + 0` and no `0 * y`.
static Value *addPart(Builder &B, Value *X, Value *Y) {
  return !X ? Y : !Y ? X : B.add(X, Y);
}
static Value *subPart(Builder &B, Value *X, Value *Y) {
  return !Y ? X : !X ? B.neg(Y) : B.sub(X, Y);
}
static Value *mulPart(Builder &B, Value *X, Value *Y) {
  return X && Y ? B.mul(X, Y) : nullptr;
}
/// \p X, or a zero like \p Like for a null \p X.
static Value *valuePart(Builder &B, Value *X, Value *Like) {
  return X ? X : B.constLike(Like, 0);
}

bool FunctionLowering::isComplexExpr(const clang::Expr *E) const {
  return isComplex(E->getType());
}

/// The message for a function of complex numbers chainrule does not know.
static std::string complexProblem(const clang::FunctionDecl &FD) {
  return "a call to '" + FD.getQualifiedNameAsString() +
         "' on complex numbers (chainrule knows + - * /, exp, log, sqrt, sin, "
         "cos, sinh, cosh, pow, conj, polar, abs, arg, norm, real and imag)";
}

/// The library functions of complex numbers that give one.
static bool isComplexFunction(llvm::StringRef Name) {
  return llvm::is_contained({"exp", "log", "sqrt", "sin", "cos", "sinh",
                             "cosh", "conj", "polar", "pow"},
                            Name);
}

std::optional<ComplexValue>
FunctionLowering::lowerComplex(const clang::Expr *E) {
  E = stripTemporaries(E);
  if (!isComplexExpr(E)) {
    Value *Re = lowerRValue(E);
    if (!Re)
      return std::nullopt;
    return ComplexValue{Re, nullptr};
  }
  auto Parts = [&](Value *Object) -> std::optional<ComplexValue> {
    if (!Object)
      return std::nullopt;
    return ComplexValue{B.load(B.member(Object, 0)),
                        B.load(B.member(Object, 1))};
  };
  // `c ? z : w`: an object that each arm initializes.
  if (llvm::isa<clang::ConditionalOperator>(E))
    return Parts(lowerRecord(E));
  if (E->isGLValue())
    return Parts(lowerLValue(E));
  if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E)) {
    // complex(re, im), complex(re), a copy, a conversion.
    if (CE->getNumArgs() == 1 && isComplexExpr(CE->getArg(0)))
      return lowerComplex(CE->getArg(0));
    Value *Re = CE->getNumArgs() ? lowerRValue(CE->getArg(0)) : nullptr;
    Value *Im = CE->getNumArgs() > 1 ? lowerRValue(CE->getArg(1)) : nullptr;
    if (!Re || (CE->getNumArgs() > 1 && !Im))
      return std::nullopt;
    return ComplexValue{Re, Im};
  }
  const auto *Call = llvm::dyn_cast<clang::CallExpr>(E);
  const clang::FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || !FD->isInStdNamespace()) {
    // A function returning a complex, which chainrule sees into.
    return Parts(lowerRecord(E));
  }
  llvm::SmallVector<ComplexValue, 2> Args;
  for (const clang::Expr *A : Call->arguments()) {
    std::optional<ComplexValue> Z = lowerComplex(A);
    if (!Z)
      return std::nullopt;
    Args.push_back(*Z);
  }
  setLoc(E);
  if (FD->isOverloadedOperator()) {
    clang::OverloadedOperatorKind K = FD->getOverloadedOperator();
    if (Args.size() == 1 && (K == clang::OO_Minus || K == clang::OO_Plus))
      return K == clang::OO_Plus
                 ? Args[0]
                 : ComplexValue{subPart(B, nullptr, Args[0].Re),
                                subPart(B, nullptr, Args[0].Im)};
    if (Args.size() == 2)
      if (std::optional<ComplexValue> Z = complexArith(K, Args[0], Args[1]))
        return Z;
  } else if (FD->getIdentifier() && isComplexFunction(FD->getName())) {
    if (std::optional<ComplexValue> Z = complexFunction(FD->getName(), Args))
      return Z;
  }
  unsupported(E, complexProblem(*FD));
  return std::nullopt;
}

std::optional<ComplexValue>
FunctionLowering::complexArith(clang::OverloadedOperatorKind K, ComplexValue X,
                               ComplexValue Y) {
  Value *A = X.Re, *Bv = X.Im, *C = Y.Re, *D = Y.Im;
  switch (K) {
  case clang::OO_Plus:
  case clang::OO_PlusEqual:
    return ComplexValue{addPart(B, A, C), addPart(B, Bv, D)};
  case clang::OO_Minus:
  case clang::OO_MinusEqual:
    return ComplexValue{subPart(B, A, C), subPart(B, Bv, D)};
  case clang::OO_Star:
  case clang::OO_StarEqual:
    return ComplexValue{subPart(B, mulPart(B, A, C), mulPart(B, Bv, D)),
                        addPart(B, mulPart(B, A, D), mulPart(B, Bv, C))};
  case clang::OO_Slash:
  case clang::OO_SlashEqual: {
    if (!D) // by a real number
      return ComplexValue{A ? B.div(A, C) : nullptr,
                          Bv ? B.div(Bv, C) : nullptr};
    Value *Den = addPart(B, mulPart(B, C, C), B.mul(D, D));
    Value *Re = addPart(B, mulPart(B, A, C), mulPart(B, Bv, D));
    Value *Im = subPart(B, mulPart(B, Bv, C), mulPart(B, A, D));
    return ComplexValue{Re ? B.div(Re, Den) : nullptr,
                        Im ? B.div(Im, Den) : nullptr};
  }
  default:
    return std::nullopt;
  }
}

std::optional<ComplexValue>
FunctionLowering::complexFunction(llvm::StringRef Name,
                                  llvm::ArrayRef<ComplexValue> Args) {
  auto Exp = [&](ComplexValue Z) {
    Value *M = B.math(MathFn::Exp, {valuePart(B, Z.Re, Z.Im)});
    if (!Z.Im)
      return ComplexValue{M, nullptr};
    return ComplexValue{B.mul(M, B.math(MathFn::Cos, {Z.Im})),
                        B.mul(M, B.math(MathFn::Sin, {Z.Im}))};
  };
  // The principal logarithm: log|z| + i arg z.
  auto Log = [&](ComplexValue Z) {
    Value *Re = valuePart(B, Z.Re, Z.Im), *Im = valuePart(B, Z.Im, Z.Re);
    return ComplexValue{B.math(MathFn::Log, {B.math(MathFn::Hypot, {Re, Im})}),
                        B.math(MathFn::Atan2, {Im, Re})};
  };
  if (Args.size() == 1) {
    ComplexValue Z = Args[0];
    if (Name == "exp")
      return Exp(Z);
    if (Name == "log")
      return Log(Z);
    if (Name == "conj")
      return ComplexValue{Z.Re, Z.Im ? B.neg(Z.Im) : nullptr};
    if (Name == "polar") // polar(r): r + 0i
      return Z;
    Value *Re = valuePart(B, Z.Re, Z.Im), *Im = valuePart(B, Z.Im, Z.Re);
    if (Name == "sqrt") {
      // sqrt|z| (cos(arg z / 2) + i sin(arg z / 2))
      Value *R = B.math(MathFn::Sqrt, {B.math(MathFn::Hypot, {Re, Im})});
      Value *Half =
          B.mul(B.math(MathFn::Atan2, {Im, Re}), B.constLike(Re, 0.5));
      return ComplexValue{B.mul(R, B.math(MathFn::Cos, {Half})),
                          B.mul(R, B.math(MathFn::Sin, {Half}))};
    }
    auto Mul = [&](MathFn F, Value *X, MathFn G, Value *Y) {
      return B.mul(B.math(F, {X}), B.math(G, {Y}));
    };
    if (Name == "sin") // sin a cosh b + i cos a sinh b
      return ComplexValue{Mul(MathFn::Sin, Re, MathFn::Cosh, Im),
                          Mul(MathFn::Cos, Re, MathFn::Sinh, Im)};
    if (Name == "cos") // cos a cosh b - i sin a sinh b
      return ComplexValue{Mul(MathFn::Cos, Re, MathFn::Cosh, Im),
                          B.neg(Mul(MathFn::Sin, Re, MathFn::Sinh, Im))};
    if (Name == "sinh") // sinh a cos b + i cosh a sin b
      return ComplexValue{Mul(MathFn::Sinh, Re, MathFn::Cos, Im),
                          Mul(MathFn::Cosh, Re, MathFn::Sin, Im)};
    if (Name == "cosh") // cosh a cos b + i sinh a sin b
      return ComplexValue{Mul(MathFn::Cosh, Re, MathFn::Cos, Im),
                          Mul(MathFn::Sinh, Re, MathFn::Sin, Im)};
    return std::nullopt;
  }
  if (Args.size() != 2)
    return std::nullopt;
  if (Name == "polar") // r (cos t + i sin t), of real r and t
    return ComplexValue{B.mul(Args[0].Re, B.math(MathFn::Cos, {Args[1].Re})),
                        B.mul(Args[0].Re, B.math(MathFn::Sin, {Args[1].Re}))};
  if (Name == "pow") // exp(w log z)
    return Exp(*complexArith(clang::OO_Star, Args[1], Log(Args[0])));
  return std::nullopt;
}

Value *FunctionLowering::lowerComplexScalar(const clang::CallExpr &E) {
  const clang::FunctionDecl *FD = E.getDirectCallee();
  llvm::StringRef Name = FD->getIdentifier() ? FD->getName() : "";
  const clang::Expr *Arg = E.getNumArgs() == 1 ? E.getArg(0) : nullptr;
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(&E))
    Arg = E.getNumArgs() == 0 ? MC->getImplicitObjectArgument() : nullptr;
  if (!Arg || !llvm::is_contained({"abs", "arg", "norm", "real", "imag"}, Name))
    return unsupported(&E, complexProblem(*FD));
  std::optional<ComplexValue> Z = lowerComplex(Arg);
  if (!Z)
    return nullptr;
  setLoc(&E);
  Value *Re = valuePart(B, Z->Re, Z->Im), *Im = valuePart(B, Z->Im, Z->Re);
  if (Name == "real")
    return Re;
  if (Name == "imag")
    return Im;
  if (Name == "abs")
    return Z->Im ? B.math(MathFn::Hypot, {Re, Im}) : B.math(MathFn::Fabs, {Re});
  if (Name == "arg")
    return B.math(MathFn::Atan2, {Im, Re});
  return addPart(B, B.mul(Re, Re), mulPart(B, Z->Im, Z->Im)); // norm
}

Value *FunctionLowering::lowerStdValueCall(const clang::CXXMemberCallExpr &E) {
  const clang::CXXMethodDecl *M = E.getMethodDecl();
  if (isComplex(E.getImplicitObjectArgument()->getType()) &&
      M->getIdentifier() && E.getNumArgs() == 1 &&
      (M->getName() == "real" || M->getName() == "imag")) {
    // z.real(x): sets the part.
    Value *Object = lowerLValue(E.getImplicitObjectArgument());
    Value *V = Object ? lowerRValue(E.getArg(0)) : nullptr;
    if (!V || !checkWritable(Object, &E))
      return nullptr;
    setLoc(&E);
    Value *Part = B.member(Object, M->getName() == "imag");
    B.store(Part, B.cast(Part->getType().getPointee(), V));
    return nullptr;
  }
  if (isComplex(E.getImplicitObjectArgument()->getType()))
    return lowerComplexScalar(E);
  return unsupported(&E, "a call to '" + M->getQualifiedNameAsString() + "'");
}

Value *FunctionLowering::lowerStdValueOperator(const clang::CXXOperatorCallExpr &E) {
  clang::OverloadedOperatorKind K = E.getOperator();
  if (K == clang::OO_Equal && isTie(E.getArg(0)))
    return lowerTieAssign(E);
  const clang::Expr *LHS = E.getArg(0);
  bool Complex = isComplexExpr(LHS);
  bool Compound = llvm::is_contained({clang::OO_PlusEqual, clang::OO_MinusEqual,
                                      clang::OO_StarEqual, clang::OO_SlashEqual},
                                     K);
  if (K == clang::OO_Equal && !Complex) {
    // A pair or tuple from one of its own or other element types.
    const clang::Expr *R = stripTemporaries(E.getArg(1));
    Value *Src = R->isGLValue() ? lowerLValue(R) : lowerRecord(R);
    Value *Dest = Src ? lowerLValue(LHS) : nullptr;
    if (!Dest || !checkWritable(Dest, &E))
      return nullptr;
    const RecordType *DR = Dest->getType().getRecord(),
                     *SR = Src->getType().getRecord();
    if (!SR || SR->getFields().size() != DR->getFields().size())
      return unsupported(&E, OperatorProblem);
    return convertMembers(Dest, Src, &E) ? Dest : nullptr;
  }
  if (Complex && (K == clang::OO_Equal || Compound)) {
    // The right side first (C++17), then the old value of the left.
    std::optional<ComplexValue> Y = lowerComplex(E.getArg(1));
    Value *Dest = Y ? lowerLValue(LHS) : nullptr;
    if (!Dest || !checkWritable(Dest, &E))
      return nullptr;
    setLoc(&E);
    if (Compound) {
      ComplexValue X{B.load(B.member(Dest, 0)), B.load(B.member(Dest, 1))};
      Y = complexArith(K, X, *Y);
    }
    storeComplex(Dest, *Y, &E);
    return Dest;
  }
  if (Complex && (K == clang::OO_EqualEqual || K == clang::OO_ExclaimEqual)) {
    std::optional<ComplexValue> X = lowerComplex(LHS);
    std::optional<ComplexValue> Y = X ? lowerComplex(E.getArg(1)) : std::nullopt;
    if (!Y)
      return nullptr;
    setLoc(&E);
    auto Equal = [&](Value *P, Value *Q, Value *Like) {
      return B.cmp(CmpPred::EQ, valuePart(B, P, Like), valuePart(B, Q, Like));
    };
    Value *Same = B.logicAnd(Equal(X->Re, Y->Re, X->Im ? X->Im : Y->Im),
                             Equal(X->Im, Y->Im, X->Re));
    return K == clang::OO_EqualEqual ? Same : B.logicNot(Same);
  }
  return unsupported(&E, OperatorProblem);
}

bool FunctionLowering::storeTo(const clang::Expr *Target, Value *V,
                               const clang::Expr *At) {
  if (isMemoryLValue(Target)) {
    Value *Dest = lowerLValue(Target);
    if (!Dest || !checkWritable(Dest, At))
      return false;
    B.store(Dest, B.cast(Dest->getType().getPointee(), V));
    return true;
  }
  const clang::VarDecl *VD = assignedVar(Target);
  if (!VD)
    return false;
  if (PtrBase.count(VD))
    return assignPointer(VD, V, At);
  Vars[VD] = B.cast(*convertType(Ctx, VD->getType()), V);
  return true;
}

void FunctionLowering::storeComplex(Value *Dest, ComplexValue Z,
                                    const clang::Expr *At) {
  setLoc(At);
  Type Ty = Dest->getType().getRecord()->getFields()[0].Ty;
  B.store(B.member(Dest, 0), B.cast(Ty, valuePart(B, Z.Re, Z.Im)));
  B.store(B.member(Dest, 1), Z.Im ? B.cast(Ty, Z.Im) : B.constFloat(Ty, 0));
}
