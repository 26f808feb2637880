//===- Memory.cpp - Clean-up of loads and stores ---------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Rewrites of memory that lowering and the reverse sweep tend to produce:
///
/// - a load of an element stored or loaded before (nothing in between
///   writing it: writes to other members or constant elements of the same
///   object do not count) is the value known, and storing that value back
///   does nothing; a local array or object starts zeroed, so a load of an
///   element not yet written is zero, an accumulation into it a store, and
///   a store of zero into it nothing;
/// - `*p = c; ...; *p += v` with nothing in between touching p's buffer is
///   `*p = c + v` (for a reset shadow, `*p = v`), and a store overwritten
///   before anything reads it is deleted;
/// - a local array (or slot) that is only written, never read, is deleted
///   with its writes: a shadow array whose adjoints go nowhere; and so is
///   a write into an element of one that nothing reads afterwards.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Builder.h"
#include "chainrule/Transforms/Passes.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <cmath>
#include <optional>

using namespace chainrule;
using namespace chainrule::ir;

/// True when \p O (or an op nested in it) may write the element at \p P,
/// or (with \p Reads) read it.
static bool touches(Op &O, const Value *P, bool Reads = true) {
  bool Touches = false;
  auto Check = [&](Op &Inner) {
    if ((Reads && Inner.is(OpKind::Load)) || Inner.is(OpKind::Store) ||
        Inner.is(OpKind::Accumulate))
      Touches |= mayOverlap(Inner.getOperand(0), P);
    Touches |= Inner.is(OpKind::Call) || Inner.is(OpKind::Push) ||
               Inner.is(OpKind::Pop);
  };
  Check(O);
  for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
    walk(O.getRegion(I), Check);
  return Touches;
}

/// Merges each store with a later accumulation into the same element.
static bool mergeStoreAccumulate(Region &R) {
  bool Changed = false;
  for (auto It = R.begin(); It != R.end(); ++It) {
    Op &S = **It;
    for (unsigned I = 0, E = S.getNumRegions(); I != E; ++I)
      Changed |= mergeStoreAccumulate(S.getRegion(I));
    if (!S.is(OpKind::Store))
      continue;
    Value *P = S.getOperand(0);
    for (auto Next = std::next(It); Next != R.end(); ++Next) {
      Op &A = **Next;
      if (A.is(OpKind::Accumulate) && sameElement(A.getOperand(0), P)) {
        Builder B(R);
        B.setInsertionPoint(&A);
        B.setDerived(A.isDerived());
        Value *Old = S.getOperand(1);
        const Op *D = Old->getDefiningOp();
        Value *New = D && D->isConstantValue(0) ? A.getOperand(1)
                                                : B.add(Old, A.getOperand(1));
        B.store(P, New);
        R.erase(&A);
        It = std::prev(R.getOps().erase(It));
        Changed = true;
        break;
      }
      if (A.is(OpKind::Store) && sameElement(A.getOperand(0), P)) {
        // Overwritten before anything reads it.
        It = std::prev(R.getOps().erase(It));
        Changed = true;
        break;
      }
      if (touches(A, P) || A.getParentRegion()->getTerminator() == &A)
        break;
    }
  }
  return Changed;
}

/// True when \p V is the constant 0 (not -0.0).
static bool isPositiveZero(const Value *V) {
  const Op *D = V->getDefiningOp();
  return D && D->isConstantValue(0) &&
         !(V->getType().isFloat() && std::signbit(D->getFloatValue()));
}

/// After the local array or object \p At (which starts zeroed), in its
/// region: a load of an element nothing wrote yet is zero, and an
/// accumulation into one is a store.
static bool forwardZeros(Function &F, Region &R, Region::iterator At) {
  const Value *Object = (*At)->getResult();
  bool Changed = false;
  llvm::SmallVector<const Value *, 8> Written;
  auto Untouched = [&](const Value *P) {
    return llvm::none_of(Written,
                         [&](const Value *W) { return mayOverlap(W, P); });
  };
  for (auto Next = std::next(At); Next != R.end();) {
    Op &O = **Next++;
    bool Mine = O.getNumOperands() &&
                (O.is(OpKind::Load) || O.is(OpKind::Store) ||
                 O.is(OpKind::Accumulate)) &&
                getPointerBase(O.getOperand(0)) == Object;
    if (!Mine) {
      // Anything else that may write the object ends what is known.
      bool Writes = false;
      auto Check = [&](Op &Inner) {
        Writes |= Inner.is(OpKind::Call) || Inner.is(OpKind::Push) ||
                  Inner.is(OpKind::Pop) ||
                  ((Inner.is(OpKind::Store) || Inner.is(OpKind::Accumulate)) &&
                   getPointerBase(Inner.getOperand(0)) == Object);
      };
      Check(O);
      for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
        walk(O.getRegion(I), Check);
      if (Writes)
        break;
      continue;
    }
    Value *P = O.getOperand(0);
    if (O.is(OpKind::Load) && Untouched(P)) {
      Builder B(R);
      B.setInsertionPoint(&O);
      replaceAllUsesWith(F.getBody(), O.getResult(),
                         B.constLike(O.getResult(), 0));
      R.erase(&O);
      Changed = true;
    } else if (O.is(OpKind::Accumulate) && Untouched(P)) {
      Builder B(R);
      B.setInsertionPoint(&O);
      B.setDerived(O.isDerived());
      B.store(P, O.getOperand(1));
      R.erase(&O);
      Written.push_back(P);
      Changed = true;
    } else if (O.is(OpKind::Store) && Untouched(P) &&
               isPositiveZero(O.getOperand(1))) {
      R.erase(&O); // stores the zero that is there
      Changed = true;
    } else if (!O.is(OpKind::Load)) {
      Written.push_back(P);
    }
  }
  return Changed;
}

