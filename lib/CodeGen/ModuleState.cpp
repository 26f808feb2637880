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
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/GlobalDecl.h"
#include "clang/CodeGen/CGFunctionInfo.h"
#include "clang/CodeGen/CodeGenABITypes.h"
#include "clang/Basic/DiagnosticSema.h"
#include "clang/CodeGen/ModuleBuilder.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"
#include "llvm/IR/Module.h"

using namespace chainrule;
using namespace chainrule::codegen;
using clang::CodeGen::ABIArgInfo;

ModuleState::ModuleState(clang::ASTContext &Ctx, clang::CodeGenerator &Gen,
                         clang::Sema &Sema)
    : Ctx(Ctx), Gen(Gen), Sema(Sema), CGM(Gen.CGM()), M(*Gen.GetModule()),
      LLVMCtx(M.getContext()), TapeRuntime(M) {}

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

bool ModuleState::isHeapBuffer(ir::Type T) {
  return T.isRecord() &&
         T.getRecord()->getKind() == ir::RecordType::Kind::Vector &&
         !T.getRecord()->getClangType();
}

clang::QualType ModuleState::recordType(ir::Type T) {
  if (!T.isRecord() || !T.getRecord()->getClangType())
    return {};
  clang::QualType QT =
      clang::QualType::getFromOpaquePtr(T.getRecord()->getClangType());
  // (A std::vector or std::array only passed by reference may not be
  // instantiated.)
  if (QT->isIncompleteType())
    return {};
  return QT;
}

llvm::Type *ModuleState::memoryType(ir::Type T) {
  if (T.isBool())
    return clang::CodeGen::convertTypeForMemory(CGM, Ctx.BoolTy);
  if (isHeapBuffer(T))
    return llvm::StructType::get(llvm::PointerType::get(LLVMCtx, 0),
                                 TapeRuntime.sizeType());
  if (T.isRecord()) {
    clang::QualType QT = recordType(T);
    return QT.isNull() ? nullptr
                       : clang::CodeGen::convertTypeForMemory(CGM, QT);
  }
  return valueType(T);
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
  const clang::FunctionDecl *PrimalDecl = F.getPrimal()->getDecl();
  if (Info.Returned == ir::ReturnedPart::None && PrimalDecl &&
      !F.getParam(I)->getType().isPointer() &&
      F.getParam(I)->getType() == F.getPrimal()->getResultType())
    return PrimalDecl->getReturnType();
  return {};
}

clang::FunctionDecl *ModuleState::declaration(const ir::Function &F) {
  const clang::FunctionDecl *PrimalDecl = F.getPrimal()->getDecl();
  if (!PrimalDecl)
    return fail(F.getLoc(), "the derivative '" + F.getQualifiedName() +
                                "' of a function without a declaration");
  // A derivative returns the primal's value, or the tangent of a returned
  // struct (a local of its body).
  clang::QualType Result = Ctx.VoidTy;
  if (!F.getResultType().isVoid() || returnedObject(F) >= 0)
    Result = PrimalDecl->getReturnType();
  std::vector<clang::QualType> Params;
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
    const ir::Function::ParamInfo &Info = F.getParamInfo(I);
    if (!isCxxParam(Info))
      continue;
    // The seed of a returned struct: `const R &d_ret`.
    clang::QualType T =
        Info.Returned == ir::ReturnedPart::Cotangent
            ? Ctx.getLValueReferenceType(
                  PrimalDecl->getReturnType().getUnqualifiedType().withConst())
            : paramType(F, I);
    if (T.isNull())
      return fail(F.getLoc(), "parameter '" + F.getParam(I)->getName() +
                                  "' of '" + F.getQualifiedName() + "'");
    Params.push_back(T);
  }
  clang::FunctionProtoType::ExtProtoInfo EPI;
  clang::QualType FnType = Ctx.getFunctionType(Result, Params, EPI);
  // A member function's derivatives are free functions of the namespace
  // around its class.
  auto *DC = const_cast<clang::DeclContext *>(PrimalDecl->getDeclContext());
  while (DC->isRecord())
    DC = DC->getParent();
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
    L.Decl = FD;
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
  unsigned CxxParams = 0;
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I)
    CxxParams += isCxxParam(F.getParamInfo(I));
  if (CxxParams != FD->getNumParams())
    return fail(Loc, "a call to '" + F.getQualifiedName() + "'");
  LoweredFunction L;
  L.Fn = llvm::dyn_cast<llvm::Function>(
      Gen.GetAddrOfGlobal(clang::GlobalDecl(FD), /*isForDefinition=*/false));
  if (!L.Fn)
    return fail(Loc, "a call to '" + F.getQualifiedName() + "'");
  L.ABI = &arrange(CGM, FD->getType());
  L.Decl = FD;
  return &(Functions[&F] = L);
}

