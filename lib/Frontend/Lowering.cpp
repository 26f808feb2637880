//===- Lowering.cpp - Clang AST to SSA: functions and types ---------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Lowering of function signatures and types, and the module-level cache
/// that lowers each function once.
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

/// The namespaces around \p D, `a::b`, with `(anonymous)` for an anonymous
/// one, past the classes and functions \p D is nested in (\p Nested says
/// whether there are any).
static std::string namespaceOf(const clang::Decl &D, bool &Nested) {
  llvm::SmallVector<std::string, 4> Parts;
  Nested = false;
  for (const clang::DeclContext *DC = D.getDeclContext(); !DC->isTranslationUnit();
       DC = DC->getParent()) {
    if (llvm::isa<clang::LinkageSpecDecl>(DC))
      continue;
    const auto *NS = llvm::dyn_cast<clang::NamespaceDecl>(DC);
    if (!NS) {
      Nested = true;
      continue;
    }
    Parts.push_back(NS->isAnonymousNamespace() ? "(anonymous)"
                                               : NS->getNameAsString());
  }
  std::string S;
  for (const std::string &P : llvm::reverse(Parts))
    S += (S.empty() ? "" : "::") + P;
  return S;
}

ImplicitParams frontend::implicitParams(const clang::FunctionDecl &FD) {
  ImplicitParams P;
  const auto *MD = llvm::dyn_cast<clang::CXXMethodDecl>(&FD);
  bool Lambda = MD && MD->getParent()->isLambda();
  P.Object = MD && MD->isInstance() && !Lambda;
  P.Result = FD.getReturnType()->isRecordType();
  if (!Lambda)
    return P;
  for (const clang::LambdaCapture &C : MD->getParent()->captures()) {
    const auto *VD = C.capturesVariable()
                         ? llvm::dyn_cast<clang::VarDecl>(C.getCapturedVar())
                         : nullptr;
    if (!VD)
      continue;
    if (const clang::CXXRecordDecl *Closure = getClosure(VD->getType())) {
      // A captured lambda: its captures, which its calls take.
      for (Capture Inner :
           implicitParams(*Closure->getLambdaCallOperator()).Captures) {
        Inner.Via = VD;
        P.Captures.push_back(Inner);
      }
      continue;
    }
    P.Captures.push_back({VD, C.getCaptureKind() == clang::LCK_ByRef});
  }
  return P;
}