/// Replaces a load of an element stored or loaded earlier in the same
/// region, with nothing in between writing the buffer, by the value known.
static bool forwardStores(Function &F, Region &R) {
  bool Changed = false;
  for (auto It = R.begin(); It != R.end(); ++It) {
    Op &S = **It;
    for (unsigned I = 0, E = S.getNumRegions(); I != E; ++I)
      Changed |= forwardStores(F, S.getRegion(I));
    if (S.is(OpKind::Alloca) && !S.getNumOperands()) {
      Changed |= forwardZeros(F, R, It);
      continue;
    }
    if (!S.is(OpKind::Store) && !S.is(OpKind::Load))
      continue;
    Value *P = S.getOperand(0);
    Value *Known = S.is(OpKind::Store) ? S.getOperand(1) : S.getResult();
    for (auto Next = std::next(It); Next != R.end();) {
      Op &L = **Next++;
      if (L.is(OpKind::Load) && sameElement(L.getOperand(0), P) &&
          L.isDerived() == S.isDerived()) {
        replaceAllUsesWith(F.getBody(), L.getResult(), Known);
        R.erase(&L);
        Changed = true;
        continue;
      }
      if (L.is(OpKind::Store) && sameElement(L.getOperand(0), P) &&
          L.getOperand(1) == Known) {
        R.erase(&L); // stores what is there already
        Changed = true;
        continue;
      }
      if (touches(L, P, /*Reads=*/false))
        break;
    }
  }
  return Changed;
}

/// The parameters of \p F that are locals nothing reads after it returns:
/// a returned struct, and its cotangent, that a derivative takes or returns
/// by value (its tangent is returned: read).
static llvm::SmallVector<const Value *, 2> deadAtReturn(const Function &F) {
  llvm::SmallVector<const Value *, 2> Params;
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I)
    if (F.getParamInfo(I).Local &&
        F.getParamInfo(I).Returned != ReturnedPart::Tangent)
      Params.push_back(F.getParam(I));
  return Params;
}

/// Deletes the local arrays nothing reads, with the ops writing them.
static bool deleteWriteOnlyArrays(Function &F) {
  // Every pointer derived from an alloca, and whether any use reads.
  llvm::DenseMap<const Value *, bool> Read;
  walk(F.getBody(), [&](Op &O) {
    if (O.is(OpKind::Alloca))
      Read[O.getResult()] = false;
  });
  for (const Value *P : deadAtReturn(F))
    Read[P] = false;
  llvm::SmallVector<Op *, 8> Writes;
  walk(F.getBody(), [&](Op &O) {
    for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I) {
      const Value *V = O.getOperand(I);
      if (!V->getType().isPointer())
        continue;
      auto It = Read.find(getPointerBase(V));
      if (It == Read.end())
        continue;
      bool Writes = (O.is(OpKind::Store) || O.is(OpKind::Accumulate)) && I == 0;
      if (!Writes && !isAddressOp(O))
        It->second = true;
    }
  });
  walk(F.getBody(), [&](Op &O) {
    if ((O.is(OpKind::Store) || O.is(OpKind::Accumulate)) &&
        Read.count(getPointerBase(O.getOperand(0))) &&
        !Read.lookup(getPointerBase(O.getOperand(0))))
      Writes.push_back(&O);
  });
  for (Op *O : Writes)
    O->getParentRegion()->erase(O);
  return !Writes.empty();
}

/// True when \p Later, which comes after \p Earlier in program order or
/// shares a loop with it, may run after it.
static bool mayRunAfter(const Op &Later, const Op &Earlier,
                        const llvm::DenseMap<const Op *, unsigned> &Order) {
  if (Order.lookup(&Later) > Order.lookup(&Earlier))
    return true;
  auto Enclosing = [](const Op &O) {
    llvm::SmallPtrSet<const Op *, 4> Ops;
    for (const Op *P = O.getParentRegion()->getParentOp(); P;
         P = P->getParentRegion()->getParentOp())
      Ops.insert(P);
    return Ops;
  };
  llvm::SmallPtrSet<const Op *, 4> AroundLater = Enclosing(Later);
  return llvm::any_of(Enclosing(Earlier), [&](const Op *P) {
    return P->is(OpKind::While) && AroundLater.count(P);
  });
}

