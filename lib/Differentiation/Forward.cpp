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
/// afterwards removes the primal work the tangents do not need.
///
/// There may be several directions at once. A `_jvp` has one, given by its
/// tangent parameters. A gradient of a function with few active inputs may
/// be computed here too, with one direction per active parameter seeded
/// with 1 (constant, so it folds away): `dp_dx = dp_dx * x + p` is the
/// derivative Horner scheme a careful hand writes for a polynomial.
//===----------------------------------------------------------------------===//

#include "Clone.h"
#include "Modes.h"
#include "Rules.h"

#include "chainrule/Analysis/Activity.h"
#include "chainrule/Differentiation/Differentiator.h"

#include "llvm/ADT/DenseMap.h"

#include <map>

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::differentiation;

namespace {
class ForwardBuilder {
public:
  ForwardBuilder(Differentiator &D, const Function &Primal, Function &Fn,
                 const std::vector<bool> &Active, const ForwardSpec &Spec)
      : D(D), Primal(Primal), Fn(Fn), Spec(Spec), Act(Primal, Active),
        B(Fn.getBody()), NextTape(nextTapeId(Primal.getBody())) {
    unsigned N = Primal.getNumParams();
    for (unsigned I = 0; I != N; ++I)
      Map[Primal.getParam(I)] = Fn.getParam(I);
    unsigned Next = N + (Spec.SeedParam && hasResult() ? 1 : 0);
    unsigned NumActive = 0;
    for (unsigned I = 0; I != N; ++I) {
      if (!Active[I])
        continue;
      const Value *P = Primal.getParam(I);
      Value *Param = Fn.getParam(Next++);
      auto &T = Tangent[P];
      if (Spec.Gradient) {
        // Direction I: the derivative with respect to this parameter.
        unsigned Dir = Directions.size();
        Directions.push_back(Param);
        DirectionNames.push_back(P->getName());
        T.resize(Dir + 1);
        T[Dir] = B.constLike(P, 1);
      } else {
        // One direction, given by the tangent parameters.
        T.assign(1, Param);
        ++NumActive;
      }
    }
    if (Spec.Gradient)
      return;
    Directions.assign(1, nullptr);
    DirectionNames.assign(1, "");
    // With one tangent parameter, a scalar, propagate the derivative itself
    // (seed 1) and scale by the tangent once at the end: t_y = (dy/dx) t_x.
    if (NumActive == 1 && !Tangent.begin()->second[0]->getType().isPointer())
      for (auto &[V, T] : Tangent) {
        ScaleAtEnd = T[0];
        DirectionNames[0] = V->getName();
        T[0] = B.constLike(V, 1);
      }
  }

  void run() { copyRegion(Primal.getBody()); }

private:
  bool hasResult() const { return !Primal.getResultType().isVoid(); }
  unsigned numDirections() const { return Directions.size(); }
  Value *mapped(const Value *V) const { return Map.lookup(V); }

  /// The tangent of \p V in direction \p Dir, or null when it is zero.
  Value *tangent(const Value *V, unsigned Dir) const {
    if (!Act.isActive(V))
      return nullptr;
    auto It = Tangent.find(V);
    if (It == Tangent.end() || Dir >= It->second.size())
      return nullptr;
    return It->second[Dir];
  }
  Value *tangentOrZero(const Value *V, unsigned Dir) {
    if (Value *T = tangent(V, Dir))
      return T;
    B.setDerived(true);
    return B.constLike(V, 0);
  }
  void setTangent(const Value *V, unsigned Dir, Value *T) {
    auto &Ts = Tangent[V];
    if (Ts.size() <= Dir)
      Ts.resize(Dir + 1);
    Ts[Dir] = T;
    if (T && T->getName().empty())
      T->setName(tangentName(V, Dir));
  }
  /// `t_y` for a jvp; `dy_dx` for a gradient computed forward.
  std::string tangentName(const Value *V, unsigned Dir) const {
    if (V->getName().empty())
      return "";
    if (!Spec.Gradient && !ScaleAtEnd)
      return "t_" + V->getName();
    return "d" + V->getName() + "_d" + DirectionNames[Dir];
  }

