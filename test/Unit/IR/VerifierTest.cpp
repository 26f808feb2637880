//===- VerifierTest.cpp - Invariants checked by ir::verify ----------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Tests of ir::verify: a well-formed function passes, and each broken
/// invariant is reported with a message that names the function, the op and
/// the problem. Broken functions are made with Builder::create, which checks
/// nothing, or by editing a well-formed function.
///
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "chainrule/IR/Builder.h"

#include "gmock/gmock.h"

using namespace chainrule::ir;
using namespace chainrule::ir::test;
using ::testing::HasSubstr;

namespace {

/// f(x: f64, c: i1) -> f64 with an `if` yielding x*x or x, and a return of
/// the if's result.
struct IfFunction {
  Module M;
  Function *F;
  Value *X, *C;
  Op *If;

  IfFunction() {
    F = addFunction(M, "f", Type::getF64(), "ns");
    X = F->addParam(Type::getF64(), "x", "double");
    C = F->addParam(Type::getBool(), "c", "bool");
    Builder B(F->getBody());
    If = B.createIf(C, {Type::getF64()});
    B.ret({If->getResult(0)});
    B.setInsertionPointToEnd(If->getRegion(0));
    B.yield({B.mul(X, X)});
    B.setInsertionPointToEnd(If->getRegion(1));
    B.yield({X});
  }
};

// A function using every family of op verifies, and so does the module.
TEST(VerifierTest, WellFormedFunctionPasses) {
  Module M;
  Function *G = addFunction(M, "g", Type::getF64());
  Value *GX = G->addParam(Type::getF64(), "x", "double");
  Builder(G->getBody()).ret({GX});

  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Value *N = F->addParam(Type::getInt(32, true), "n", "int");
  Builder B(F->getBody());
  Value *C = B.cmp(CmpPred::LT, X, B.constFloat(Type::getF64(), 0));
  Value *NotC = B.logicNot(C);
  Value *P = B.slot(Type::getF64(), "acc");
  Op *If = B.createIf(B.logicAnd(C, NotC), {Type::getF64()});
  Value *Sel = B.select(C, X, B.neg(X));
  Value *Call = B.call(G, {Sel});
  B.accumulate(P, Call);
  Value *Rem = B.rem(N, B.constInt(Type::getInt(32, true), 3));
  Value *Sum = B.add(B.load(P), B.cast(Type::getF64(), Rem));
  B.ret({B.math(MathFn::Pow, {Sum, If->getResult(0)})});
  B.setInsertionPointToEnd(If->getRegion(0));
  // Uses of values of the enclosing region are fine.
  B.yield({B.math(MathFn::Sin, {X})});
  B.setInsertionPointToEnd(If->getRegion(1));
  B.yield({B.undef(Type::getF64())});

  EXPECT_TRUE(verifies(*F));
  EXPECT_TRUE(verifies(*G));
  EXPECT_EQ(llvm::toString(verify(M)), "");
  IfFunction T;
  EXPECT_TRUE(verifies(*T.F));
}

// Operands of different types for an arithmetic op.
TEST(VerifierTest, OperandTypeMismatch) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF64(), "ns");
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Value *Y = F->addParam(Type::getF32(), "y", "float");
  Builder B(F->getBody());
  Value *Bad = B.create(OpKind::Add, Type::getF64(), {X, Y})->getResult();
  B.ret({Bad});
  std::string Msg = verifyMessage(*F);
  EXPECT_THAT(Msg, HasSubstr("in function 'ns::f'"));
  EXPECT_THAT(Msg, HasSubstr("'add'"));
  EXPECT_THAT(Msg, HasSubstr("operand and result types differ"));
}

// A result type that differs from the operands', a comparison of values of
// different types, a select on a non-i1, logic on a non-i1.
TEST(VerifierTest, OtherTypeMismatches) {
  auto Check = [](auto Build, const char *Expected) {
    Module M;
    Function *F = addFunction(M, "f", Type::getVoid());
    Value *X = F->addParam(Type::getF64(), "x", "double");
    Value *Y = F->addParam(Type::getF32(), "y", "float");
    Builder B(F->getBody());
    Build(B, X, Y);
    B.ret({});
    EXPECT_THAT(verifyMessage(*F), HasSubstr(Expected));
  };
  Check(
      [](Builder &B, Value *X, Value *) {
        B.create(OpKind::Mul, Type::getF32(), {X, X});
      },
      "'mul' operand and result types differ");
  Check(
      [](Builder &B, Value *X, Value *Y) {
        B.create(OpKind::Cmp, Type::getBool(), {X, Y});
      },
      "'cmp' compares values of different types");
  Check(
      [](Builder &B, Value *X, Value *) {
        B.create(OpKind::Select, Type::getF64(), {X, X, X});
      },
      "'select' needs an i1 condition");
  Check([](Builder &B, Value *X,
           Value *) { B.create(OpKind::Not, Type::getBool(), {X}); },
        "'not' on a non-i1 operand");
  Check(
      [](Builder &B, Value *X, Value *) {
        B.create(OpKind::Rem, Type::getF64(), {X, X});
      },
      "'rem' on a floating type");
  Check(
      [](Builder &B, Value *X, Value *Y) {
        Value *P = B.slot(Type::getF64());
        B.create(OpKind::Accumulate, Type::getVoid(), {P, Y});
      },
      "'accumulate' needs a pointer to the accumulated value's type");
  Check([](Builder &B, Value *X,
           Value *) { B.create(OpKind::Load, Type::getF64(), {X}); },
        "'load' needs a pointer to its result type");
}

