//===- Reverse.cpp - Reverse mode: driver and elementary ops --------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The reverse-mode driver (see ReverseBuilder.h for the scheme) and the
/// adjoints of ops with a row in Derivatives.def, of casts and of selects.
//===----------------------------------------------------------------------===//

#include "Clone.h"
#include "Modes.h"
#include "ReverseBuilder.h"
#include "Rules.h"

#include <algorithm>

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::differentiation;

ReverseBuilder::ReverseBuilder(Differentiator &D, const Function &Primal,
                               Function &Fn, const std::vector<bool> &Active,
                               bool SeedParam, bool ReturnPrimal)
    : D(D), Primal(Primal), Fn(Fn), Active(Active), SeedParam(SeedParam),
      ReturnPrimal(ReturnPrimal), Act(Primal, Active), B(Fn.getBody()),
      NextTape(nextTapeId(Primal.getBody())) {
  for (unsigned I = 0, E = Primal.getNumParams(); I != E; ++I)
    Map[Primal.getParam(I)] = Fn.getParam(I);
  walk(const_cast<Region &>(Primal.getBody()), [&](Op &O) {
    unsigned Position = Order.size();
    Order[&O] = Position;
    if (O.is(OpKind::Store) || O.is(OpKind::Push))
      Writes[getPointerBase(O.getOperand(0))].push_back(Position);
    for (unsigned I = 0, E = O.getNumOperands(); O.is(OpKind::Call) && I != E;
         ++I) {
      const Value *V = O.getOperand(I);
      if (writesThrough(O, I))
        Writes[getPointerBase(V)].push_back(Position);
      // Bookkeeping a kept call reads (integers): see restoresOld.
      if (V->getType().isPointer() && !V->getType().getPointee().holdsFloat())
        Restored.insert(getPointerBase(V));
    }
  });
}

bool ReverseBuilder::restoresOld(const Op &Store) const {
  return Store.is(OpKind::Store) &&
         Restored.count(getPointerBase(Store.getOperand(0))) &&
         !Store.getOperand(1)->getType().isFloat();
}

void ReverseBuilder::run() {
  const Region &Body = Primal.getBody();
  copyPrimal(Body);

  // Seed the returned value.
  const Op *Ret = Body.getTerminator();
  Value *Result = Ret->getNumOperands() ? Ret->getOperand(0) : nullptr;
  // The seeds come between the parameters and the shadows: `d_ret`, for a
  // floating result or for a struct returned by value.
  unsigned N = Primal.getNumParams(), NextParam = N;
  unsigned Seeds =
      Fn.getNumParams() - N - std::count(Active.begin(), Active.end(), true);
  for (unsigned I = 0, Shadow = N + Seeds; I != N; ++I)
    if (Active[I] && Primal.getParam(I)->getType().isPointer())
      ShadowBase[Primal.getParam(I)] = Fn.getParam(Shadow++);
    else
      Shadow += Active[I];
  // A view an active struct holds: its shadow is the same member of the
  // struct's shadow.
  for (const auto &O : Body.getOps())
    if (O->getNumResults() == 1 && isViewBase(O->getResult()) &&
        Act.isActiveMemory(O->getResult()))
      if (Value *P = shadowPointer(O->getOperand(0))) {
        B.setDerived(true);
        Value *Shadow = B.load(P);
        Shadow->setName(derivedName("d_", O->getResult()));
        ShadowBase[O->getResult()] = Shadow;
      }
  if (Result && isActive(Result)) {
    B.setDerived(true);
    Value *Seed = SeedParam ? Fn.getParam(NextParam) : B.constLike(Result, 1);
    accumulate(Result, Seed);
  }
  NextParam += Seeds;

  reverseRegion(Body);

  // Accumulate into the shadows, in parameter order.
  B.setDerived(true);
  for (unsigned I = 0; I != N; ++I) {
    if (!Active[I])
      continue;
    Value *Shadow = Fn.getParam(NextParam++);
    if (Primal.getParam(I)->getType().isPointer())
      continue; // the reverse sweep accumulated into the buffer's shadow
    if (Value *A = Adjoint.lookup(Primal.getParam(I)))
      B.accumulate(Shadow, A);
  }
  B.setDerived(false);
  if (ReturnPrimal && Result)
    B.ret({primal(Result)});
  else
    B.ret({});
}

