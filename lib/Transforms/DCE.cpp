//===- DCE.cpp - Dead code elimination ------------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// One backward sweep: uses come after definitions in structured SSA, so by
/// the time an op is visited every use of its results has been seen. The
/// unused results of an `if` are removed with the values its regions yield
/// for them, and then the regions are swept.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/IR.h"
#include "chainrule/Transforms/Passes.h"

#include "llvm/ADT/DenseMap.h"

#include <map>
#include <set>

using namespace chainrule;
using namespace chainrule::ir;

namespace {
class DeadCodeEliminator {
public:
  explicit DeadCodeEliminator(Function &F) {
    walk(F.getBody(), [this](Op &O) {
      for (Value *V : O.getOperands())
        ++Uses[V];
    });
    // A tape none of whose popped values is used is not needed: its pushes
    // and pops go too.
    std::map<int64_t, bool> Read;
    walk(F.getBody(), [&](Op &O) {
      if (isTapeOp(O))
        Read[O.getIntValue()] |=
            O.is(OpKind::TapePop) && Uses.lookup(O.getResult()) != 0;
    });
    for (auto &[Tape, IsRead] : Read)
      if (!IsRead)
        DeadTapes.insert(Tape);
  }

  bool run(Region &R) {
    bool Changed = false;
    auto &Ops = R.getOps();
    for (auto It = Ops.end(); It != Ops.begin();) {
      --It;
      Op &O = **It;
      if (O.is(OpKind::If))
        Changed |= trimIfResults(O);
      if (O.is(OpKind::While))
        Changed |= trimCarried(O);
      if (isDead(O)) {
        release(O);
        It = Ops.erase(It);
        Changed = true;
        continue;
      }
      for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
        Changed |= run(O.getRegion(I));
      if (O.is(OpKind::While))
        Changed |= trimCarried(O);
      if ((O.is(OpKind::If) || O.is(OpKind::While)) && isDead(O)) {
        release(O);
        It = Ops.erase(It);
        Changed = true;
      }
    }
    return Changed;
  }

private:
  bool isDead(const Op &O) {
    if (isTapeOp(O) &&
        DeadTapes.count(O.getIntValue()))
      return true;
    if (O.is(OpKind::Yield) || O.is(OpKind::Return) ||
        O.is(OpKind::Condition) || O.hasSideEffects())
      return false;
    for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
      if (Uses.lookup(O.getResult(I)))
        return false;
    return true;
  }

  /// Drops the uses \p O makes, including those of its regions.
  void release(Op &O) {
    walkSelf(O, [this](Op &Inner) {
      for (Value *V : Inner.getOperands())
        --Uses[V];
    });
  }

  template <typename Callback> static void walkSelf(Op &O, Callback Fn) {
    Fn(O);
    for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
      walk(O.getRegion(I), Fn);
  }

  /// Removes the carried values of a loop that nothing reads: not after the
  /// loop, not in the condition, not in the body (its yield aside).
  bool trimCarried(Op &W) {
    bool Changed = false;
    Region &Cond = W.getRegion(0), &Body = W.getRegion(1);
    Op *Y = Body.getTerminator();
    for (unsigned J = W.getNumResults(); J-- > 0;) {
      Value *Arg = Body.getArgument(J);
      unsigned SelfUses = Y->getOperand(J) == Arg ? 1 : 0;
      if (Uses.lookup(W.getResult(J)) || Uses.lookup(Cond.getArgument(J)) ||
          Uses.lookup(Arg) != SelfUses)
        continue;
      --Uses[W.getOperand(J)];
      --Uses[Y->getOperand(J)];
      W.eraseOperand(J);
      Y->eraseOperand(J);
      W.eraseResult(J);
      Cond.eraseArgument(J);
      Body.eraseArgument(J);
      Changed = true;
    }
    return Changed;
  }

  bool trimIfResults(Op &If) {
    bool Changed = false;
    for (unsigned J = If.getNumResults(); J-- > 0;) {
      if (Uses.lookup(If.getResult(J)))
        continue;
      for (unsigned I = 0; I != 2; ++I) {
        Op *Y = If.getRegion(I).getTerminator();
        --Uses[Y->getOperand(J)];
        Y->eraseOperand(J);
      }
      If.eraseResult(J);
      Changed = true;
    }
    return Changed;
  }

  llvm::DenseMap<const Value *, unsigned> Uses;
  std::set<int64_t> DeadTapes;
};
} // namespace

bool chainrule::transforms::eliminateDeadCode(Function &F) {
  return DeadCodeEliminator(F).run(F.getBody());
}
