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

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

/// The namespaces around \p FD, `a::b`, with `(anonymous)` for an
/// anonymous one; nothing when \p FD is nested in something else.
static std::optional<std::string> namespaceOf(const clang::FunctionDecl &FD) {
  llvm::SmallVector<std::string, 4> Parts;
  for (const clang::DeclContext *DC = FD.getDeclContext(); !DC->isTranslationUnit();
       DC = DC->getParent()) {
    if (llvm::isa<clang::LinkageSpecDecl>(DC))
      continue;
    const auto *NS = llvm::dyn_cast<clang::NamespaceDecl>(DC);
    if (!NS)
      return std::nullopt;
    Parts.push_back(NS->isAnonymousNamespace() ? "(anonymous)"
                                               : NS->getNameAsString());
  }
  std::string S;
  for (const std::string &P : llvm::reverse(Parts))
    S += (S.empty() ? "" : "::") + P;
  return S;
}

std::unique_ptr<Function>
ModuleLowering::createSignature(const clang::FunctionDecl &Def) {
  clang::DiagnosticsEngine &Diags = Ctx.getDiagnostics();
  auto Reject = [&](llvm::StringRef Why) -> std::unique_ptr<Function> {
    report(Diags, Def.getLocation(), Diag::UnsupportedFunction) << &Def << Why;
    return nullptr;
  };
  if (const auto *MD = llvm::dyn_cast<clang::CXXMethodDecl>(&Def);
      MD && !MD->isStatic())
    return Reject("member functions are not supported yet");
  if (Def.isVariadic())
    return Reject("variadic functions are not supported");
  if (Def.isTemplated())
    return Reject("function templates are not supported yet");
  std::optional<std::string> NS = namespaceOf(Def);
  if (!NS)
    return Reject("functions nested in classes are not supported yet");

  clang::QualType RT = Def.getReturnType();
  std::optional<Type> ResultTy =
      RT->isVoidType() ? Type::getVoid()
                       : FunctionLowering::convertType(Ctx, RT);
  if (!ResultTy) {
    report(Diags, Def.getReturnTypeSourceRange().getBegin(),
           Diag::UnsupportedType)
        << "a return value" << RT;
    return nullptr;
  }

  auto F = std::make_unique<Function>(Def.getNameAsString(), *NS, *ResultTy);
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
  for (const clang::ParmVarDecl *P : Def.parameters()) {
    std::optional<Type> Ty = FunctionLowering::convertType(Ctx, P->getType());
    // A struct or container passed by value is an object of the callee,
    // named like a reference (its address is the SSA parameter).
    bool ByValueRecord = Ty && Ty->isRecord();
    if (ByValueRecord)
      Ty = Ty->getPointerTo();
    if (!Ty) {
      report(Diags, P->getLocation(), Diag::UnsupportedType)
          << ("parameter '" + P->getName() + "'").str() << P->getType();
      return nullptr;
    }
    std::string Name = P->getName().str();
    if (Name.empty())
      Name = "arg" + std::to_string(P->getFunctionScopeIndex());
    Function::ParamInfo Info;
    Info.CxxType = P->getType().getAsString(Policy);
    Info.ByAddress = P->getType()->isReferenceType() || ByValueRecord;
    clang::QualType PT = P->getType();
    if (PT->isReferenceType())
      Info.ConstPointee = PT.getNonReferenceType().isConstQualified();
    else if (PT->isPointerType())
      Info.ConstPointee = PT->getPointeeType().isConstQualified();
    else if (ByValueRecord)
      Info.ConstPointee = true; // the caller's object is not written
    MayWrite |= Ty->isPointer() && !Info.ConstPointee;
    F->addParam(*Ty, Name, std::move(Info));
  }
  // Until its body is known (or without one), a function may write what
  // its non-const pointer parameters point to.
  F->setPure(!MayWrite);
  if (Def.getStorageClass() == clang::SC_Static ||
      NS->find("(anonymous)") != std::string::npos)
    F->setLinkage(Linkage::Internal);
  else if (Def.isInlined())
    F->setLinkage(Linkage::Inline);
  F->setLoc(Def.getLocation().getRawEncoding());
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
  if (!Custom && !NonDiff && FD->getDefinition())
    return lower(FD);
  return declare(FD, Custom, NonDiff);
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

/// True when \p RD is std::<Name>.
static bool isStd(const clang::CXXRecordDecl *RD, llvm::StringRef Name) {
  return RD->isInStdNamespace() && RD->getName() == Name;
}

std::optional<Type> FunctionLowering::convertRecord(clang::ASTContext &Ctx,
                                                    clang::QualType T) {
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return std::nullopt;
  RD = RD->getDefinition();
  const auto *Spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(RD);
  if (Spec && (isStd(RD, "vector") || isStd(RD, "array"))) {
    const clang::TemplateArgumentList &Args = Spec->getTemplateArgs();
    std::optional<Type> Elem = convertType(Ctx, Args[0].getAsType());
    if (!Elem || Elem->isPointer() || Elem->isRecord())
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
    return Type::getRecord(R);
  }
  // A struct of values: no bases, no virtual functions, fields that are
  // scalars, arrays of them or such structs, and no default member
  // initializers (a local starts zeroed).
  if (RD->isUnion() || RD->getNumBases() || RD->isPolymorphic() ||
      RD->isLambda() || RD->isDependentContext())
    return std::nullopt;
  clang::PrintingPolicy Policy(Ctx.getLangOpts());
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressTagKeyword = true;
  std::string Name =
      Ctx.getRecordType(RD).getCanonicalType().getAsString(Policy);
  RecordType *R = RecordType::get(RecordType::Kind::Struct, Name);
  if (R->isComplete())
    return Type::getRecord(R);
  std::vector<RecordType::Field> Fields;
  for (const clang::FieldDecl *FDl : RD->fields()) {
    clang::QualType FT = FDl->getType();
    int64_t Count = 0;
    if (const auto *AT = Ctx.getAsConstantArrayType(FT)) {
      Count = AT->getSize().getSExtValue();
      FT = AT->getElementType();
    }
    std::optional<Type> Ty = FT->isPointerType() || FT->isReferenceType() ||
                                     FT->isArrayType() || FDl->isBitField() ||
                                     FDl->hasInClassInitializer()
                                 ? std::nullopt
                                 : convertType(Ctx, FT);
    if (!Ty)
      return std::nullopt;
    Fields.push_back({FDl->getNameAsString(), *Ty, Count});
  }
  for (RecordType::Field &F : Fields)
    R->addField(std::move(F));
  R->setComplete();
  return Type::getRecord(R);
}

std::optional<Type> FunctionLowering::convertType(clang::ASTContext &Ctx,
                                                  clang::QualType T) {
  T = T.getCanonicalType();
  if (T->isRecordType())
    return convertRecord(Ctx, T);
  // A reference is the address of what it binds to; a pointer to a scalar
  // is a pointer.
  if (T->isReferenceType() || T->isPointerType()) {
    clang::QualType Pointee = T->getPointeeType();
    if (Pointee->isReferenceType() || Pointee->isPointerType())
      return std::nullopt;
    std::optional<Type> Elem = convertType(Ctx, Pointee);
    if (!Elem)
      return std::nullopt;
    return Elem->getPointerTo();
  }
  if (const auto *ET = T->getAs<clang::EnumType>())
    T = ET->getDecl()->getIntegerType().getCanonicalType();
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
  for (unsigned I = 0, E = FD.getNumParams(); I != E; ++I) {
    const clang::ParmVarDecl *P = FD.getParamDecl(I);
    if (F.getParamInfo(I).ByAddress) {
      Addrs[P] = F.getParam(I);
    } else if (F.getParam(I)->getType().isPointer()) {
      PtrBase[P] = F.getParam(I);
      Vars[P] = B.constInt(Type::getInt(64, true), 0);
    } else {
      Vars[P] = F.getParam(I);
    }
  }
  findAddressTaken();
  for (unsigned I = 0, E = FD.getNumParams(); I != E; ++I)
    if (AddressTaken.count(FD.getParamDecl(I))) {
      Vars.erase(FD.getParamDecl(I));
      makeAddressable(*FD.getParamDecl(I), F.getParam(I));
    }
}

bool FunctionLowering::run() {
  lowerStmts({FD.getBody()}, /*Tail=*/true);
  return !Failed;
}

void FunctionLowering::setLoc(const clang::Stmt *S) {
  B.setLoc(S->getBeginLoc().getRawEncoding());
}
