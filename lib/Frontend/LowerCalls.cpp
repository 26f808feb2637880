//===- LowerCalls.cpp - Clang AST to SSA: calls ---------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Calls: <cmath> functions become `math` ops, std::min and std::max
/// selects, and a call of a function chainrule sees into a `call` op. A
/// member function, constructor or lambda's call operator gets its object
/// (or the lambda's captures) as leading arguments, and a function
/// returning a struct the address of the object that receives it
/// (ImplicitParams); the inliner later replaces such calls by the callee's
/// body.
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

bool frontend::isStandardLibrary(const clang::FunctionDecl &FD) {
  const clang::DeclContext *DC = FD.getDeclContext()->getRedeclContext();
  bool InStd = DC->isTranslationUnit() || DC->isStdNamespace();
  return InStd &&
         FD.getASTContext().getSourceManager().isInSystemHeader(FD.getLocation());
}

static std::optional<MathFn> mathFunctionNamed(llvm::StringRef Name) {
  // Clang's spelling of the same functions: __builtin_sin, __builtin_powf.
  Name.consume_front("__builtin_");
  if (Name == "abs")
    return MathFn::Fabs;
  if (std::optional<MathFn> Fn = lookupMathFn(Name))
    return Fn;
  // The C names of the float and long double versions: sinf, sinl.
  if (Name.ends_with("f") || Name.ends_with("l"))
    return lookupMathFn(Name.drop_back());
  return std::nullopt;
}

const clang::FunctionDecl *
frontend::getKnownCallTarget(const clang::VarDecl &VD) {
  clang::QualType T = VD.getType();
  bool FunctionRef = T->isReferenceType() && T->getPointeeType()->isFunctionType();
  bool ConstFunctionPtr = T->isPointerType() &&
                          T->getPointeeType()->isFunctionType() &&
                          T.isConstQualified();
  if (!(FunctionRef || ConstFunctionPtr) || !VD.getInit())
    return nullptr;
  const clang::Expr *Init = VD.getInit()->IgnoreParenImpCasts();
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(Init);
      UO && UO->getOpcode() == clang::UO_AddrOf)
    Init = UO->getSubExpr()->IgnoreParenImpCasts();
  const auto *Target = llvm::dyn_cast<clang::DeclRefExpr>(Init);
  return Target ? llvm::dyn_cast<clang::FunctionDecl>(Target->getDecl())
                : nullptr;
}

Value *FunctionLowering::lowerCall(const clang::CallExpr &E, Value *Dest) {
  const clang::FunctionDecl *Callee = E.getDirectCallee();
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(
          E.getCallee()->IgnoreParenImpCasts());
      !Callee && DR)
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DR->getDecl()))
      Callee = getKnownCallTarget(*VD);
  if (!Callee)
    return unsupported(&E, "a call through a function pointer or reference "
                           "chosen at run time (call the function directly)");
  if (isFree(*Callee))
    return lowerFree(E);
  llvm::SmallVector<Value *, 4> Args;

  bool Library = isStandardLibrary(*Callee) || Callee->getBuiltinID();
  // (Operators and conversions have no identifier.)
  llvm::StringRef Name = Callee->getIdentifier() ? Callee->getName() : "";
  bool MinMax = Name == "max" || Name == "min";
  if (isAlgorithmCall(E))
    return lowerAlgorithm(E);
  if (Library && Name == "make_unique" &&
      Callee->getTemplateSpecializationArgs())
    return lowerMakeUnique(E);
  // std::abs(z), std::real(z), ... of a complex number.
  if (Library && E.getNumArgs() == 1 && isComplexExpr(E.getArg(0)) &&
      !isComplexExpr(&E))
    return lowerComplexScalar(E);
  if (Library && E.getNumArgs() == 1 &&
      llvm::is_contained({"begin", "cbegin", "end", "cend"}, Name))
    return lowerRangeEnd(E, Name.ends_with("end"));
  if (Library && E.getNumArgs() == 2 && Name == "distance")
    return lowerPointerBinary(clang::BO_Sub, E.getArg(1), E.getArg(0), E);
  if (Library && (MinMax || Name == "clamp")) {
    if (Value *V = lowerOrdering(E, Name))
      return V;
    if (Failed)
      return nullptr;
  }
  // A library function by its name; chainrule's own (chainrule::polygamma,
  // which derivatives call) by its qualified name, for derivatives of them.
  std::string Qualified = Callee->getQualifiedNameAsString();
  std::optional<MathFn> Fn =
      Library ? mathFunctionNamed(Name)
      : llvm::StringRef(Qualified).starts_with("chainrule::")
          ? lookupMathFn(Qualified)
          : std::nullopt;
  std::optional<Type> Ty = convertType(Ctx, E.getType());
  if (Library && MinMax)
    return unsupported(&E, "a call to the library function '" +
                               Callee->getQualifiedNameAsString() + "'");
  // A <cmath> function is a math op; any other library function is a call
  // of its declaration, which needs no derivative where its arguments carry
  // none.
  if (Fn && Ty && Ty->isFloat() && E.getNumArgs() == getMathArity(*Fn)) {
    for (const clang::Expr *A : E.arguments()) {
      Value *V = lowerExpr(A);
      if (!V)
        return nullptr;
      Args.push_back(B.cast(*Ty, V));
    }
    setLoc(&E);
    return B.math(*Fn, Args);
  }
  if (const auto *MD = llvm::dyn_cast<clang::CXXMethodDecl>(Callee);
      MD && !MD->isStatic() &&
      (llvm::isa<clang::CXXMemberCallExpr>(E) ||
       llvm::isa<clang::CXXOperatorCallExpr>(E)))
    return lowerMemberCall(E, Dest);
  llvm::SmallVector<const clang::Expr *, 4> ArgExprs(E.arguments());
  return emitCall(E, *Callee, nullptr, {}, ArgExprs, Dest);
}