void ReverseBuilder::copyPrimal(const Region &R) {
  for (const auto &O : R.getOps()) {
    if (O->is(OpKind::Return) || O->is(OpKind::Yield))
      continue;
    B.setLoc(O->getLoc());
    if (O->getNumResults() == 1 && Provided.count(O->getResult()))
      continue;
    if (O->is(OpKind::If)) {
      copyIf(*O);
      continue;
    }
    if (O->is(OpKind::While)) {
      copyNestedLoop(*O);
      continue;
    }
    // A write of bookkeeping that a kept call reads: what it overwrites is
    // read first, for the reverse sweep to put back (recorded in a loop
    // body, popped where the body is recomputed).
    if (restoresOld(*O)) {
      auto Rec = RecordedOld.find(O.get());
      if (!Recording && PoppingLoop && Rec != RecordedOld.end() &&
          Rec->second.first == PoppingLoop) {
        OldValue[O.get()] = B.tapePop(Rec->second.second,
                                      O->getOperand(1)->getType(), "old");
      } else if (Recording) {
        B.setDerived(false);
        Value *Old = B.load(primal(O->getOperand(0)));
        Old->setName("old");
        OldValue[O.get()] = Old;
        if (RecordingLoop) {
          int64_t Tape = NextTape++;
          B.tapePush(Tape, Old);
          RecordedOld[O.get()] = {RecordingLoop, Tape};
        }
      }
    }
    // Recomputing in the reverse sweep has no effects: the primal sweep
    // stored already.
    bool Writes = O->is(OpKind::Store) || O->is(OpKind::Push) ||
                  O->is(OpKind::Pop) || isTapeOp(*O) ||
                  (O->is(OpKind::Call) && !O->getCallee()->isPure());
    if (!Recording && Writes && !O->getNumResults())
      continue;
    bool IsCall = (O->is(OpKind::Math) && O->getResult()->getType().isFloat()) ||
                  (O->is(OpKind::Load) && isClobberable(*O)) ||
                  (Writes && O->getNumResults());
    if (IsCall && !Recording && PoppingLoop) {
      // Reversing a loop body: a recorded library call or load is popped.
      auto It = RecordedCalls.find(O->getResult());
      if (It != RecordedCalls.end() && It->second.first == PoppingLoop) {
        std::string Name = O->is(OpKind::Math)
                               ? getMathName(O->getMathFn()).str() + "_value"
                               : O->getResult()->getName();
        Map[O->getResult()] =
            B.tapePop(It->second.second, O->getResult()->getType(), Name);
        continue;
      }
    }
    llvm::SmallVector<Value *, 4> Operands;
    for (Value *V : O->getOperands())
      Operands.push_back(primal(V));
    B.setDerived(O->isDerived());
    Op *C = B.cloneShallow(*O, Operands);
    for (unsigned I = 0, E = O->getNumResults(); I != E; ++I)
      Map[O->getResult(I)] = C->getResult(I);
    if (IsCall && Recording && RecordingLoop &&
        !CarriedOut.count(O->getResult())) {
      // In a loop body, a library call is recorded rather than called again
      // in the reverse sweep; simplification deletes the tapes no partial
      // reads.
      int64_t Tape = NextTape++;
      B.tapePush(Tape, C->getResult());
      RecordedCalls[O->getResult()] = {RecordingLoop, Tape};
    }
  }
}

void ReverseBuilder::reverseRegion(const Region &R) {
  allocateShadows(R);
  for (auto It = R.getOps().rbegin(), E = R.getOps().rend(); It != E; ++It)
    reverseOp(**It);
}

