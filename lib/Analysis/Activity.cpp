//===- Activity.cpp - Activity analysis -----------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Forward propagation of "varied" from the active parameters, backward
/// propagation of "useful" from the returned value. Regions are visited in
/// order (forward) and in reverse (backward); the results of an `if` take
/// the activity of the values its regions yield.
//===----------------------------------------------------------------------===//

#include "chainrule/Analysis/Activity.h"
#include "chainrule/IR/IR.h"

using namespace chainrule;
using namespace chainrule::analysis;
using namespace chainrule::ir;

ActivityInfo::ActivityInfo(const Function &F, const std::vector<bool> &ActiveParams) {
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
    if (!ActiveParams[I])
      continue;
    Type Ty = F.getParam(I)->getType();
    if (Ty.isFloat())
      Varied.insert(F.getParam(I));
    else if (Ty.isPointer() && Ty.getPointee().holdsFloat())
      ActiveBuffers.insert(F.getParam(I));
  }
  // The views an active struct holds point into active buffers.
  for (const auto &O : F.getBody().getOps())
    if (O->getNumResults() == 1 && isViewBase(O->getResult()) &&
        O->getResult()->getType().getPointee().holdsFloat() &&
        ActiveBuffers.count(getPointerBase(O->getOperand(0))))
      ActiveBuffers.insert(O->getResult());
  // A local array that becomes active makes its loads varied, wherever
  // they are: go again until no more arrays become active.
  while (propagateVaried(F.getBody())) {
    LostWrites.clear();
    ConstantWrites.clear();
  }
  propagateUseful(F.getBody());
}

bool ActivityInfo::isActive(const Value *V) const {
  return V->getType().isFloat() && isVaried(V) && isUseful(V);
}

bool ActivityInfo::isActiveMemory(const Value *P) const {
  return P->getType().isPointer() && ActiveBuffers.count(getPointerBase(P));
}

std::vector<bool> ActivityInfo::activeArguments(const Op &Call) const {
  std::vector<bool> Active;
  for (const Value *V : Call.getOperands())
    Active.push_back(isActive(V) || isActiveMemory(V));
  return Active;
}

bool ActivityInfo::writesActiveMemory(const Op &Call) const {
  for (unsigned I = 0, E = Call.getNumOperands(); I != E; ++I)
    if (writesThrough(Call, I) && isActiveMemory(Call.getOperand(I)))
      return true;
  return false;
}

bool ActivityInfo::noteVariedWrite(const Op &At, const Value *Ptr) {
  const Value *Base = getPointerBase(Ptr);
  if (ActiveBuffers.count(Base))
    return false;
  const Op *D = Base->getDefiningOp();
  if (D && D->is(OpKind::Alloca)) {
    ActiveBuffers.insert(Base);
    return true;
  }
  LostWrites.push_back({&At, Ptr});
  return false;
}

bool ActivityInfo::propagateVariedCall(const Op &Call) {
  bool Reads = false;
  for (const Value *V : Call.getOperands())
    Reads |= isVaried(V) || isActiveMemory(V);
  if (Call.getCallee()->isNonDifferentiable()) {
    if (writesActiveMemory(Call))
      ConstantWrites.push_back(&Call);
    return false;
  }
  if (!Reads)
    return false;
  if (Call.getNumResults() && Call.getResult()->getType().isFloat())
    Varied.insert(Call.getResult());
  bool NewBuffers = false;
  for (unsigned I = 0, E = Call.getNumOperands(); I != E; ++I)
    if (writesThrough(Call, I) &&
        Call.getOperand(I)->getType().getPointee().holdsFloat())
      NewBuffers |= noteVariedWrite(Call, Call.getOperand(I));
  return NewBuffers;
}

/// Treats each carried value of a `while` as one unit: its two region
/// arguments, the value the body yields for it, the result, and (with
/// \p WithInit) its initial value. \p Holds says whether a value is in a
/// set; \p Add adds one.
template <typename HoldsFn, typename AddFn>
static bool spreadOverCarried(const Op &W, bool WithInit, HoldsFn Holds,
                              AddFn Add) {
  bool Changed = false;
  const Op *Y = W.getRegion(1).getTerminator();
  for (unsigned J = 0, E = W.getNumResults(); J != E; ++J) {
    const Value *Unit[] = {W.getRegion(0).getArgument(J),
                           W.getRegion(1).getArgument(J), Y->getOperand(J),
                           W.getResult(J), W.getOperand(J)};
    unsigned N = WithInit ? 5 : 4;
    bool Any = Holds(W.getOperand(J));
    for (unsigned I = 0; I != N; ++I)
      Any |= Holds(Unit[I]);
    if (Any)
      for (unsigned I = 0; I != N; ++I)
        Changed |= Add(Unit[I]);
  }
  return Changed;
}