// The wrong number of operands for a fixed-arity op.
TEST(VerifierTest, OperandCountMismatch) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Builder B(F->getBody());
  Value *Bad = B.create(OpKind::Sub, Type::getF64(), {X})->getResult();
  B.ret({Bad});
  EXPECT_THAT(verifyMessage(*F), HasSubstr("'sub' has 1 operands, expected 2"));
}

// A function body without `return`, and an `if` region without `yield`.
TEST(VerifierTest, MissingTerminator) {
  {
    Module M;
    Function *F = addFunction(M, "f", Type::getF64());
    Value *X = F->addParam(Type::getF64(), "x", "double");
    Builder(F->getBody()).add(X, X);
    EXPECT_THAT(verifyMessage(*F),
                HasSubstr("region does not end in 'return'"));
  }
  {
    Module M;
    Function *F = addFunction(M, "f", Type::getVoid());
    EXPECT_THAT(verifyMessage(*F),
                HasSubstr("region does not end in 'return'"));
  }
  {
    IfFunction T;
    Region &Else = T.If->getRegion(1);
    Else.erase(Else.getTerminator());
    Builder(Else).neg(T.X);
    std::string Msg = verifyMessage(*T.F);
    EXPECT_THAT(Msg, HasSubstr("in function 'ns::f'"));
    // Either the region's terminator or the if's yield count is reported.
    EXPECT_TRUE(Msg.find("does not end in 'yield'") != std::string::npos ||
                Msg.find("yields a different number") != std::string::npos)
        << Msg;
  }
}

// A terminator that is not last in its region.
TEST(VerifierTest, TerminatorInTheMiddle) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Builder B(F->getBody());
  B.ret({X});
  B.ret({X});
  EXPECT_THAT(verifyMessage(*F),
              HasSubstr("'return' terminator in the middle of a region"));
}

// A yield with fewer values than the if has results, or with a value of the
// wrong type.
TEST(VerifierTest, YieldMismatchWithIfResults) {
  {
    IfFunction T;
    T.If->getRegion(1).getTerminator()->eraseOperand(0);
    std::string Msg = verifyMessage(*T.F);
    EXPECT_THAT(Msg, HasSubstr("'if' region 1 yields a different number of "
                               "values than the op's results"));
  }
  {
    IfFunction T;
    T.If->getRegion(0).getTerminator()->addOperand(T.X);
    EXPECT_THAT(verifyMessage(*T.F),
                HasSubstr("'if' region 0 yields a different number"));
  }
  {
    IfFunction T;
    T.If->getRegion(1).getTerminator()->setOperand(0, T.C);
    EXPECT_THAT(verifyMessage(*T.F),
                HasSubstr("'if' yields a value of the wrong type"));
  }
  {
    IfFunction T;
    T.If->setOperand(0, T.X);
    EXPECT_THAT(verifyMessage(*T.F), HasSubstr("'if' needs an i1 condition"));
  }
}

// A value defined in the then region used in the else region.
TEST(VerifierTest, UseFromASiblingRegion) {
  IfFunction T;
  Value *Square = T.If->getRegion(0).getTerminator()->getOperand(0);
  T.If->getRegion(1).getTerminator()->setOperand(0, Square);
  EXPECT_THAT(verifyMessage(*T.F),
              HasSubstr("'yield' uses a value not defined before it in an "
                        "enclosing region"));
}

// A value defined in an `if` region used after the if, and an if's result
// used inside its own region.
TEST(VerifierTest, UseOutsideTheDefiningRegion) {
  {
    IfFunction T;
    Value *Square = T.If->getRegion(0).getTerminator()->getOperand(0);
    T.F->getBody().getTerminator()->setOperand(0, Square);
    EXPECT_THAT(verifyMessage(*T.F),
                HasSubstr("'return' uses a value not defined before it"));
  }
  {
    IfFunction T;
    T.If->getRegion(1).getTerminator()->setOperand(0, T.If->getResult(0));
    EXPECT_THAT(verifyMessage(*T.F),
                HasSubstr("'yield' uses a value not defined before it"));
  }
}

