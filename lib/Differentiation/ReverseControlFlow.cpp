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
  Op *C = B.createIf(primal(If.getOperand(0)), Types);
  for (unsigned J = 0, E = If.getNumResults(); J != E; ++J) {
    C->getResult(J)->setName(If.getResult(J)->getName());
    Map[If.getResult(J)] = C->getResult(J);
  }

  // With one active result, the branch also computes the partials of that
  // result with respect to the values it uses from outside (a local reverse
  // sweep seeded with 1), and the reverse sweep only multiplies them by the
  // result's adjoint: the branch is not replayed.
  int ActiveResult = -1;
  for (unsigned J = 0, E = If.getNumResults(); J != E; ++J)
    if (isActive(If.getResult(J)))
      ActiveResult = ActiveResult == -1 ? int(J) : -2;
  // A branch holding a loop is replayed instead: the loop's reverse sweep
  // reads its tapes, which the primal sweep has not finished writing here.
  // So is one that touches active memory: the adjoints of its loads and
  // stores go to shadow buffers, in the order of the reverse sweep.
  bool Replay = touchesActiveMemory(If);
  for (unsigned I = 0; I != 2; ++I)
    walk(const_cast<Region &>(If.getRegion(I)),
         [&](Op &O) { Replay |= O.is(OpKind::While); });
  if (Replay)
    ActiveResult = -2;

  AdjointMap Partials[2];
  llvm::SetVector<const Value *> Inputs;
  for (unsigned I = 0; I != 2; ++I) {
    Builder Outer = B;
    B.setInsertionPointToEnd(C->getRegion(I));
    const Region &R = If.getRegion(I);
    copyPrimal(R);
    if (ActiveResult >= 0) {
      AdjointMap Saved = std::move(Adjoint);
      Adjoint.clear();
      const Value *Y = R.getTerminator()->getOperand(ActiveResult);
      if (isActive(Y)) {
        B.setDerived(true);
        accumulate(Y, B.constLike(Y, 1));
        reverseRegion(R);
      }
      for (auto &[V, A] : Adjoint)
        if (!If.encloses(V)) {
          Partials[I][V] = A;
          Inputs.insert(V);
        }
      Adjoint = std::move(Saved);
    }
    B = Outer;
  }

  // A loop body copied again (recomputed in the reverse sweep) replaces the
  // partials of its previous copy.
  auto &Pre = Preaccumulated[&If];
  Pre.clear();
  for (const Value *V : Inputs) {
    std::string Name;
    if (!If.getResult(ActiveResult)->getName().empty() && !V->getName().empty())
      Name = "d" + If.getResult(ActiveResult)->getName() + "_d" + V->getName();
    Pre.push_back({V, C->addResult(V->getType(), Name)});
  }
  for (unsigned I = 0; I != 2; ++I) {
    Builder Inner(C->getRegion(I));
    const Region &R = If.getRegion(I);
    llvm::SmallVector<Value *, 4> Yielded;
    for (Value *V : R.getTerminator()->getOperands())
      Yielded.push_back(visible(Map.lookup(V), &C->getRegion(I)));
    Inner.setDerived(true);
    for (const Value *V : Inputs) {
      Value *P = Partials[I].lookup(V);
      Yielded.push_back(P ? P : Inner.constLike(V, 0));
    }
    Inner.setDerived(false);
    Inner.yield(Yielded);
  }
  if (ActiveResult < 0)
    Preaccumulated.erase(&If);
}

Value *ReverseBuilder::visible(Value *Copy, const Region *Here) {
  if (!Here)
    Here = &B.getInsertionRegion();
  if (Here->isNestedIn(Copy->getParentRegion()))
    return Copy;
  Op *Def = Copy->getDefiningOp();
  // Branches carry offsets, never pointers: an address computed in a
  // branch (a sub-buffer passed to a recursive call, an element read again
  // by a reverse loop) is built again here from its base and offset.
  if (Def && isAddressOp(*Def)) {
    assert(Here == &B.getInsertionRegion() &&
           "branches yield no addresses: only the reverse sweep reads them");
    Value *Base = visible(Def->getOperand(0), Here);
    return rebaseAddress(B, *Def, Base, [&](const Value *V) {
      return visible(const_cast<Value *>(V), Here);
    });
  }
  // A local object of a branch that the reverse sweep reads after the
  // branch: declared before the branch instead, so that it lives on. One
  // sized in its branch stays (isClobberable records what the reverse
  // sweep reads of it, so that the pointer exported below is never used;
  // the verifier rejects a branch yielding a pointer).
  if (Def && Def->is(OpKind::Alloca) && hoistOutOfBranches(*Def, Here))
    return Copy;
  while (!Here->isNestedIn(Copy->getParentRegion()))
    Copy = exportOut(Copy);
  return Copy;
}

bool ReverseBuilder::hoistOutOfBranches(Op &Alloca, const Region *Here) {
  Region *To = Alloca.getParentRegion();
  Op *Outermost = nullptr;
  while (!Here->isNestedIn(To)) {
    Outermost = To->getParentOp();
    assert(Outermost && Outermost->is(OpKind::If) &&
           "only branches end before the reverse sweep: a loop body's "
           "objects are made again by its reverse");
    To = Outermost->getParentRegion();
  }
  if (!llvm::all_of(Alloca.getOperands(), [&](const Value *V) {
        return To->isNestedIn(V->getParentRegion());
      }))
    return false;
  auto Pos = llvm::find_if(To->getOps(), [&](const std::unique_ptr<Op> &O) {
    return O.get() == Outermost;
  });
  To->adopt(Pos, &Alloca);
  return true;
}

Value *ReverseBuilder::exportOut(Value *Copy) {
  if (Value *Done = Exported.lookup(Copy))
    return Done;
  // Yield the value out of the enclosing `if`; undefined from the other
  // region, which the reverse sweep of this branch never reads.
  Region *Inner = Copy->getParentRegion();
  Op *If = Inner->getParentOp();
  assert(If && If->is(OpKind::If) &&
         "only branches export values: a loop's are recomputed or taped");
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
  Exported[Copy] = Result;
  return Result;
}

void ReverseBuilder::reverseIf(const Op &If) {
  auto Pre = Preaccumulated.find(&If);
  if (Pre != Preaccumulated.end()) {
    Value *G = nullptr;
    for (unsigned J = 0, E = If.getNumResults(); J != E && !G; ++J)
      if (isActive(If.getResult(J)))
        G = Adjoint.lookup(If.getResult(J));
    if (!G)
      return;
    B.setDerived(true);
    // A partial has the type of the value it differentiates by (what the
    // branch's adjoints were converted to), which may differ from the
    // result's.
    for (auto &[V, Partial] : Pre->second) {
      Value *P = visible(Partial);
      accumulate(V, B.mul(B.cast(P->getType(), G), P));
    }
    return;
  }
  // Reversed when an active result has an adjoint, or when the branch
  // reads or writes active memory (whose adjoints are in shadows).
  bool AnyActive = touchesActiveMemory(If);
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
    for (auto &[V, A] : Adjoint)
      if (!If.encloses(V) && Before.lookup(V) != A)
        Updated.insert(V);
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