std::unique_ptr<Function>
ModuleLowering::createSignature(const clang::FunctionDecl &Def) {
  clang::DiagnosticsEngine &Diags = Ctx.getDiagnostics();
  const auto *MD = llvm::dyn_cast<clang::CXXMethodDecl>(&Def);
  const clang::CXXRecordDecl *Lambda =
      MD && MD->getParent()->isLambda() ? MD->getParent() : nullptr;
  auto Reject = [&](llvm::StringRef Why) -> std::unique_ptr<Function> {
    auto D = report(Diags, Def.getLocation(), Diag::UnsupportedFunction);
    if (Lambda)
      D << "a lambda";
    else
      D << &Def;
    D << Why;
    return nullptr;
  };
  if (Def.isVariadic())
    return Reject("variadic functions are not supported");
  if (Def.isTemplated())
    return Reject("function templates are not supported yet");
  if (Lambda)
    for (const clang::LambdaCapture &C : Lambda->captures())
      if (!C.capturesVariable() ||
          !llvm::isa<clang::VarDecl>(C.getCapturedVar()))
        return Reject("a lambda may capture local variables only (not "
                      "'this')");
  bool Nested;
  std::string NS = namespaceOf(Def, Nested);
  if (Nested && !MD)
    return Reject("functions nested in classes are not supported");

  clang::QualType RT = Def.getReturnType();
  ImplicitParams Implicit = implicitParams(Def);
  std::optional<Type> ResultTy =
      RT->isVoidType() || Implicit.Result
          ? Type::getVoid()
          : FunctionLowering::convertType(Ctx, RT);
  std::optional<Type> ResultRecord;
  if (Implicit.Result) {
    ResultRecord = FunctionLowering::convertType(Ctx, RT);
    if (ResultRecord && ResultRecord->getRecord()->getKind() ==
                            RecordType::Kind::Vector)
      ResultRecord.reset();
  }
  if (!ResultTy || (Implicit.Result && !ResultRecord)) {
    FunctionLowering::reportUnsupportedType(
        Ctx, Def.getReturnTypeSourceRange().getBegin(), "a return value", RT);
    return nullptr;
  }

  std::string Name = Def.getNameAsString();
  if (Lambda)
    Name = "lambda";
  else if (MD)
    Name = MD->getParent()->getNameAsString() + "::" + Name;
  auto F = std::make_unique<Function>(Name, NS, *ResultTy);
  // Generated code cannot call member functions, constructors, lambdas and
  // operators as free functions, nor take a reference a call returns: calls
  // to them are inlined.
  F->setAlwaysInline(MD || Def.isOverloadedOperator() || ResultTy->isPointer());
  clang::PrintingPolicy Policy(Ctx.getLangOpts());
  if (const clang::TemplateArgumentList *Args =
          Def.getTemplateSpecializationArgs()) {
    std::string Spelled;
    llvm::raw_string_ostream OS(Spelled);
    clang::printTemplateArgumentList(OS, Args->asArray(), Policy);
    F->setTemplateArgs(Spelled);
  }
  F->setResultCxxType(RT.getAsString(Policy));
  bool MayWrite = false;
  // The parameters of a pack share their name (`T... y`): each is unique.
  ParamNamer Names;
  auto AddPointer = [&](Type Pointee, std::string PName, bool Const,
                        bool ByAddress, clang::QualType CxxType = {},
                        ReturnedPart Part = ReturnedPart::None) {
    Function::ParamInfo Info;
    Info.ByAddress = ByAddress;
    Info.ConstPointee = Const;
    if (!CxxType.isNull()) {
      Info.CxxType = CxxType.getAsString(Policy);
      Info.ClangType = CxxType.getAsOpaquePtr();
    }
    Info.Returned = Part;
    MayWrite |= !Const;
    F->addParam(Pointee.getPointerTo(), Names.take(std::move(PName)),
                std::move(Info));
  };
  if (Implicit.Object) {
    clang::QualType Object = MD->getThisType()->getPointeeType();
    std::optional<Type> Ty = FunctionLowering::convertType(Ctx, Object);
    if (!Ty) {
      FunctionLowering::reportUnsupportedType(Ctx, Def.getLocation(),
                                              "the object of a member function",
                                              Object);
      return nullptr;
    }
    AddPointer(*Ty, "self", Object.isConstQualified(), /*ByAddress=*/true,
               Ctx.getLValueReferenceType(Object));
  }
  if (Implicit.Result)
    AddPointer(*ResultRecord, "result", /*Const=*/false, /*ByAddress=*/true,
               Ctx.getLValueReferenceType(RT.getUnqualifiedType()),
               ReturnedPart::Value);
  // The captures of \p Closure: a value, or an address (by reference, or a
  // struct's copy).
  auto AddCaptures = [&](const clang::CXXRecordDecl &Closure) {
    const clang::CXXMethodDecl *Call = Closure.getLambdaCallOperator();
    for (const Capture &C : implicitParams(*Call).Captures) {
      clang::QualType T = C.Var->getType();
      std::string What = "captured variable '" + C.Var->getNameAsString() + "'";
      if (C.ByRef || !T->isReferenceType())
        T = T.getNonReferenceType();
      else
        T = T.getNonReferenceType().getUnqualifiedType();
      std::optional<Type> Ty;
      if (const auto *AT = Ctx.getAsConstantArrayType(T)) {
        if (!C.ByRef) {
          report(Diags, Call->getLocation(), Diag::UnsupportedFunction)
              << "a lambda"
              << "it captures the array '" + C.Var->getNameAsString() +
                     "' by copy (capture arrays by reference)";
          return false;
        }
        Ty = FunctionLowering::convertType(Ctx, AT->getElementType());
      } else {
        Ty = FunctionLowering::convertType(Ctx, T);
      }
      // A pointer captured by reference that nothing reassigns is its
      // value.
      bool ByRef = C.ByRef && !(Ty && Ty->isPointer() && !isReassigned(*C.Var));
      if (!Ty || (ByRef && Ty->isPointer())) {
        FunctionLowering::reportUnsupportedType(Ctx, C.Var->getLocation(),
                                                What, C.Var->getType());
        return false;
      }
      if (ByRef || Ty->isRecord())
        AddPointer(*Ty, C.Var->getNameAsString(),
                   !ByRef || T.isConstQualified(), /*ByAddress=*/true);
      else
        F->addParam(*Ty, Names.take(C.Var->getNameAsString()),
                    Function::ParamInfo{});
    }
    return true;
  };
  if (Lambda && !AddCaptures(*Lambda))
    return nullptr;
  for (const clang::ParmVarDecl *P : Def.parameters()) {
    // A lambda passed in is its captures; the function is inlined into its
    // callers, where the lambda is known.
    if (const clang::CXXRecordDecl *Closure = getClosure(P->getType())) {
      F->setAlwaysInline(true);
      if (!AddCaptures(*Closure))
        return nullptr;
      continue;
    }
    bool PointerValue = isPointerReadByReference(*P);
    std::optional<Type> Ty = FunctionLowering::convertType(
        Ctx, PointerValue ? P->getType().getNonReferenceType() : P->getType());
    // A struct or container passed by value is an object of the callee,
    // named like a reference (its address is the SSA parameter).
    bool ByValueRecord = Ty && Ty->isRecord();
    if (ByValueRecord)
      Ty = Ty->getPointerTo();
    if (!Ty) {
      FunctionLowering::reportUnsupportedType(
          Ctx, P->getLocation(), ("parameter '" + P->getName() + "'").str(),
          P->getType());
      return nullptr;
    }
    std::string PName = P->getName().str();
    if (PName.empty())
      PName = "arg" + std::to_string(P->getFunctionScopeIndex());
    Function::ParamInfo Info;
    Info.CxxType = P->getType().getAsString(Policy);
    Info.ClangType = P->getType().getAsOpaquePtr();
    Info.ByAddress =
        (P->getType()->isReferenceType() && !PointerValue) || ByValueRecord;
    clang::QualType PT =
        PointerValue ? P->getType().getNonReferenceType() : P->getType();
    if (PT->isReferenceType())
      Info.ConstPointee = PT.getNonReferenceType().isConstQualified();
    else if (PT->isPointerType())
      Info.ConstPointee =
          Ctx.getBaseElementType(PT->getPointeeType()).isConstQualified();
    else if (ByValueRecord)
      Info.ConstPointee = true; // the caller's object is not written
    // A pointer to rows (`double a[][3]`): a declarator, flat accesses.
    std::optional<ArrayShape> Rows =
        PT->isPointerType() ? arrayShape(Ctx, PT->getPointeeType())
                            : std::nullopt;
    if (Rows) {
      std::string Declarator;
      llvm::raw_string_ostream OS(Declarator);
      PT.print(OS, Policy, "@");
      Info.CxxType = OS.str();
      Info.Rank = Rows->Rank;
    }
    MayWrite |= Ty->isPointer() && !Info.ConstPointee;
    F->addParam(*Ty, Names.take(std::move(PName)), std::move(Info));
  }
  // Until its body is known (or without one), a function may write what
  // its non-const pointer parameters point to.
  F->setPure(!MayWrite);
  const clang::SourceManager &SM = Ctx.getSourceManager();
  // (A static member function is visible outside like any member.)
  if ((Def.getStorageClass() == clang::SC_Static && !MD) ||
      NS.find("(anonymous)") != std::string::npos)
    F->setLinkage(Linkage::Internal);
  else if (Def.isInlined() || !SM.isInMainFile(SM.getExpansionLoc(
                                  Def.getLocation())))
    // A function of a header may be differentiated by every source that
    // includes it: its derivatives are inline, as one definition.
    F->setLinkage(Linkage::Inline);
  F->setLoc(Def.getLocation().getRawEncoding());
  F->setDecl(&Def);
  return F;
}

