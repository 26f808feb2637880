//===- ReverseLoops.cpp - Reverse mode: loops -----------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The adjoint of a loop is a loop running backwards over the iterations
/// the primal made.
///
/// The primal sweep counts the iterations and, at the start of each, pushes
/// on a tape (one chainrule::Tape per value) the carried values the body
/// reads. Integer counters that step by a constant are not recorded: they
/// are recomputed from the iteration index.
///
/// The reverse loop runs the count down. Each iteration pops the carried
/// values of the primal iteration it reverses, recomputes from them the
/// body's values its partials need, and accumulates adjoints through the
/// body backwards. The carried values at the end of that primal iteration
/// are the ones the previous reverse iteration popped (the loop's results
/// for the first), so values the body yields (a tanh output, say) are
/// reused, not recomputed. Adjoints of values from outside the loop are
/// summed in values the reverse loop carries and added after it.
//===----------------------------------------------------------------------===//

#include "Clone.h"
#include "ReverseBuilder.h"

#include "llvm/ADT/SetVector.h"

#include <set>

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::differentiation;

/// True when \p V is used by an op of \p R (at any depth) other than its
/// terminator.
static bool usedInBody(const Value *V, const Region &R) {
  bool Used = false;
  for (const auto &O : R.getOps()) {
    if (O.get() == R.getTerminator())
      break;
    auto Check = [&](Op &Inner) {
      for (const Value *Operand : Inner.getOperands())
        Used |= Operand == V;
    };
    Check(*O);
    for (unsigned I = 0, E = O->getNumRegions(); I != E; ++I)
      walk(O->getRegion(I), Check);
  }
  return Used;
}

/// True when the carried value \p J of \p W is known in the reverse sweep
/// from the next iteration (its yielded value is computed in the body by
/// an op of one result).
static bool yieldsComputedValue(const Op &W, unsigned J) {
  const Value *Y = W.getRegion(1).getTerminator()->getOperand(J);
  const Op *D = Y->getDefiningOp();
  return D && D->getParentRegion() == &W.getRegion(1) &&
         D->getNumResults() == 1 && !D->is(OpKind::If) &&
         !D->is(OpKind::While) && Y->getType().isFloat();
}

/// The trip count of a counted loop from \p Start to \p Bound, built with
/// \p B: max(0, Bound - Start (+ 1 if inclusive)).
static Value *countedTrips(Builder &B, Value *Start, Value *Bound,
                           bool Inclusive) {
  Type Count = Type::getInt(64, true);
  Value *End = B.cast(Count, Bound); // in order: one cast, then the other
  Value *N = B.sub(End, B.cast(Count, Start));
  if (Inclusive)
    N = B.add(N, B.constInt(Count, 1));
  Value *Zero = B.constInt(Count, 0);
  Value *Trips = B.select(B.cmp(CmpPred::GT, N, Zero), N, Zero);
  Trips->setName("iterations");
  return Trips;
}

/// Replaces the pushes of \p R (and of the branches in it, not of nested
/// loops: they run more than once per iteration) by appends; adds their
/// tapes to \p Tapes.
static void appendInstead(Region &R, std::set<int64_t> &Tapes) {
  for (auto It = R.begin(); It != R.end();) {
    Op &O = **It++;
    if (O.is(OpKind::If))
      for (unsigned I = 0; I != 2; ++I)
        appendInstead(O.getRegion(I), Tapes);
    if (!O.is(OpKind::TapePush))
      continue;
    Builder B(R);
    B.setInsertionPoint(&O);
    B.setDerived(O.isDerived());
    Op *Append = B.create(OpKind::TapeAppend, Type::getVoid(), {O.getOperand(0)});
    Append->setIntValue(O.getIntValue());
    Tapes.insert(O.getIntValue());
    R.erase(&O);
  }
}

void ReverseBuilder::reserveTapes(Op &Copy, const Op &W, const LoopRecord &L) {
  std::set<int64_t> Tapes;
  appendInstead(Copy.getRegion(1), Tapes);
  if (Tapes.empty())
    return;
  auto [J, Bound, Inclusive] = *L.Counted;
  Builder Pre(*Copy.getParentRegion());
  Pre.setInsertionPoint(&Copy);
  Value *Trips = countedTrips(Pre, Map.lookup(W.getOperand(J)),
                              Map.lookup(Bound), Inclusive);
  for (int64_t Tape : Tapes)
    Pre.create(OpKind::TapeReserve, Type::getVoid(), {Trips})->setIntValue(Tape);
}

Value *ReverseBuilder::tripCount(const Op &W, const LoopRecord &L) {
  if (!L.Counted)
    return L.TripCount ? visible(L.TripCount)
                       : B.tapePop(L.TripTape, Type::getInt(64, true),
                                   "iterations");
  auto [J, Bound, Inclusive] = *L.Counted;
  return countedTrips(B, primal(W.getOperand(J)), primal(Bound), Inclusive);
}

