//===- Differentiator.cpp - Derivative functions --------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Signatures of the generated functions (docs/user-guide.md), the cache that
/// makes each derivative once, and the clean-up after building one.
//===----------------------------------------------------------------------===//

#include "chainrule/Differentiation/Differentiator.h"
#include "Clone.h"
#include "Modes.h"

#include "chainrule/Analysis/Activity.h"
#include "chainrule/IR/IR.h"
#include "chainrule/Transforms/Passes.h"
#include "llvm/ADT/Sequence.h"
#include "llvm/ADT/STLExtras.h"

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::differentiation;

std::string differentiation::getDerivativeName(const Function &Primal,
                                              DerivativeKind K) {
  llvm::StringRef Name = Primal.getName();
  size_t Colons = Name.rfind("::");
  if (Colons != llvm::StringRef::npos)
    Name = Name.substr(Colons + 2);
  return (Name == "operator()" ? "call" : Name.str()) + getSuffix(K).str();
}

/// Makes the signature of the \p K derivative of \p Primal.
static std::unique_ptr<Function> makeSignature(const Function &Primal,
                                               DerivativeKind K,
                                               const std::vector<bool> &Active) {
  Type RT = Primal.getResultType();
  bool Forward = K == DerivativeKind::JVP || K == DerivativeKind::Pushforward;
  bool Seeded = K == DerivativeKind::VJP || K == DerivativeKind::Pullback;
  // The derivatives users ask for of a function returning a struct take
  // and return it by value (docs/user-guide.md); chainrule's own pass it by address.
  bool ByValue = K == DerivativeKind::VJP || K == DerivativeKind::JVP;
  int Returned = -1;
  for (unsigned I = 0, E = Primal.getNumParams(); I != E; ++I)
    if (Primal.getParamInfo(I).Returned == ReturnedPart::Value)
      Returned = I;
  Type ResultTy = K == DerivativeKind::VJP ? Type::getVoid() : RT;
  auto Fn = std::make_unique<Function>(getDerivativeName(Primal, K),
                                       Primal.getNamespace(), ResultTy);
  if (K != DerivativeKind::VJP &&
      (Returned < 0 || K == DerivativeKind::JVP))
    Fn->setResultCxxType(Primal.getResultCxxType());
  ParamNamer Names;
  for (unsigned I = 0, E = Primal.getNumParams(); I != E; ++I)
    Names.take(Primal.getParam(I)->getName());
  for (unsigned I = 0, E = Primal.getNumParams(); I != E; ++I) {
    const Value *P = Primal.getParam(I);
    Function::ParamInfo Info = Primal.getParamInfo(I);
    Info.Local = ByValue && Info.Returned == ReturnedPart::Value;
    Info.DerivativeOf = -1;
    Fn->addParam(P->getType(), P->getName(), std::move(Info));
  }
  if (Seeded && !RT.isVoid())
    Fn->addParam(RT, Names.take("d_ret"), RT.cxxName());
  // The cotangent of a returned struct: `const R& d_ret`, copied into the
  // local shadow of the returned value.
  if (Seeded && ByValue && Returned >= 0) {
    Type Object = Primal.getParam(Returned)->getType();
    Function::ParamInfo Info{"const " + Object.getPointee().cxxName() + " &"};
    Info.ByAddress = true;
    Info.ConstPointee = true;
    Info.Returned = ReturnedPart::Cotangent;
    Fn->addParam(Object, Names.take("d_ret"), std::move(Info));
  }
  for (unsigned I = 0, E = Primal.getNumParams(); I != E; ++I) {
    if (!Active[I])
      continue;
    const Value *P = Primal.getParam(I);
    const Function::ParamInfo &Info = Primal.getParamInfo(I);
    Type Ty = P->getType();
    // A pointer to the value type, const dropped: the shadow of reverse
    // mode, and the tangent of a buffer the function writes.
    Type Out = Ty.isPointer() ? Ty : Ty.getPointerTo();
    Function::ParamInfo OutInfo{Out.cxxName()};
    OutInfo.DerivativeOf = I;
    // A pointer to rows keeps its shape (`double (*d_a)[3]`).
    if (Info.Rank) {
      llvm::StringRef Declarator = Info.CxxType;
      Declarator.consume_front("const ");
      OutInfo.CxxType = Declarator.str();
      OutInfo.Rank = Info.Rank;
    }
    if (Info.Returned == ReturnedPart::Value) {
      OutInfo.Returned =
          Forward ? ReturnedPart::Tangent : ReturnedPart::Cotangent;
      // A local of the derivative is named like an object.
      OutInfo.Local = OutInfo.ByAddress = ByValue;
    }
    if (Forward) {
      bool OwnType = !Ty.isPointer() || !Info.ByAddress || Info.ConstPointee;
      Function::ParamInfo TInfo = OwnType ? Info : OutInfo;
      TInfo.DerivativeOf = I;
      // A pointer passed by reference (`double *&p`): its tangent is a
      // pointer.
      if (llvm::StringRef(TInfo.CxxType).ends_with("&") && !TInfo.ByAddress)
        TInfo.CxxType =
            llvm::StringRef(TInfo.CxxType).drop_back().rtrim().str();
      Fn->addParam(Ty, Names.take("t_" + P->getName()), std::move(TInfo));
    } else {
      Fn->addParam(Out, Names.take("d_" + P->getName()), OutInfo);
    }
  }
  if (K == DerivativeKind::Pushforward && !RT.isVoid())
    Fn->addParam(RT.getPointerTo(), Names.take("primal"),
                 RT.getPointerTo().cxxName());
  Fn->setPure(K == DerivativeKind::JVP);
  Fn->setGenerated(true);
  Fn->setOrigin(&Primal);
  Fn->setLoc(Primal.getLoc());
  return Fn;
}

