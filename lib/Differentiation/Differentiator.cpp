//===- Differentiator.cpp - Derivative functions --------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Signatures of the generated functions (API.md section 2), the cache that
/// makes each derivative once, and the clean-up after building one.
//===----------------------------------------------------------------------===//

#include "chainrule/Differentiation/Differentiator.h"
#include "Clone.h"
#include "Modes.h"

#include "chainrule/IR/IR.h"
#include "chainrule/Transforms/Passes.h"

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::differentiation;

llvm::StringRef differentiation::getSuffix(DerivativeKind K) {
  switch (K) {
  case DerivativeKind::Grad:
    return "_grad";
  case DerivativeKind::VJP:
    return "_vjp";
  case DerivativeKind::JVP:
    return "_jvp";
  }
  return "";
}

/// Makes the signature of the \p K derivative of \p Primal.
static std::unique_ptr<Function> makeSignature(const Function &Primal,
                                               DerivativeKind K,
                                               const std::vector<bool> &Active) {
  Type RT = Primal.getResultType();
  Type ResultTy = K == DerivativeKind::VJP ? Type::getVoid() : RT;
  auto Fn = std::make_unique<Function>(Primal.getName() + getSuffix(K).str(),
                                       Primal.getNamespace(), ResultTy);
  if (K != DerivativeKind::VJP)
    Fn->setResultCxxType(Primal.getResultCxxType());
  ParamNamer Names;
  for (unsigned I = 0, E = Primal.getNumParams(); I != E; ++I)
    Names.take(Primal.getParam(I)->getName());
  for (unsigned I = 0, E = Primal.getNumParams(); I != E; ++I) {
    const Value *P = Primal.getParam(I);
    Fn->addParam(P->getType(), P->getName(), Primal.getParamCxxType(I));
  }
  if (K == DerivativeKind::VJP && !RT.isVoid())
    Fn->addParam(RT, Names.take("d_ret"), RT.cxxName());
  for (unsigned I = 0, E = Primal.getNumParams(); I != E; ++I) {
    if (!Active[I])
      continue;
    const Value *P = Primal.getParam(I);
    if (K == DerivativeKind::JVP)
      Fn->addParam(P->getType(), Names.take("t_" + P->getName()),
                   Primal.getParamCxxType(I));
    else
      Fn->addParam(P->getType().getPointerTo(),
                   Names.take("d_" + P->getName()),
                   P->getType().getPointerTo().cxxName());
  }
  Fn->setPure(K == DerivativeKind::JVP);
  Fn->setGenerated(true);
  Fn->setLoc(Primal.getLoc());
  return Fn;
}

Function *Differentiator::getOrCreate(Function *Primal, DerivativeKind K,
                                      const std::vector<bool> &Active,
                                      bool Requested) {
  auto Key = std::make_tuple(Primal, K, std::vector<bool>(Active.begin(),
                                                          Active.end()));
  if (auto It = Cache.find(Key); It != Cache.end()) {
    Function *Done = It->second;
    if (Requested && Done->getLinkage() == Linkage::Internal)
      Done->setLinkage(Primal->getLinkage());
    return Done;
  }
  Function *Fn = M.addFunction(makeSignature(*Primal, K, Active));
  Fn->setLinkage(Requested ? Primal->getLinkage() : Linkage::Internal);
  Cache[Key] = Fn;
  Generated.push_back(Fn);
  if (K == DerivativeKind::JVP)
    buildForward(*this, *Primal, *Fn, Active);
  else
    buildReverse(*this, *Primal, *Fn, Active, K == DerivativeKind::VJP);
  transforms::simplify(*Fn);
  return Fn;
}

Function *Differentiator::getForCall(Function *Callee, DerivativeKind K) {
  std::vector<bool> All;
  for (unsigned I = 0, E = Callee->getNumParams(); I != E; ++I)
    All.push_back(Callee->getParam(I)->getType().isFloat());
  return getOrCreate(Callee, K, All, /*Requested=*/false);
}