void ReverseBuilder::copyLoop(const Op &W, bool Record) {
  unsigned N = W.getNumResults();
  const Region &Body = W.getRegion(1);
  LoopRecord L;
  llvm::SmallVector<Value *, 8> Inits;
  llvm::SmallVector<std::string, 8> Names;
  for (unsigned J = 0; J != N; ++J) {
    Inits.push_back(primal(W.getOperand(J)));
    Names.push_back(W.getResult(J)->getName());
  }
  Type Count = Type::getInt(64, true);
  B.setDerived(false);
  if (Record)
    L.Counted = getCountedLoop(W);
  bool Counting = Record && !L.Counted;
  if (Counting) {
    Inits.push_back(B.constInt(Count, 0));
    Names.push_back("iterations");
  }
  Op *C = B.createWhile(Inits, Names);
  for (unsigned I = 0; I != 2; ++I) {
    const Region &R = W.getRegion(I);
    for (unsigned J = 0; J != N; ++J)
      Map[R.getArgument(J)] = C->getRegion(I).getArgument(J);
  }

  Builder Outer = B;
  B.setInsertionPointToEnd(C->getRegion(0));
  copyPrimal(W.getRegion(0)); // ends with the copy of its `condition`

  B.setInsertionPointToEnd(C->getRegion(1));
  if (Record)
    for (unsigned J = 0; J != N; ++J) {
      const Value *Arg = Body.getArgument(J);
      if (std::optional<int64_t> Step = getCounterStep(W, J)) {
        L.Induction.push_back({J, W.getOperand(J), *Step});
        continue;
      }
      bool Needed = usedInBody(Arg, Body) ||
                    (isActive(W.getResult(J)) && yieldsComputedValue(W, J));
      if (!Needed)
        continue;
      int64_t Tape = NextTape++;
      B.tapePush(Tape, C->getRegion(1).getArgument(J));
      L.Taped.push_back({J, Tape});
    }
  // Library calls of the body are recorded (see copyPrimal), except the
  // values carried to the next iteration, which the reverse loop has; a
  // plain copy (recomputing a nested loop) computes them again.
  for (unsigned J = 0; J != N && Record; ++J)
    if (isActive(W.getResult(J)) && yieldsComputedValue(W, J))
      CarriedOut.insert(Body.getTerminator()->getOperand(J));
  const Op *SavedRecording = RecordingLoop, *SavedPopping = PoppingLoop;
  if (Record)
    RecordingLoop = &W;
  else
    PoppingLoop = nullptr;
  LoopDepth += Record;
  copyPrimal(Body);
  LoopDepth -= Record;
  RecordingLoop = SavedRecording;
  PoppingLoop = SavedPopping;
  llvm::SmallVector<Value *, 8> Next;
  for (Value *V : Body.getTerminator()->getOperands())
    Next.push_back(primal(V));
  if (Counting)
    Next.push_back(B.add(C->getRegion(1).getArgument(N), B.constInt(Count, 1)));
  B.yield(Next);
  B = Outer;

  for (unsigned J = 0; J != N; ++J)
    Map[W.getResult(J)] = C->getResult(J);
  if (!Record)
    return;
  if (L.Counted)
    reserveTapes(*C, W, L);
  if (!Counting) {
  } else if (LoopDepth) {
    L.TripTape = NextTape++;
    B.tapePush(L.TripTape, C->getResult(N));
  } else {
    L.TripCount = C->getResult(N);
  }
  Loops[&W] = std::move(L);
}

void ReverseBuilder::copyNestedLoop(const Op &W) {
  unsigned N = W.getNumResults();
  if (!Recording && PoppingLoop) {
    auto It = RecordedLoops.find(&W);
    if (It != RecordedLoops.end() && It->second.first == PoppingLoop) {
      for (unsigned J = 0; J != N; ++J)
        Map[W.getResult(J)] = B.tapePop(It->second.second[J],
                                        W.getResult(J)->getType(),
                                        W.getResult(J)->getName());
      return;
    }
  }
  copyLoop(W, Recording);
  if (!Recording || !RecordingLoop)
    return;
  // Recomputing the loop in the reverse sweep would cost its whole run
  // again, and its loads could see later stores: record its results.
  std::vector<int64_t> Tapes;
  B.setDerived(false);
  for (unsigned J = 0; J != N; ++J) {
    Tapes.push_back(NextTape++);
    B.tapePush(Tapes.back(), Map.lookup(W.getResult(J)));
  }
  RecordedLoops[&W] = {RecordingLoop, std::move(Tapes)};
}

