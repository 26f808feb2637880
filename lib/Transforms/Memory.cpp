//===- Memory.cpp - Clean-up of loads and stores ---------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Rewrites of memory that lowering and the reverse sweep tend to produce:
///
/// - a load of an element stored or loaded before (nothing in between
///   writing the buffer) is the value known, and storing that value back
///   does nothing;
/// - `*p = c; ...; *p += v` with nothing in between touching p's buffer is
///   `*p = c + v` (for a reset shadow, `*p = v`), and a store overwritten
///   before anything reads it is deleted;
/// - a local array (or slot) that is only written, never read, is deleted
///   with its writes: a shadow array whose adjoints go nowhere.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Builder.h"
#include "chainrule/Transforms/Passes.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

using namespace chainrule;
using namespace chainrule::ir;

/// True when \p O (or an op nested in it) may write the buffer \p Base,
/// or (with \p Reads) read it.
static bool touches(Op &O, const Value *Base, bool Reads = true) {
  bool Touches = false;
  auto Check = [&](Op &Inner) {
    if ((Reads && Inner.is(OpKind::Load)) || Inner.is(OpKind::Store) ||
        Inner.is(OpKind::Accumulate))
      Touches |= getPointerBase(Inner.getOperand(0)) == Base;
    Touches |= Inner.is(OpKind::Call);
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
    const Value *Base = getPointerBase(P);
    for (auto Next = std::next(It); Next != R.end(); ++Next) {
      Op &A = **Next;
      if (A.is(OpKind::Accumulate) && A.getOperand(0) == P) {
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
      if (A.is(OpKind::Store) && A.getOperand(0) == P) {
        // Overwritten before anything reads it.
        It = std::prev(R.getOps().erase(It));
        Changed = true;
        break;
      }
      if (touches(A, Base) || A.getParentRegion()->getTerminator() == &A)
        break;
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
    if (!S.is(OpKind::Store) && !S.is(OpKind::Load))
      continue;
    Value *P = S.getOperand(0);
    Value *Known = S.is(OpKind::Store) ? S.getOperand(1) : S.getResult();
    const Value *Base = getPointerBase(P);
    for (auto Next = std::next(It); Next != R.end();) {
      Op &L = **Next++;
      if (L.is(OpKind::Load) && L.getOperand(0) == P &&
          L.isDerived() == S.isDerived()) {
        replaceAllUsesWith(F.getBody(), L.getResult(), Known);
        R.erase(&L);
        Changed = true;
        continue;
      }
      if (L.is(OpKind::Store) && L.getOperand(0) == P &&
          L.getOperand(1) == Known) {
        R.erase(&L); // stores what is there already
        Changed = true;
        continue;
      }
      if (touches(L, Base, /*Reads=*/false))
        break;
    }
  }
  return Changed;
}

/// Deletes the local arrays nothing reads, with the ops writing them.
static bool deleteWriteOnlyArrays(Function &F) {
  // Every pointer derived from an alloca, and whether any use reads.
  llvm::DenseMap<const Value *, bool> Read;
  walk(F.getBody(), [&](Op &O) {
    if (O.is(OpKind::Alloca))
      Read[O.getResult()] = false;
  });
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

bool chainrule::transforms::foldMemory(Function &F) {
  bool Changed = forwardStores(F, F.getBody());
  Changed |= mergeStoreAccumulate(F.getBody());
  Changed |= deleteWriteOnlyArrays(F);
  return Changed;
}
