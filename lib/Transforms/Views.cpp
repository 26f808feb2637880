//===- Views.cpp - Pointer members of parameters, read at the entry -------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// A struct passed to a function may hold views: pointers into buffers
/// (`struct Gates { const double *w, *b; }`, a matrix view with its data
/// pointer and sizes). The members of a struct passed by reference or by
/// value that nothing in the function writes are read once, at the entry,
/// as a person would: a pointer read is then a buffer of its own for the
/// rest of the pipeline (a *view base*, ir::isViewBase), with a shadow or
/// tangent read the same way from the parameter's shadow or tangent, and
/// a size read there makes its loops counted. Two reads of the same member
/// are one. (A struct passed by pointer may be null: its members are read
/// where the function reads them.)
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Builder.h"
#include "chainrule/Transforms/Passes.h"

#include "llvm/ADT/SmallVector.h"

using namespace chainrule;
using namespace chainrule::ir;

/// True when \p P is an address into a struct parameter passed by
/// reference or by value, at a constant offset: a chain of members and
/// constant indices over it.
static bool isConstantParamAddress(const Function &F, const Value *P) {
  if (!P->getDefiningOp())
    return false; // the parameter itself: a scalar passed by reference
  while (const Op *D = P->getDefiningOp()) {
    if (D->is(OpKind::Index)) {
      const Op *C = D->getOperand(1)->getDefiningOp();
      if (!C || !C->is(OpKind::Constant))
        return false;
    } else if (!D->is(OpKind::Member)) {
      return false;
    }
    P = D->getOperand(0);
  }
  return P->getParentRegion() == &F.getBody() &&
         F.getParamInfo(P->getIndex()).ByAddress && P->getType().isPointer() &&
         P->getType().getPointee().isRecord();
}

/// The same address as \p P, built again with \p B.
static Value *rebuild(Builder &B, const Value *P) {
  const Op *D = P->getDefiningOp();
  if (!D)
    return const_cast<Value *>(P);
  Value *Base = rebuild(B, D->getOperand(0));
  if (D->is(OpKind::Member))
    return B.member(Base, D->getIntValue());
  const Op *C = D->getOperand(1)->getDefiningOp();
  return B.index(Base, B.constInt(C->getResult()->getType(), C->getIntValue()));
}

/// A name for what \p P points to: its member's (`data` for `a.data`).
static std::string memberName(const Value *P) {
  const Op *D = P->getDefiningOp();
  if (D && D->is(OpKind::Member))
    return D->getOperand(0)
        ->getType()
        .getRecord()
        ->getFields()[D->getIntValue()]
        .Name;
  return D && D->is(OpKind::Index) ? memberName(D->getOperand(0)) : "";
}

bool transforms::hoistViewLoads(Function &F) {
  llvm::SmallVector<Op *, 4> Candidates;
  llvm::SmallVector<const Value *, 8> Written;
  walk(F.getBody(), [&](Op &O) {
    if (O.is(OpKind::Store) || O.is(OpKind::Accumulate))
      Written.push_back(O.getOperand(0));
    for (unsigned I = 0, E = O.getNumOperands(); O.is(OpKind::Call) && I != E;
         ++I)
      if (writesThrough(O, I))
        Written.push_back(O.getOperand(I));
    if (O.is(OpKind::Load) && !O.getResult()->getType().isRecord() &&
        isConstantParamAddress(F, O.getOperand(0)))
      Candidates.push_back(&O);
  });
  Builder Entry(F.getBody());
  llvm::SmallVector<Value *, 4> Hoisted;
  bool Changed = false;
  for (Op *L : Candidates) {
    const Value *P = L->getOperand(0);
    if (llvm::any_of(Written, [&](const Value *W) { return mayOverlap(W, P); }))
      continue;
    // Already at the entry, and the first read of its member.
    if (L->getParentRegion() == &F.getBody() &&
        llvm::none_of(Hoisted, [&](Value *H) {
          return sameElement(H->getDefiningOp()->getOperand(0), P);
        })) {
      bool AtEntry = true;
      for (const auto &O : F.getBody().getOps()) {
        if (O.get() == L)
          break;
        AtEntry &= O->getNumRegions() == 0;
      }
      if (AtEntry) {
        if (L->getResult()->getName().empty())
          L->getResult()->setName(memberName(P));
        Hoisted.push_back(L->getResult());
        continue;
      }
    }
    Value *Base = nullptr;
    for (Value *H : Hoisted)
      if (sameElement(H->getDefiningOp()->getOperand(0), P))
        Base = H;
    if (!Base) {
      Entry.setInsertionPoint(F.getBody().begin()->get());
      Base = Entry.load(rebuild(Entry, P));
      Base->setName(L->getResult()->getName().empty()
                        ? memberName(P)
                        : L->getResult()->getName());
      Hoisted.push_back(Base);
    }
    replaceAllUsesWith(F.getBody(), L->getResult(), Base);
    L->getParentRegion()->erase(L);
    Changed = true;
  }
  return Changed;
}