void ReverseBuilder::reverseWhile(const Op &W) {
  unsigned N = W.getNumResults();
  const Region &Body = W.getRegion(1);
  const Op *Yield = Body.getTerminator();
  llvm::SmallVector<unsigned, 4> ActiveCarried, NextState;
  for (unsigned J = 0; J != N; ++J) {
    if (!W.getResult(J)->getType().isFloat())
      continue;
    if (isActive(W.getResult(J)) || isActive(Body.getArgument(J)))
      ActiveCarried.push_back(J);
    if (isActive(W.getResult(J)) && yieldsComputedValue(W, J))
      NextState.push_back(J);
  }
  if (ActiveCarried.empty() && !touchesActiveMemory(W))
    return;
  LoopRecord &L = Loops[&W];
  Type Count = Type::getInt(64, true);

  // The reverse loop carries: the count, the adjoints of the active
  // carried values, and the carried values after the primal iteration it
  // reverses.
  B.setDerived(true);
  Value *Trips = tripCount(W, L);
  llvm::SmallVector<Value *, 8> Inits = {Trips};
  llvm::SmallVector<std::string, 8> Names = {"k"};
  for (unsigned J : ActiveCarried) {
    Value *G = Adjoint.lookup(W.getResult(J));
    Inits.push_back(G ? G : B.constLike(W.getResult(J), 0));
    Names.push_back(derivedName("d_", W.getResult(J)));
  }
  for (unsigned J : NextState) {
    Inits.push_back(visible(Map.lookup(W.getResult(J))));
    Names.push_back(W.getResult(J)->getName() + "_next");
  }
  Op *RW = B.createWhile(Inits, Names);
  Builder Outer = B;

  B.setInsertionPointToEnd(RW->getRegion(0));
  B.setDerived(true);
  B.condition(B.cmp(CmpPred::GT, RW->getRegion(0).getArgument(0),
                    B.constInt(Count, 0)));

  Region &RB = RW->getRegion(1);
  B.setInsertionPointToEnd(RB);
  Value *K = RB.getArgument(0);
  Value *Index = B.sub(K, B.constInt(Count, 1));
  // The carried values at the start of the primal iteration.
  for (auto It = L.Taped.rbegin(); It != L.Taped.rend(); ++It) {
    const Value *Arg = Body.getArgument(It->first);
    Map[Arg] = B.tapePop(It->second, Arg->getType(), Arg->getName());
  }
  for (auto &[J, Init, Step] : L.Induction) {
    Type Ty = Body.getArgument(J)->getType();
    Value *Start = primal(Init);
    Value *V = B.cast(
        Ty, Step == 1 ? Index : B.mul(Index, B.constInt(Count, Step)));
    if (!Start->getDefiningOp() || !Start->getDefiningOp()->isConstantValue(0))
      V = B.add(Start, V);
    V->setName(Body.getArgument(J)->getName());
    Map[Body.getArgument(J)] = V;
  }
  // The values the body yields are the next iteration's carried values.
  llvm::SmallVector<const Value *, 4> Known;
  for (unsigned K2 = 0, E = NextState.size(); K2 != E; ++K2) {
    const Value *Y = Yield->getOperand(NextState[K2]);
    Map[Y] = RB.getArgument(1 + ActiveCarried.size() + K2);
    Provided.insert(Y);
    Known.push_back(Y);
  }
  // Recompute the body, popping its recorded library calls.
  bool WasRecording = Recording;
  const Op *WasPopping = PoppingLoop;
  Recording = false;
  PoppingLoop = &W;
  copyPrimal(Body);
  Recording = WasRecording;
  PoppingLoop = WasPopping;
  for (const Value *Y : Known)
    Provided.erase(Y);

  // Adjoints through the body, backwards, from the carried adjoints.
  AdjointMap Before = std::move(Adjoint);
  Adjoint.clear();
  B.setDerived(true);
  for (unsigned K2 = 0, E = ActiveCarried.size(); K2 != E; ++K2) {
    const Value *Y = Yield->getOperand(ActiveCarried[K2]);
    if (isActive(Y))
      accumulate(Y, RB.getArgument(1 + K2));
  }
  reverseRegion(Body);
  AdjointMap Inside = std::move(Adjoint);
  Adjoint = std::move(Before);

  llvm::SmallVector<Value *, 8> Next = {Index};
  for (unsigned J : ActiveCarried) {
    Value *A = Inside.lookup(Body.getArgument(J));
    Next.push_back(A ? A : B.constLike(W.getResult(J), 0));
  }
  for (unsigned J : NextState)
    Next.push_back(Map.lookup(Body.getArgument(J)));
  // Sums of the adjoints of values from outside the loop.
  llvm::SmallVector<std::pair<const Value *, Value *>, 4> OuterSums;
  for (auto &[V, A] : Inside) {
    if (W.encloses(V))
      continue;
    Builder Pre(*RW->getParentRegion());
    Pre.setInsertionPoint(RW);
    Pre.setDerived(true);
    RW->addOperand(Pre.constLike(V, 0));
    RW->getRegion(0).addArgument(V->getType(), derivedName("d_", V));
    Value *Sum = RB.addArgument(V->getType(), derivedName("d_", V));
    Next.push_back(B.add(Sum, A));
    OuterSums.push_back({V, RW->addResult(V->getType(), derivedName("d_", V))});
  }
  B.yield(Next);
  B = Outer;

  for (unsigned K2 = 0, E = ActiveCarried.size(); K2 != E; ++K2)
    if (isActive(W.getOperand(ActiveCarried[K2])))
      accumulate(W.getOperand(ActiveCarried[K2]), RW->getResult(1 + K2));
  for (auto &[V, Sum] : OuterSums)
    if (isActive(V))
      accumulate(V, Sum);
}
