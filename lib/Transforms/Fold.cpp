//===- Fold.cpp - Constant folding and algebraic simplification -----------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// One forward sweep that replaces ops by simpler values: constants computed
/// in the op's own precision, identities exact in IEEE arithmetic (x * 1,
/// x - 0, -(-x), an `if` on a constant), and, on derived ops only, identities
/// exact in real arithmetic (x * 0, x + 0, x * (1 / y) -> x / y, folding of
/// constant factors, small integer powers as products).
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Builder.h"
#include "chainrule/IR/IR.h"
#include "chainrule/Transforms/Passes.h"

#include "llvm/ADT/DenseMap.h"

#include <cmath>
#include <limits>
#include <optional>

using namespace chainrule;
using namespace chainrule::ir;

namespace {

/// The value of a constant; exact for every integer of up to 64 bits.
std::optional<long double> getConstant(const Value *V) {
  const Op *D = V->getDefiningOp();
  if (!D || !D->is(OpKind::Constant))
    return std::nullopt;
  Type Ty = V->getType();
  if (Ty.isFloat())
    return D->getFloatValue();
  if (Ty.isInt() && !Ty.isSigned())
    return static_cast<long double>(static_cast<uint64_t>(D->getIntValue()));
  return static_cast<long double>(D->getIntValue());
}

/// The stored bits of an integer constant (see Op::getIntValue).
std::optional<int64_t> getIntBits(const Value *V) {
  const Op *D = V->getDefiningOp();
  if (!D || !D->is(OpKind::Constant) || V->getType().isFloat())
    return std::nullopt;
  return D->getIntValue();
}

bool isConstant(const Value *V, long double C) {
  std::optional<long double> K = getConstant(V);
  return K && *K == C;
}

/// True for +0.0 or an integer 0; -0.0 is not an additive identity.
bool isPositiveZero(const Value *V) {
  std::optional<long double> K = getConstant(V);
  return K && *K == 0 && !std::signbit(*K);
}

bool isNegativeZero(const Value *V) {
  std::optional<long double> K = getConstant(V);
  return K && *K == 0 && std::signbit(*K) && V->getType().isFloat();
}

Value *operandOf(const Value *V, OpKind K, unsigned I = 0) {
  const Op *D = V->getDefiningOp();
  return D && D->is(K) ? D->getOperand(I) : nullptr;
}

/// Evaluates a floating op in the precision of \p Bits.
template <typename T> std::optional<long double> evalFloat(OpKind K, T A, T B) {
  switch (K) {
  case OpKind::Add:
    return A + B;
  case OpKind::Sub:
    return A - B;
  case OpKind::Mul:
    return A * B;
  case OpKind::Div:
    return A / B;
  default:
    return std::nullopt;
  }
}

std::optional<long double> foldFloat(OpKind K, unsigned Bits, long double A,
                                     long double B) {
  if (Bits == 32)
    return evalFloat<float>(K, A, B);
  if (Bits == 64)
    return evalFloat<double>(K, A, B);
  return evalFloat<long double>(K, A, B);
}

/// Folds an integer op on the stored bits of two constants of type \p Ty.
/// Unsigned arithmetic wraps; signed overflow and division by zero are
/// undefined in C++, so they are left to run time.
std::optional<int64_t> foldInt(OpKind K, Type Ty, int64_t A, int64_t B) {
  unsigned Bits = Ty.getBits();
  if (!Ty.isSigned()) {
    uint64_t Mask = Bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << Bits) - 1;
    uint64_t UA = static_cast<uint64_t>(A) & Mask;
    uint64_t UB = static_cast<uint64_t>(B) & Mask;
    uint64_t R;
    switch (K) {
    case OpKind::Add:
      R = UA + UB;
      break;
    case OpKind::Sub:
      R = UA - UB;
      break;
    case OpKind::Mul:
      R = UA * UB;
      break;
    case OpKind::Div:
    case OpKind::Rem:
      if (UB == 0)
        return std::nullopt;
      R = K == OpKind::Div ? UA / UB : UA % UB;
      break;
    default:
      return std::nullopt;
    }
    return static_cast<int64_t>(R & Mask);
  }
  __int128 Min = -(static_cast<__int128>(1) << (Bits - 1));
  __int128 R;
  switch (K) {
  case OpKind::Add:
    R = static_cast<__int128>(A) + B;
    break;
  case OpKind::Sub:
    R = static_cast<__int128>(A) - B;
    break;
  case OpKind::Mul:
    R = static_cast<__int128>(A) * B;
    break;
  case OpKind::Div:
  case OpKind::Rem:
    // INT_MIN / -1 overflows, and so INT_MIN % -1 is undefined too.
    if (B == 0 || (A == Min && B == -1))
      return std::nullopt;
    R = K == OpKind::Div ? A / B : A % B;
    break;
  default:
    return std::nullopt;
  }
  if (R < Min || R >= -Min)
    return std::nullopt;
  return static_cast<int64_t>(R);
}