bool codegen::isCxxParam(const ir::Function::ParamInfo &Info) {
  return !Info.Local && Info.Returned != ir::ReturnedPart::Value;
}

int codegen::returnedObject(const ir::Function &F) {
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I)
    if (F.getParamInfo(I).Local &&
        F.getParamInfo(I).Returned == ir::ReturnedPart::Tangent)
      return I;
  return -1;
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

/// True when parameter \p I of \p F, C++ parameter \p Cxx of \p L's
/// declaration, is a reference to what the graph takes
/// as a value (`double *&p` whose pointer the function only reads).
static bool referenceToValue(const ir::Function &F, const LoweredFunction &L,
                             unsigned I, unsigned Cxx) {
  return L.Decl && Cxx < L.Decl->getNumParams() &&
         L.Decl->getParamDecl(Cxx)->getType()->isReferenceType() &&
         !F.getParamInfo(I).ByAddress;
}

/// A call of \p Fn carrying the attributes clang gave its result and
/// parameters (`byval`, `zeroext`, `noundef`), as clang's calls do.
static llvm::CallInst *callLike(llvm::IRBuilder<> &B, llvm::Function *Fn,
                                llvm::ArrayRef<llvm::Value *> Args) {
  llvm::CallInst *C = B.CreateCall(Fn->getFunctionType(), Fn, Args);
  llvm::AttributeList Attrs = Fn->getAttributes();
  std::vector<llvm::AttributeSet> ParamAttrs;
  for (unsigned I = 0, E = Args.size(); I != E; ++I)
    ParamAttrs.push_back(Attrs.getParamAttrs(I));
  C->setAttributes(llvm::AttributeList::get(Fn->getContext(),
                                            llvm::AttributeSet(),
                                            Attrs.getRetAttrs(), ParamAttrs));
  C->setCallingConv(Fn->getCallingConv());
  return C;
}

/// How the graph's value of a parameter crosses the ABI.
struct Passing {
  enum Kind {
    AsIs,     ///< the value itself (a scalar, a pointer, a reference)
    Indirect, ///< the address of the object (a struct passed in memory)
    Coerced,  ///< a struct's bytes in registers of other types
    Ignored,  ///< nothing (an empty struct)
  } K;
  unsigned NumArgs; ///< LLVM arguments it takes
};

/// How a parameter of graph type \p T (for a struct passed by value, a
/// pointer to it, \p Record) passed as \p AI crosses the ABI, if this
/// output handles it.
static std::optional<Passing> passing(const ABIArgInfo &AI, llvm::Type *T,
                                      bool Record) {
  if (!Record)
    return T && passedAsIs(AI, T) ? std::optional<Passing>({Passing::AsIs, 1})
                                  : std::nullopt;
  if (AI.getPaddingType())
    return std::nullopt;
  if (AI.isIndirect())
    return Passing{Passing::Indirect, 1};
  if (AI.isIgnore())
    return Passing{Passing::Ignored, 0};
  if (!AI.isDirect() || AI.getDirectOffset() != 0)
    return std::nullopt;
  auto *ST = llvm::dyn_cast<llvm::StructType>(AI.getCoerceToType());
  return Passing{Passing::Coerced,
                 ST && AI.getCanBeFlattened() ? ST->getNumElements() : 1};
}

