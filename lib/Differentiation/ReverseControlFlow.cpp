//===- ReverseControlFlow.cpp - Reverse mode: branches --------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The adjoint of `if %c { A } else { B }` is `if %c { A' } else { B' }`:
/// the branch taken is replayed from the same condition, so nothing is
/// recorded. Each reversed region starts from the adjoints known before the
/// `if` and ends by yielding the new adjoints of the values it updated that
/// are defined outside it; the other region yields the old ones unchanged.
//===----------------------------------------------------------------------===//

#include "Clone.h"
#include "ReverseBuilder.h"

#include "llvm/ADT/SetVector.h"

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::differentiation;

void ReverseBuilder::copyIf(const Op &If) {
  llvm::SmallVector<Type, 4> Types;
  for (unsigned J = 0, E = If.getNumResults(); J != E; ++J)
    Types.push_back(If.getResult(J)->getType());
  B.setDerived(false);
  Op *C = B.createIf(Map.lookup(If.getOperand(0)), Types);
  for (unsigned J = 0, E = If.getNumResults(); J != E; ++J) {
    C->getResult(J)->setName(If.getResult(J)->getName());
    Map[If.getResult(J)] = C->getResult(J);
  }
  for (unsigned I = 0; I != 2; ++I) {
    Builder Outer = B;
    B.setInsertionPointToEnd(C->getRegion(I));
    const Region &R = If.getRegion(I);
    copyPrimal(R);
    llvm::SmallVector<Value *, 4> Yielded;
    for (Value *V : R.getTerminator()->getOperands())
      Yielded.push_back(Map.lookup(V));
    B.setDerived(false);
    B.yield(Yielded);
    B = Outer;
  }
}

Value *ReverseBuilder::exportToTop(Value *Copy) {
  Region *Top = &Fn.getBody();
  if (Copy->getParentRegion() == Top)
    return Copy;
  if (Value *Done = Exported.lookup(Copy))
    return Done;
  // Yield the value out of the enclosing `if`, then out of the next one.
  Region *Inner = Copy->getParentRegion();
  Op *If = Inner->getParentOp();
  unsigned Taken = &If->getRegion(0) == Inner ? 0 : 1;
  Value *Result = If->addResult(Copy->getType(), Copy->getName());
  for (unsigned I = 0; I != 2; ++I) {
    Op *Y = If->getRegion(I).getTerminator();
    Value *V = Copy;
    if (I != Taken) {
      Builder Other(If->getRegion(I));
      Other.setInsertionPoint(Y);
      V = Other.undef(Copy->getType());
    }
    Y->addOperand(V);
  }
  Value *Top_ = exportToTop(Result);
  Exported[Copy] = Top_;
  return Top_;
}

void ReverseBuilder::reverseIf(const Op &If) {
  bool AnyActive = false;
  for (unsigned J = 0, E = If.getNumResults(); J != E; ++J)
    AnyActive |= isActive(If.getResult(J)) && Adjoint.lookup(If.getResult(J));
  if (!AnyActive)
    return;

  Value *Cond = primal(If.getOperand(0));
  B.setDerived(true);
  Op *Rev = B.createIf(Cond, {});
  AdjointMap Before = Adjoint;
  AdjointMap After[2];
  llvm::SetVector<const Value *> Updated;

  for (unsigned I = 0; I != 2; ++I) {
    Builder Outer = B;
    B.setInsertionPointToEnd(Rev->getRegion(I));
    Adjoint = Before;
    const Region &R = If.getRegion(I);
    const Op *Y = R.getTerminator();
    for (unsigned J = 0, E = If.getNumResults(); J != E; ++J)
      if (Value *G = Before.lookup(If.getResult(J)))
        if (isActive(Y->getOperand(J)))
          accumulate(Y->getOperand(J), G);
    reverseRegion(R);
    // Keep the adjoints of values defined outside the primal `if`.
    for (auto &[V, A] : Adjoint) {
      Region *Home = V->getParentRegion();
      if (Home->isNestedIn(&If.getRegion(0)) || Home->isNestedIn(&If.getRegion(1)))
        continue;
      if (Before.lookup(V) != A)
        Updated.insert(V);
    }
    After[I] = Adjoint;
    B = Outer;
  }

  Adjoint = Before;
  for (unsigned I = 0; I != 2; ++I) {
    Builder Inner(Rev->getRegion(I));
    Inner.setDerived(true);
    llvm::SmallVector<Value *, 4> Yielded;
    for (const Value *V : Updated) {
      Value *A = After[I].lookup(V);
      Yielded.push_back(A ? A : Inner.constLike(V, 0));
    }
    Inner.yield(Yielded);
  }
  for (const Value *V : Updated) {
    Value *R = Rev->addResult(V->getType(), derivedName("d_", V));
    Adjoint[V] = R;
  }
}