ir::Function *ModuleLowering::lower(const clang::FunctionDecl *FD) {
  const clang::FunctionDecl *Def = FD->getDefinition();
  if (!Def) {
    report(Ctx.getDiagnostics(), FD->getLocation(), Diag::NoDefinition) << FD;
    return nullptr;
  }
  if (Function *F = Done.lookup(Def))
    return F;
  if (Function *F = InProgress.lookup(Def))
    return F; // a recursive call: the signature is complete
  if (Failed.count(Def))
    return nullptr;
  std::unique_ptr<Function> Owned = createSignature(*Def);
  if (!Owned) {
    Failed.insert(Def);
    return nullptr;
  }
  Function *F = M.addFunction(std::move(Owned));
  InProgress[Def] = F;
  bool Ok = FunctionLowering(*this, *Def, *F).run();
  InProgress.erase(Def);
  if (!Ok) {
    Failed.insert(Def);
    return nullptr;
  }
  F->setPure(!writesArguments(*F));
  Done[Def] = F;
  return F;
}

ir::Function *ModuleLowering::lowerCallee(const clang::FunctionDecl *FD) {
  const CustomDerivatives *Custom = Customs.lookup(FD);
  bool NonDiff = isNonDifferentiable(FD);
  // The standard library is called, never looked into (its bodies are the
  // implementation's, built on compiler builtins).
  bool Library = isStandardLibrary(*FD);
  if (!Custom && !NonDiff && !Library && FD->getDefinition())
    return lower(FD);
  if (llvm::isa<clang::CXXMethodDecl>(FD) || FD->isOverloadedOperator()) {
    report(Ctx.getDiagnostics(), FD->getLocation(), Diag::UnsupportedFunction)
        << FD
        << (FD->getDefinition()
                ? "member functions and operators cannot have custom "
                  "derivatives or be non-differentiable (wrap the call in a "
                  "free function)"
                : "its definition is not visible in this translation unit");
    return nullptr;
  }
  ir::Function *F = declare(FD, Custom, NonDiff);
  if (!F)
    return nullptr;
  F->setLibrary(Library);
  // A function chainrule does not see into may have any effect (write a
  // global, print, abort, draw a random number): its calls are kept, each
  // one, unless it says it has none or Clang knows it for a function of
  // the C library that has none but errno (lgamma, erf). One with custom
  // derivatives behaves as they describe it (it writes what its pointers
  // point to).
  const clang::Builtin::Context &Builtins = Ctx.BuiltinInfo;
  unsigned Id = FD->getBuiltinID();
  bool NoEffects = FD->hasAttr<clang::ConstAttr>() ||
                   FD->hasAttr<clang::PureAttr>() ||
                   (Id && (Builtins.isConst(Id) || Builtins.isPure(Id) ||
                           Builtins.isConstWithoutErrnoAndExceptions(Id)));
  if (!Custom && !NoEffects)
    F->setPure(false);
  return F;
}