/// True when C++ parameter \p I of \p L's declaration is a struct passed
/// by value.
static bool recordByValue(const LoweredFunction &L, unsigned I) {
  return L.Decl && I < L.Decl->getNumParams() &&
         L.Decl->getParamDecl(I)->getType()->isRecordType();
}

llvm::AllocaInst *ModuleState::temporary(llvm::IRBuilder<> &B, uint64_t Bytes,
                                         llvm::Align Align) {
  llvm::BasicBlock &Entry = B.GetInsertBlock()->getParent()->getEntryBlock();
  llvm::IRBuilder<> At(&Entry, Entry.getFirstInsertionPt());
  llvm::AllocaInst *A = At.CreateAlloca(
      llvm::ArrayType::get(At.getInt8Ty(), Bytes ? Bytes : 1));
  A->setAlignment(Align);
  return A;
}

/// A slot that holds both \p Object's type and \p Coerced.
static std::pair<uint64_t, llvm::Align>
slotFor(const llvm::DataLayout &DL, llvm::Type *Object, llvm::Type *Coerced) {
  return {std::max(DL.getTypeAllocSize(Object).getFixedValue(),
                   DL.getTypeAllocSize(Coerced).getFixedValue()),
          std::max(DL.getPrefTypeAlign(Object), DL.getPrefTypeAlign(Coerced))};
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
  const llvm::DataLayout &DL = M.getDataLayout();
  unsigned Next = firstArgument(*L.ABI), Cxx = 0;
  int Seed = -1, SeedCopy = -1;
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
    const ir::Function::ParamInfo &Info = F.getParamInfo(I);
    ir::Type GT = F.getParam(I)->getType();
    if (!isCxxParam(Info)) {
      // The returned struct and its tangent or cotangent: zeroed locals.
      llvm::Type *Object = memoryType(GT.getPointee());
      if (!Object) {
        fail(F.getLoc(), "the result of '" + F.getQualifiedName() + "'");
        return {};
      }
      llvm::AllocaInst *Slot = temporary(B, DL.getTypeAllocSize(Object),
                                         DL.getPrefTypeAlign(Object));
      Slot->setName(F.getParam(I)->getName());
      B.CreateMemSet(Slot, B.getInt8(0), DL.getTypeAllocSize(Object),
                     Slot->getAlign());
      if (Info.Returned == ir::ReturnedPart::Cotangent)
        SeedCopy = I;
      Values.push_back(Slot);
      continue;
    }
    if (Info.Returned == ir::ReturnedPart::Cotangent)
      Seed = I;
    unsigned C = Cxx++; // its position among the C++ parameters
    const ABIArgInfo &AI = L.ABI->arguments()[C].info;
    bool Record = recordByValue(L, C);
    llvm::Type *T = valueType(GT);
    llvm::Type *Object = Record ? memoryType(GT.getPointee()) : nullptr;
    std::optional<Passing> P = passing(AI, T, Record);
    if (!P || (Record && !Object)) {
      fail(F.getLoc(), "parameter '" + F.getParam(I)->getName() +
                           "' as the ABI passes it");
      return {};
    }
    llvm::Value *V = nullptr;
    switch (P->K) {
    case Passing::AsIs:
      V = L.Fn->getArg(Next);
      // A shadow or tangent buffer overlaps no other parameter (the
      // aliasing contract, docs/memory.md).
      if (Info.DerivativeOf >= 0 && GT.isPointer())
        L.Fn->addParamAttr(Next, llvm::Attribute::NoAlias);
      if (referenceToValue(F, L, I, C))
        V = B.CreateLoad(T, V, V->getName() + ".value");
      break;
    case Passing::Indirect:
      V = L.Fn->getArg(Next);
      break;
    case Passing::Ignored:
      V = temporary(B, DL.getTypeAllocSize(Object), DL.getPrefTypeAlign(Object));
      break;
    case Passing::Coerced: {
      // The object in a slot of the function, from its coerced pieces.
      llvm::Type *CT = AI.getCoerceToType();
      auto [Bytes, Align] = slotFor(DL, Object, CT);
      llvm::AllocaInst *Slot = temporary(B, Bytes, Align);
      Slot->setName(F.getParam(I)->getName());
      if (P->NumArgs == 1 && !llvm::isa<llvm::StructType>(CT))
        B.CreateStore(L.Fn->getArg(Next), Slot);
      else
        for (unsigned J = 0; J != P->NumArgs; ++J)
          B.CreateStore(L.Fn->getArg(Next + J),
                        B.CreateStructGEP(CT, Slot, J));
      V = Slot;
      break;
    }
    }
    Next += P->NumArgs;
    Values.push_back(V);
  }
  // The cotangent of the returned struct starts as the seed `d_ret`.
  if (Seed >= 0 && SeedCopy >= 0) {
    llvm::Type *Object =
        memoryType(F.getParam(SeedCopy)->getType().getPointee());
    B.CreateMemCpy(Values[SeedCopy], llvm::MaybeAlign(), Values[Seed],
                   llvm::MaybeAlign(), DL.getTypeAllocSize(Object));
  }
  return Values;
}

