//===- Hoist.cpp - Loads that do not change in a loop, read before it -----===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// A load in a counted loop's body whose address does not depend on the
/// loop and whose buffer the loop does not write reads the same value on
/// every iteration: `x[i]` in `for (j = i + 1; j < d; ++j) out[j] += L[k] *
/// x[i]`. It is read once, before the loop, under the test that the loop
/// runs at least once (so no element is read that the program would not
/// read). The address computation moves with it, and constants in a loop's
/// condition move before the loop.
///
/// This matters for reverse mode: a value the reverse sweep needs from a
/// buffer that is written later is recorded, and recorded once per outer
/// iteration instead of once per inner one. It runs on the primal graph
/// before differentiation, so both modes and the primal copies agree.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Builder.h"
#include "chainrule/Transforms/Passes.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace chainrule;
using namespace chainrule::ir;

namespace {

/// Ops an address may be computed with and moved freely: no effects, and
/// no trap (integer division may divide by zero).
bool isMovableAddressOp(const Op &O) {
  switch (O.getKind()) {
  case OpKind::Index:
  case OpKind::Member:
  case OpKind::Data:
  case OpKind::Cast:
  case OpKind::Add:
  case OpKind::Sub:
  case OpKind::Mul:
  case OpKind::Constant:
    return O.getNumResults() == 1 && !O.getResult()->getType().isFloat();
  default:
    return false;
  }
}

/// Collects into \p Chain, in dependence order, the ops of \p W's body that
/// compute \p V; false when one cannot move or depends on the loop
/// otherwise (a carried value, an op nested deeper).
bool collectChain(const Value *V, const Op &W,
                  llvm::SmallVectorImpl<Op *> &Chain,
                  llvm::SmallPtrSetImpl<const Op *> &Seen) {
  if (!W.encloses(V))
    return true;
  Op *D = V->getDefiningOp();
  if (!D || D->getParentRegion() != &W.getRegion(1) || !isMovableAddressOp(*D))
    return false;
  if (!Seen.insert(D).second)
    return true;
  for (const Value *Operand : D->getOperands())
    if (!collectChain(Operand, W, Chain, Seen))
      return false;
  Chain.push_back(D);
  return true;
}

/// True when \p W (at any depth) may write the element at \p P.
bool writes(const Op &W, const Value *P) {
  bool Writes = false;
  for (unsigned I = 0; I != 2; ++I)
    walk(const_cast<Region &>(W.getRegion(I)), [&](Op &O) {
      if (O.is(OpKind::Store) || O.is(OpKind::Accumulate))
        Writes |= mayOverlap(O.getOperand(0), P);
      if (O.is(OpKind::Push) || O.is(OpKind::Pop))
        Writes |= getPointerBase(O.getOperand(0)) == getPointerBase(P);
      if (O.is(OpKind::Call))
        Writes |= !O.getCallee()->isPure();
    });
  return Writes;
}

/// Moves the constants of loop \p W's condition before it, so that a
/// constant bound (`i < 2`) is a value of the enclosing region and the loop
/// is counted.
bool hoistConditionConstants(Op &W) {
  Region &Outer = *W.getParentRegion();
  auto At = std::find_if(Outer.begin(), Outer.end(),
                         [&](const auto &P) { return P.get() == &W; });
  llvm::SmallVector<Op *, 2> Constants;
  for (const auto &O : W.getRegion(0).getOps())
    if (O->is(OpKind::Constant))
      Constants.push_back(O.get());
  for (Op *C : Constants)
    Outer.adopt(At, C);
  return !Constants.empty();
}

bool hoistFrom(Op &W, Function &F) {
  bool Moved = hoistConditionConstants(W);
  std::optional<CountedLoop> Counted = getCountedLoop(W);
  if (!Counted)
    return Moved;
  Region &Body = W.getRegion(1);
  Region &Outer = *W.getParentRegion();
  bool Changed = Moved;
  Value *Guard = nullptr;
  for (auto It = Body.begin(); It != Body.end();) {
    Op &L = **It++;
    if (!L.is(OpKind::Load) || writes(W, L.getOperand(0)))
      continue;
    llvm::SmallVector<Op *, 4> Chain;
    llvm::SmallPtrSet<const Op *, 4> Seen;
    if (!collectChain(L.getOperand(0), W, Chain, Seen))
      continue;
    Builder B(Outer);
    B.setInsertionPoint(&W);
    B.setLoc(L.getLoc());
    if (!Guard) {
      const Op *Cmp = W.getRegion(0).getOps().front().get();
      Guard = B.cmp(Cmp->getPredicate(), W.getOperand(Counted->Counter),
                    const_cast<Value *>(Counted->Bound));
    }
    // The address ops move before the loop (they all come before the load,
    // so the walk's position stays valid).
    auto At = std::find_if(Outer.begin(), Outer.end(),
                           [&](const auto &P) { return P.get() == &W; });
    for (Op *O : Chain)
      Outer.adopt(At, O);
    Type Ty = L.getResult()->getType();
    Op *If = B.createIf(Guard, {Ty});
    Builder Then(If->getRegion(0)), Else(If->getRegion(1));
    Then.setLoc(L.getLoc());
    Then.yield({Then.load(L.getOperand(0))});
    Else.yield({Else.undef(Ty)});
    If->getResult(0)->setName(L.getResult()->getName());
    replaceAllUsesWith(F.getBody(), L.getResult(), If->getResult(0));
    Body.erase(&L);
    Changed = true;
  }
  return Changed;
}

bool hoistIn(Region &R, Function &F) {
  bool Changed = false;
  for (auto It = R.begin(); It != R.end(); ++It) {
    Op &O = **It;
    // Inner loops first: what they hoist may move out of this one too.
    for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
      Changed |= hoistIn(O.getRegion(I), F);
    if (O.is(OpKind::While))
      Changed |= hoistFrom(O, F);
  }
  return Changed;
}

} // namespace

bool chainrule::transforms::hoistInvariantLoads(Function &F) {
  return hoistIn(F.getBody(), F);
}
