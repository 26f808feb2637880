//===- ReverseCalls.cpp - Reverse mode: calls -----------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The adjoint of `y = g(a, b)` is a call of `g_vjp(a, b, d_y, &d_a, &d_b)`
/// with a zeroed local slot per floating parameter, whose contents are then
/// added to the adjoints of the active arguments.
///
/// The callee's helper (a Pullback) also returns g's value. When nothing
/// between the primal call and the pullback needs y, fuseRecomputedCalls
/// moves what uses y after the pullback and deletes the primal call, so g's
/// primal work runs once.
//===----------------------------------------------------------------------===//

#include "Clone.h"
#include "Modes.h"
#include "ReverseBuilder.h"

#include "chainrule/Differentiation/Differentiator.h"

#include "llvm/ADT/DenseSet.h"

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::differentiation;

void ReverseBuilder::reverseCall(const Op &Call, Value *G) {
  using CallForm = Differentiator::CallForm;
  Function *Callee = Call.getCallee();
  Differentiator::CallDerivative CD =
      D.getForCall(Callee, /*Reverse=*/true, Act.activeArguments(Call));
  bool HasBuffers = false;
  for (unsigned I = 0, E = CD.Active.size(); I != E; ++I)
    HasBuffers |= Callee->getParam(I)->getType().isPointer() && CD.Active[I];
  if (!CD.Fn || (CD.Form == CallForm::CustomGrad && HasBuffers)) {
    D.reportProblem({CD.Fn ? Differentiator::CallProblem::GradWithBuffers
                           : Differentiator::CallProblem::NoDerivative,
                     Call.getLoc(), Callee});
    return;
  }
  // The derivative reads the call's buffers again in the reverse sweep:
  // they must still exist and must not change after the call.
  for (const Value *V : Call.getOperands())
    if (V->getType().isPointer() &&
        endsBeforeReverse(getPointerBase(V), Call)) {
      D.reportProblem({Differentiator::CallProblem::ScopedInput, Call.getLoc(),
                       Callee, /*Reverse=*/true,
                       getPointerBase(V)->getName()});
      return;
    }
  if (llvm::any_of(Call.getOperands(),
                   [](const Value *V) { return V->getType().isPointer(); }))
    if (const Value *Changed = findChangedBuffer(Call)) {
      D.reportProblem({Differentiator::CallProblem::ClobberedInput,
                       Call.getLoc(), Callee, /*Reverse=*/true,
                       Changed->getName()});
      return;
    }
  if (Call.getNumResults() && !G) // only what it writes has an adjoint
    G = B.constLike(Call.getResult(), 0);
  llvm::SmallVector<Value *, 8> Args;
  for (Value *V : Call.getOperands())
    Args.push_back(primal(V));
  if (G && CD.Form != CallForm::CustomGrad)
    Args.push_back(G);
  llvm::SmallVector<std::pair<const Value *, Value *>, 4> Slots;
  for (unsigned I = 0, E = Callee->getNumParams(); I != E; ++I) {
    if (!CD.Active[I])
      continue;
    const Value *Arg = Call.getOperand(I);
    if (Arg->getType().isPointer()) {
      // A buffer's shadow, or none (a custom derivative skips it).
      Value *Shadow = Act.isActiveMemory(Arg) ? shadowPointer(Arg) : nullptr;
      Args.push_back(Shadow ? Shadow : B.nullPointer(Arg->getType()));
      continue;
    }
    std::string Name = derivedName("d_", Arg);
    if (Name.empty())
      Name = "d_" + Callee->getParam(I)->getName();
    Value *Slot = B.slot(Arg->getType(), Name + "_" + Callee->getName());
    Args.push_back(Slot);
    Slots.push_back({Arg, Slot});
  }
  if (Value *Y = B.call(CD.Fn, Args))
    Y->setName(Call.getResult()->getName().empty()
                   ? Callee->getName() + "_value"
                   : Call.getResult()->getName());
  for (auto &[Arg, Slot] : Slots) {
    if (!isActive(Arg))
      continue;
    Value *A = B.load(Slot);
    // g_grad seeds with 1: scale by the cotangent.
    accumulate(Arg, CD.Form == CallForm::CustomGrad ? B.mul(G, A) : A);
  }
}

/// True when \p O, or an op nested in it, uses a value of \p Values.
static bool usesAny(Op &O, const llvm::DenseSet<const Value *> &Values) {
  bool Found = false;
  auto Check = [&](Op &Inner) {
    for (const Value *V : Inner.getOperands())
      Found |= Values.count(V) != 0;
  };
  Check(O);
  for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
    walk(O.getRegion(I), Check);
  return Found;
}

/// Tries to let primal call \p P (at \p PIt in \p R) use the value of a later
/// pullback of the same callee on the same arguments.
static bool fuseCall(Function &Fn, Region &R, Region::iterator PIt) {
  Op &P = **PIt;
  // The ops after P that depend on its result, up to the pullback.
  llvm::DenseSet<const Value *> Dependent = {P.getResult()};
  std::vector<Region::iterator> Moved;
  for (auto It = std::next(PIt); It != R.end(); ++It) {
    Op &O = **It;
    bool IsPullback = O.is(OpKind::Call) && O.getNumResults() == 1 &&
                      O.getCallee()->getOrigin() == P.getCallee() &&
                      O.getCallee()->isGenerated() &&
                      O.getNumOperands() > P.getNumOperands() &&
                      std::equal(P.getOperands().begin(), P.getOperands().end(),
                                 O.getOperands().begin());
    if (IsPullback) {
      if (usesAny(O, Dependent))
        return false; // its seed depends on y: y is needed before it
      Value *Y = O.getResult();
      auto After = std::next(It);
      for (Region::iterator M : Moved)
        R.getOps().splice(After, R.getOps(), M);
      replaceAllUsesWith(Fn.getBody(), P.getResult(), Y);
      R.getOps().erase(PIt);
      return true;
    }
    if (!usesAny(O, Dependent))
      continue;
    if (O.hasSideEffects() || O.is(OpKind::Load))
      return false;
    for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
      Dependent.insert(O.getResult(I));
    Moved.push_back(It);
  }
  return false;
}

static bool fuseInRegion(Function &Fn, Region &R) {
  bool Changed = false;
  for (auto It = R.begin(); It != R.end();) {
    Op &O = **It;
    for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
      Changed |= fuseInRegion(Fn, O.getRegion(I));
    if (O.is(OpKind::Call) && O.getNumResults() == 1 &&
        !O.getCallee()->isGenerated() && fuseCall(Fn, R, It)) {
      Changed = true;
      It = R.begin(); // ops moved: scan again
      continue;
    }
    ++It;
  }
  return Changed;
}

bool differentiation::fuseRecomputedCalls(Function &Fn) {
  return fuseInRegion(Fn, Fn.getBody());
}