  void copyRegion(const Region &R) {
    for (const auto &O : R.getOps()) {
      B.setLoc(O->getLoc());
      switch (O->getKind()) {
      case OpKind::Return:
        finish(*O);
        break;
      case OpKind::Yield:
        break; // Yields are built by copyIf.
      case OpKind::If:
        copyIf(*O);
        break;
      case OpKind::While:
        copyWhile(*O);
        break;
      default:
        copyOp(*O);
        break;
      }
    }
  }

  void finish(const Op &Ret) {
    const Value *Result = Ret.getNumOperands() ? Ret.getOperand(0) : nullptr;
    unsigned N = Primal.getNumParams();
    if (!Spec.Gradient) {
      if (Spec.StorePrimal && Result)
        B.store(Fn.getParam(Fn.getNumParams() - 1), mapped(Result));
      if (Result) {
        Value *T = tangentOrZero(Result, 0);
        if (ScaleAtEnd) {
          B.setDerived(true);
          T = B.mul(T, B.cast(T->getType(), ScaleAtEnd));
        }
        B.ret({T});
      } else
        B.ret({});
      return;
    }
    // A gradient: the seed times the tangent in direction I is the adjoint
    // of active parameter I.
    B.setDerived(true);
    Value *Seed = Spec.SeedParam && Result ? Fn.getParam(N) : nullptr;
    for (unsigned Dir = 0; Dir != numDirections(); ++Dir) {
      Value *T = Result ? tangent(Result, Dir) : nullptr;
      if (!T)
        continue;
      Value *Adjoint = Seed ? B.mul(Seed, T) : T;
      // dy/dx has the type of x (as an adjoint in reverse mode would).
      B.accumulate(Directions[Dir],
                   B.cast(Directions[Dir]->getType().getPointee(), Adjoint));
    }
    B.setDerived(false);
    if (Spec.ReturnPrimal && Result)
      B.ret({mapped(Result)});
    else
      B.ret({});
  }

  /// The tangent buffer position of pointer \p P in direction \p Dir, or
  /// null when \p P points into inactive memory.
  Value *tangentPointer(const Value *P, unsigned Dir) {
    if (!Act.isActiveMemory(P))
      return nullptr;
    const Op *D = P->getDefiningOp();
    if (D && isAddressOp(*D)) {
      // The same element, field or data of the tangent.
      Value *Base = tangentPointer(D->getOperand(0), Dir);
      if (!Base)
        return nullptr;
      return rebaseAddress(B, *D, Base,
                           [&](const Value *V) { return mapped(V); });
    }
    auto It = Tangent.find(P);
    return It == Tangent.end() || Dir >= It->second.size() ? nullptr
                                                           : It->second[Dir];
  }

  /// A tape carrying derivatives has a tangent tape per direction beside
  /// it, with a tangent (zero for a value without one) for every value
  /// pushed, and one popped for every value popped.
  void copyTapeTangent(const Op &O, llvm::ArrayRef<Value *> Operands) {
    B.setDerived(true);
    for (unsigned Dir = 0; Dir != numDirections(); ++Dir) {
      auto [It, New] = TangentTapes.try_emplace({O.getIntValue(), Dir}, 0);
      if (New)
        It->second = NextTape++;
      int64_t Tape = It->second;
      if (O.is(OpKind::TapePop)) {
        Value *T = B.tapePop(Tape, O.getResult()->getType());
        if (Act.isActive(O.getResult()))
          setTangent(O.getResult(), Dir, T);
        continue;
      }
      Value *V = O.is(OpKind::TapeReserve) ? Operands[0]
                                           : tangentOrZero(O.getOperand(0), Dir);
      B.create(O.getKind(), Type::getVoid(), {V})->setIntValue(Tape);
    }
    B.setDerived(false);
  }

