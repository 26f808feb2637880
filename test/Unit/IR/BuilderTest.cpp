//===- BuilderTest.cpp - Creating ops with ir::Builder --------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Tests of ir::Builder: each kind of op gets the right kind, operands,
/// result type and attributes; `if` owns two regions ending in yields;
/// insertion points put ops before a given op, also inside regions;
/// constants hold the value C++ would hold in their type; slots, loads and
/// accumulations; and the location and derived marks travel onto new ops.
///
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "chainrule/IR/Builder.h"

#include <cmath>
#include <limits>

using namespace chainrule::ir;
using namespace chainrule::ir::test;

namespace {

/// The ops of \p R, in order, as kinds.
std::vector<OpKind> kindsOf(Region &R) {
  std::vector<OpKind> Kinds;
  for (auto &O : R)
    Kinds.push_back(O->getKind());
  return Kinds;
}

// Binary arithmetic takes its result type from its operands, one result,
// two operands in order, no regions.
TEST(BuilderTest, ArithmeticResultsHaveOperandType) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF32());
  Value *X = F->addParam(Type::getF32(), "x", "float");
  Value *Y = F->addParam(Type::getF32(), "y", "float");
  Builder B(F->getBody());
  struct {
    Value *V;
    OpKind K;
  } Cases[] = {{B.add(X, Y), OpKind::Add},
               {B.sub(X, Y), OpKind::Sub},
               {B.mul(X, Y), OpKind::Mul},
               {B.div(X, Y), OpKind::Div}};
  for (auto &C : Cases) {
    Op *O = C.V->getDefiningOp();
    ASSERT_NE(O, nullptr);
    EXPECT_EQ(O->getKind(), C.K);
    EXPECT_EQ(C.V->getType(), Type::getF32());
    EXPECT_EQ(O->getNumResults(), 1u);
    EXPECT_EQ(O->getNumRegions(), 0u);
    ASSERT_EQ(O->getNumOperands(), 2u);
    EXPECT_EQ(O->getOperand(0), X);
    EXPECT_EQ(O->getOperand(1), Y);
    EXPECT_EQ(O->getParentRegion(), &F->getBody());
    EXPECT_EQ(C.V->getParentRegion(), &F->getBody());
  }
  Value *N = B.neg(X);
  EXPECT_TRUE(N->getDefiningOp()->is(OpKind::Neg));
  EXPECT_EQ(N->getType(), Type::getF32());

  Value *I = B.constInt(Type::getInt(32, true), 7);
  Value *R = B.rem(I, I);
  EXPECT_TRUE(R->getDefiningOp()->is(OpKind::Rem));
  EXPECT_EQ(R->getType(), Type::getInt(32, true));
  B.ret({B.div(X, Y)});
  EXPECT_TRUE(verifies(*F));
}

// Comparisons and logic produce i1; the predicate is an attribute.
TEST(BuilderTest, ComparisonsAndLogicProduceI1) {
  Module M;
  Function *F = addFunction(M, "f", Type::getBool());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Value *Y = F->addParam(Type::getF64(), "y", "double");
  Builder B(F->getBody());
  Value *Lt = B.cmp(CmpPred::LT, X, Y);
  Value *Ge = B.cmp(CmpPred::GE, X, Y);
  EXPECT_EQ(Lt->getType(), Type::getBool());
  EXPECT_EQ(Lt->getDefiningOp()->getPredicate(), CmpPred::LT);
  EXPECT_EQ(Ge->getDefiningOp()->getPredicate(), CmpPred::GE);
  Value *A = B.logicAnd(Lt, Ge);
  Value *O = B.logicOr(Lt, Ge);
  Value *N = B.logicNot(A);
  EXPECT_TRUE(A->getDefiningOp()->is(OpKind::And));
  EXPECT_TRUE(O->getDefiningOp()->is(OpKind::Or));
  EXPECT_TRUE(N->getDefiningOp()->is(OpKind::Not));
  for (Value *V : {A, O, N})
    EXPECT_EQ(V->getType(), Type::getBool());
  B.ret({B.logicOr(O, N)});
  EXPECT_TRUE(verifies(*F));
}