ir::Function *ModuleLowering::declare(const clang::FunctionDecl *FD,
                                      const CustomDerivatives *Custom,
                                      bool NonDiff) {
  const clang::FunctionDecl *Key = FD->getFirstDecl();
  if (Function *F = Declared.lookup(Key))
    return F;
  if (Failed.count(Key))
    return nullptr;
  const clang::FunctionDecl *Def = FD->getDefinition();
  std::unique_ptr<Function> Owned = createSignature(Def ? *Def : *FD);
  if (!Owned) {
    Failed.insert(Key);
    return nullptr;
  }
  Function *F = M.addFunction(std::move(Owned));
  F->setDeclaration(true);
  F->setNonDifferentiable(NonDiff);
  Declared[Key] = F;
  for (unsigned K = 0; Custom && K != NumCustomKinds; ++K) {
    if (!(*Custom)[K])
      continue;
    Function *C = declare((*Custom)[K], nullptr, false);
    if (!C) {
      Failed.insert(Key);
      return nullptr;
    }
    F->setCustomDerivative(static_cast<CustomKind>(K), C);
  }
  return F;
}

bool ModuleLowering::isBeingLowered(const clang::FunctionDecl *FD) const {
  const clang::FunctionDecl *Def = FD->getDefinition();
  return Def && InProgress.count(Def);
}

/// True when `T v{}` makes every member of struct \p RD zero (or an empty
/// container): no constructor or default member initializer runs.
static bool valueInitZeroes(const clang::CXXRecordDecl *RD) {
  if (RD->hasInClassInitializer() || RD->hasUserProvidedDefaultConstructor() ||
      !RD->hasDefaultConstructor())
    return false;
  for (const clang::FieldDecl *F : RD->fields()) {
    clang::QualType T = F->getType();
    if (const clang::ArrayType *AT = T->getAsArrayTypeUnsafe())
      T = AT->getElementType();
    const clang::CXXRecordDecl *Member = T->getAsCXXRecordDecl();
    if (Member && !Member->isInStdNamespace() && !valueInitZeroes(Member))
      return false;
  }
  return true;
}

/// True when \p RD is std::<Name>.
static bool isStd(const clang::CXXRecordDecl *RD, llvm::StringRef Name) {
  return RD->isInStdNamespace() && RD->getName() == Name;
}