  /// The tangent side of memory ops: a tangent array beside an active
  /// array, a store of the tangent beside a store into active memory.
  void copyMemoryTangent(const Op &O) {
    B.setDerived(true);
    if (O.is(OpKind::Alloca) && Act.isActiveMemory(O.getResult())) {
      const Value *A = O.getResult();
      for (unsigned Dir = 0; Dir != numDirections(); ++Dir) {
        llvm::SmallVector<Value *, 1> Operands;
        for (const Value *V : O.getOperands())
          Operands.push_back(mapped(V));
        Value *T = B.cloneShallow(O, Operands)->getResult();
        T->setName(tangentName(A, Dir));
        auto &Ts = Tangent[A];
        Ts.resize(numDirections());
        Ts[Dir] = T;
      }
    }
    // A view an active struct holds: its tangent is the same member of the
    // struct's tangent.
    if (O.is(OpKind::Load) && isViewBase(O.getResult()) &&
        Act.isActiveMemory(O.getResult()))
      for (unsigned Dir = 0; Dir != numDirections(); ++Dir)
        if (Value *P = tangentPointer(O.getOperand(0), Dir)) {
          Value *T = B.load(P);
          T->setName(tangentName(O.getResult(), Dir));
          auto &Ts = Tangent[O.getResult()];
          Ts.resize(numDirections());
          Ts[Dir] = T;
        }
    if (O.is(OpKind::Store) && Act.isActiveMemory(O.getOperand(0)) &&
        O.getOperand(1)->getType().isFloat())
      for (unsigned Dir = 0; Dir != numDirections(); ++Dir)
        if (Value *P = tangentPointer(O.getOperand(0), Dir))
          B.store(P, tangentOrZero(O.getOperand(1), Dir));
    // A growing vector's tangent grows with it, element for element.
    if (O.is(OpKind::Push) || O.is(OpKind::Pop))
      for (unsigned Dir = 0; Dir != numDirections(); ++Dir) {
        Value *P = tangentPointer(O.getOperand(0), Dir);
        if (P && O.is(OpKind::Push))
          B.push(P, tangentOrZero(O.getOperand(1), Dir));
        if (P && O.is(OpKind::Pop) && Act.isActive(O.getResult()))
          setTangent(O.getResult(), Dir, B.pop(P));
        else if (P && O.is(OpKind::Pop))
          B.pop(P);
      }
    B.setDerived(false);
  }

  void copyOp(const Op &O) {
    llvm::SmallVector<Value *, 4> Operands;
    for (Value *V : O.getOperands())
      Operands.push_back(mapped(V));
    if (O.is(OpKind::Call) && isActiveCall(O)) {
      pushforwardCall(O, Operands);
      return;
    }
    B.setDerived(O.isDerived());
    Op *C = B.cloneShallow(O, Operands);
    for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
      Map[O.getResult(I)] = C->getResult(I);
    if (isTapeOp(O) && Act.carriesDerivatives(O.getIntValue())) {
      copyTapeTangent(O, Operands);
      return;
    }
    copyMemoryTangent(O);
    if (O.getNumResults() != 1 || !Act.isActive(O.getResult()) ||
        O.is(OpKind::Pop))
      return;
    B.setDerived(true);
    for (unsigned Dir = 0; Dir != numDirections(); ++Dir)
      setTangent(O.getResult(), Dir,
                 buildTangent(O, Operands, C->getResult(), Dir));
  }