/// Deletes the writes into local arrays and objects that nothing can read
/// afterwards (`m[0] = g(x)` where m[0] is never read again): with them go
/// the values only they used, and their derivatives.
static bool deleteDeadStores(Function &F) {
  llvm::DenseMap<const Op *, unsigned> Order;
  // The reads of each local object: loads and accumulations (of their
  // element), or null for a use that may read any element (a call).
  llvm::DenseMap<const Value *, llvm::SmallVector<Op *, 8>> Reads;
  llvm::SmallVector<Op *, 16> Writes;
  walk(F.getBody(), [&](Op &O) {
    Order[&O] = Order.size();
    if (O.is(OpKind::Alloca))
      Reads[O.getResult()];
  });
  for (const Value *P : deadAtReturn(F))
    Reads[P];
  walk(F.getBody(), [&](Op &O) {
    for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I) {
      const Value *V = O.getOperand(I);
      if (!V->getType().isPointer() || isAddressOp(O))
        continue;
      auto It = Reads.find(getPointerBase(V));
      if (It == Reads.end())
        continue;
      bool Element = O.is(OpKind::Load) || O.is(OpKind::Accumulate) ||
                     O.is(OpKind::Store);
      if (I == 0 && (O.is(OpKind::Store) || O.is(OpKind::Accumulate)))
        Writes.push_back(&O);
      if (!(I == 0 && O.is(OpKind::Store)))
        It->second.push_back(Element && I == 0 ? &O : nullptr);
    }
  });
  // An accumulation deleted here reads no more (what it alone read goes
  // in the next round of simplification).
  llvm::SmallPtrSet<Op *, 8> Dead;
  for (Op *W : Writes) {
    const Value *P = W->getOperand(0);
    bool Read = llvm::any_of(Reads[getPointerBase(P)], [&](Op *R) {
      return !R || (R != W && !Dead.count(R) &&
                    mayOverlap(R->getOperand(0), P) &&
                    mayRunAfter(*R, *W, Order));
    });
    if (!Read)
      Dead.insert(W);
  }
  for (Op *W : Dead)
    W->getParentRegion()->erase(W);
  return !Dead.empty();
}

/// Replaces the loads of an element of a local object that one store
/// writes, before them and around them, by the value stored: a struct of
/// views made once (`Gates g{w, w + 4}`) and read in loops, whose pointers
/// the loops then use directly.
static bool forwardSingleStores(Function &F) {
  llvm::DenseMap<const Op *, unsigned> Order;
  // Per local object: its stores and loads, and whether a call may write
  // it (its address passed to a function chainrule keeps a call of).
  llvm::DenseMap<const Value *, llvm::SmallVector<Op *, 4>> Stores, Loads;
  llvm::SmallPtrSet<const Value *, 4> Escaped;
  walk(F.getBody(), [&](Op &O) {
    Order[&O] = Order.size();
    for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I) {
      const Value *V = O.getOperand(I);
      if (!V->getType().isPointer())
        continue;
      const Value *Base = getPointerBase(V);
      const Op *D = Base->getDefiningOp();
      if (!D || !D->is(OpKind::Alloca))
        continue;
      if (O.is(OpKind::Call) || O.is(OpKind::Push) || O.is(OpKind::Pop))
        Escaped.insert(Base);
      else if (I == 0 && (O.is(OpKind::Store) || O.is(OpKind::Accumulate)))
        Stores[Base].push_back(&O);
      else if (I == 0 && O.is(OpKind::Load))
        Loads[Base].push_back(&O);
    }
  });
  bool Changed = false;
  for (auto &[Base, Reads] : Loads) {
    if (Escaped.count(Base))
      continue;
    for (Op *L : Reads) {
      const Value *P = L->getOperand(0);
      Op *Only = nullptr;
      bool Single = true;
      for (Op *S : Stores.lookup(Base))
        if (mayOverlap(S->getOperand(0), P)) {
          Single = !Only;
          Only = S;
        }
      // The one store is the same element, and comes first on every path
      // to the load: before it, in a region around it.
      if (!Single || !Only || !Only->is(OpKind::Store) ||
          !sameElement(Only->getOperand(0), P) ||
          Order.lookup(Only) > Order.lookup(L) ||
          !L->getParentRegion()->isNestedIn(Only->getParentRegion()))
        continue;
      replaceAllUsesWith(F.getBody(), L->getResult(), Only->getOperand(1));
      L->getParentRegion()->erase(L);
      Changed = true;
    }
  }
  return Changed;
}

bool chainrule::transforms::foldMemory(Function &F) {
  bool Changed = forwardStores(F, F.getBody());
  Changed |= forwardSingleStores(F);
  Changed |= mergeStoreAccumulate(F.getBody());
  Changed |= deleteWriteOnlyArrays(F);
  Changed |= deleteDeadStores(F);
  return Changed;
}