// select takes the type of its arms; cast to the same type is no op at all,
// to another type a `cast` op of that type.
TEST(BuilderTest, SelectAndCast) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF32());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Value *C = F->addParam(Type::getBool(), "c", "bool");
  Builder B(F->getBody());
  Value *Zero = B.constFloat(Type::getF64(), 0);
  Value *S = B.select(C, X, Zero);
  EXPECT_TRUE(S->getDefiningOp()->is(OpKind::Select));
  EXPECT_EQ(S->getType(), Type::getF64());
  EXPECT_EQ(S->getDefiningOp()->getOperand(0), C);

  size_t Before = F->getBody().getOps().size();
  EXPECT_EQ(B.cast(Type::getF64(), S), S);
  EXPECT_EQ(F->getBody().getOps().size(), Before);

  Value *Narrow = B.cast(Type::getF32(), S);
  EXPECT_TRUE(Narrow->getDefiningOp()->is(OpKind::Cast));
  EXPECT_EQ(Narrow->getType(), Type::getF32());
  EXPECT_EQ(F->getBody().getOps().size(), Before + 1);
  B.ret({Narrow});
  EXPECT_TRUE(verifies(*F));
}

// A math op has the type of its arguments and names its function; pow
// takes two arguments.
TEST(BuilderTest, MathOps) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF32());
  Value *X = F->addParam(Type::getF32(), "x", "float");
  Builder B(F->getBody());
  Value *S = B.math(MathFn::Sin, {X});
  EXPECT_TRUE(S->getDefiningOp()->is(OpKind::Math));
  EXPECT_EQ(S->getDefiningOp()->getMathFn(), MathFn::Sin);
  EXPECT_EQ(S->getType(), Type::getF32());
  Value *P = B.math(MathFn::Pow, {S, X});
  EXPECT_EQ(P->getDefiningOp()->getMathFn(), MathFn::Pow);
  EXPECT_EQ(P->getDefiningOp()->getNumOperands(), 2u);
  EXPECT_EQ(getMathArity(MathFn::Pow), 2u);
  EXPECT_EQ(getMathName(MathFn::Pow), "pow");
  EXPECT_EQ(lookupMathFn("sin"), MathFn::Sin);
  EXPECT_EQ(lookupMathFn("no_such_function"), std::nullopt);
  B.ret({P});
  EXPECT_TRUE(verifies(*F));
}

// A call has its callee's result type, or no result for a void callee.
TEST(BuilderTest, CallsTakeTheCalleeResultType) {
  Module M;
  Function *G = addFunction(M, "g", Type::getF64(), "ns");
  Value *GX = G->addParam(Type::getF64(), "x", "double");
  Builder(G->getBody()).ret({GX});
  Function *H = addFunction(M, "h", Type::getVoid());
  H->addParam(Type::getF64(), "x", "double");
  Builder(H->getBody()).ret({});

  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Builder B(F->getBody());
  Value *R = B.call(G, {X});
  ASSERT_NE(R, nullptr);
  EXPECT_EQ(R->getType(), Type::getF64());
  EXPECT_TRUE(R->getDefiningOp()->is(OpKind::Call));
  EXPECT_EQ(R->getDefiningOp()->getCallee(), G);
  EXPECT_EQ(B.call(H, {X}), nullptr);
  Op *VoidCall = F->getBody().getOps().back().get();
  EXPECT_TRUE(VoidCall->is(OpKind::Call));
  EXPECT_EQ(VoidCall->getNumResults(), 0u);
  EXPECT_EQ(VoidCall->getCallee(), H);
  B.ret({R});
  EXPECT_TRUE(verifies(*F));
  EXPECT_EQ(M.lookup("ns::g"), G);
  EXPECT_EQ(M.lookup("g"), nullptr);
}