Value *FunctionLowering::lowerOrdering(const clang::CallExpr &E,
                                       llvm::StringRef Name) {
  // The values compared, read where they bind to references; those of an
  // initializer list (`std::max({a, b, c})`) in order.
  llvm::SmallVector<const clang::Expr *, 4> Operands;
  for (const clang::Expr *A : E.arguments()) {
    const clang::Expr *X = stripTemporaries(A);
    if (const auto *IL = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(X)) {
      const auto *Inits = llvm::dyn_cast<clang::InitListExpr>(
          stripTemporaries(IL->getSubExpr()));
      if (!Inits || E.getNumArgs() != 1)
        return nullptr;
      for (const clang::Expr *Init : Inits->inits())
        Operands.push_back(Init);
    } else {
      Operands.push_back(A);
    }
  }
  if (Operands.size() < 2 || (Name == "clamp" && Operands.size() != 3))
    return nullptr; // with a comparator: the library's body
  llvm::SmallVector<Value *, 4> Values;
  for (const clang::Expr *X : Operands) {
    Value *V = lowerRValue(X);
    if (!V)
      return nullptr;
    if ((!Values.empty() && V->getType() != Values.front()->getType()) ||
        !(V->getType().isFloat() || V->getType().isInt()))
      return unsupported(&E, "this call to 'std::" + Name.str() + "'");
    Values.push_back(V);
  }
  setLoc(&E);
  // std::max(a, b) is (a < b) ? b : a; std::min(a, b) is (b < a) ? b : a;
  // over a list, the first of the greatest (least) values.
  Value *R = Values.front();
  if (Name == "clamp") { // v < lo ? lo : (hi < v ? hi : v)
    Value *Lo = Values[1], *Hi = Values[2];
    return B.select(B.cmp(CmpPred::LT, R, Lo), Lo,
                    B.select(B.cmp(CmpPred::LT, Hi, R), Hi, R));
  }
  for (Value *V : llvm::drop_begin(Values))
    R = B.select(Name == "max" ? B.cmp(CmpPred::LT, R, V)
                               : B.cmp(CmpPred::LT, V, R),
                 V, R);
  return R;
}

Value *FunctionLowering::lowerMemberCall(const clang::CallExpr &E,
                                         Value *Dest) {
  const auto *MD = llvm::cast<clang::CXXMethodDecl>(E.getDirectCallee());
  llvm::SmallVector<const clang::Expr *, 4> Args(E.arguments());
  const clang::Expr *Object;
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(&E)) {
    Object = MC->getImplicitObjectArgument();
  } else {
    Object = Args.front();
    Args.erase(Args.begin());
  }
  if (MD->getParent()->isLambda()) {
    std::optional<llvm::SmallVector<Value *, 4>> Captures =
        closureCaptures(Object);
    if (!Captures)
      return nullptr;
    return emitCall(E, *MD, nullptr, *Captures, Args, Dest);
  }
  Value *ObjectAddr = objectAddress(Object);
  if (!ObjectAddr)
    return nullptr;
  return emitCall(E, *MD, ObjectAddr, {}, Args, Dest);
}