bool ActivityInfo::propagateVaried(const Region &R) {
  bool NewBuffers = false;
  for (const auto &O : R.getOps()) {
    if (O->is(OpKind::Store) || O->is(OpKind::Push)) {
      if (isVaried(O->getOperand(1)))
        NewBuffers |= noteVariedWrite(*O, O->getOperand(0));
      continue;
    }
    if (O->is(OpKind::Call)) {
      NewBuffers |= propagateVariedCall(*O);
      continue;
    }
    if (O->is(OpKind::Load)) {
      if (O->getResult()->getType().isFloat() &&
          isActiveMemory(O->getOperand(0)))
        Varied.insert(O->getResult());
      continue;
    }
    // A tape (in code chainrule generated) carries what is pushed on it to
    // what is popped from it.
    if (O->is(OpKind::TapePush) || O->is(OpKind::TapeAppend)) {
      if (isVaried(O->getOperand(0)))
        NewBuffers |= VariedTapes.insert(O->getIntValue()).second;
      continue;
    }
    if (O->is(OpKind::TapePop)) {
      if (O->getResult()->getType().isFloat() &&
          VariedTapes.count(O->getIntValue()))
        Varied.insert(O->getResult());
      continue;
    }
    if (O->is(OpKind::While)) {
      // Varied carried values vary from the first iteration: iterate to
      // a fixed point (the sets only grow).
      auto Holds = [&](const Value *V) { return isVaried(V); };
      auto Add = [&](const Value *V) {
        return V->getType().isFloat() && Varied.insert(V).second;
      };
      do {
        for (unsigned I = 0; I != 2; ++I)
          NewBuffers |= propagateVaried(O->getRegion(I));
      } while (spreadOverCarried(*O, /*WithInit=*/false, Holds, Add));
      continue;
    }
    for (unsigned I = 0, E = O->getNumRegions(); I != E; ++I)
      NewBuffers |= propagateVaried(O->getRegion(I));
    if (O->is(OpKind::If)) {
      for (unsigned J = 0, E = O->getNumResults(); J != E; ++J)
        for (unsigned I = 0; I != 2; ++I)
          if (isVaried(O->getRegion(I).getTerminator()->getOperand(J)) &&
              O->getResult(J)->getType().isFloat())
            Varied.insert(O->getResult(J));
      continue;
    }
    // Integer and boolean results carry no derivative (a comparison or a
    // conversion to an integer is piecewise constant).
    if (O->getNumResults() != 1 || !O->getResult()->getType().isFloat())
      continue;
    unsigned First = O->is(OpKind::Select) ? 1 : 0;
    for (unsigned I = First, E = O->getNumOperands(); I != E; ++I)
      if (isVaried(O->getOperand(I)))
        Varied.insert(O->getResult());
  }
  return NewBuffers;
}

void ActivityInfo::propagateUseful(const Region &R) {
  for (auto It = R.getOps().rbegin(), E = R.getOps().rend(); It != E; ++It) {
    const Op &O = **It;
    if (O.is(OpKind::While)) {
      auto Holds = [&](const Value *V) { return isUseful(V); };
      auto Add = [&](const Value *V) { return Useful.insert(V).second; };
      spreadOverCarried(O, /*WithInit=*/true, Holds, Add);
      do {
        for (unsigned I = 2; I-- > 0;)
          propagateUseful(O.getRegion(I));
      } while (spreadOverCarried(O, /*WithInit=*/true, Holds, Add));
      continue;
    }
    if (O.is(OpKind::Store) || O.is(OpKind::Push)) {
      // What an active buffer holds at the end is a result.
      if (isActiveMemory(O.getOperand(0)))
        Useful.insert(O.getOperand(1));
      continue;
    }
    if (O.is(OpKind::Return)) {
      for (const Value *V : O.getOperands())
        Useful.insert(V);
      continue;
    }
    if (O.is(OpKind::TapePop)) {
      if (isUseful(O.getResult()))
        UsefulTapes.insert(O.getIntValue());
      continue;
    }
    if (O.is(OpKind::TapePush) || O.is(OpKind::TapeAppend)) {
      if (UsefulTapes.count(O.getIntValue()))
        Useful.insert(O.getOperand(0));
      continue;
    }
    if (O.is(OpKind::Call)) {
      // What a call writes into an active buffer is a result.
      if ((O.getNumResults() && isUseful(O.getResult())) ||
          writesActiveMemory(O))
        for (const Value *V : O.getOperands())
          Useful.insert(V);
      continue;
    }
    if (O.is(OpKind::If)) {
      for (unsigned I = 0; I != 2; ++I) {
        const Op *Y = O.getRegion(I).getTerminator();
        for (unsigned J = 0, N = O.getNumResults(); J != N; ++J)
          if (isUseful(O.getResult(J)))
            Useful.insert(Y->getOperand(J));
        propagateUseful(O.getRegion(I));
      }
      continue;
    }
    bool AnyUseful = false;
    for (unsigned I = 0, N = O.getNumResults(); I != N; ++I)
      AnyUseful |= isUseful(O.getResult(I));
    if (!AnyUseful)
      continue;
    unsigned First = O.is(OpKind::Select) ? 1 : 0;
    for (unsigned I = First, N = O.getNumOperands(); I != N; ++I)
      Useful.insert(O.getOperand(I));
  }
}