// An `if` owns a then and an else region, whose parent op is the if; its
// results are the declared types; yields end both regions.
TEST(BuilderTest, IfWithRegionsAndYields) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Value *C = F->addParam(Type::getBool(), "c", "bool");
  Builder B(F->getBody());
  Op *If = B.createIf(C, {Type::getF64(), Type::getInt(32, true)});
  EXPECT_TRUE(If->is(OpKind::If));
  ASSERT_EQ(If->getNumRegions(), 2u);
  ASSERT_EQ(If->getNumResults(), 2u);
  EXPECT_EQ(If->getResult(0)->getType(), Type::getF64());
  EXPECT_EQ(If->getResult(1)->getType(), Type::getInt(32, true));
  EXPECT_EQ(If->getResult(1)->getIndex(), 1u);
  EXPECT_EQ(If->getOperand(0), C);
  for (unsigned I = 0; I != 2; ++I) {
    EXPECT_TRUE(If->getRegion(I).empty());
    EXPECT_EQ(If->getRegion(I).getParentOp(), If);
    EXPECT_EQ(If->getRegion(I).getParentFunction(), F);
    EXPECT_TRUE(If->getRegion(I).isNestedIn(&F->getBody()));
  }
  EXPECT_FALSE(If->getRegion(0).isNestedIn(&If->getRegion(1)));
  EXPECT_FALSE(F->getBody().isNestedIn(&If->getRegion(0)));

  B.setInsertionPointToEnd(If->getRegion(0));
  Value *Sq = B.mul(X, X);
  B.yield({Sq, B.constInt(Type::getInt(32, true), 1)});
  EXPECT_EQ(Sq->getParentRegion(), &If->getRegion(0));
  B.setInsertionPointToEnd(If->getRegion(1));
  B.yield({X, B.constInt(Type::getInt(32, true), 2)});
  EXPECT_TRUE(If->getRegion(0).getTerminator()->is(OpKind::Yield));
  EXPECT_EQ(If->getRegion(1).getTerminator()->getNumOperands(), 2u);

  B.setInsertionPointToEnd(F->getBody());
  B.ret({If->getResult(0)});
  EXPECT_TRUE(verifies(*F));
}

// setInsertionPoint(O) puts new ops before O, in the order they are made.
TEST(BuilderTest, InsertionPointBeforeAnOp) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Builder B(F->getBody());
  Value *Neg = B.neg(X);
  B.ret({Neg});
  Op *Ret = F->getBody().getTerminator();

  B.setInsertionPoint(Ret);
  EXPECT_EQ(&B.getInsertionRegion(), &F->getBody());
  Value *Sum = B.add(Neg, X);
  Value *Prod = B.mul(Sum, Sum);
  Ret->setOperand(0, Prod);
  EXPECT_EQ(kindsOf(F->getBody()),
            (std::vector<OpKind>{OpKind::Neg, OpKind::Add, OpKind::Mul,
                                 OpKind::Return}));
  EXPECT_EQ(F->getBody().getTerminator(), Ret);

  // Before the first op.
  B.setInsertionPoint(Neg->getDefiningOp());
  B.constFloat(Type::getF64(), 1);
  EXPECT_TRUE(F->getBody().getOps().front()->is(OpKind::Constant));
  EXPECT_TRUE(verifies(*F));
}

// An insertion point before an op nested in an `if` region inserts into that
// region.
TEST(BuilderTest, InsertionPointInsideARegion) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Value *C = F->addParam(Type::getBool(), "c", "bool");
  Builder B(F->getBody());
  Op *If = B.createIf(C, {Type::getF64()});
  B.ret({If->getResult(0)});
  B.setInsertionPointToEnd(If->getRegion(0));
  B.yield({X});
  B.setInsertionPointToEnd(If->getRegion(1));
  B.yield({X});

  Op *Yield = If->getRegion(0).getTerminator();
  B.setInsertionPoint(Yield);
  EXPECT_EQ(&B.getInsertionRegion(), &If->getRegion(0));
  Value *Sq = B.mul(X, X);
  Yield->setOperand(0, Sq);
  EXPECT_EQ(kindsOf(If->getRegion(0)),
            (std::vector<OpKind>{OpKind::Mul, OpKind::Yield}));
  EXPECT_EQ(kindsOf(F->getBody()),
            (std::vector<OpKind>{OpKind::If, OpKind::Return}));
  EXPECT_TRUE(verifies(*F));
}