void ReverseBuilder::reverseOp(const Op &O) {
  B.setLoc(O.getLoc());
  if (O.is(OpKind::If)) {
    reverseIf(O);
    return;
  }
  if (O.is(OpKind::While)) {
    reverseWhile(O);
    return;
  }
  if (O.is(OpKind::Push)) {
    reversePush(O);
    return;
  }
  if (O.is(OpKind::Store)) {
    if (Value *Old = OldValue.lookup(&O)) {
      B.setDerived(false);
      B.store(primal(O.getOperand(0)), visible(Old));
      return;
    }
    reverseStore(O);
    return;
  }
  if (O.is(OpKind::Call) && !O.getCallee()->isNonDifferentiable() &&
      Act.writesActiveMemory(O)) {
    B.setDerived(true);
    reverseCall(O, O.getNumResults() ? Adjoint.lookup(O.getResult()) : nullptr);
    return;
  }
  if (isTapeOp(O)) {
    reverseTapeOp(O);
    return;
  }
  if (O.getNumResults() != 1 || !isActive(O.getResult()))
    return;
  Value *G = Adjoint.lookup(O.getResult());
  if (!G)
    return;
  B.setDerived(true);
  if (hasRule(O)) {
    reverseRule(O, G);
    return;
  }
  switch (O.getKind()) {
  case OpKind::Cast:
    if (isActive(O.getOperand(0)))
      accumulate(O.getOperand(0), B.cast(O.getOperand(0)->getType(), G));
    return;
  case OpKind::Select: {
    Value *Cond = primal(O.getOperand(0));
    Value *Zero = B.constLike(G, 0);
    if (isActive(O.getOperand(1)))
      accumulate(O.getOperand(1), B.select(Cond, G, Zero));
    if (isActive(O.getOperand(2)))
      accumulate(O.getOperand(2), B.select(Cond, Zero, G));
    return;
  }
  case OpKind::Call:
    reverseCall(O, G);
    return;
  case OpKind::Load:
    reverseLoad(O, G);
    return;
  default:
    return;
  }
}

void ReverseBuilder::reverseTapeOp(const Op &O) {
  // A tape of code chainrule generated is a stack: the adjoint of each
  // value popped goes on a tape of adjoints, from which the reverse of the
  // push that put the value there takes it (the stack's order makes them
  // meet). Every value popped has an adjoint pushed, zero when it has none.
  if (O.is(OpKind::TapeReserve) || !Act.carriesDerivatives(O.getIntValue()))
    return;
  auto [It, New] = AdjointTapes.try_emplace(O.getIntValue(), 0);
  if (New)
    It->second = NextTape++;
  B.setDerived(true);
  if (O.is(OpKind::TapePop)) {
    Value *G = isActive(O.getResult()) ? Adjoint.lookup(O.getResult()) : nullptr;
    B.tapePush(It->second, G ? G : B.constLike(O.getResult(), 0));
    return;
  }
  const Value *V = O.getOperand(0);
  Value *G = B.tapePop(It->second, V->getType(), derivedName("d_", V));
  if (isActive(V))
    accumulate(V, G);
}

void ReverseBuilder::reverseRule(const Op &O, Value *G) {
  llvm::SmallVector<Value *, 2> Operands;
  for (Value *V : O.getOperands())
    Operands.push_back(primal(V));
  Value *Result = nullptr; // the primal result, exported only if a rule uses it
  for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I) {
    if (!isActive(O.getOperand(I)))
      continue;
    if (!Result)
      Result = primal(O.getResult());
    if (Value *P = buildPartial(B, O, I, Operands, Result))
      accumulate(O.getOperand(I), B.mul(G, P));
  }
}

Value *ReverseBuilder::primal(const Value *V) {
  Value *C = Map.lookup(V);
  assert(C && "primal value without a copy");
  return visible(C);
}

void ReverseBuilder::accumulate(const Value *V, Value *Contribution) {
  Value *&Slot = Adjoint[V];
  Slot = Slot ? B.add(Slot, Contribution) : Contribution;
  if (Slot->getName().empty())
    Slot->setName(derivedName("d_", V));
}

void differentiation::buildReverse(Differentiator &D, const Function &Primal,
                                   Function &Fn, const std::vector<bool> &Active,
                                   bool SeedParam, bool ReturnPrimal) {
  ReverseBuilder(D, Primal, Fn, Active, SeedParam, ReturnPrimal).run();
}