/// True when a value of record \p R holds a std::vector (itself, or in a
/// member struct at any depth).
static bool hasVector(const RecordType *R) {
  if (R->getKind() == RecordType::Kind::Vector)
    return true;
  if (R->getKind() != RecordType::Kind::Struct)
    return false;
  for (const RecordType::Field &F : R->getFields())
    if (!F.Count && F.Ty.isRecord() && hasVector(F.Ty.getRecord()))
      return true;
  return false;
}

/// Adds with \p B a check.size of each std::vector that \p Primal and
/// \p Deriv, pointers to one record, hold (at any depth of members).
static void checkVectors(Builder &B, Value *Primal, Value *Deriv) {
  const RecordType *R = Primal->getType().getRecord();
  if (R->getKind() == RecordType::Kind::Vector) {
    B.checkSize(Primal, Deriv);
    return;
  }
  for (unsigned I = 0, E = R->getFields().size(); I != E; ++I) {
    const RecordType::Field &F = R->getFields()[I];
    if (!F.Count && F.Ty.isRecord() && hasVector(F.Ty.getRecord()))
      checkVectors(B, B.member(Primal, I), B.member(Deriv, I));
  }
}

/// At the entry of \p Fn, a derivative users call: checks that each
/// std::vector among its shadows and tangents has its primal's size (a
/// branch per vector; the sizes are not known before the call).
static void addSizeChecks(Function &Fn) {
  Region &Body = Fn.getBody();
  Builder B(Body);
  if (!Body.empty())
    B.setInsertionPoint(Body.begin()->get());
  for (unsigned I = 0, E = Fn.getNumParams(); I != E; ++I) {
    int Of = Fn.getParamInfo(I).DerivativeOf;
    if (Of < 0)
      continue;
    Value *Primal = Fn.getParam(Of), *Deriv = Fn.getParam(I);
    Type Ty = Primal->getType();
    if (Ty == Deriv->getType() && Ty.isPointer() &&
        Ty.getPointee().isRecord() && hasVector(Ty.getRecord()))
      checkVectors(B, Primal, Deriv);
  }
}

/// True when every active parameter of \p Primal is a scalar passed by
/// value: a gradient in forward mode needs one direction per scalar, known
/// when the derivative is built.
static bool scalarInputs(const Function &Primal,
                         const std::vector<bool> &Active) {
  for (unsigned I = 0, E = Primal.getNumParams(); I != E; ++I)
    if (Active[I] && Primal.getParam(I)->getType().isPointer())
      return false;
  return true;
}

Function *Differentiator::getOrCreate(Function *Primal, DerivativeKind K,
                                      const std::vector<bool> &Active,
                                      bool Requested) {
  auto Key = std::make_tuple(Primal, K, std::vector<bool>(Active.begin(),
                                                          Active.end()));
  if (auto It = Cache.find(Key); It != Cache.end()) {
    Function *Done = It->second;
    if (Requested && Done->getLinkage() == Linkage::Internal) {
      Done->setLinkage(Primal->getLinkage());
      addSizeChecks(*Done);
    }
    return Done;
  }
  std::set<unsigned> Reported;
  analysis::ActivityInfo Act(*Primal, Active);
  for (const auto &W : Act.getLostWrites())
    if (Reported.insert(W.At->getLoc()).second)
      Lost.push_back({Primal, W.At->getLoc(), getPointerBase(W.Ptr)->getName()});
  walk(const_cast<Region &>(Primal->getBody()), [&](Op &O) {
    if (O.is(OpKind::Cast) && O.getIntValue() == 1 &&
        Act.isVaried(O.getOperand(0)) &&
        std::find(Cuts.begin(), Cuts.end(), O.getLoc()) == Cuts.end())
      Cuts.push_back(O.getLoc());
  });
  // A vector that grows must live as long as the function: the reverse
  // sweep sizes its shadow by its final size.
  walk(const_cast<Region &>(Primal->getBody()), [&](Op &O) {
    const Op *Vec = O.is(OpKind::Push)
                        ? getPointerBase(O.getOperand(0))->getDefiningOp()
                        : nullptr;
    if (Vec && Vec->getParentRegion() != &Primal->getBody())
      reportProblem({CallProblem::NestedGrowth, O.getLoc(), Primal, true,
                     Vec->getResult()->getName()});
  });
  for (const Op *Call : Act.getConstantWrites())
    reportProblem(
        {CallProblem::ConstantWrite, Call->getLoc(), Call->getCallee()});
  Function *Fn = M.addFunction(makeSignature(*Primal, K, Active));
  Fn->setLinkage(Requested ? Primal->getLinkage() : Linkage::Internal);
  nameUniquely(*Fn);
  Cache[Key] = Fn;
  Generated.push_back(Fn);
  ForwardSpec Spec;
  Spec.StorePrimal = K == DerivativeKind::Pushforward;
  Spec.SeedParam = K == DerivativeKind::VJP || K == DerivativeKind::Pullback;
  Spec.ReturnPrimal = K == DerivativeKind::Grad || K == DerivativeKind::Pullback;
  if (K == DerivativeKind::JVP || K == DerivativeKind::Pushforward) {
    buildForward(*this, *Primal, *Fn, Active, Spec);
  } else if (scalarInputs(*Primal, Active) &&
             (Mode == GradientMode::Forward ||
              (Mode == GradientMode::Auto &&
               preferForwardGradient(*Primal, Active)))) {
    Spec.Gradient = true;
    buildForward(*this, *Primal, *Fn, Active, Spec);
  } else {
    buildReverse(*this, *Primal, *Fn, Active, Spec.SeedParam,
                 Spec.ReturnPrimal);
  }
  transforms::simplify(*Fn);
  if (fuseRecomputedCalls(*Fn))
    transforms::simplify(*Fn);
  if (Requested)
    addSizeChecks(*Fn);
  return Fn;
}

