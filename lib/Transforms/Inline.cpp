//===- Inline.cpp - Inlining calls that share memory with the caller ------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// A call that passes pointers (buffers, sub-buffers, references, objects)
/// or calls a function that generated code cannot name (a member function,
/// constructor, operator or lambda) is replaced by a copy of the callee's
/// body, unless chainrule does not look into the callee (a custom
/// derivative, no body) or the callee is recursive (Function::isRecursive:
/// such a call is kept). Differentiation then sees every read and write of
/// a buffer in one function: what the reverse sweep must record, and where
/// a shadow is read and reset, is decided with the whole picture. The front
/// end rejects recursion through a function that generated code cannot
/// name, and marks the other recursive functions, so this terminates.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Builder.h"
#include "chainrule/Transforms/Passes.h"

#include "llvm/ADT/DenseMap.h"

using namespace chainrule;
using namespace chainrule::ir;

namespace {
class Inliner {
public:
  /// Copies \p R's ops before the builder's insertion point, with \p Map
  /// giving the copies of values; returns the copy of the value \p R
  /// returns (null if none).
  Value *copyBody(const Region &R, Builder &B) {
    Value *Result = nullptr;
    for (const auto &O : R.getOps()) {
      if (O->is(OpKind::Return)) {
        if (O->getNumOperands())
          Result = Map.lookup(O->getOperand(0));
        continue;
      }
      copyOp(*O, B);
    }
    return Result;
  }

  void copyOp(const Op &O, Builder &B) {
    llvm::SmallVector<Value *, 4> Operands;
    for (Value *V : O.getOperands())
      Operands.push_back(Map.lookup(V));
    Op *C = B.cloneShallow(O, Operands);
    if (isTapeOp(O)) // the callee's tapes are not the caller's
      C->setIntValue(O.getIntValue() + TapeOffset);
    for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
      Map[O.getResult(I)] = C->getResult(I);
    for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I) {
      const Region &From = O.getRegion(I);
      Region &To = C->getRegion(I);
      for (unsigned J = 0, N = From.getNumArguments(); J != N; ++J) {
        const Value *A = From.getArgument(J);
        Map[A] = To.addArgument(A->getType(), A->getName());
      }
      Builder Inner(To);
      for (const auto &Nested : From.getOps())
        copyOp(*Nested, Inner);
    }
  }

  llvm::DenseMap<const Value *, Value *> Map;
  /// Added to the callee's tape ids (code chainrule generated uses tapes).
  int64_t TapeOffset = 0;
};

bool mustInline(const Op &O) {
  if (!O.is(OpKind::Call) || O.getCallee()->isDeclaration())
    return false;
  if (O.getCallee()->isAlwaysInline())
    return true;
  if (O.getCallee()->isRecursive())
    return false;
  for (const Value *V : O.getOperands())
    if (V->getType().isPointer())
      return true;
  return false;
}

/// Inlines the calls of \p R (at any depth); true when there were any.
bool inlineIn(Region &R) {
  bool Changed = false;
  for (auto It = R.begin(); It != R.end();) {
    Op &O = **It;
    for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
      Changed |= inlineIn(O.getRegion(I));
    if (!mustInline(O)) {
      ++It;
      continue;
    }
    const Function &Callee = *O.getCallee();
    Inliner In;
    In.TapeOffset = nextTapeId(R.getParentFunction()->getBody());
    for (unsigned I = 0, E = Callee.getNumParams(); I != E; ++I)
      In.Map[Callee.getParam(I)] = O.getOperand(I);
    Builder B(R);
    B.setInsertionPoint(&O);
    // The copy is inserted before the call and is visited next: calls in
    // the callee's body are inlined in turn.
    auto First = std::prev(It);
    bool AtBegin = It == R.begin();
    Value *Result = In.copyBody(Callee.getBody(), B);
    if (O.getNumResults())
      replaceAllUsesWith(R.getParentFunction()->getBody(), O.getResult(),
                         Result);
    R.erase(&O);
    It = AtBegin ? R.begin() : std::next(First);
    Changed = true;
  }
  return Changed;
}
} // namespace

bool chainrule::transforms::inlineMemoryCalls(Function &F) {
  return inlineIn(F.getBody());
}