std::optional<Type> FunctionLowering::convertEnum(clang::ASTContext &Ctx,
                                                  const clang::EnumDecl &ED) {
  // Generated code names the enumeration outside any function.
  if (ED.getDeclContext()->isFunctionOrMethod() || !ED.getDefinition())
    return std::nullopt;
  std::optional<Type> Int =
      convertType(Ctx, ED.getIntegerType().getCanonicalType());
  if (!Int || !Int->isInt())
    return std::nullopt;
  // An unnamed enumeration's values are integers to C++ too.
  if (!ED.getIdentifier() && !ED.getTypedefNameForAnonDecl())
    return Int;
  clang::PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressTagKeyword = true;
  std::string Name =
      Ctx.getEnumType(&ED).getCanonicalType().getAsString(Policy);
  RecordType *R = RecordType::get(RecordType::Kind::Enum, Name);
  if (!R->isComplete()) {
    // Each enumerator by the name generated code spells it with.
    for (const clang::EnumConstantDecl *E : ED.getDefinition()->enumerators()) {
      std::string Spelled = Name + "::" + E->getName().str();
      R->addField({Spelled, *Int, E->getInitVal().getSExtValue()});
    }
    R->setComplete();
  }
  return Type::getEnum(R, Int->getBits(), Int->isSigned());
}

std::optional<Type> FunctionLowering::convertRecord(clang::ASTContext &Ctx,
                                                    clang::QualType T) {
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return std::nullopt;
  // A std::vector or std::array is known by its template arguments: a
  // translation unit that only passes one by reference has not
  // instantiated its definition.
  const auto *Spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(RD);
  if (Spec && (isStd(RD, "vector") || isStd(RD, "array"))) {
    const clang::TemplateArgumentList &Args = Spec->getTemplateArgs();
    // Elements are scalars or structs (of points, of parameters).
    std::optional<Type> Elem = convertType(Ctx, Args[0].getAsType());
    if (!Elem || Elem->isPointer() ||
        (Elem->isRecord() &&
         Elem->getRecord()->getKind() != RecordType::Kind::Struct))
      return std::nullopt;
    bool IsArray = isStd(RD, "array");
    int64_t N = IsArray ? Args[1].getAsIntegral().getExtValue() : 0;
    std::string Name = "std::" + RD->getName().str() + "<" + Elem->cxxName() +
                       (IsArray ? ", " + std::to_string(N) : "") + ">";
    RecordType *R = RecordType::get(
        IsArray ? RecordType::Kind::Array : RecordType::Kind::Vector, Name);
    if (!R->isComplete()) {
      R->setElement(*Elem);
      R->setSize(N);
      R->setComplete();
    }
    // (A heap buffer, a vector of no C++ type, may have made it first.)
    if (!R->getClangType())
      R->setClangType(Ctx.getRecordType(RD).getAsOpaquePtr());
    return Type::getRecord(R);
  }
  if (!RD->hasDefinition())
    return std::nullopt;
  RD = RD->getDefinition();
  Spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(RD);
  if (Spec && isStdValue(RD))
    return convertStdValue(Ctx, *Spec);
  if (structProblem(Ctx, RD))
    return std::nullopt;
  clang::PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressTagKeyword = true;
  std::string Name =
      Ctx.getRecordType(RD).getCanonicalType().getAsString(Policy);
  RecordType *R = RecordType::get(RecordType::Kind::Struct, Name);
  if (R->isComplete())
    return Type::getRecord(R);
  for (const clang::FieldDecl *FDl : RD->fields()) {
    ArrayShape S = memberShape(Ctx, FDl->getType());
    R->addField({FDl->getNameAsString(), *convertType(Ctx, S.Element), S.Count,
                 S.Rank});
  }
  R->setValueInitZero(valueInitZeroes(RD));
  R->setClangType(Ctx.getRecordType(RD).getAsOpaquePtr());
  R->setComplete();
  return Type::getRecord(R);
}