void ModuleState::emitReturn(llvm::IRBuilder<> &B, const LoweredFunction &L,
                             llvm::Value *Result, llvm::Value *Object,
                             ir::Type ObjectType) {
  if (Object && L.ABI) {
    // A struct returned by value, from the local that holds it.
    const llvm::DataLayout &DL = M.getDataLayout();
    const ABIArgInfo &RI = L.ABI->getReturnInfo();
    llvm::Type *T = memoryType(ObjectType);
    uint64_t Bytes = DL.getTypeAllocSize(T);
    if (RI.isIndirect()) {
      B.CreateMemCpy(L.Fn->getArg(0), llvm::MaybeAlign(), Object,
                     llvm::MaybeAlign(), Bytes);
      B.CreateRetVoid();
    } else if (RI.isIgnore()) {
      B.CreateRetVoid();
    } else if (RI.isDirect() && !RI.getDirectOffset()) {
      llvm::Type *CT = RI.getCoerceToType();
      auto [Size, Align] = slotFor(DL, T, CT);
      llvm::AllocaInst *Slot = temporary(B, Size, Align);
      B.CreateMemCpy(Slot, Align, Object, llvm::MaybeAlign(), Bytes);
      B.CreateRet(B.CreateLoad(CT, Slot));
    } else {
      fail(0, "a struct result as the ABI returns it");
      B.CreateUnreachable();
    }
    return;
  }
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
  const llvm::DataLayout &DL = M.getDataLayout();
  const ABIArgInfo &RI = L->ABI->getReturnInfo();
  // A callee returning a struct: the graph passes the object it fills.
  int Returned = -1;
  for (unsigned I = 0, E = Args.size(); I != E; ++I)
    if (Callee.getParamInfo(I).Returned == ir::ReturnedPart::Value)
      Returned = I;
  llvm::Type *ReturnedType =
      Returned >= 0
          ? memoryType(Callee.getParam(Returned)->getType().getPointee())
          : nullptr;
  if ((Returned >= 0 && !ReturnedType) ||
      (Returned < 0 && RI.isIndirect()) ||
      (Returned >= 0 && !RI.isIndirect() && !RI.isIgnore() &&
       !(RI.isDirect() && !RI.getDirectOffset())) ||
      (Returned < 0 && !FT->getReturnType()->isVoidTy() &&
       !passedAsIs(RI, FT->getReturnType())))
    return fail(Loc, "a call to '" + Callee.getQualifiedName() +
                         "' whose result the ABI returns this way");
  std::vector<llvm::Value *> IRArgs;
  if (RI.isIndirect())
    IRArgs.push_back(Args[Returned]); // sret: the callee writes the object
  for (unsigned I = 0, Cxx = 0, E = Args.size(); I != E; ++I) {
    if (!isCxxParam(Callee.getParamInfo(I)))
      continue;
    unsigned C = Cxx++;
    const ABIArgInfo &AI = L->ABI->arguments()[C].info;
    bool Record = recordByValue(*L, C);
    ir::Type GT = Callee.getParam(I)->getType();
    llvm::Type *Object = Record ? memoryType(GT.getPointee()) : nullptr;
    std::optional<Passing> P = passing(AI, Args[I]->getType(), Record);
    clang::QualType PT =
        L->Decl->getParamDecl(C)->getType().getNonReferenceType();
    // A copy made by copying bytes: only of a trivially copyable struct.
    bool Copyable = !Record || PT.isTriviallyCopyableType(Ctx);
    if (!P || (Record && !Object) ||
        (P->K == Passing::Indirect && !AI.getIndirectByVal() && !Copyable))
      return fail(Loc, "argument " + std::to_string(C + 1) + " of a call to '" +
                           Callee.getQualifiedName() + "' as the ABI passes it");
    llvm::Value *Arg = Args[I];
    switch (P->K) {
    case Passing::AsIs:
      if (referenceToValue(Callee, *L, I, C)) {
        // The callee reads the value through a reference: a temporary.
        llvm::Type *T = Arg->getType();
        llvm::AllocaInst *Slot =
            temporary(B, DL.getTypeAllocSize(T), DL.getPrefTypeAlign(T));
        B.CreateStore(Arg, Slot);
        Arg = Slot;
      }
      IRArgs.push_back(Arg);
      break;
    case Passing::Indirect:
      if (!AI.getIndirectByVal()) {
        // The callee's own copy, in memory the caller provides.
        llvm::AllocaInst *Copy = temporary(B, DL.getTypeAllocSize(Object),
                                           DL.getPrefTypeAlign(Object));
        B.CreateMemCpy(Copy, Copy->getAlign(), Arg, llvm::MaybeAlign(),
                       DL.getTypeAllocSize(Object));
        Arg = Copy;
      }
      IRArgs.push_back(Arg);
      break;
    case Passing::Ignored:
      break;
    case Passing::Coerced: {
      // The object's bytes in a slot big enough for the coerced type.
      llvm::Type *CT = AI.getCoerceToType();
      auto [Bytes, Align] = slotFor(DL, Object, CT);
      llvm::AllocaInst *Slot = temporary(B, Bytes, Align);
      B.CreateMemCpy(Slot, Align, Arg, llvm::MaybeAlign(),
                     DL.getTypeAllocSize(Object));
      if (P->NumArgs == 1 && !llvm::isa<llvm::StructType>(CT))
        IRArgs.push_back(B.CreateLoad(CT, Slot));
      else
        for (unsigned J = 0; J != P->NumArgs; ++J)
          IRArgs.push_back(B.CreateLoad(
              llvm::cast<llvm::StructType>(CT)->getElementType(J),
              B.CreateStructGEP(CT, Slot, J)));
      break;
    }
    }
  }
  if (IRArgs.size() != FT->getNumParams())
    return fail(Loc, "a call to '" + Callee.getQualifiedName() + "'");
  llvm::CallInst *C = callLike(B, L->Fn, IRArgs);
  if (Returned >= 0) {
    // A struct returned in registers: its bytes into the object.
    if (RI.isDirect()) {
      llvm::Type *CT = FT->getReturnType();
      auto [Bytes, Align] = slotFor(DL, ReturnedType, CT);
      llvm::AllocaInst *Slot = temporary(B, Bytes, Align);
      B.CreateStore(C, Slot);
      B.CreateMemCpy(Args[Returned], llvm::MaybeAlign(), Slot, Align,
                     DL.getTypeAllocSize(ReturnedType));
    }
    return nullptr;
  }
  return FT->getReturnType()->isVoidTy() ? nullptr : C;
}