Value *FunctionLowering::objectAddress(const clang::Expr *E) {
  if (E->getType()->isPointerType())
    return lowerExpr(E); // p->f(), this->f()
  return lowerLValue(E);
}

/// True when \p F may write a buffer of numbers: it takes one through a
/// pointer that is not const.
static bool writesNumbers(const ir::Function &F) {
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
    Type T = F.getParam(I)->getType();
    if (T.isPointer() && T.getPointee().holdsFloat() &&
        !F.getParamInfo(I).ConstPointee)
      return true;
  }
  return false;
}

Value *FunctionLowering::emitCall(const clang::Expr &At,
                                  const clang::FunctionDecl &Callee,
                                  Value *Object, llvm::ArrayRef<Value *> Captures,
                                  llvm::ArrayRef<const clang::Expr *> ArgExprs,
                                  Value *Dest) {
  bool Recursive = ML.isBeingLowered(&Callee);
  ir::Function *F = ML.lowerCallee(&Callee);
  if (!F) {
    report(Ctx.getDiagnostics(), At.getBeginLoc(), Diag::NoteCalledFrom) << &FD;
    Failed = true;
    return nullptr;
  }
  auto RejectRecursion = [&](clang::SourceLocation Loc, bool Inlined) {
    // Calls that are inlined cannot recurse.
    report(Ctx.getDiagnostics(), Loc, Diag::Recursion)
        << &Callee << Inlined << At.getSourceRange();
    Failed = true;
    return nullptr;
  };
  if (Recursive && F->isAlwaysInline())
    return RejectRecursion(At.getBeginLoc(), true);
  if (Recursive)
    F->setRecursive(true);
  llvm::SmallVector<Value *, 8> Args;
  if (Object)
    Args.push_back(Object);
  if (implicitParams(Callee).Result) {
    if (!Dest)
      Dest = B.object(F->getParam(Args.size())->getType().getPointee(), "");
    Args.push_back(Dest);
  }
  Args.append(Captures.begin(), Captures.end());
  std::vector<WriteBack> After;
  for (unsigned I = 0, N = ArgExprs.size(); I != N; ++I) {
    clang::QualType ParamTy = Callee.getParamDecl(I)->getType();
    const clang::Expr *Arg = ArgExprs[I];
    if (getClosure(ParamTy)) {
      // A lambda passed in: its captures (the callee is inlined).
      std::optional<llvm::SmallVector<Value *, 4>> Values = closureCaptures(Arg);
      if (!Values)
        return nullptr;
      Args.append(Values->begin(), Values->end());
      continue;
    }
    Value *V = isPointerReadByReference(*Callee.getParamDecl(I))
                   ? lowerExpr(Arg)
               : ParamTy->isReferenceType()
                   ? lowerByReference(Arg, ParamTy, After)
               : ParamTy->isRecordType() ? lowerRecordArgument(Arg)
                                         : lowerExpr(Arg);
    if (!V)
      return nullptr;
    // A recursive call is kept, and its pullback reads the buffers it is
    // passed again: those of numbers must be read-only, in a function that
    // writes none of numbers; one of integers may be written (bookkeeping:
    // the reverse sweep undoes the writes before each pullback).
    if (Recursive && V->getType().isPointer() &&
        (F->getParamInfo(Args.size()).ByAddress ||
         (V->getType().getPointee().holdsFloat() && writesNumbers(*F))))
      return RejectRecursion(Arg->getBeginLoc(), false);
    Args.push_back(V);
  }
  if (F->getResultType().isVoid() && F->isPure())
    return Dest; // pure and void: the call has no effect
  setLoc(&At);
  Value *Result = B.call(F, Args);
  for (const WriteBack &W : After) {
    Value *V = B.load(W.Slot);
    V->setName(W.Var->getNameAsString());
    Vars[W.Var] = V;
  }
  return Dest ? Dest : Result;
}