std::optional<std::string>
FunctionLowering::structProblem(clang::ASTContext &Ctx,
                                const clang::CXXRecordDecl *RD) {
  if (RD->isLambda())
    return "it is the type of a lambda (call a lambda where it is defined)";
  if (RD->isUnion())
    return "it is a union";
  if (RD->getNumBases())
    return "it has base classes";
  if (RD->isPolymorphic())
    return "it has virtual functions";
  if (RD->isDependentContext())
    return "it is a template";
  bool Plain = RD->isTriviallyCopyable();
  if (!Plain && (RD->hasUserDeclaredCopyConstructor() ||
                 RD->hasUserDeclaredCopyAssignment() ||
                 RD->hasUserDeclaredMoveOperation() ||
                 RD->hasUserDeclaredDestructor()))
    return "it has a user-written copy, move or destructor";
  if (!Plain && !valueInitZeroes(RD))
    return "it has constructors or default member initializers, and members "
           "that are not plain values";
  for (const clang::FieldDecl *FDl : RD->fields()) {
    std::string Member = "its member '" + FDl->getNameAsString() + "' ";
    if (FDl->getAccess() != clang::AS_public)
      return Member + "is not public (generated code uses members by name)";
    clang::QualType FT = FDl->getType();
    if (std::optional<ArrayShape> S = arrayShape(Ctx, FT)) {
      FT = S->Element;
      if (S->Rank > 1 && !FT->isArithmeticType())
        return Member + "has type '" + FDl->getType().getAsString() + "'";
    }
    // A pointer to numbers: a view of a buffer (a row, a matrix's data).
    bool View = FT->isPointerType() && FT->getPointeeType()->isArithmeticType();
    if ((FT->isPointerType() && !View) || FT->isReferenceType() ||
        FT->isArrayType() || FDl->isBitField() || !convertType(Ctx, FT))
      return Member + "has type '" + FDl->getType().getAsString() + "'";
  }
  return std::nullopt;
}

void FunctionLowering::reportUnsupportedType(clang::ASTContext &Ctx,
                                             clang::SourceLocation Loc,
                                             const std::string &What,
                                             clang::QualType T) {
  clang::DiagnosticsEngine &Diags = Ctx.getDiagnostics();
  report(Diags, Loc, Diag::UnsupportedType) << What << T;
  clang::QualType Record = T.getNonReferenceType();
  if (Record->isPointerType())
    Record = Record->getPointeeType();
  const clang::CXXRecordDecl *RD = Record->getAsCXXRecordDecl();
  // std::vector and std::array are no structs to chainrule: the problem is
  // their element type, or where they are used.
  if (!RD || !RD->hasDefinition() || isStd(RD, "vector") || isStd(RD, "array") ||
      isStdValue(RD) || tapeElement(Record))
    return;
  if (std::optional<std::string> Why = structProblem(Ctx, RD->getDefinition()))
    report(Diags, RD->getLocation(), Diag::NoteStructProblem)
        << RD << *Why;
}

std::optional<ArrayShape> frontend::arrayShape(const clang::ASTContext &Ctx,
                                               clang::QualType T) {
  ArrayShape S{T, 1, 0};
  while (const auto *AT = Ctx.getAsConstantArrayType(S.Element)) {
    S.Count *= AT->getSize().getSExtValue();
    S.Element = AT->getElementType();
    ++S.Rank;
  }
  if (!S.Rank)
    return std::nullopt;
  return S;
}

ArrayShape frontend::memberShape(const clang::ASTContext &Ctx,
                                clang::QualType T) {
  if (std::optional<ArrayShape> S = arrayShape(Ctx, T))
    return *S;
  return {T, 0, 1};
}

