//===- ModuleState.cpp - Declarations, types and the ABI ------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The boundary between the graph and clang's CodeGen. A derivative users
/// call gets a FunctionDecl with the C++ signature docs/user-guide.md gives
/// it (the primal's parameter types, then the shadows), so that clang names
/// it, lays out its arguments and sets their attributes exactly as for a
/// declaration in the source. Arguments then cross the boundary as clang's
/// ABIArgInfo says; the kinds this output does not handle yet are problems,
/// never guesses.
//===----------------------------------------------------------------------===//

#include "ModuleState.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/GlobalDecl.h"
#include "clang/CodeGen/CGFunctionInfo.h"
#include "clang/CodeGen/CodeGenABITypes.h"
#include "clang/CodeGen/ModuleBuilder.h"
#include "llvm/IR/Module.h"

using namespace chainrule;
using namespace chainrule::codegen;
using clang::CodeGen::ABIArgInfo;

ModuleState::ModuleState(clang::ASTContext &Ctx, clang::CodeGenerator &Gen)
    : Ctx(Ctx), Gen(Gen), CGM(Gen.CGM()), M(*Gen.GetModule()),
      LLVMCtx(M.getContext()) {}

llvm::Type *ModuleState::valueType(ir::Type T) {
  if (T.isPointer())
    return llvm::PointerType::get(LLVMCtx, 0);
  switch (T.getKind()) {
  case ir::Type::Kind::Void:
    return llvm::Type::getVoidTy(LLVMCtx);
  case ir::Type::Kind::Bool:
    return llvm::Type::getInt1Ty(LLVMCtx);
  case ir::Type::Kind::Int:
    return llvm::Type::getIntNTy(LLVMCtx, T.getBits());
  case ir::Type::Kind::Float:
    if (T.getBits() == 32)
      return llvm::Type::getFloatTy(LLVMCtx);
    if (T.getBits() == 64)
      return llvm::Type::getDoubleTy(LLVMCtx);
    return clang::CodeGen::convertTypeForMemory(CGM, Ctx.LongDoubleTy);
  case ir::Type::Kind::Record:
    return nullptr;
  }
  return nullptr;
}

llvm::Type *ModuleState::memoryType(ir::Type T) {
  if (T.isBool())
    return clang::CodeGen::convertTypeForMemory(CGM, Ctx.BoolTy);
  return valueType(T);
}

/// The function \p F is a derivative of, at the end of the chain.
static const ir::Function &primalOf(const ir::Function &F) {
  const ir::Function *P = &F;
  while (P->getOrigin())
    P = P->getOrigin();
  return *P;
}

clang::QualType ModuleState::paramType(const ir::Function &F, unsigned I) {
  const ir::Function::ParamInfo &Info = F.getParamInfo(I);
  const ir::Function *Origin = F.getOrigin();
  if (Info.ClangType) {
    clang::QualType T = clang::QualType::getFromOpaquePtr(Info.ClangType);
    // The tangent of a pointer the primal takes by reference is a pointer.
    if (Info.DerivativeOf >= 0 && !Info.ByAddress && T->isReferenceType() &&
        T.getNonReferenceType()->isPointerType())
      T = T.getNonReferenceType();
    return T;
  }
  if (Info.DerivativeOf >= 0 && Origin) {
    void *P = Origin->getParamInfo(Info.DerivativeOf).ClangType;
    if (!P)
      return {};
    // A pointer to the value type, const dropped (`const double *w`,
    // `const double &w` and `double w` all give `double *d_w`).
    clang::QualType T =
        clang::QualType::getFromOpaquePtr(P).getNonReferenceType();
    clang::QualType Pointee = T->isPointerType() ? T->getPointeeType() : T;
    clang::Qualifiers Dropped;
    Pointee = Ctx.getUnqualifiedArrayType(Pointee, Dropped);
    return Ctx.getPointerType(Pointee);
  }
  // The seed of a returned value (`double d_ret`).
  const clang::FunctionDecl *PrimalDecl = primalOf(F).getDecl();
  if (Info.Returned == ir::ReturnedPart::None && PrimalDecl &&
      !F.getParam(I)->getType().isPointer() &&
      F.getParam(I)->getType() == primalOf(F).getResultType())
    return PrimalDecl->getReturnType();
  return {};
}

