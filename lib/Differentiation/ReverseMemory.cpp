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
  if (D && isAddressOp(*D)) {
    // The same element, field or data of the shadow.
    Value *Base = shadowPointer(D->getOperand(0));
    if (!Base)
      return nullptr;
    return rebaseAddress(B, *D, Base,
                         [&](const Value *V) { return primal(V); });
  }
  return ShadowBase.lookup(P);
}

void ReverseBuilder::allocateShadows(const Region &R) {
  for (const auto &O : R.getOps()) {
    if (!O->is(OpKind::Alloca) || !Act.isActiveMemory(O->getResult()))
      continue;
    llvm::SmallVector<Value *, 1> Operands;
    for (const Value *V : O->getOperands())
      Operands.push_back(primal(V));
    // A std::vector that grows (by pushes): its shadow has the size the
    // vector ended with, and each reversed push pops its element.
    Type Ty = O->getResult()->getType().getPointee();
    if (!O->getNumOperands() && Ty.isRecord() &&
        Ty.getRecord()->getKind() == RecordType::Kind::Vector)
      Operands.push_back(
          B.size(primal(O->getResult()), Type::getInt(64, false)));
    B.setDerived(true);
    Op *Shadow = B.cloneShallow(*O, Operands);
    Shadow->getResult()->setName(derivedName("d_", O->getResult()));
    ShadowBase[O->getResult()] = Shadow->getResult();
  }
}

void ReverseBuilder::reverseLoad(const Op &Load, Value *G) {
  if (Value *P = shadowPointer(Load.getOperand(0)))
    B.accumulate(P, G);
}

void ReverseBuilder::reversePush(const Op &Push) {
  Value *Shadow = shadowPointer(Push.getOperand(0));
  if (!Shadow)
    return;
  B.setDerived(true);
  const Value *V = Push.getOperand(1);
  Value *G = B.pop(Shadow);
  if (isActive(V)) {
    G->setName(derivedName("d_", V));
    accumulate(V, G);
  }
}

void ReverseBuilder::reverseStore(const Op &Store) {
  if (!Act.isActiveMemory(Store.getOperand(0)) ||
      !Store.getOperand(1)->getType().isFloat())
    return; // an integer member of an active struct has no adjoint
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

const Op *ReverseBuilder::getOutermostLoop(const Op &O) const {
  const Op *Outermost = nullptr;
  for (const Op *P = O.getParentRegion()->getParentOp(); P;
       P = P->getParentRegion()->getParentOp())
    if (P->is(OpKind::While))
      Outermost = P;
  return Outermost;
}

bool ReverseBuilder::isClobberable(const Op &Load) const {
  // The reverse sweep recomputes the load while reversing the outermost
  // loop around it; a store from that loop's start on may have changed
  // the element since, or the object may no longer exist.
  const Op *Outermost = getOutermostLoop(Load);
  const Value *Base = getPointerBase(Load.getOperand(0));
  // A global variable that is not constant may change in any call.
  if (const Op *G = Base->getDefiningOp();
      G && G->is(OpKind::Global) && !G->getGlobal()->Constant)
    return Outermost != nullptr;
  auto It = Writes.find(Base);
  return Outermost &&
         ((It != Writes.end() && It->second.back() >= Order.lookup(Outermost)) ||
          endsBeforeReverse(Base, *Outermost));
}

bool ReverseBuilder::endsBeforeReverse(const Value *Base, const Op &At) const {
  // An object of a loop body around the op is made again by the reverse of
  // that body; one of a branch is moved before the branch (visible), which
  // its size must allow.
  const Op *Alloca = Base->getDefiningOp();
  if (!Alloca || !Alloca->is(OpKind::Alloca) || Alloca->getNumOperands() == 0)
    return false;
  for (const Op *P = At.getParentRegion()->getParentOp(); P;
       P = P->getParentRegion()->getParentOp())
    if (P->is(OpKind::While) && P->encloses(Base))
      return false;
  const Region *To = Alloca->getParentRegion();
  while (To->getParentOp() && To->getParentOp()->is(OpKind::If))
    To = To->getParentOp()->getParentRegion();
  return !llvm::all_of(Alloca->getOperands(), [&](const Value *V) {
    return To->isNestedIn(V->getParentRegion());
  });
}

const Value *ReverseBuilder::findChangedBuffer(const Op &Call) const {
  // A write after the call, or (in a loop) anywhere in the loop but the
  // call itself, changes what the reverse sweep sees.
  const Op *Outermost = getOutermostLoop(Call);
  unsigned At = Order.lookup(&Call);
  unsigned From = Outermost ? Order.lookup(Outermost) : At;
  for (unsigned I = 0, E = Call.getNumOperands(); I != E; ++I) {
    const Value *P = Call.getOperand(I);
    if (!P->getType().isPointer())
      continue;
    const Value *Base = getPointerBase(P);
    if (Restored.count(Base))
      continue; // its writes are undone before the derivative runs
    for (unsigned W : Writes.lookup(Base))
      if (W != At && W >= From)
        return Base;
    // In a loop, each iteration must write other elements: at least the
    // pointer must change from one iteration to the next.
    if (Outermost && writesThrough(Call, I) && !Outermost->encloses(P))
      return Base;
  }
  return nullptr;
}

bool ReverseBuilder::touchesActiveMemory(const Op &O) const {
  bool Touches = false;
  for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
    walk(const_cast<Region &>(O.getRegion(I)), [&](Op &Inner) {
      Touches |= (Inner.is(OpKind::Load) || Inner.is(OpKind::Store) ||
                  Inner.is(OpKind::Push)) &&
                 Act.isActiveMemory(Inner.getOperand(0));
      Touches |= Inner.is(OpKind::Alloca) &&
                 Act.isActiveMemory(Inner.getResult());
      if (Inner.is(OpKind::Call))
        for (const Value *V : Inner.getOperands())
          Touches |= Act.isActiveMemory(V);
    });
  return Touches;
}
