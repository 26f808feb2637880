//===- DCETest.cpp - Dead code elimination --------------------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Tests of transforms::eliminateDeadCode: unused pure ops go, whole chains
/// of them in one sweep; unused `if` results go with the values their
/// regions yield for them, and an `if` left without results or effects goes
/// entirely; accumulations, the slots they write and calls to impure
/// functions stay.
///
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::transforms::test;

namespace {

/// f(x: f64, y: f64, c: i1) -> f64 with a builder appending to its body.
struct Fixture : XYCFunction {
  /// Runs DCE, expecting \p Changed, checks the function verifies and that a
  /// second run finds nothing more.
  void dce(bool Changed) {
    ASSERT_TRUE(verifies(*F));
    std::string Before = printed(*F);
    EXPECT_EQ(transforms::eliminateDeadCode(*F), Changed) << Before;
    EXPECT_TRUE(verifies(*F));
    std::string After = printed(*F);
    if (!Changed) {
      EXPECT_EQ(After, Before);
    }
    EXPECT_FALSE(transforms::eliminateDeadCode(*F)) << After;
    EXPECT_EQ(printed(*F), After);
  }
};

// A chain of unused pure ops goes in one sweep; used ones stay.
TEST(DCETest, RemovesUnusedPureOps) {
  Fixture T;
  Value *Used = T.B.mul(T.X, T.Y);
  Value *A = T.B.add(T.X, T.B.constFloat(Type::getF64(), 2));
  Value *S = T.B.math(MathFn::Sin, {A});
  T.B.select(T.B.cmp(CmpPred::LT, S, Used), S, T.B.neg(Used));
  T.B.undef(Type::getF64());
  T.B.ret({Used});
  T.dce(true);
  EXPECT_EQ(printed(*T.F), "func @f(%x: f64, %y: f64, %c: i1) -> f64 {\n"
                           "  %0 = mul %x, %y : f64\n"
                           "  return %0\n"
                           "}\n");
}

// Nothing to remove: DCE reports no change.
TEST(DCETest, NothingToRemove) {
  Fixture T;
  T.B.ret({T.B.add(T.X, T.Y)});
  T.dce(false);
}

// An accumulation and the slot it adds into stay though nothing reads the
// slot; an unused load goes.
TEST(DCETest, KeepsAccumulations) {
  Fixture T;
  Value *P = T.B.slot(Type::getF64(), "d_x");
  T.B.accumulate(P, T.B.mul(T.X, T.Y));
  T.B.load(P);
  T.B.slot(Type::getF64(), "unused");
  T.B.ret({T.X});
  T.dce(true);
  EXPECT_EQ(printed(*T.F), "func @f(%x: f64, %y: f64, %c: i1) -> f64 {\n"
                           "  %d_x = alloca : f64*\n"
                           "  %0 = mul %x, %y : f64\n"
                           "  accumulate %d_x, %0\n"
                           "  return %x\n"
                           "}\n");
}

// An unused call to an impure function stays (with its arguments), one to
// a pure function goes; so does a void call to an impure function stay.
TEST(DCETest, KeepsCallsToImpureFunctions) {
  Module M;
  Function *Pure = addFunction(M, "pure", Type::getF64());
  Builder(Pure->getBody()).ret({Pure->addParam(Type::getF64(), "x", "double")});
  Function *Impure = addFunction(M, "impure", Type::getF64());
  Builder(Impure->getBody())
      .ret({Impure->addParam(Type::getF64(), "x", "double")});
  Impure->setPure(false);
  Function *Sink = addFunction(M, "sink", Type::getVoid());
  Sink->addParam(Type::getF64(), "x", "double");
  Builder(Sink->getBody()).ret({});
  Sink->setPure(false);

  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Builder B(F->getBody());
  B.call(Pure, {B.neg(X)});
  B.call(Impure, {B.math(MathFn::Exp, {X})});
  B.call(Sink, {X});
  B.ret({X});
  ASSERT_TRUE(verifies(*F));
  EXPECT_TRUE(transforms::eliminateDeadCode(*F));
  EXPECT_TRUE(verifies(*F));
  EXPECT_EQ(printed(*F), "func @f(%x: f64) -> f64 {\n"
                         "  %0 = math exp %x : f64\n"
                         "  %1 = call @impure %0 : f64\n"
                         "  call @sink %x\n"
                         "  return %x\n"
                         "}\n");
}

// An unused result of an `if` goes, with the yielded values for it and the
// ops that only computed them; the used result stays.
TEST(DCETest, RemovesUnusedIfResults) {
  Fixture T;
  Op *If = T.B.createIf(T.C, {Type::getF64(), Type::getF64(), Type::getF64()});
  T.B.ret({If->getResult(1)});
  T.B.setInsertionPointToEnd(If->getRegion(0));
  T.B.yield({T.B.math(MathFn::Sin, {T.X}), T.B.mul(T.X, T.Y), T.X});
  T.B.setInsertionPointToEnd(If->getRegion(1));
  T.B.yield({T.B.math(MathFn::Cos, {T.X}), T.Y, T.B.neg(T.Y)});
  T.dce(true);
  ASSERT_EQ(If->getNumResults(), 1u);
  EXPECT_EQ(returned(*T.F), If->getResult(0));
  EXPECT_EQ(If->getResult(0)->getIndex(), 0u);
  EXPECT_EQ(printed(*T.F), "func @f(%x: f64, %y: f64, %c: i1) -> f64 {\n"
                           "  %0 = if %c -> (f64) {\n"
                           "    %1 = mul %x, %y : f64\n"
                           "    yield %1\n"
                           "  } else {\n"
                           "    yield %y\n"
                           "  }\n"
                           "  return %0\n"
                           "}\n");
}

// An `if` whose results are all unused and whose regions have no effects
// goes entirely, and with it the ops outside that only it used.
TEST(DCETest, RemovesAnIfWithoutUsedResultsOrEffects) {
  Fixture T;
  Value *OnlyForIf = T.B.mul(T.X, T.X);
  Value *Cond = T.B.cmp(CmpPred::LT, T.X, T.Y);
  Op *If = T.B.createIf(Cond, {Type::getF64()});
  T.B.ret({T.Y});
  T.B.setInsertionPointToEnd(If->getRegion(0));
  T.B.yield({T.B.add(OnlyForIf, T.Y)});
  T.B.setInsertionPointToEnd(If->getRegion(1));
  Op *Inner = T.B.createIf(T.C, {});
  T.B.yield({T.X});
  T.B.setInsertionPointToEnd(Inner->getRegion(0));
  T.B.math(MathFn::Sqrt, {OnlyForIf});
  T.B.yield({});
  T.B.setInsertionPointToEnd(Inner->getRegion(1));
  T.B.yield({});
  T.dce(true);
  EXPECT_EQ(printed(*T.F), "func @f(%x: f64, %y: f64, %c: i1) -> f64 {\n"
                           "  return %y\n"
                           "}\n");
}

// An `if` with an accumulation inside stays though its results are unused;
// the results and their yielded values go, the accumulation stays.
TEST(DCETest, KeepsAnIfWithEffects) {
  Fixture T;
  Value *P = T.B.slot(Type::getF64(), "d_x");
  Op *If = T.B.createIf(T.C, {Type::getF64()});
  T.B.ret({T.B.load(P)});
  T.B.setInsertionPointToEnd(If->getRegion(0));
  T.B.accumulate(P, T.B.mul(T.X, T.Y));
  T.B.yield({T.B.math(MathFn::Exp, {T.Y})});
  T.B.setInsertionPointToEnd(If->getRegion(1));
  T.B.math(MathFn::Log, {T.Y});
  T.B.yield({T.X});
  T.dce(true);
  EXPECT_EQ(printed(*T.F), "func @f(%x: f64, %y: f64, %c: i1) -> f64 {\n"
                           "  %d_x = alloca : f64*\n"
                           "  if %c {\n"
                           "    %0 = mul %x, %y : f64\n"
                           "    accumulate %d_x, %0\n"
                           "    yield\n"
                           "  } else {\n"
                           "    yield\n"
                           "  }\n"
                           "  %1 = load %d_x : f64\n"
                           "  return %1\n"
                           "}\n");
}

// A value yielded for a removed result but also used elsewhere stays.
TEST(DCETest, KeepsYieldedValuesUsedElsewhere) {
  Fixture T;
  Op *If = T.B.createIf(T.C, {Type::getF64()});
  T.B.ret({T.X});
  T.B.setInsertionPointToEnd(If->getRegion(0));
  Value *S = T.B.math(MathFn::Sin, {T.X});
  Op *Inner = T.B.createIf(T.C, {});
  T.B.yield({S});
  T.B.setInsertionPointToEnd(Inner->getRegion(0));
  Value *P = T.B.slot(Type::getF64());
  T.B.accumulate(P, S);
  T.B.yield({});
  T.B.setInsertionPointToEnd(Inner->getRegion(1));
  T.B.yield({});
  T.B.setInsertionPointToEnd(If->getRegion(1));
  T.B.yield({T.Y});
  T.dce(true);
  EXPECT_EQ(If->getNumResults(), 0u);
  EXPECT_EQ(countOps(*T.F, OpKind::Math), 1u);
  EXPECT_EQ(countOps(*T.F, OpKind::Accumulate), 1u);
  EXPECT_EQ(countOps(*T.F, OpKind::If), 2u);
}

} // namespace