clang::FunctionDecl *ModuleState::declaration(const ir::Function &F) {
  const ir::Function &Primal = primalOf(F);
  const clang::FunctionDecl *PrimalDecl = Primal.getDecl();
  if (!PrimalDecl)
    return fail(F.getLoc(), "the derivative '" + F.getQualifiedName() +
                                "' of a function without a declaration");
  if (llvm::isa<clang::CXXMethodDecl>(PrimalDecl))
    return fail(F.getLoc(), "the derivatives of member functions and "
                            "function objects");
  clang::QualType Result = Ctx.VoidTy;
  if (!F.getResultType().isVoid())
    Result = PrimalDecl->getReturnType();
  if (!F.getResultType().isVoid() && Result->isRecordType())
    return fail(F.getLoc(), "a derivative returning a struct");
  std::vector<clang::QualType> Params;
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
    const ir::Function::ParamInfo &Info = F.getParamInfo(I);
    if (Info.Local || Info.Returned != ir::ReturnedPart::None)
      return fail(F.getLoc(), "a derivative of a function returning a struct");
    clang::QualType T = paramType(F, I);
    if (T.isNull())
      return fail(F.getLoc(), "parameter '" + F.getParam(I)->getName() +
                                  "' of '" + F.getQualifiedName() + "'");
    Params.push_back(T);
  }
  clang::FunctionProtoType::ExtProtoInfo EPI;
  clang::QualType FnType = Ctx.getFunctionType(Result, Params, EPI);
  auto *DC = const_cast<clang::DeclContext *>(PrimalDecl->getDeclContext());
  clang::DeclarationName Name(&Ctx.Idents.get(F.getName()));
  // The source may declare it already (to call it).
  for (clang::NamedDecl *D : DC->lookup(Name))
    if (auto *FD = llvm::dyn_cast<clang::FunctionDecl>(D);
        FD && Ctx.hasSameType(FD->getType(), FnType))
      return FD;
  clang::SourceLocation Loc = PrimalDecl->getLocation();
  auto *FD = clang::FunctionDecl::Create(
      Ctx, DC, Loc, Loc, Name, FnType, Ctx.getTrivialTypeSourceInfo(FnType),
      clang::SC_None);
  std::vector<clang::ParmVarDecl *> Parms;
  for (unsigned I = 0, E = Params.size(); I != E; ++I) {
    auto *P = clang::ParmVarDecl::Create(
        Ctx, FD, Loc, Loc, &Ctx.Idents.get(F.getParam(I)->getName()),
        Params[I], Ctx.getTrivialTypeSourceInfo(Params[I]), clang::SC_None,
        nullptr);
    P->setScopeInfo(0, I);
    Parms.push_back(P);
  }
  FD->setParams(Parms);
  return FD;
}

/// How clang passes the arguments of functions of type \p FnType.
static const clang::CodeGen::CGFunctionInfo &
arrange(clang::CodeGen::CodeGenModule &CGM, clang::QualType FnType) {
  return clang::CodeGen::arrangeFreeFunctionType(
      CGM, FnType->getCanonicalTypeUnqualified()
               .getAs<clang::FunctionProtoType>());
}

const LoweredFunction *
ModuleState::declareGenerated(const ir::Function &F) {
  LoweredFunction L;
  if (F.getLinkage() == ir::Linkage::Internal) {
    std::vector<llvm::Type *> Params;
    for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
      llvm::Type *T = valueType(F.getParam(I)->getType());
      if (!T)
        return fail(F.getLoc(), "parameter '" + F.getParam(I)->getName() +
                                    "' of '" + F.getQualifiedName() + "'");
      Params.push_back(T);
    }
    llvm::Type *Result = valueType(F.getResultType());
    if (!Result)
      return fail(F.getLoc(), "the result of '" + F.getQualifiedName() + "'");
    L.Fn = llvm::Function::Create(
        llvm::FunctionType::get(Result, Params, /*isVarArg=*/false),
        llvm::GlobalValue::InternalLinkage, F.getQualifiedName(), M);
  } else {
    clang::FunctionDecl *FD = declaration(F);
    if (!FD)
      return nullptr;
    L.Fn = llvm::dyn_cast<llvm::Function>(
        Gen.GetAddrOfGlobal(clang::GlobalDecl(FD), /*isForDefinition=*/true));
    if (!L.Fn || !L.Fn->isDeclaration())
      return fail(F.getLoc(), "'" + F.getQualifiedName() +
                                  "', which the source defines itself");
    L.ABI = &arrange(CGM, FD->getType());
    // A derivative of a function of a header is defined by every file that
    // includes it, as one definition (the C++ output's `inline`).
    L.Fn->setLinkage(F.getLinkage() == ir::Linkage::Inline
                         ? llvm::GlobalValue::WeakODRLinkage
                         : llvm::GlobalValue::ExternalLinkage);
  }
  llvm::AttrBuilder Attrs(LLVMCtx);
  clang::CodeGen::addDefaultFunctionDefinitionAttributes(CGM, Attrs);
  L.Fn->addFnAttrs(Attrs);
  return &(Functions[&F] = L);
}

const LoweredFunction *ModuleState::get(const ir::Function &F, unsigned Loc) {
  auto It = Functions.find(&F);
  if (It != Functions.end())
    return &It->second;
  const clang::FunctionDecl *FD = F.getDecl();
  if (!FD)
    return fail(Loc, "a call to '" + F.getQualifiedName() + "'");
  if (llvm::isa<clang::CXXMethodDecl>(FD))
    return fail(Loc, "a call to the member function '" +
                         F.getQualifiedName() + "'");
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I)
    if (F.getParamInfo(I).Returned != ir::ReturnedPart::None)
      return fail(Loc, "a call to '" + F.getQualifiedName() +
                           "', which returns a struct");
  if (F.getNumParams() != FD->getNumParams())
    return fail(Loc, "a call to '" + F.getQualifiedName() + "'");
  LoweredFunction L;
  L.Fn = llvm::dyn_cast<llvm::Function>(
      Gen.GetAddrOfGlobal(clang::GlobalDecl(FD), /*isForDefinition=*/false));
  if (!L.Fn)
    return fail(Loc, "a call to '" + F.getQualifiedName() + "'");
  L.ABI = &arrange(CGM, FD->getType());
  return &(Functions[&F] = L);
}