// A floating constant holds the value of its type, as C++ would: 0.1 in a
// float is float(0.1), in a double double(0.1), in a long double 0.1L.
TEST(BuilderTest, ConstantsAreRoundedToTheirType) {
  Module M;
  Function *F = addFunction(M, "f", Type::getVoid());
  Builder B(F->getBody());
  Value *F32 = B.constFloat(Type::getF32(), 0.1L);
  Value *F64 = B.constFloat(Type::getF64(), 0.1L);
  Value *F80 = B.constFloat(Type::getFloat(80), 0.1L);
  EXPECT_EQ(F32->getDefiningOp()->getFloatValue(),
            static_cast<long double>(static_cast<float>(0.1)));
  EXPECT_EQ(F64->getDefiningOp()->getFloatValue(),
            static_cast<long double>(0.1));
  EXPECT_EQ(F80->getDefiningOp()->getFloatValue(), 0.1L);
  // The three differ, so the comparisons above can tell them apart.
  EXPECT_NE(static_cast<long double>(static_cast<float>(0.1)),
            static_cast<long double>(0.1));
  EXPECT_NE(static_cast<long double>(0.1), 0.1L);

  // Out of range for float: infinity, as the conversion gives.
  Value *Big = B.constFloat(Type::getF32(), 1e300L);
  EXPECT_TRUE(std::isinf(Big->getDefiningOp()->getFloatValue()));

  Value *I = B.constInt(Type::getInt(64, true), -5);
  EXPECT_EQ(I->getDefiningOp()->getIntValue(), -5);
  EXPECT_EQ(I->getType(), Type::getInt(64, true));
  Value *T = B.constBool(true);
  EXPECT_EQ(T->getType(), Type::getBool());
  EXPECT_EQ(T->getDefiningOp()->getIntValue(), 1);
  EXPECT_TRUE(T->getDefiningOp()->isConstantValue(1));
  EXPECT_FALSE(T->getDefiningOp()->isConstantValue(0));

  // constLike takes the type of its model and rounds to it.
  Value *L = B.constLike(F32, 0.2L);
  EXPECT_EQ(L->getType(), Type::getF32());
  EXPECT_EQ(L->getDefiningOp()->getFloatValue(),
            static_cast<long double>(0.2f));
  Value *LI = B.constLike(I, 3);
  EXPECT_EQ(LI->getType(), Type::getInt(64, true));
  EXPECT_EQ(LI->getDefiningOp()->getIntValue(), 3);

  Value *U = B.undef(Type::getF64());
  EXPECT_TRUE(U->getDefiningOp()->is(OpKind::Undef));
  EXPECT_EQ(U->getType(), Type::getF64());
  B.ret({});
  EXPECT_TRUE(verifies(*F));
}

