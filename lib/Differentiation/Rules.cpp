//===- Rules.cpp - Evaluating the rows of Derivatives.def -----------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// A tiny expression language (RuleValue and its operators) in which the
/// partials of Derivatives.def are written; including the table here turns
/// each row into a case that builds its partial with a Builder.
//===----------------------------------------------------------------------===//

#include "Rules.h"

#include <cassert>

using namespace chainrule;
using namespace chainrule::ir;

namespace chainrule::differentiation {
namespace {

/// A value under construction in a rule: a graph value (null for NONE) and
/// the builder that combines it. Constants (ONE, ...) are built at once, of
/// the type of the op's result.
struct RuleValue {
  Builder *B = nullptr;
  Value *V = nullptr;
};

RuleValue lift(Builder &B, Value *V) { return {&B, V}; }

RuleValue operator+(RuleValue A, RuleValue C) { return {A.B, A.B->add(A.V, C.V)}; }
RuleValue operator-(RuleValue A, RuleValue C) { return {A.B, A.B->sub(A.V, C.V)}; }
RuleValue operator*(RuleValue A, RuleValue C) { return {A.B, A.B->mul(A.V, C.V)}; }
RuleValue operator/(RuleValue A, RuleValue C) { return {A.B, A.B->div(A.V, C.V)}; }
RuleValue operator-(RuleValue A) { return {A.B, A.B->neg(A.V)}; }
RuleValue operator==(RuleValue A, RuleValue C) {
  return {A.B, A.B->cmp(CmpPred::EQ, A.V, C.V)};
}
RuleValue operator<(RuleValue A, RuleValue C) {
  return {A.B, A.B->cmp(CmpPred::LT, A.V, C.V)};
}
RuleValue operator<=(RuleValue A, RuleValue C) {
  return {A.B, A.B->cmp(CmpPred::LE, A.V, C.V)};
}
RuleValue operator>=(RuleValue A, RuleValue C) {
  return {A.B, A.B->cmp(CmpPred::GE, A.V, C.V)};
}
RuleValue select(RuleValue Cond, RuleValue A, RuleValue C) {
  return {A.B, A.B->select(Cond.V, A.V, C.V)};
}
/// \p A when \p K is a constant, \p C otherwise (the other one, built
/// too, is deleted as dead code).
RuleValue ifconst(RuleValue K, RuleValue A, RuleValue C) {
  const Op *D = K.V->getDefiningOp();
  return D && D->is(OpKind::Constant) ? A : C;
}
RuleValue apply(MathFn F, RuleValue A) { return {A.B, A.B->math(F, {A.V})}; }
RuleValue sin(RuleValue A) { return apply(MathFn::Sin, A); }
RuleValue cos(RuleValue A) { return apply(MathFn::Cos, A); }
RuleValue sinh(RuleValue A) { return apply(MathFn::Sinh, A); }
RuleValue cosh(RuleValue A) { return apply(MathFn::Cosh, A); }
RuleValue exp(RuleValue A) { return apply(MathFn::Exp, A); }
RuleValue log(RuleValue A) { return apply(MathFn::Log, A); }
RuleValue sqrt(RuleValue A) { return apply(MathFn::Sqrt, A); }
RuleValue round(RuleValue A) { return apply(MathFn::Round, A); }
RuleValue polygamma(RuleValue N, RuleValue A) {
  return {A.B, A.B->math(MathFn::Polygamma, {N.V, A.V})};
}
RuleValue pow(RuleValue A, RuleValue C) {
  return {A.B, A.B->math(MathFn::Pow, {A.V, C.V})};
}

} // namespace

bool hasRule(const Op &O) {
  switch (O.getKind()) {
#define CHAINRULE_ARITH(Name, P0, P1) case ir::OpKind::Name:
#include "chainrule/IR/Derivatives.def"
    return true;
  case OpKind::Math:
    return true;
  default:
    return false;
  }
}

Value *buildPartial(Builder &B, const Op &O, unsigned I,
                    llvm::ArrayRef<Value *> Operands, Value *Result) {
  assert(I < Operands.size() && "partial of a missing operand");
  Value *Like = Result;
  auto Const = [&](long double C) { return lift(B, B.constLike(Like, C)); };
  // The names the rows of Derivatives.def are written in.
  RuleValue X0 = lift(B, Operands[0]);
  RuleValue X1 = lift(B, Operands.size() > 1 ? Operands[1] : nullptr);
  RuleValue X2 = lift(B, Operands.size() > 2 ? Operands[2] : nullptr);
  RuleValue Y = lift(B, Result);
  RuleValue NONE;
#define ONE Const(1)
#define ZERO Const(0)
#define HALF Const(0.5)
#define THREE Const(3)
#define LN2 Const(0.693147180559945309417232121458176568L)
#define LN10 Const(2.302585092994045684017991454684364208L)
#define TWO_OVER_SQRTPI Const(1.128379167095512573896158903121545172L)
  RuleValue P;
  switch (O.getKind()) {
#define CHAINRULE_ARITH(Name, P0, P1)                                          \
  case ir::OpKind::Name:                                                       \
    P = I == 0 ? (P0) : (P1);                                                  \
    break;
#include "chainrule/IR/Derivatives.def"
  case OpKind::Math:
    switch (O.getMathFn()) {
#define CHAINRULE_MATH(Fn, CxxName, Arity, P0, P1)                             \
  case MathFn::Fn:                                                             \
    P = I == 0 ? (P0) : (P1);                                                  \
    break;
#define CHAINRULE_MATH3(Fn, CxxName, P0, P1, P2)                               \
  case MathFn::Fn:                                                             \
    P = I == 0 ? (P0) : I == 1 ? (P1) : (P2);                                  \
    break;
#include "chainrule/IR/Derivatives.def"
    }
    break;
  default:
    assert(false && "op without a derivative rule");
  }
#undef ONE
#undef ZERO
#undef HALF
#undef THREE
#undef LN2
#undef LN10
#undef TWO_OVER_SQRTPI
  (void)NONE;
  (void)X2;
  const Op *D = P.V ? P.V->getDefiningOp() : nullptr;
  if (!P.V || (D && D->isConstantValue(0)))
    return nullptr;
  return P.V;
}

} // namespace chainrule::differentiation