/// The position of the first argument of the C++ parameters among the
/// LLVM function's arguments (after the address of an indirect result).
static unsigned firstArgument(const clang::CodeGen::CGFunctionInfo &ABI) {
  return ABI.getReturnInfo().isIndirect() ? 1 : 0;
}

/// True when an argument passed as \p AI is the graph's value of type \p T
/// as it is: a scalar or pointer in a register of its own type.
static bool passedAsIs(const ABIArgInfo &AI, llvm::Type *T) {
  return (AI.isDirect() || AI.isExtend()) && !AI.getPaddingType() &&
         AI.getDirectOffset() == 0 && AI.getCoerceToType() == T;
}

/// True when an argument passed as \p AI is the address of a copy the
/// callee owns (`byval`): the graph's pointer to the object.
static bool passedByCopy(const ABIArgInfo &AI) {
  return AI.isIndirect() && AI.getIndirectByVal() && !AI.getPaddingType();
}

std::vector<llvm::Value *>
ModuleState::receiveParams(llvm::IRBuilder<> &B, const ir::Function &F,
                           const LoweredFunction &L) {
  std::vector<llvm::Value *> Values;
  if (!L.ABI) {
    for (llvm::Argument &A : L.Fn->args())
      Values.push_back(&A);
    return Values;
  }
  unsigned Next = firstArgument(*L.ABI);
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
    const ABIArgInfo &AI = L.ABI->arguments()[I].info;
    llvm::Type *T = valueType(F.getParam(I)->getType());
    if (!(T && passedAsIs(AI, T)) &&
        !(F.getParam(I)->getType().isPointer() && passedByCopy(AI))) {
      fail(F.getLoc(), "parameter '" + F.getParam(I)->getName() +
                           "' as the ABI passes it");
      return {};
    }
    Values.push_back(L.Fn->getArg(Next++));
  }
  return Values;
}

void ModuleState::emitReturn(llvm::IRBuilder<> &B, const LoweredFunction &L,
                             llvm::Value *Result) {
  if (!Result) {
    B.CreateRetVoid();
    return;
  }
  if (L.ABI) {
    const ABIArgInfo &RI = L.ABI->getReturnInfo();
    if (!passedAsIs(RI, Result->getType())) {
      fail(0, "a result as the ABI returns it");
      B.CreateUnreachable();
      return;
    }
  }
  B.CreateRet(Result);
}

llvm::Value *ModuleState::call(llvm::IRBuilder<> &B, const ir::Function &Callee,
                               llvm::ArrayRef<llvm::Value *> Args,
                               unsigned Loc) {
  const LoweredFunction *L = get(Callee, Loc);
  if (!L)
    return nullptr;
  llvm::FunctionType *FT = L->Fn->getFunctionType();
  if (!L->ABI) {
    llvm::CallInst *C = B.CreateCall(FT, L->Fn, Args);
    return FT->getReturnType()->isVoidTy() ? nullptr : C;
  }
  if (firstArgument(*L->ABI) != 0 ||
      (!FT->getReturnType()->isVoidTy() &&
       !passedAsIs(L->ABI->getReturnInfo(), FT->getReturnType())))
    return fail(Loc, "a call to '" + Callee.getQualifiedName() +
                         "' whose result the ABI returns in memory");
  std::vector<llvm::Value *> IRArgs;
  for (unsigned I = 0, E = Args.size(); I != E; ++I) {
    const ABIArgInfo &AI = L->ABI->arguments()[I].info;
    if (!passedAsIs(AI, Args[I]->getType()) &&
        !(Args[I]->getType()->isPointerTy() && passedByCopy(AI)))
      return fail(Loc, "argument " + std::to_string(I + 1) + " of a call to '" +
                           Callee.getQualifiedName() + "' as the ABI passes it");
    IRArgs.push_back(Args[I]);
  }
  if (IRArgs.size() != FT->getNumParams())
    return fail(Loc, "a call to '" + Callee.getQualifiedName() + "'");
  llvm::CallInst *C = B.CreateCall(FT, L->Fn, IRArgs);
  // The call site carries the attributes clang gave the callee's result
  // and parameters (`byval`, `zeroext`, `noundef`).
  llvm::AttributeList Attrs = L->Fn->getAttributes();
  std::vector<llvm::AttributeSet> ParamAttrs;
  for (unsigned I = 0, E = FT->getNumParams(); I != E; ++I)
    ParamAttrs.push_back(Attrs.getParamAttrs(I));
  C->setAttributes(llvm::AttributeList::get(LLVMCtx, llvm::AttributeSet(),
                                            Attrs.getRetAttrs(), ParamAttrs));
  C->setCallingConv(L->Fn->getCallingConv());
  return FT->getReturnType()->isVoidTy() ? nullptr : C;
}