  Value *buildTangent(const Op &O, llvm::ArrayRef<Value *> Operands,
                      Value *Result, unsigned Dir) {
    if (hasRule(O)) {
      Value *Sum = nullptr;
      for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I) {
        Value *T = tangent(O.getOperand(I), Dir);
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
      if (Value *T = tangent(O.getOperand(0), Dir))
        return B.cast(Result->getType(), T);
      return nullptr;
    case OpKind::Load:
      if (Value *P = tangentPointer(O.getOperand(0), Dir))
        return B.load(P);
      return nullptr;
    case OpKind::Select: {
      Value *T1 = tangent(O.getOperand(1), Dir);
      Value *T2 = tangent(O.getOperand(2), Dir);
      if (!T1 && !T2)
        return nullptr;
      return B.select(Operands[0], T1 ? T1 : B.constLike(Result, 0),
                      T2 ? T2 : B.constLike(Result, 0));
    }
    default:
      return nullptr;
    }
  }

  /// True when call \p O needs a derivative: its result is active, or it
  /// writes an active buffer.
  bool isActiveCall(const Op &O) const {
    if (O.getCallee()->isNonDifferentiable())
      return false;
    return (O.getNumResults() == 1 && Act.isActive(O.getResult())) ||
           Act.writesActiveMemory(O);
  }

  /// `y = g(a, b)` becomes `t_y = g_jvp(a, b, t_a, t_b, &y)`: the callee's
  /// pushforward computes the value and the tangent in one call. (Several
  /// directions call it once each; preferForwardGradient avoids that.)
  /// A custom `g_jvp` returns the tangent only: g itself computes y.
  void pushforwardCall(const Op &O, llvm::ArrayRef<Value *> Operands) {
    Function *Callee = O.getCallee();
    Differentiator::CallDerivative CD =
        D.getForCall(Callee, /*Reverse=*/false, Act.activeArguments(O));
    if (!CD.Fn) {
      D.reportProblem({Differentiator::CallProblem::NoDerivative, O.getLoc(),
                       Callee, /*Reverse=*/false});
      Value *V = B.call(Callee, Operands); // keeps building well-formed
      if (V)
        Map[O.getResult()] = V;
      return;
    }
    bool Custom = CD.Form == Differentiator::CallForm::CustomJVP;
    const Value *Y = O.getNumResults() ? O.getResult() : nullptr;
    std::string Name = !Y || Y->getName().empty() ? Callee->getName() + "_value"
                                                  : Y->getName();
    if (Custom && Y) {
      B.setDerived(false);
      Map[Y] = B.call(Callee, Operands);
      Map[Y]->setName(Name);
    }
    for (unsigned Dir = 0; Dir != numDirections(); ++Dir) {
      llvm::SmallVector<Value *, 8> Args(Operands.begin(), Operands.end());
      B.setDerived(true);
      bool Any = false;
      for (unsigned I = 0, E = Callee->getNumParams(); I != E; ++I) {
        if (!CD.Active[I])
          continue;
        const Value *Arg = O.getOperand(I);
        Type Ty = Arg->getType();
        if (Ty.isFloat()) {
          Any |= tangent(Arg, Dir) != nullptr;
          Args.push_back(tangentOrZero(Arg, Dir));
        } else {
          Value *T = tangentPointer(Arg, Dir);
          Any |= T && !writesThrough(O, I);
          Args.push_back(T ? T : B.nullPointer(Ty));
        }
      }
      // A custom jvp also writes the tangents of what g writes (zero when
      // no input varies): call it in every direction.
      if (!Custom && !Any && (Dir != 0 || Map.count(Y)))
        continue;
      Value *Slot = nullptr;
      if (!Custom && Y) {
        Slot = B.slot(Y->getType(), Name);
        Args.push_back(Slot);
      }
      Value *T = B.call(CD.Fn, Args);
      B.setDerived(false);
      if (Slot && !Map.count(Y))
        Map[Y] = B.load(Slot);
      if (Y)
        setTangent(Y, Dir, Any ? T : nullptr);
    }
  }