clang::CXXRecordDecl *ModuleState::completeRecord(ir::Type T, unsigned Loc) {
  if (!T.isRecord() || !T.getRecord()->getClangType())
    return fail(Loc, "a record of no C++ type");
  clang::QualType QT =
      clang::QualType::getFromOpaquePtr(T.getRecord()->getClangType());
  if (Sema.RequireCompleteType(clang::SourceLocation::getFromRawEncoding(Loc),
                               QT, clang::diag::err_incomplete_type))
    return nullptr;
  return QT->getAsCXXRecordDecl();
}

/// A heap buffer's memberwise operations (callVector's names) on its
/// object {data, size} at \p This.
static llvm::Value *heapBuffer(llvm::IRBuilder<> &B, llvm::Module &M,
                               llvm::Type *Object, llvm::Type *Elem,
                               llvm::StringRef Name, llvm::Value *This,
                               llvm::ArrayRef<llvm::Value *> Args) {
  llvm::Type *Ptr = B.getPtrTy(), *Size = Object->getStructElementType(1);
  llvm::Value *Data = B.CreateStructGEP(Object, This, 0);
  llvm::Value *Count = B.CreateStructGEP(Object, This, 1);
  if (Name.empty()) {
    B.CreateStore(llvm::Constant::getNullValue(Object), This);
    return nullptr;
  }
  if (Name == "resize") {
    // (Made once, empty, then sized: zeroed elements, as new T[n]() and
    // std::vector give.)
    llvm::FunctionCallee Calloc =
        M.getOrInsertFunction("calloc", Ptr, Size, Size);
    const llvm::DataLayout &DL = M.getDataLayout();
    B.CreateStore(B.CreateCall(Calloc, {Args[0], llvm::ConstantInt::get(
                                                     Size, DL.getTypeAllocSize(
                                                               Elem))}),
                  Data);
    B.CreateStore(Args[0], Count);
    return nullptr;
  }
  if (Name == "data")
    return B.CreateLoad(Ptr, Data);
  if (Name == "size")
    return B.CreateLoad(Size, Count);
  if (Name == "~") {
    llvm::FunctionCallee Free =
        M.getOrInsertFunction("free", B.getVoidTy(), Ptr);
    B.CreateCall(Free, {B.CreateLoad(Ptr, Data)});
    return nullptr;
  }
  return nullptr;
}