void Differentiator::reportProblem(CallProblem P) {
  for (const CallProblem &Q : Problems)
    if (Q.K == P.K && Q.Loc == P.Loc && Q.Reverse == P.Reverse)
      return;
  Problems.push_back(std::move(P));
}

/// The C++ identity of \p F's signature: two functions with equal keys
/// cannot both be defined.
static std::string signatureKey(const Function &F) {
  std::string S = F.getQualifiedName() + F.getTemplateArgs() + "(";
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I)
    S += F.getParamCxxType(I) + ",";
  return S + ")";
}

void Differentiator::nameUniquely(Function &Fn) {
  std::string Base = Fn.getName();
  // A helper also avoids the names the translation unit has.
  bool Helper = Fn.getLinkage() == Linkage::Internal;
  for (unsigned N = 2; (Helper && Taken.count(Fn.getName())) ||
                       !Signatures.insert(signatureKey(Fn)).second;
       ++N)
    Fn.setName(Base + "_" + std::to_string(N));
}

void Differentiator::reserve(Function *Primal, DerivativeKind K,
                             const std::vector<bool> &Active) {
  Reserved.insert({Primal, K, Active});
}

/// The default active set (docs/user-guide.md): floating scalars and pointers to values
/// that hold floating-point values.
static std::vector<bool> defaultActive(const Function &F) {
  std::vector<bool> Active;
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
    Type Ty = F.getParam(I)->getType();
    Active.push_back(Ty.isFloat() ||
                     (Ty.isPointer() && Ty.getPointee().holdsFloat()));
  }
  return Active;
}

Differentiator::CallDerivative
Differentiator::getForCall(Function *Callee, bool Reverse,
                           const std::vector<bool> &ArgActive) {
  if (Reverse) {
    if (Function *Vjp = Callee->getCustomDerivative(CustomKind::VJP))
      return {Vjp, CallForm::CustomVJP, defaultActive(*Callee)};
    if (Function *Grad = Callee->getCustomDerivative(CustomKind::Grad))
      // A void function's g_grad has g_vjp's signature.
      return {Grad,
              Callee->getResultType().isVoid() ? CallForm::CustomVJP
                                               : CallForm::CustomGrad,
              defaultActive(*Callee)};
  } else if (Function *Jvp = Callee->getCustomDerivative(CustomKind::JVP)) {
    return {Jvp, CallForm::CustomJVP, defaultActive(*Callee)};
  }
  if (Callee->isDeclaration())
    return {};
  // Calls kept with buffers are those of recursive functions, whose
  // buffers are read-only: their shadows accumulate like the scalars'.
  std::vector<bool> All = defaultActive(*Callee), Active;
  for (unsigned I = 0, E = Callee->getNumParams(); I != E; ++I)
    Active.push_back(All[I] && ArgActive[I]);
  if (!Reverse)
    return {getOrCreate(Callee, DerivativeKind::Pushforward, Active,
                        /*Requested=*/false),
            CallForm::Pushforward, Active};
  // (A requested f_vjp of a function returning a struct takes it by
  // value: calls use chainrule's own form.)
  bool ReturnsStruct = llvm::any_of(
      llvm::seq(0u, Callee->getNumParams()), [&](unsigned I) {
        return Callee->getParamInfo(I).Returned != ReturnedPart::None;
      });
  if (!ReturnsStruct && Reserved.count({Callee, DerivativeKind::VJP, All}))
    return {getOrCreate(Callee, DerivativeKind::VJP, All, /*Requested=*/true),
            CallForm::Pullback, All};
  return {getOrCreate(Callee, DerivativeKind::Pullback, Active,
                      /*Requested=*/false),
          CallForm::Pullback, Active};
}
