//===- CSETest.cpp - Common subexpression elimination ---------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Tests of transforms::eliminateCommonSubexpressions: identical pure ops
/// merge within a region and into an enclosing region's earlier op, never
/// across sibling regions or out of a region; ops differing in an attribute
/// or type stay apart; ops with effects (loads, slots, impure calls) stay;
/// a derived op may reuse a primal one but not the other way round.
///
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::transforms::test;

namespace {

/// f(x: f64, y: f64, c: i1) -> f64 with a builder appending to its body.
struct Fixture : XYCFunction {
  /// Runs CSE, expecting \p Changed, and checks the function verifies.
  void cse(bool Changed) {
    ASSERT_TRUE(verifies(*F));
    std::string Before = printed(*F);
    EXPECT_EQ(transforms::eliminateCommonSubexpressions(*F), Changed) << Before;
    EXPECT_TRUE(verifies(*F));
    if (!Changed) {
      EXPECT_EQ(printed(*F), Before);
    }
  }
};

// Two identical adds in one region become one, and the ops that used the
// second, identical once rewritten, merge in the same sweep.
TEST(CSETest, MergesInTheSameRegion) {
  Fixture T;
  Value *A = T.B.add(T.X, T.Y);
  Value *B2 = T.B.add(T.X, T.Y);
  Value *SA = T.B.math(MathFn::Sin, {A});
  Value *SB = T.B.math(MathFn::Sin, {B2});
  T.B.ret({T.B.mul(SA, SB)});
  T.cse(true);
  EXPECT_EQ(countOps(*T.F, OpKind::Add), 1u);
  EXPECT_EQ(countOps(*T.F, OpKind::Math), 1u);
  Op *Mul = returned(*T.F)->getDefiningOp();
  EXPECT_EQ(Mul->getOperand(0), SA);
  EXPECT_EQ(Mul->getOperand(1), SA);
  // Nothing left to merge.
  EXPECT_FALSE(transforms::eliminateCommonSubexpressions(*T.F));
}

// An op in an `if` region reuses an identical op of the enclosing region
// that comes before the if.
TEST(CSETest, MergesIntoAnEnclosingRegion) {
  Fixture T;
  Value *Outer = T.B.mul(T.X, T.Y);
  Op *If = T.B.createIf(T.C, {Type::getF64()});
  T.B.ret({T.B.add(If->getResult(0), Outer)});
  T.B.setInsertionPointToEnd(If->getRegion(0));
  T.B.yield({T.B.mul(T.X, T.Y)});
  T.B.setInsertionPointToEnd(If->getRegion(1));
  // Nested one level deeper.
  Op *Inner = T.B.createIf(T.C, {Type::getF64()});
  T.B.yield({Inner->getResult(0)});
  T.B.setInsertionPointToEnd(Inner->getRegion(0));
  T.B.yield({T.B.mul(T.X, T.Y)});
  T.B.setInsertionPointToEnd(Inner->getRegion(1));
  T.B.yield({T.X});
  T.cse(true);
  EXPECT_EQ(countOps(*T.F, OpKind::Mul), 1u);
  EXPECT_EQ(If->getRegion(0).getTerminator()->getOperand(0), Outer);
  EXPECT_EQ(Inner->getRegion(0).getTerminator()->getOperand(0), Outer);
}

// Identical ops in the then and the else region both stay: neither
// dominates the other.
TEST(CSETest, KeepsOpsOfSiblingRegions) {
  Fixture T;
  Op *If = T.B.createIf(T.C, {Type::getF64()});
  T.B.ret({If->getResult(0)});
  T.B.setInsertionPointToEnd(If->getRegion(0));
  T.B.yield({T.B.math(MathFn::Exp, {T.X})});
  T.B.setInsertionPointToEnd(If->getRegion(1));
  T.B.yield({T.B.math(MathFn::Exp, {T.X})});
  T.cse(false);
  EXPECT_EQ(countOps(*T.F, OpKind::Math), 2u);
}

// An op after an `if` does not reuse an identical op inside it.
TEST(CSETest, KeepsOpsAfterTheRegion) {
  Fixture T;
  Op *If = T.B.createIf(T.C, {Type::getF64()});
  Value *After = T.B.math(MathFn::Exp, {T.X});
  T.B.ret({T.B.add(If->getResult(0), After)});
  T.B.setInsertionPointToEnd(If->getRegion(0));
  T.B.yield({T.B.math(MathFn::Exp, {T.X})});
  T.B.setInsertionPointToEnd(If->getRegion(1));
  T.B.yield({T.Y});
  T.cse(false);
  EXPECT_EQ(countOps(*T.F, OpKind::Math), 2u);
}

// Ops that differ in a predicate, a math function, a constant's value, sign
// or type, or a cast's target type stay apart; identical constants merge.
TEST(CSETest, AttributesAndTypesDistinguish) {
  Fixture T;
  Builder &B = T.B;
  Value *Lt = B.cmp(CmpPred::LT, T.X, T.Y);
  Value *Gt = B.cmp(CmpPred::GT, T.X, T.Y);
  Value *Sin = B.math(MathFn::Sin, {T.X});
  Value *Cos = B.math(MathFn::Cos, {T.X});
  Value *Zero = B.constFloat(Type::getF64(), 0.0);
  Value *NegZero = B.constFloat(Type::getF64(), -0.0);
  Value *Half64 = B.constFloat(Type::getF64(), 0.5);
  Value *Half32 = B.constFloat(Type::getF32(), 0.5);
  Value *One32 = B.constInt(Type::getInt(32, true), 1);
  Value *True = B.constBool(true);
  Value *ToF32 = B.cast(Type::getF32(), T.X);
  Value *ToI32 = B.cast(Type::getInt(32, true), T.X);
  Value *Half64Again = B.constFloat(Type::getF64(), 0.5);
  // Keep everything alive through the return (CSE does not delete unused
  // ops, but a verifiable, used function is the realistic case).
  Value *Sum = B.add(B.select(B.logicAnd(Lt, Gt), Sin, Cos),
                     B.add(B.add(Zero, NegZero), B.mul(Half64, Half64Again)));
  Value *Extra = B.add(B.cast(Type::getF64(), Half32),
                       B.add(B.cast(Type::getF64(), ToF32),
                             B.cast(Type::getF64(), B.add(ToI32, One32))));
  Value *Last = B.select(True, Sum, Extra);
  B.ret({Last});
  T.cse(true);
  // Only the second 0.5 merged.
  EXPECT_EQ(countOps(*T.F, OpKind::Cmp), 2u);
  EXPECT_EQ(countOps(*T.F, OpKind::Math), 2u);
  EXPECT_EQ(countOps(*T.F, OpKind::Constant), 6u);
  unsigned Halves = 0;
  walk(T.F->getBody(), [&](Op &O) {
    if (O.is(OpKind::Mul)) {
      EXPECT_EQ(O.getOperand(0), Half64);
      EXPECT_EQ(O.getOperand(1), Half64);
      ++Halves;
    }
  });
  EXPECT_EQ(Halves, 1u);
  // The five casts (to f32, to i32, and three to f64 from different values)
  // all stay.
  EXPECT_EQ(countOps(*T.F, OpKind::Cast), 5u);
}

// Loads and slots are not merged (memory may change between them, and two
// slots are two objects); calls merge only when the callee is pure.
TEST(CSETest, KeepsOpsWithEffects) {
  Module M;
  Function *Pure = addFunction(M, "pure", Type::getF64());
  Builder(Pure->getBody()).ret({Pure->addParam(Type::getF64(), "x", "double")});
  Function *Impure = addFunction(M, "impure", Type::getF64());
  Builder(Impure->getBody())
      .ret({Impure->addParam(Type::getF64(), "x", "double")});
  Impure->setPure(false);

  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Builder B(F->getBody());
  Value *P1 = B.slot(Type::getF64());
  Value *P2 = B.slot(Type::getF64());
  Value *L1 = B.load(P1);
  B.accumulate(P1, X);
  Value *L2 = B.load(P1);
  Value *I1 = B.call(Impure, {X});
  Value *I2 = B.call(Impure, {X});
  Value *Q1 = B.call(Pure, {X});
  Value *Q2 = B.call(Pure, {X});
  B.accumulate(P2, X);
  Value *Sum = B.add(B.add(L1, L2), B.add(B.add(I1, I2), B.add(Q1, Q2)));
  B.ret({B.add(Sum, B.load(P2))});
  ASSERT_TRUE(verifies(*F));

  EXPECT_TRUE(transforms::eliminateCommonSubexpressions(*F));
  EXPECT_TRUE(verifies(*F));
  EXPECT_EQ(countOps(*F, OpKind::Alloca), 2u);
  EXPECT_EQ(countOps(*F, OpKind::Load), 3u);
  EXPECT_EQ(countOps(*F, OpKind::Accumulate), 2u);
  unsigned PureCalls = 0, ImpureCalls = 0;
  walk(F->getBody(), [&](Op &O) {
    if (O.is(OpKind::Call))
      ++(O.getCallee() == Pure ? PureCalls : ImpureCalls);
  });
  EXPECT_EQ(PureCalls, 1u);
  EXPECT_EQ(ImpureCalls, 2u);
}

// A derived op may reuse an identical primal op; a primal op never reuses a
// derived one (derived ops may later be rewritten inexactly).
TEST(CSETest, DerivedReusesPrimalNotTheReverse) {
  {
    Fixture T;
    Value *Primal = T.B.mul(T.X, T.Y);
    T.B.setDerived(true);
    Value *Derived = T.B.mul(T.X, T.Y);
    T.B.ret({T.B.add(Primal, Derived)});
    T.cse(true);
    EXPECT_EQ(countOps(*T.F, OpKind::Mul), 1u);
    EXPECT_EQ(returned(*T.F)->getDefiningOp()->getOperand(1), Primal);
  }
  {
    Fixture T;
    T.B.setDerived(true);
    Value *Derived = T.B.mul(T.X, T.Y);
    T.B.setDerived(false);
    Value *Primal = T.B.mul(T.X, T.Y);
    T.B.ret({T.B.add(Derived, Primal)});
    T.cse(false);
    EXPECT_EQ(countOps(*T.F, OpKind::Mul), 2u);
  }
}

} // namespace