/// The member \p Name of \p RD that callVector means.
static clang::CXXMethodDecl *findMember(clang::Sema &S, clang::ASTContext &Ctx,
                                        clang::CXXRecordDecl *RD,
                                        llvm::StringRef Name) {
  if (Name.empty())
    return S.LookupDefaultConstructor(RD);
  if (Name == "~")
    return S.LookupDestructor(RD);
  for (clang::NamedDecl *D : RD->lookup(&Ctx.Idents.get(Name))) {
    auto *MD = llvm::dyn_cast<clang::CXXMethodDecl>(D);
    if (!MD || MD->isConst() != (Name == "size"))
      continue;
    if (Name == "push_back" &&
        !MD->getParamDecl(0)->getType()->isLValueReferenceType())
      continue;
    return MD;
  }
  return nullptr;
}

llvm::Value *ModuleState::callVector(llvm::IRBuilder<> &B, ir::Type Vector,
                                     llvm::StringRef Name, llvm::Value *This,
                                     llvm::ArrayRef<llvm::Value *> Args,
                                     unsigned Loc) {
  // A heap buffer (new[], malloc): a block of zeroed elements, as the
  // source had it.
  if (isHeapBuffer(Vector)) {
    if (Name != "" && Name != "resize" && Name != "data" && Name != "size" &&
        Name != "~")
      return fail(Loc, "'" + Name.str() + "' of a heap buffer");
    return heapBuffer(B, M, memoryType(Vector),
                      memoryType(Vector.getRecord()->getElement()), Name, This,
                      Args);
  }
  clang::CXXRecordDecl *RD = completeRecord(Vector, Loc);
  if (!RD)
    return nullptr;
  std::string What =
      "'" + (Name.empty() ? "the constructor" : Name == "~" ? "the destructor"
                                                             : Name.str()) +
      "' of " + Vector.getRecord()->getCxxName();
  clang::CXXMethodDecl *MD = findMember(Sema, Ctx, RD, Name);
  if (!MD)
    return fail(Loc, What);
  // (A constructor or destructor: its complete-object variant.)
  clang::GlobalDecl GD =
      llvm::isa<clang::CXXConstructorDecl>(MD)
          ? clang::GlobalDecl(llvm::cast<clang::CXXConstructorDecl>(MD),
                              clang::Ctor_Complete)
      : llvm::isa<clang::CXXDestructorDecl>(MD)
          ? clang::GlobalDecl(llvm::cast<clang::CXXDestructorDecl>(MD),
                              clang::Dtor_Complete)
          : clang::GlobalDecl(MD);
  // The members called here take the object's address and values in
  // registers of their own types (sizes, addresses).
  std::vector<llvm::Value *> IRArgs = {This};
  IRArgs.insert(IRArgs.end(), Args.begin(), Args.end());
  return callDecl(B, GD, IRArgs, What, Loc);
}