std::optional<Type> FunctionLowering::convertType(clang::ASTContext &Ctx,
                                                  clang::QualType T) {
  T = T.getCanonicalType();
  // An iterator of std::vector is the pointer it wraps.
  if (std::optional<clang::QualType> P = iteratorPointer(T))
    return convertType(Ctx, *P);
  if (T->isRecordType())
    return convertRecord(Ctx, T);
  // A reference is the address of what it binds to; a pointer to a scalar
  // is a pointer.
  if (T->isReferenceType() || T->isPointerType()) {
    clang::QualType Pointee = T->getPointeeType();
    if (Pointee->isReferenceType() || Pointee->isPointerType())
      return std::nullopt;
    // A pointer to rows of numbers points to the first number.
    if (std::optional<ArrayShape> S = arrayShape(Ctx, Pointee);
        S && T->isPointerType() && S->Element->isArithmeticType())
      Pointee = S->Element;
    std::optional<Type> Elem = convertType(Ctx, Pointee);
    if (!Elem)
      return std::nullopt;
    return Elem->getPointerTo();
  }
  if (const auto *ET = T->getAs<clang::EnumType>())
    return convertEnum(Ctx, *ET->getDecl());
  const auto *BT = llvm::dyn_cast<clang::BuiltinType>(T.getTypePtr());
  if (!BT)
    return std::nullopt;
  if (BT->getKind() == clang::BuiltinType::Bool)
    return Type::getBool();
  if (BT->isInteger())
    return Type::getInt(Ctx.getTypeSize(T), BT->isSignedInteger());
  switch (BT->getKind()) {
  case clang::BuiltinType::Float:
    return Type::getFloat(32);
  case clang::BuiltinType::Double:
    return Type::getFloat(64);
  case clang::BuiltinType::LongDouble:
    if (&Ctx.getFloatTypeSemantics(T) == &llvm::APFloat::x87DoubleExtended())
      return Type::getFloat(80);
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

FunctionLowering::FunctionLowering(ModuleLowering &ML,
                                   const clang::FunctionDecl &FD,
                                   ir::Function &F)
    : ML(ML), Ctx(ML.getASTContext()), FD(FD), F(F), B(F.getBody()) {
  findAddressTaken();
  bindParams();
}

/// The variable whose object \p E designates part of (`v`, `v.x`,
/// `v.w[i]`), or null.
static const clang::VarDecl *baseVariable(const clang::Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *ME = llvm::dyn_cast<clang::MemberExpr>(E); ME && !ME->isArrow())
      E = ME->getBase();
    else if (const auto *AS = llvm::dyn_cast<clang::ArraySubscriptExpr>(E))
      E = AS->getBase();
    else if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E))
      return llvm::dyn_cast<clang::VarDecl>(DR->getDecl());
    else
      return nullptr;
  }
}

/// True when \p S may change (part of, or with \p Whole only all of) \p P:
/// assigns it, calls a non-const member function on it, passes it by
/// non-const reference or takes its address.
static bool mayChange(const clang::Stmt *S, const clang::VarDecl *P,
                      bool Whole) {
  if (!S)
    return false;
  auto Is = [&](const clang::Expr *E) {
    if (!Whole)
      return baseVariable(E) == P;
    const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E->IgnoreParenImpCasts());
    return DR && DR->getDecl() == P;
  };
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(S);
      BO && BO->isAssignmentOp() && Is(BO->getLHS()))
    return true;
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(S);
      UO && (UO->isIncrementDecrementOp() || UO->getOpcode() == clang::UO_AddrOf) &&
      Is(UO->getSubExpr()))
    return true;
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(S)) {
    llvm::ArrayRef<const clang::Expr *> Args(Call->getArgs(), Call->getNumArgs());
    const clang::FunctionDecl *Callee = Call->getDirectCallee();
    const auto *MD = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(Callee);
    if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(Call)) {
      if (MD && !MD->isConst() && Is(MC->getImplicitObjectArgument()))
        return true;
    } else if (MD && llvm::isa<clang::CXXOperatorCallExpr>(Call) &&
               !Args.empty()) {
      if (!MD->isConst() && Is(Args.front()))
        return true;
      Args = Args.drop_front();
    }
    for (unsigned I = 0; I != Args.size(); ++I) {
      clang::QualType T = Callee && I < Callee->getNumParams()
                              ? Callee->getParamDecl(I)->getType()
                              : clang::QualType();
      if ((T.isNull() || (T->isReferenceType() &&
                          !T.getNonReferenceType().isConstQualified())) &&
          Is(Args[I]))
        return true;
    }
  }
  if (const auto *DS = llvm::dyn_cast<clang::DeclStmt>(S))
    for (const clang::Decl *D : DS->decls())
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(D);
          VD && VD->getType()->isReferenceType() &&
          !VD->getType().getNonReferenceType().isConstQualified() &&
          VD->getInit() && Is(VD->getInit()))
        return true;
  for (const clang::Stmt *Child : S->children())
    if (mayChange(Child, P, Whole))
      return true;
  return false;
}

