//===- ReverseMemory.cpp - Reverse mode: loads, stores, arrays ------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Every active buffer has a shadow buffer of the same shape: a pointer
/// parameter's is its shadow parameter, a local array's a zeroed array made
/// where the reverse sweep of the array's scope begins. The adjoint of
/// `v = p[i]` is `d_p[i] += d_v`. The adjoint of `p[i] = v` reads the
/// shadow (the adjoint of the value stored) and resets it (the value that
/// was overwritten did not reach the result through this element):
/// `d_v += d_p[i]; d_p[i] = 0`. So an output buffer's shadow holds its seed
/// on entry and, on return, the adjoint of what the buffer held on entry.
///
/// The primal sweep keeps loaded values as SSA values, so straight-line
/// code needs no copies of overwritten memory. In a loop body, whose values
/// the reverse sweep recomputes, a load from a buffer that is written
/// somewhere in the function is recorded on a tape instead (ReverseLoops).
//===----------------------------------------------------------------------===//

#include "Clone.h"
#include "ReverseBuilder.h"

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::differentiation;

Value *ReverseBuilder::shadowPointer(const Value *P) {
  const Op *D = P->getDefiningOp();
  if (D && D->is(OpKind::Index)) {
    Value *Base = shadowPointer(D->getOperand(0));
    return Base ? B.index(Base, primal(D->getOperand(1))) : nullptr;
  }
  return ShadowBase.lookup(P);
}

void ReverseBuilder::allocateShadows(const Region &R) {
  for (const auto &O : R.getOps()) {
    if (!O->is(OpKind::Alloca) || !Act.isActiveMemory(O->getResult()))
      continue;
    const Value *A = O->getResult();
    Type Ty = A->getType().getPointee();
    std::string Name = derivedName("d_", A);
    B.setDerived(true);
    ShadowBase[A] = O->getAllocaCount()
                        ? B.array(Ty, O->getAllocaCount(), Name)
                        : B.slot(Ty, Name);
  }
}

void ReverseBuilder::reverseLoad(const Op &Load, Value *G) {
  if (Value *P = shadowPointer(Load.getOperand(0)))
    B.accumulate(P, G);
}

void ReverseBuilder::reverseStore(const Op &Store) {
  if (!Act.isActiveMemory(Store.getOperand(0)))
    return;
  Value *P = shadowPointer(Store.getOperand(0));
  if (!P)
    return;
  B.setDerived(true);
  const Value *V = Store.getOperand(1);
  Value *G = nullptr;
  if (isActive(V)) {
    G = B.load(P);
    G->setName(derivedName("d_", V));
  }
  B.store(P, B.constLike(V, 0));
  if (G)
    accumulate(V, G);
}

bool ReverseBuilder::isClobberable(const Op &Load) const {
  // The reverse sweep recomputes the load while reversing the outermost
  // loop around it; a store from that loop's start on may have changed
  // the element since.
  const Op *Outermost = nullptr;
  for (const Op *P = Load.getParentRegion()->getParentOp(); P;
       P = P->getParentRegion()->getParentOp())
    if (P->is(OpKind::While))
      Outermost = P;
  auto It = LastStore.find(getPointerBase(Load.getOperand(0)));
  return Outermost && It != LastStore.end() &&
         It->second >= Order.lookup(Outermost);
}

bool ReverseBuilder::touchesActiveMemory(const Op &O) const {
  bool Touches = false;
  for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
    walk(const_cast<Region &>(O.getRegion(I)), [&](Op &Inner) {
      Touches |= (Inner.is(OpKind::Load) || Inner.is(OpKind::Store)) &&
                 Act.isActiveMemory(Inner.getOperand(0));
      Touches |= Inner.is(OpKind::Alloca) &&
                 Act.isActiveMemory(Inner.getResult());
    });
  return Touches;
}