class Folder {
public:
  explicit Folder(Function &F) : B(F.getBody()) {}

  bool run(Region &R) {
    for (auto It = R.begin(); It != R.end();) {
      Op &O = **It;
      for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I)
        if (Value *New = Replaced.lookup(O.getOperand(I)))
          O.setOperand(I, New);
      for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
        run(O.getRegion(I));
      if (O.is(OpKind::If) && foldIf(O, R, It))
        continue;
      if (O.is(OpKind::While))
        foldExitFlag(O, R, It);
      B.setInsertionPoint(&O);
      B.setLoc(O.getLoc());
      B.setDerived(O.isDerived());
      Value *New = O.getNumResults() == 1 ? foldOp(O) : nullptr;
      if (New && New != O.getResult()) {
        Replaced[O.getResult()] = New;
        Changed = true;
        It = R.getOps().erase(It);
        continue;
      }
      ++It;
    }
    return Changed;
  }

private:
  /// A loop that runs while `!flag` (a loop left only by a `return`, whose
  /// flag is carried) ends with the flag set: its result is true.
  void foldExitFlag(Op &W, Region &R, Region::iterator It) {
    const Op *C = W.getRegion(0).getTerminator();
    const Value *Flag = operandOf(C->getOperand(0), OpKind::Not);
    if (!Flag || Flag->getDefiningOp() ||
        Flag->getParentRegion() != &W.getRegion(0))
      return;
    Value *Result = W.getResult(Flag->getIndex());
    if (Replaced.count(Result))
      return;
    B.setInsertionPoint(&**std::next(It));
    Replaced[Result] = B.constBool(true);
    Changed = true;
  }

  /// Replaces an `if` on a constant by the ops of the region taken, and
  /// results yielded alike from both regions by the yielded value.
  bool foldIf(Op &If, Region &R, Region::iterator &It) {
    const Op *Y0 = If.getRegion(0).getTerminator();
    const Op *Y1 = If.getRegion(1).getTerminator();
    for (unsigned J = 0, E = If.getNumResults(); J != E; ++J) {
      Value *V = Y0->getOperand(J);
      if (V == Y1->getOperand(J) && !V->getParentRegion()->isNestedIn(
                                        &If.getRegion(0))) {
        if (!Replaced.count(If.getResult(J)))
          Changed = true;
        Replaced[If.getResult(J)] = V;
      }
    }
    foldBooleanResults(If);
    std::optional<long double> C = getConstant(If.getOperand(0));
    if (!C)
      return false;
    Region &Taken = If.getRegion(*C != 0 ? 0 : 1);
    Op *Yield = Taken.getTerminator();
    for (unsigned J = 0, E = If.getNumResults(); J != E; ++J)
      Replaced[If.getResult(J)] = Yield->getOperand(J);
    auto &Ops = Taken.getOps();
    while (Ops.size() > 1) {
      R.insert(It, std::move(Ops.front()));
      Ops.pop_front();
    }
    It = R.getOps().erase(It);
    Changed = true;
    return true;
  }

  /// An i1 result that one branch sets to a constant is logic on the
  /// condition: `if (c) f = true; else f = e;` is `f = c || e`.
  void foldBooleanResults(Op &If) {
    Value *C = If.getOperand(0);
    const Op *Y[2] = {If.getRegion(0).getTerminator(),
                      If.getRegion(1).getTerminator()};
    auto Outside = [&](Value *V) { return !If.encloses(V); };
    for (unsigned J = 0, E = If.getNumResults(); J != E; ++J) {
      if (!If.getResult(J)->getType().isBool() ||
          Replaced.count(If.getResult(J)))
        continue;
      Value *T = Y[0]->getOperand(J), *F = Y[1]->getOperand(J);
      std::optional<long double> KT = getConstant(T), KF = getConstant(F);
      B.setInsertionPoint(&If);
      B.setLoc(If.getLoc());
      B.setDerived(If.isDerived());
      Value *New = nullptr;
      if (KT && KF)
        New = *KT == *KF ? T : (*KT != 0 ? C : B.logicNot(C));
      else if (KT && Outside(F))
        New = *KT != 0 ? B.logicOr(C, F) : B.logicAnd(B.logicNot(C), F);
      else if (KF && Outside(T))
        New = *KF != 0 ? B.logicOr(B.logicNot(C), T) : B.logicAnd(C, T);
      if (!New)
        continue;
      Replaced[If.getResult(J)] = New;
      Changed = true;
    }
  }

  Value *foldOp(Op &O) {
    switch (O.getKind()) {
    case OpKind::Add:
    case OpKind::Sub:
    case OpKind::Mul:
    case OpKind::Div:
    case OpKind::Rem:
      if (Value *V = foldConstantBinary(O))
        return V;
      return simplifyBinary(O);
    case OpKind::Neg:
      return simplifyNeg(O);
    case OpKind::Cmp:
      return foldCmp(O);
    case OpKind::Not:
      if (std::optional<long double> C = getConstant(O.getOperand(0)))
        return B.constBool(*C == 0);
      if (Value *X = operandOf(O.getOperand(0), OpKind::Not))
        return X;
      return nullptr;
    case OpKind::And:
    case OpKind::Or:
      return foldLogic(O);
    case OpKind::Select:
      return simplifySelect(O);
    case OpKind::Cast:
      return foldCast(O);
    case OpKind::Math:
      return simplifyMath(O);
    case OpKind::Index:
      return foldIndex(O);
    default:
      return nullptr;
    }
  }

  /// `p + 0` is p; `(p + a) + b` is `p + (a + b)` when the offsets have
  /// one type (the sum is the offset C++ would reach the element with).
  Value *foldIndex(Op &O) {
    Value *P = O.getOperand(0), *Offset = O.getOperand(1);
    if (isConstant(Offset, 0))
      return P;
    Op *Inner = P->getDefiningOp();
    if (!Inner || !Inner->is(OpKind::Index) ||
        Inner->getOperand(1)->getType() != Offset->getType())
      return nullptr;
    return B.index(Inner->getOperand(0), B.add(Inner->getOperand(1), Offset));
  }

  Value *foldConstantBinary(Op &O) {
    std::optional<long double> A = getConstant(O.getOperand(0));
    std::optional<long double> C = getConstant(O.getOperand(1));
    if (!A || !C)
      return nullptr;
    Type Ty = O.getResult()->getType();
    if (Ty.isFloat()) {
      std::optional<long double> R = foldFloat(O.getKind(), Ty.getBits(), *A, *C);
      return R ? B.constFloat(Ty, *R) : nullptr;
    }
    std::optional<int64_t> R = foldInt(O.getKind(), Ty, *getIntBits(O.getOperand(0)),
                                       *getIntBits(O.getOperand(1)));
    return R ? B.constInt(Ty, *R) : nullptr;
  }

  /// (x +- c1) +- c2 -> x +- (c1 +- c2) on integers: exact whenever the
  /// original has no overflow (and modular arithmetic for unsigned types).
  Value *reassociateIntegerConstants(Op &O) {
    Value *X = O.getOperand(0);
    std::optional<int64_t> C2 = getIntBits(O.getOperand(1));
    const Op *Inner = X->getDefiningOp();
    if (!C2 || !Inner || !X->getType().isInt() ||
        !(Inner->is(OpKind::Add) || Inner->is(OpKind::Sub)))
      return nullptr;
    std::optional<int64_t> C1 = getIntBits(Inner->getOperand(1));
    if (!C1)
      return nullptr;
    Type Ty = X->getType();
    Value *Base = Inner->getOperand(0);
    if (!Ty.isSigned()) {
      // Modular arithmetic: x + (+-c1 +- c2) in the type, always exact.
      int64_t S1 = Inner->is(OpKind::Sub) ? *foldInt(OpKind::Sub, Ty, 0, *C1) : *C1;
      int64_t S2 = *getIntBits(O.getOperand(1));
      std::optional<int64_t> Sum = foldInt(O.getKind(), Ty, S1, S2);
      return *Sum == 0 ? Base : B.add(Base, B.constInt(Ty, *Sum));
    }
    Type Wide = Type::getInt(64, true);
    auto Signed = [](OpKind K, int64_t C) { return K == OpKind::Sub ? -C : C; };
    std::optional<int64_t> Sum =
        foldInt(OpKind::Add, Wide, Signed(Inner->getKind(), *C1),
                Signed(O.getKind(), *getIntBits(O.getOperand(1))));
    if (!Sum)
      return nullptr;
    if (*Sum == 0)
      return Base;
    // Keep the constant representable in the type (unsigned: as a
    // subtraction of a positive amount).
    bool Subtract = *Sum < 0;
    int64_t Amount = Subtract ? -*Sum : *Sum;
    if (!foldInt(OpKind::Add, Ty, Amount, 0))
      return nullptr;
    Value *K = B.constInt(Ty, Amount);
    return Subtract ? B.sub(Base, K) : B.add(Base, K);
  }

  Value *simplifyBinary(Op &O) {
    Value *X = O.getOperand(0), *Y = O.getOperand(1);
    bool Inexact = O.isDerived() || !X->getType().isFloat();
    if (O.is(OpKind::Add) || O.is(OpKind::Sub))
      if (Value *V = reassociateIntegerConstants(O))
        return V;
    switch (O.getKind()) {
    case OpKind::Add:
      if (X == Y && X->getType().isFloat()) // exact: x + x == 2 * x
        return B.mul(B.constLike(X, 2), X);
      if (isNegativeZero(Y) || (Inexact && isPositiveZero(Y)))
        return X;
      if (isNegativeZero(X) || (Inexact && isPositiveZero(X)))
        return Y;
      if (Value *NY = operandOf(Y, OpKind::Neg))
        return B.sub(X, NY);
      if (Value *NX = operandOf(X, OpKind::Neg))
        return B.sub(Y, NX);
      return nullptr;
    case OpKind::Sub:
      if (isPositiveZero(Y) || (Inexact && isConstant(Y, 0)))
        return X;
      if (Inexact && isConstant(X, 0))
        return B.neg(Y);
      if (Value *NY = operandOf(Y, OpKind::Neg))
        return B.add(X, NY);
      return nullptr;
    case OpKind::Mul:
      return simplifyMul(O, X, Y, Inexact);
    case OpKind::Div:
      if (isConstant(Y, 1))
        return X;
      if (isConstant(Y, -1))
        return B.neg(X);
      if (Inexact && isConstant(X, 0))
        return X;
      if (O.isDerived())
        if (Value *NX = operandOf(X, OpKind::Neg))
          return B.neg(B.div(NX, Y));
      return nullptr;
    default:
      return nullptr;
    }
  }

  Value *simplifyMul(Op &O, Value *X, Value *Y, bool Inexact) {
    for (int Swap = 0; Swap != 2; ++Swap, std::swap(X, Y)) {
      if (isConstant(Y, 1))
        return X;
      if (isConstant(Y, -1))
        return B.neg(X);
      if (Inexact && isConstant(Y, 0))
        return Y;
      if (!O.isDerived())
        continue;
      // x * (1 / y) -> x / y
      if (Value *Den = operandOf(Y, OpKind::Div, 1))
        if (isConstant(Y->getDefiningOp()->getOperand(0), 1))
          return B.div(X, Den);
      // x * -y -> -(x * y), so that negations gather at accumulations.
      if (Value *NY = operandOf(Y, OpKind::Neg)) {
        if (Value *NX = operandOf(X, OpKind::Neg))
          return B.mul(NX, NY);
        return B.neg(B.mul(X, NY));
      }
      // x * select(c, 1, 0) -> select(c, x, 0), and with (-1, 1).
      if (const Op *S = Y->getDefiningOp(); S && S->is(OpKind::Select)) {
        Value *T = S->getOperand(1), *F = S->getOperand(2);
        auto Scalable = [](Value *K) {
          return isConstant(K, 1) || isConstant(K, 0) || isConstant(K, -1);
        };
        auto Scale = [&](Value *K) -> Value * {
          if (isConstant(K, 1))
            return X;
          if (isConstant(K, 0))
            return K;
          return B.neg(X);
        };
        if (Scalable(T) && Scalable(F))
          return B.select(S->getOperand(0), Scale(T), Scale(F));
      }
      // c1 * (c2 * x) -> (c1 * c2) * x
      if (std::optional<long double> C1 = getConstant(Y))
        if (const Op *M = X->getDefiningOp(); M && M->is(OpKind::Mul))
          for (unsigned I = 0; I != 2; ++I)
            if (std::optional<long double> C2 = getConstant(M->getOperand(I)))
              return B.mul(B.constLike(Y, *C1 * *C2), M->getOperand(1 - I));
    }
    return nullptr;
  }

  Value *simplifyNeg(Op &O) {
    Value *X = O.getOperand(0);
    if (X->getType().isFloat()) {
      if (std::optional<long double> C = getConstant(X))
        return B.constFloat(X->getType(), -*C);
    } else if (std::optional<int64_t> C = getIntBits(X)) {
      std::optional<int64_t> R = foldInt(OpKind::Sub, X->getType(), 0, *C);
      return R ? B.constInt(X->getType(), *R) : nullptr;
    }
    if (Value *Inner = operandOf(X, OpKind::Neg))
      return Inner;
    if (O.isDerived())
      if (const Op *S = X->getDefiningOp(); S && S->is(OpKind::Sub))
        return B.sub(S->getOperand(1), S->getOperand(0));
    return nullptr;
  }

  Value *foldCmp(Op &O) {
    std::optional<long double> A = getConstant(O.getOperand(0));
    std::optional<long double> C = getConstant(O.getOperand(1));
    if (!A || !C)
      return nullptr;
    bool R = false;
    switch (O.getPredicate()) {
    case CmpPred::EQ:
      R = *A == *C;
      break;
    case CmpPred::NE:
      R = *A != *C;
      break;
    case CmpPred::LT:
      R = *A < *C;
      break;
    case CmpPred::LE:
      R = *A <= *C;
      break;
    case CmpPred::GT:
      R = *A > *C;
      break;
    case CmpPred::GE:
      R = *A >= *C;
      break;
    }
    return B.constBool(R);
  }

  Value *foldLogic(Op &O) {
    bool IsAnd = O.is(OpKind::And);
    Value *A = O.getOperand(0), *C = O.getOperand(1);
    if (A == C)
      return A;
    if (operandOf(A, OpKind::Not) == C || operandOf(C, OpKind::Not) == A)
      return B.constBool(!IsAnd); // a || !a, a && !a
    for (unsigned I = 0; I != 2; ++I)
      if (std::optional<long double> C = getConstant(O.getOperand(I))) {
        bool Absorbing = IsAnd ? *C == 0 : *C != 0;
        return Absorbing ? O.getOperand(I) : O.getOperand(1 - I);
      }
    return nullptr;
  }

  Value *simplifySelect(Op &O) {
    if (std::optional<long double> C = getConstant(O.getOperand(0)))
      return O.getOperand(*C != 0 ? 1 : 2);
    if (O.getOperand(1) == O.getOperand(2))
      return O.getOperand(1);
    return nullptr;
  }

  Value *foldCast(Op &O) {
    std::optional<long double> C = getConstant(O.getOperand(0));
    if (!C)
      return nullptr;
    Type To = O.getResult()->getType();
    if (To.isFloat())
      return B.constFloat(To, *C);
    if (To.isBool())
      return B.constBool(*C != 0);
    // Floating to integer conversion out of range is undefined: leave it.
    long double T = std::trunc(*C);
    long double Lo = To.isSigned() ? -std::ldexp(1.0L, To.getBits() - 1) : 0;
    long double Hi = To.isSigned() ? std::ldexp(1.0L, To.getBits() - 1)
                                   : std::ldexp(1.0L, To.getBits());
    if (O.getOperand(0)->getType().isFloat() && (T < Lo || T >= Hi))
      return nullptr;
    if (O.getOperand(0)->getType().isFloat())
      return B.constInt(To, To.isSigned() ? static_cast<int64_t>(T)
                                          : static_cast<int64_t>(
                                                static_cast<uint64_t>(T)));
    // Integer to integer: keep the low bits, as C++ does.
    uint64_t Bits = static_cast<uint64_t>(*getIntBits(O.getOperand(0)));
    unsigned N = To.getBits();
    if (N < 64) {
      Bits &= (uint64_t(1) << N) - 1;
      if (To.isSigned() && ((Bits >> (N - 1)) & 1))
        Bits |= ~((uint64_t(1) << N) - 1); // sign-extend the stored bits
    }
    return B.constInt(To, static_cast<int64_t>(Bits));
  }

  /// Small integer powers in derivative code become products.
  Value *simplifyMath(Op &O) {
    if (!O.isDerived() || O.getMathFn() != MathFn::Pow)
      return nullptr;
    Value *X = O.getOperand(0);
    std::optional<long double> N = getConstant(O.getOperand(1));
    if (!N)
      return nullptr;
    if (*N == 0)
      return B.constLike(X, 1);
    if (*N == 1)
      return X;
    if (*N == 2)
      return B.mul(X, X);
    if (*N == 3)
      return B.mul(B.mul(X, X), X);
    return nullptr;
  }

  Builder B;
  llvm::DenseMap<const Value *, Value *> Replaced;
  bool Changed = false;
};
} // namespace

bool chainrule::transforms::fold(Function &F) {
  return Folder(F).run(F.getBody());
}