llvm::Value *ModuleState::callDecl(llvm::IRBuilder<> &B, clang::GlobalDecl GD,
                                   llvm::ArrayRef<llvm::Value *> Args,
                                   const std::string &What, unsigned Loc) {
  // Instantiated if it was not, so that clang's CodeGen emits its body.
  Sema.MarkFunctionReferenced(clang::SourceLocation::getFromRawEncoding(Loc),
                              const_cast<clang::FunctionDecl *>(
                                  llvm::cast<clang::FunctionDecl>(GD.getDecl())));
  Sema.PerformPendingInstantiations();
  auto *Fn = llvm::dyn_cast<llvm::Function>(
      Gen.GetAddrOfGlobal(GD, /*isForDefinition=*/false));
  llvm::FunctionType *FT = Fn ? Fn->getFunctionType() : nullptr;
  if (!FT || FT->getNumParams() != Args.size())
    return fail(Loc, What + " as the ABI passes its arguments");
  for (unsigned I = 0, E = Args.size(); I != E; ++I)
    if (FT->getParamType(I) != Args[I]->getType())
      return fail(Loc, What + " as the ABI passes its arguments");
  return callLike(B, Fn, Args);
}

clang::NamespaceDecl *ModuleState::lookupNamespace(llvm::StringRef Name) {
  for (clang::NamedDecl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get(Name)))
    if (auto *NS = llvm::dyn_cast<clang::NamespaceDecl>(D))
      return NS;
  return nullptr;
}

std::vector<clang::NamedDecl *> ModuleState::lookup(llvm::StringRef Namespace,
                                                    llvm::StringRef Name) {
  clang::NamespaceDecl *NS = lookupNamespace(Namespace);
  if (!NS)
    return {};
  clang::LookupResult R(Sema, &Ctx.Idents.get(Name), clang::SourceLocation(),
                        clang::Sema::LookupOrdinaryName);
  Sema.LookupQualifiedName(R, NS);
  return {R.begin(), R.end()};
}

clang::QualType ModuleState::scalarType(ir::Type T) {
  if (T.isBool())
    return Ctx.BoolTy;
  if (T.isInt())
    return Ctx.getIntTypeForBitwidth(T.getBits(), T.isSigned());
  if (T.isFloat())
    return T.getBits() == 32   ? Ctx.FloatTy
           : T.getBits() == 64 ? Ctx.DoubleTy
                               : Ctx.LongDoubleTy;
  return {};
}