void FunctionLowering::bindParams() {
  ImplicitParams Implicit = implicitParams(FD);
  unsigned Next = 0;
  if (Implicit.Object)
    This = F.getParam(Next++);
  if (Implicit.Result)
    ResultSlot = F.getParam(Next++);
  for (const Capture &C : Implicit.Captures) {
    Value *P = F.getParam(Next++);
    if (C.Via) {
      Closures[C.Via].push_back(P);
      continue;
    }
    if (F.getParamInfo(P->getIndex()).ByAddress) {
      Addrs[C.Var] = P;
    } else if (P->getType().isPointer()) {
      PtrBase[C.Var] = P;
      Vars[C.Var] = B.constInt(Type::getInt(64, true), 0);
    } else {
      Vars[C.Var] = P;
    }
  }
  for (const clang::ParmVarDecl *P : FD.parameters()) {
    ParamIndex.push_back(Next);
    if (const clang::CXXRecordDecl *Closure = getClosure(P->getType())) {
      // A lambda passed in: its captures, for the calls of it.
      unsigned N =
          implicitParams(*Closure->getLambdaCallOperator()).Captures.size();
      auto &Values = Closures[P];
      for (unsigned K = 0; K != N; ++K)
        Values.push_back(F.getParam(Next++));
      continue;
    }
    Value *V = F.getParam(Next++);
    clang::QualType PT = P->getType();
    const RecordType *R = V->getType().getRecord();
    if (R && PT->isRecordType() && !holdsVector(R) &&
        mayChange(FD.getBody(), P, /*Whole=*/false)) {
      // A struct passed by value that the body may change: a copy, so the
      // caller's object (whose address is passed) stays as it is.
      Value *Copy = B.object(V->getType().getPointee(), P->getNameAsString());
      copyRecord(Copy, V, FD.getBody());
      Addrs[P] = Copy;
    } else if (F.getParamInfo(V->getIndex()).ByAddress) {
      Addrs[P] = V;
    }
    else if (V->getType().isPointer())
      PtrBase[P] = V, Vars[P] = B.constInt(Type::getInt(64, true), 0);
    else if (AddressTaken.count(P))
      makeAddressable(*P, V);
    else
      Vars[P] = V;
  }
}

bool frontend::isPointerReadByReference(const clang::ParmVarDecl &P) {
  clang::QualType T = P.getType();
  const auto *Owner = llvm::dyn_cast<clang::FunctionDecl>(P.getDeclContext());
  return T->isReferenceType() && T.getNonReferenceType()->isPointerType() &&
         Owner && Owner->hasBody() && !isReassigned(P);
}

bool frontend::isReassigned(const clang::VarDecl &V) {
  const auto *Owner = llvm::dyn_cast<clang::FunctionDecl>(V.getDeclContext());
  return !Owner || mayChange(Owner->getBody(), &V, /*Whole=*/true);
}

bool FunctionLowering::run() {
  if (const auto *CD = llvm::dyn_cast<clang::CXXConstructorDecl>(&FD))
    lowerMemberInits(*CD);
  lowerStmts({FD.getBody()}, /*Tail=*/true);
  if (!Failed)
    checkGlobals();
  return !Failed;
}

void FunctionLowering::checkGlobals() {
  // Stores into a global, or calls that may write through a pointer to
  // one: the first is reported. Without one, the first read of each
  // floating global that is not constant is a warning.
  llvm::SmallPtrSet<const GlobalVar *, 4> Read;
  std::vector<const Op *> Reads;
  walk(F.getBody(), [&](Op &O) {
    const Op *From =
        O.is(OpKind::Load) ? getPointerBase(O.getOperand(0))->getDefiningOp()
                           : nullptr;
    if (From && From->is(OpKind::Global) && !From->getGlobal()->Constant &&
        From->getGlobal()->Element.isFloat() &&
        Read.insert(From->getGlobal()).second)
      Reads.push_back(&O);
    for (unsigned I = 0, E = O.getNumOperands(); I != E && !Failed; ++I) {
      const Value *P = O.getOperand(I);
      bool Writes = (O.is(OpKind::Store) || O.is(OpKind::Accumulate))
                        ? I == 0
                        : O.is(OpKind::Call) && writesThrough(O, I);
      const Op *Base =
          P->getType().isPointer() ? getPointerBase(P)->getDefiningOp() : nullptr;
      if (!Writes || !Base || !Base->is(OpKind::Global))
        continue;
      report(Ctx.getDiagnostics(),
             clang::SourceLocation::getFromRawEncoding(O.getLoc()),
             Diag::GlobalWrite)
          << Base->getGlobal()->CxxName;
      Failed = true;
    }
  });
  for (const Op *Load : Reads)
    if (!Failed)
      report(Ctx.getDiagnostics(),
             clang::SourceLocation::getFromRawEncoding(Load->getLoc()),
             Diag::GlobalReadAsConstant)
          << getPointerBase(Load->getOperand(0))->getDefiningOp()
                 ->getGlobal()->CxxName;
}

void FunctionLowering::setLoc(const clang::Stmt *S) {
  B.setLoc(S->getBeginLoc().getRawEncoding());
}
