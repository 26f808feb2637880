//===- Forward.cpp - Forward mode -----------------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Forward mode walks the primal once, copying each op and, for active ops,
/// building its tangent next to it: `t_y = sum_i P_i * t_x_i` with the
/// partials of Derivatives.def. An `if` becomes an `if` that yields the
/// tangents of its active results beside the primal results. Simplification
/// afterwards removes the primal work the tangent does not need.
//===----------------------------------------------------------------------===//

#include "Clone.h"
#include "Modes.h"
#include "Rules.h"

#include "chainrule/Analysis/Activity.h"
#include "chainrule/Differentiation/Differentiator.h"

#include "llvm/ADT/DenseMap.h"

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::differentiation;

namespace {
class ForwardBuilder {
public:
  ForwardBuilder(Differentiator &D, const Function &Primal, Function &Jvp,
                 const std::vector<bool> &Active)
      : D(D), Act(Primal, Active), B(Jvp.getBody()) {
    unsigned N = Primal.getNumParams(), Next = N;
    for (unsigned I = 0; I != N; ++I) {
      Map[Primal.getParam(I)] = Jvp.getParam(I);
      if (Active[I])
        Tangent[Primal.getParam(I)] = Jvp.getParam(Next++);
    }
  }

  void run(const Function &Primal) { copyRegion(Primal.getBody()); }

private:
  Value *mapped(const Value *V) const { return Map.lookup(V); }

  /// The tangent of \p V, or null when it is identically zero.
  Value *tangent(const Value *V) const {
    return Act.isActive(V) ? Tangent.lookup(V) : nullptr;
  }
  Value *tangentOrZero(const Value *V) {
    if (Value *T = tangent(V))
      return T;
    B.setDerived(true);
    return B.constLike(V, 0);
  }

  void copyRegion(const Region &R) {
    for (const auto &O : R.getOps()) {
      B.setLoc(O->getLoc());
      switch (O->getKind()) {
      case OpKind::Return:
        if (O->getNumOperands())
          B.ret({tangentOrZero(O->getOperand(0))});
        else
          B.ret({});
        break;
      case OpKind::Yield:
        break; // Yields are built by copyIf.
      case OpKind::If:
        copyIf(*O);
        break;
      default:
        copyOp(*O);
        break;
      }
    }
  }

  void copyOp(const Op &O) {
    llvm::SmallVector<Value *, 4> Operands;
    for (Value *V : O.getOperands())
      Operands.push_back(mapped(V));
    B.setDerived(O.isDerived());
    Op *C = cloneOpShallow(B, O, Operands);
    for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
      Map[O.getResult(I)] = C->getResult(I);
    if (O.getNumResults() != 1 || !Act.isActive(O.getResult()))
      return;
    B.setDerived(true);
    if (Value *T = buildTangent(O, Operands, C->getResult())) {
      T->setName(derivedName("t_", O.getResult()));
      Tangent[O.getResult()] = T;
    }
  }

  Value *buildTangent(const Op &O, llvm::ArrayRef<Value *> Operands,
                      Value *Result) {
    if (hasRule(O)) {
      Value *Sum = nullptr;
      for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I) {
        Value *T = tangent(O.getOperand(I));
        if (!T)
          continue;
        Value *P = buildPartial(B, O, I, Operands, Result);
        if (!P)
          continue;
        Value *Term = B.mul(P, T);
        Sum = Sum ? B.add(Sum, Term) : Term;
      }
      return Sum;
    }
    switch (O.getKind()) {
    case OpKind::Cast:
      if (Value *T = tangent(O.getOperand(0)))
        return B.cast(Result->getType(), T);
      return nullptr;
    case OpKind::Select: {
      Value *T1 = tangent(O.getOperand(1)), *T2 = tangent(O.getOperand(2));
      if (!T1 && !T2)
        return nullptr;
      return B.select(Operands[0], T1 ? T1 : B.constLike(Result, 0),
                      T2 ? T2 : B.constLike(Result, 0));
    }
    case OpKind::Call: {
      Function *Callee = O.getCallee();
      Function *CalleeJvp = D.getForCall(Callee, DerivativeKind::JVP);
      llvm::SmallVector<Value *, 8> Args(Operands.begin(), Operands.end());
      for (unsigned I = 0, E = Callee->getNumParams(); I != E; ++I)
        if (Callee->getParam(I)->getType().isFloat())
          Args.push_back(tangentOrZero(O.getOperand(I)));
      return B.call(CalleeJvp, Args);
    }
    default:
      return nullptr;
    }
  }

  void copyIf(const Op &If) {
    llvm::SmallVector<Type, 4> Types;
    llvm::SmallVector<unsigned, 4> ActiveResults;
    for (unsigned J = 0, E = If.getNumResults(); J != E; ++J)
      Types.push_back(If.getResult(J)->getType());
    for (unsigned J = 0, E = If.getNumResults(); J != E; ++J)
      if (Act.isActive(If.getResult(J))) {
        ActiveResults.push_back(J);
        Types.push_back(If.getResult(J)->getType());
      }
    B.setDerived(false);
    Op *C = B.createIf(mapped(If.getOperand(0)), Types);
    for (unsigned I = 0; I != 2; ++I) {
      Builder Outer = B;
      B.setInsertionPointToEnd(C->getRegion(I));
      const Region &R = If.getRegion(I);
      copyRegion(R);
      const Op *Y = R.getTerminator();
      llvm::SmallVector<Value *, 4> Yielded;
      for (Value *V : Y->getOperands())
        Yielded.push_back(mapped(V));
      for (unsigned J : ActiveResults)
        Yielded.push_back(tangentOrZero(Y->getOperand(J)));
      B.setDerived(false);
      B.yield(Yielded);
      B = Outer;
    }
    unsigned N = If.getNumResults();
    for (unsigned J = 0; J != N; ++J) {
      C->getResult(J)->setName(If.getResult(J)->getName());
      Map[If.getResult(J)] = C->getResult(J);
    }
    for (unsigned K = 0, E = ActiveResults.size(); K != E; ++K) {
      Value *T = C->getResult(N + K);
      T->setName(derivedName("t_", If.getResult(ActiveResults[K])));
      Tangent[If.getResult(ActiveResults[K])] = T;
    }
  }

  Differentiator &D;
  analysis::ActivityInfo Act;
  Builder B;
  llvm::DenseMap<const Value *, Value *> Map;
  llvm::DenseMap<const Value *, Value *> Tangent;
};
} // namespace

void differentiation::buildForward(Differentiator &D, const Function &Primal,
                                   Function &Jvp, const std::vector<bool> &Active) {
  ForwardBuilder FB(D, Primal, Jvp, Active);
  FB.run(Primal);
}