  void copyIf(const Op &If) {
    llvm::SmallVector<Type, 4> Types;
    llvm::SmallVector<std::pair<unsigned, unsigned>, 4> Tangents;
    for (unsigned J = 0, E = If.getNumResults(); J != E; ++J)
      Types.push_back(If.getResult(J)->getType());
    for (unsigned J = 0, E = If.getNumResults(); J != E; ++J)
      if (Act.isActive(If.getResult(J)))
        for (unsigned Dir = 0; Dir != numDirections(); ++Dir) {
          Tangents.push_back({J, Dir});
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
      for (auto [J, Dir] : Tangents)
        Yielded.push_back(tangentOrZero(Y->getOperand(J), Dir));
      B.setDerived(false);
      B.yield(Yielded);
      B = Outer;
    }
    unsigned N = If.getNumResults();
    for (unsigned J = 0; J != N; ++J) {
      C->getResult(J)->setName(If.getResult(J)->getName());
      Map[If.getResult(J)] = C->getResult(J);
    }
    for (unsigned K = 0, E = Tangents.size(); K != E; ++K)
      setTangent(If.getResult(Tangents[K].first), Tangents[K].second,
                 C->getResult(N + K));
  }

  /// A loop carries the tangents of its active carried values beside them.
  void copyWhile(const Op &W) {
    unsigned N = W.getNumResults();
    llvm::SmallVector<std::pair<unsigned, unsigned>, 4> Tangents;
    for (unsigned J = 0; J != N; ++J) {
      bool Active = Act.isActive(W.getResult(J));
      for (unsigned I = 0; I != 2; ++I)
        Active |= Act.isActive(W.getRegion(I).getArgument(J));
      if (Active)
        for (unsigned Dir = 0; Dir != numDirections(); ++Dir)
          Tangents.push_back({J, Dir});
    }
    llvm::SmallVector<Value *, 8> Inits;
    llvm::SmallVector<std::string, 8> Names;
    for (unsigned J = 0; J != N; ++J) {
      Inits.push_back(mapped(W.getOperand(J)));
      Names.push_back(W.getResult(J)->getName());
    }
    for (auto [J, Dir] : Tangents) {
      Inits.push_back(tangentOrZero(W.getOperand(J), Dir));
      Names.push_back(tangentName(W.getResult(J), Dir));
    }
    B.setDerived(false);
    Op *C = B.createWhile(Inits, Names);
    for (unsigned I = 0; I != 2; ++I) {
      const Region &R = W.getRegion(I);
      Region &CR = C->getRegion(I);
      for (unsigned J = 0; J != N; ++J)
        Map[R.getArgument(J)] = CR.getArgument(J);
      for (unsigned K = 0, E = Tangents.size(); K != E; ++K)
        setTangent(R.getArgument(Tangents[K].first), Tangents[K].second,
                   CR.getArgument(N + K));
      Builder Outer = B;
      B.setInsertionPointToEnd(CR);
      copyRegion(R);
      if (I == 1) {
        const Op *Y = R.getTerminator();
        llvm::SmallVector<Value *, 8> Next;
        for (Value *V : Y->getOperands())
          Next.push_back(mapped(V));
        for (auto [J, Dir] : Tangents)
          Next.push_back(tangentOrZero(Y->getOperand(J), Dir));
        B.setDerived(false);
        B.yield(Next);
      }
      B = Outer;
    }
    for (unsigned J = 0; J != N; ++J)
      Map[W.getResult(J)] = C->getResult(J);
    for (unsigned K = 0, E = Tangents.size(); K != E; ++K)
      setTangent(W.getResult(Tangents[K].first), Tangents[K].second,
                 C->getResult(N + K));
  }