// A use before the definition in the same region, and a parameter of another
// function.
TEST(VerifierTest, UseBeforeDefinition) {
  {
    Module M;
    Function *F = addFunction(M, "f", Type::getF64());
    Value *X = F->addParam(Type::getF64(), "x", "double");
    Builder B(F->getBody());
    Value *Late = B.mul(X, X);
    B.ret({Late});
    B.setInsertionPoint(Late->getDefiningOp());
    B.neg(Late);
    EXPECT_THAT(verifyMessage(*F),
                HasSubstr("'neg' uses a value not defined before it"));
  }
  {
    Module M;
    Function *G = addFunction(M, "g", Type::getF64());
    Value *GX = G->addParam(Type::getF64(), "x", "double");
    Function *F = addFunction(M, "f", Type::getF64());
    F->addParam(Type::getF64(), "x", "double");
    Builder(F->getBody()).ret({GX});
    EXPECT_THAT(verifyMessage(*F),
                HasSubstr("'return' uses a value not defined before it"));
  }
}

// A return of the wrong type, of nothing in a non-void function, of a value
// in a void function.
TEST(VerifierTest, ReturnTypeMismatch) {
  auto Check = [](Type ResultTy, auto Build) {
    Module M;
    Function *F = addFunction(M, "f", ResultTy);
    Value *X = F->addParam(Type::getF32(), "x", "float");
    Builder B(F->getBody());
    Build(B, X);
    EXPECT_THAT(verifyMessage(*F),
                HasSubstr("'return' does not match the function's result "
                          "type"));
  };
  Check(Type::getF64(), [](Builder &B, Value *X) { B.ret({X}); });
  Check(Type::getF64(), [](Builder &B, Value *) { B.ret({}); });
  Check(Type::getVoid(), [](Builder &B, Value *X) { B.ret({X}); });
  Check(Type::getF32(), [](Builder &B, Value *X) { B.ret({X, X}); });
}

// A call with too many or too few arguments, or one of the wrong type.
TEST(VerifierTest, CallArgumentMismatch) {
  Module M;
  Function *G = addFunction(M, "g", Type::getF64(), "ns");
  Value *GX = G->addParam(Type::getF64(), "x", "double");
  G->addParam(Type::getF64(), "y", "double");
  Builder(G->getBody()).ret({GX});
  {
    Function *F = addFunction(M, "f1", Type::getF64());
    Value *X = F->addParam(Type::getF64(), "x", "double");
    Builder B(F->getBody());
    B.ret({B.call(G, {X})});
    EXPECT_THAT(verifyMessage(*F),
                HasSubstr("'call' passes 1 arguments to 'ns::g'"));
  }
  {
    Function *F = addFunction(M, "f2", Type::getF64());
    Value *X = F->addParam(Type::getF64(), "x", "double");
    Builder B(F->getBody());
    B.ret({B.call(G, {X, X, X})});
    EXPECT_THAT(verifyMessage(*F),
                HasSubstr("'call' passes 3 arguments to 'ns::g'"));
  }
  {
    Function *F = addFunction(M, "f3", Type::getF64());
    Value *X = F->addParam(Type::getF64(), "x", "double");
    Value *Y = F->addParam(Type::getF32(), "y", "float");
    Builder B(F->getBody());
    B.ret({B.call(G, {X, Y})});
    EXPECT_THAT(verifyMessage(*F),
                HasSubstr("'call' argument 1 has the wrong type"));
  }
  // The module check reports the first broken function.
  EXPECT_THAT(llvm::toString(verify(M)), HasSubstr("in function 'f1'"));
}

// A math op with the wrong number of arguments or an integer argument.
TEST(VerifierTest, MathArgumentMismatch) {
  Module M;
  Function *F = addFunction(M, "f", Type::getVoid());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Builder B(F->getBody());
  B.create(OpKind::Math, Type::getF64(), {X, X})->setMathFn(MathFn::Sin);
  B.ret({});
  EXPECT_THAT(verifyMessage(*F),
              HasSubstr("'math' has the wrong number of arguments for 'sin'"));

  Module M2;
  Function *G = addFunction(M2, "g", Type::getVoid());
  Value *N = G->addParam(Type::getInt(32, true), "n", "int");
  Builder BG(G->getBody());
  BG.create(OpKind::Math, Type::getInt(32, true), {N})->setMathFn(MathFn::Exp);
  BG.ret({});
  EXPECT_THAT(verifyMessage(*G),
              HasSubstr("arguments must be floating and of the result type"));
}

} // namespace