// slot makes an alloca of a pointer to its type, named by the hint; load
// reads the pointee type; accumulate has two operands and no result.
TEST(BuilderTest, SlotLoadAccumulate) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Builder B(F->getBody());
  Value *P = B.slot(Type::getF64(), "d_x");
  EXPECT_TRUE(P->getDefiningOp()->is(OpKind::Alloca));
  EXPECT_EQ(P->getType(), Type::getF64().getPointerTo());
  EXPECT_EQ(P->getName(), "d_x");
  EXPECT_EQ(P->getDefiningOp()->getNumOperands(), 0u);

  B.accumulate(P, X);
  Op *Acc = F->getBody().getOps().back().get();
  EXPECT_TRUE(Acc->is(OpKind::Accumulate));
  EXPECT_EQ(Acc->getNumResults(), 0u);
  ASSERT_EQ(Acc->getNumOperands(), 2u);
  EXPECT_EQ(Acc->getOperand(0), P);
  EXPECT_EQ(Acc->getOperand(1), X);
  EXPECT_TRUE(Acc->hasSideEffects());

  Value *L = B.load(P);
  EXPECT_TRUE(L->getDefiningOp()->is(OpKind::Load));
  EXPECT_EQ(L->getType(), Type::getF64());
  EXPECT_EQ(L->getDefiningOp()->getOperand(0), P);
  // Reading and making slots are not effects: unused, they can go.
  EXPECT_FALSE(L->getDefiningOp()->hasSideEffects());
  EXPECT_FALSE(P->getDefiningOp()->hasSideEffects());
  B.ret({L});
  EXPECT_TRUE(verifies(*F));
}

// Ops made after setLoc / setDerived carry the location and the mark; the
// ones made before do not change.
TEST(BuilderTest, LocationAndDerivedMarkTravelOntoNewOps) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Builder B(F->getBody());
  Value *Primal = B.mul(X, X);
  B.setLoc(42);
  B.setDerived(true);
  EXPECT_TRUE(B.isDerived());
  EXPECT_EQ(B.getLoc(), 42u);
  Value *Derived = B.add(Primal, X);
  EXPECT_FALSE(Primal->getDefiningOp()->isDerived());
  EXPECT_EQ(Primal->getDefiningOp()->getLoc(), 0u);
  EXPECT_TRUE(Derived->getDefiningOp()->isDerived());
  EXPECT_EQ(Derived->getDefiningOp()->getLoc(), 42u);
  B.setDerived(false);
  EXPECT_FALSE(B.neg(X)->getDefiningOp()->isDerived());
}

// Side effects: an accumulate nested in an `if` makes the if effectful; a
// call is effectful exactly when its callee is impure.
TEST(BuilderTest, SideEffectsOfIfsAndCalls) {
  Module M;
  Function *G = addFunction(M, "g", Type::getF64());
  Value *GX = G->addParam(Type::getF64(), "x", "double");
  Builder(G->getBody()).ret({GX});

  Function *F = addFunction(M, "f", Type::getVoid());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Value *C = F->addParam(Type::getBool(), "c", "bool");
  Builder B(F->getBody());
  Value *P = B.slot(Type::getF64());
  Op *Quiet = B.createIf(C, {});
  Op *Loud = B.createIf(C, {});
  B.setInsertionPointToEnd(Quiet->getRegion(0));
  B.mul(X, X);
  B.yield({});
  B.setInsertionPointToEnd(Quiet->getRegion(1));
  B.yield({});
  B.setInsertionPointToEnd(Loud->getRegion(0));
  B.yield({});
  B.setInsertionPointToEnd(Loud->getRegion(1));
  B.accumulate(P, X);
  B.yield({});
  B.setInsertionPointToEnd(F->getBody());
  Op *Call = B.call(G, {X})->getDefiningOp();
  B.ret({});
  EXPECT_TRUE(verifies(*F));

  EXPECT_FALSE(Quiet->hasSideEffects());
  EXPECT_TRUE(Loud->hasSideEffects());
  EXPECT_FALSE(Call->hasSideEffects());
  G->setPure(false);
  EXPECT_TRUE(Call->hasSideEffects());

  EXPECT_TRUE(isPure(OpKind::Add));
  EXPECT_FALSE(isPure(OpKind::Accumulate));
  EXPECT_EQ(getNumOperands(OpKind::Select), 3);
  EXPECT_EQ(getNumOperands(OpKind::Call), -1);
  EXPECT_EQ(getNumRegions(OpKind::If), 2u);
  EXPECT_EQ(getMnemonic(OpKind::Accumulate), "accumulate");
}

} // namespace