llvm::Value *ModuleState::tupleElement(llvm::IRBuilder<> &B, ir::Type Tuple,
                                       unsigned I, llvm::Value *This,
                                       unsigned Loc) {
  std::string What = "std::get<" + std::to_string(I) + "> of " +
                     Tuple.getRecord()->getCxxName();
  clang::QualType QT = recordType(Tuple);
  clang::NamespaceDecl *Std = lookupNamespace("std");
  if (QT.isNull() || !Std)
    return fail(Loc, What);
  // The call `std::get<I>(t)` with t an lvalue of the tuple type, as Sema
  // resolves it (quietly: a failure is a problem noted, not an error of
  // the source).
  clang::SourceLocation At = clang::SourceLocation::getFromRawEncoding(Loc);
  clang::Sema::SFINAETrap Trap(Sema);
  clang::LookupResult R(Sema, &Ctx.Idents.get("get"), At,
                        clang::Sema::LookupOrdinaryName);
  Sema.LookupQualifiedName(R, Std);
  clang::TemplateArgumentListInfo Args(At, At);
  clang::QualType SizeT = Ctx.getSizeType();
  Args.addArgument(Sema.getTrivialTemplateArgumentLoc(
      clang::TemplateArgument(Ctx, llvm::APSInt::getUnsigned(I), SizeT), SizeT,
      At));
  clang::ExprResult Callee = Sema.BuildTemplateIdExpr(
      clang::CXXScopeSpec(), At, R, /*RequiresADL=*/false, &Args);
  // (In the ASTContext: the call Sema builds keeps its argument.)
  clang::Expr *Arg =
      new (Ctx) clang::OpaqueValueExpr(At, QT, clang::VK_LValue);
  clang::ExprResult Call =
      Callee.isInvalid()
          ? clang::ExprError()
          : Sema.BuildCallExpr(nullptr, Callee.get(), At, Arg, At);
  auto *CE = Call.isInvalid() || Trap.hasErrorOccurred()
                 ? nullptr
                 : llvm::dyn_cast<clang::CallExpr>(Call.get());
  clang::FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  if (!FD)
    return fail(Loc, What);
  return callDecl(B, clang::GlobalDecl(FD), {This}, What, Loc);
}

llvm::Value *ModuleState::callPolygamma(llvm::IRBuilder<> &B, ir::Type T,
                                        llvm::ArrayRef<llvm::Value *> Args,
                                        unsigned Loc) {
  clang::FunctionTemplateDecl *Template = nullptr;
  for (clang::NamedDecl *D : lookup("chainrule", "polygamma"))
    if (auto *FTD = llvm::dyn_cast<clang::FunctionTemplateDecl>(D))
      Template = FTD;
  if (!Template)
    return fail(Loc, "chainrule::polygamma, the derivative of lgamma, tgamma "
                     "and polygamma, where <chainrule/chainrule.h> is not "
                     "included");
  clang::SourceLocation At = clang::SourceLocation::getFromRawEncoding(Loc);
  clang::TemplateArgument Arg(scalarType(T));
  clang::FunctionDecl *FD = Sema.InstantiateFunctionDeclaration(
      Template, clang::TemplateArgumentList::CreateCopy(Ctx, Arg), At);
  if (!FD)
    return fail(Loc, "chainrule::polygamma");
  return callDecl(B, clang::GlobalDecl(FD), Args, "chainrule::polygamma", Loc);
}

void ModuleState::sizeMismatch(llvm::IRBuilder<> &B,
                               llvm::ArrayRef<llvm::Value *> Args,
                               unsigned Loc) {
  // chainrule::sizeMismatch (<chainrule/Check.h>), if the source has it.
  clang::FunctionDecl *Check = nullptr;
  for (clang::NamedDecl *D : lookup("chainrule", "sizeMismatch"))
    if (auto *FD = llvm::dyn_cast<clang::FunctionDecl>(D))
      Check = FD;
  llvm::Function *Fn = nullptr;
  if (Check) {
    Sema.MarkFunctionReferenced(clang::SourceLocation::getFromRawEncoding(Loc),
                                Check);
    Fn = llvm::dyn_cast<llvm::Function>(
        Gen.GetAddrOfGlobal(clang::GlobalDecl(Check), false));
  }
  if (Fn && Fn->getFunctionType()->getNumParams() == Args.size()) {
    B.CreateCall(Fn, Args);
  } else {
    B.CreateIntrinsic(llvm::Intrinsic::trap, {}, {});
  }
  B.CreateUnreachable();
}