  Differentiator &D;
  const Function &Primal;
  Function &Fn;
  ForwardSpec Spec;
  analysis::ActivityInfo Act;
  Builder B;
  /// Per direction: its tangent parameter (a jvp) or shadow (a gradient).
  std::vector<Value *> Directions;
  std::vector<std::string> DirectionNames;
  /// The one tangent parameter of a jvp whose derivative is propagated with
  /// seed 1, or null.
  Value *ScaleAtEnd = nullptr;
  llvm::DenseMap<const Value *, Value *> Map;
  llvm::DenseMap<const Value *, llvm::SmallVector<Value *, 2>> Tangent;
  /// (primal tape, direction) -> its tangent tape; new ids from NextTape.
  std::map<std::pair<int64_t, unsigned>, int64_t> TangentTapes;
  int64_t NextTape = 0;
};

/// For each value, the set of active parameters it depends on, as a bit
/// mask (at most 64 parameters are considered).
class DependenceCounter {
public:
  DependenceCounter(const Function &F, const std::vector<bool> &Active)
      : Act(F, Active) {
    for (unsigned I = 0, N = F.getNumParams(), Bit = 0; I != N; ++I)
      if (Active[I])
        Deps[F.getParam(I)] = uint64_t(1) << (Bit++ % 64);
    visit(F.getBody());
  }

  uint64_t ForwardCost = 0;
  uint64_t ReverseCost = 0;
  bool HasCall = false;

private:
  void visit(const Region &R) {
    for (const auto &O : R.getOps()) {
      for (unsigned I = 0, E = O->getNumRegions(); I != E; ++I)
        visit(O->getRegion(I));
      if (O->is(OpKind::If)) {
        for (unsigned J = 0, E = O->getNumResults(); J != E; ++J)
          for (unsigned I = 0; I != 2; ++I)
            Deps[O->getResult(J)] |=
                Deps.lookup(O->getRegion(I).getTerminator()->getOperand(J));
        // Reverse mode replays the branch: count the second walk.
        for (unsigned J = 0, E = O->getNumResults(); J != E; ++J)
          if (Act.isActive(O->getResult(J))) {
            ReverseCost += 2;
            break;
          }
        continue;
      }
      if (O->getNumResults() != 1 || !Act.isActive(O->getResult()))
        continue;
      HasCall |= O->is(OpKind::Call);
      uint64_t Mask = 0;
      unsigned Terms = 0;
      for (const Value *V : O->getOperands())
        if (Act.isActive(V)) {
          Mask |= Deps.lookup(V);
          ++Terms;
        }
      Deps[O->getResult()] = Mask;
      // Forward: a term per active operand and direction. Reverse: a term
      // per active operand, its accumulation, and keeping the primal value
      // alive until the reverse sweep.
      ForwardCost += uint64_t(Terms) * llvm::popcount(Mask);
      ReverseCost += 2 * uint64_t(Terms);
    }
  }

  analysis::ActivityInfo Act;
  llvm::DenseMap<const Value *, uint64_t> Deps;
};
} // namespace

bool differentiation::preferForwardGradient(const Function &Primal,
                                            const std::vector<bool> &Active) {
  unsigned NumActive = llvm::count(Active, true);
  if (NumActive == 0 || NumActive > 8)
    return false;
  // A callee chainrule does not look into may have a reverse-mode custom
  // derivative only.
  bool NoJvp = false;
  walk(const_cast<Region &>(Primal.getBody()), [&](Op &O) {
    NoJvp |= O.is(OpKind::Call) && O.getCallee()->isDeclaration() &&
                         !O.getCallee()->getCustomDerivative(CustomKind::JVP);
  });
  if (NoJvp)
    return false;
  DependenceCounter C(Primal, Active);
  if (C.HasCall && NumActive > 1)
    return false; // each direction would call the callee once
  return C.ForwardCost <= C.ReverseCost;
}

void differentiation::buildForward(Differentiator &D, const Function &Primal,
                                   Function &Fn, const std::vector<bool> &Active,
                                   const ForwardSpec &Spec) {
  ForwardBuilder(D, Primal, Fn, Active, Spec).run();
}
