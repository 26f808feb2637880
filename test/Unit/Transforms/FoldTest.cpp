//===- FoldTest.cpp - Constant folding and the simplify pipeline ----------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Tests of transforms::fold: constants computed in their type's precision;
/// identities exact in IEEE arithmetic applied to primal ops, identities
/// exact only in real arithmetic applied only to derived ops; integer
/// folding that leaves signed overflow and division by zero to run time;
/// `if` on a constant inlined; and transforms::simplify reaching a fixed
/// point. Every transformed function must still verify.
///
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include <cmath>
#include <cstdint>
#include <limits>

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::transforms::test;

namespace {

/// f(x: T, y: T) -> T, with a builder appending to its body.
struct Binary {
  Module M;
  Function *F;
  Value *X;
  Value *Y;
  Builder B;

  explicit Binary(Type Ty)
      : F(addFunction(M, "f", Ty)), X(F->addParam(Ty, "x", Ty.cxxName())),
        Y(F->addParam(Ty, "y", Ty.cxxName())), B(F->getBody()) {}

  /// Returns \p V, folds, checks the function still verifies, and gives the
  /// value returned after folding.
  Value *foldReturn(Value *V, bool ExpectChange = true) {
    B.ret({V});
    EXPECT_TRUE(verifies(*F));
    std::string Before = printed(*F);
    EXPECT_EQ(transforms::fold(*F), ExpectChange) << Before;
    EXPECT_TRUE(verifies(*F));
    if (!ExpectChange) {
      EXPECT_EQ(printed(*F), Before);
    }
    return returned(*F);
  }
};

long double asLong(float V) { return V; }
long double asLong(double V) { return V; }

//===----------------------------------------------------------------------===//
// Floating constants
//===----------------------------------------------------------------------===//

// float(0.1f) + float(0.2f) is computed and rounded in float: the folded
// constant is the float sum, not the exact (long double) sum of the two.
TEST(FoldTest, FloatConstantsFoldInFloat) {
  Binary T(Type::getF32());
  Value *Sum = T.B.add(T.B.constFloat(Type::getF32(), 0.1f),
                       T.B.constFloat(Type::getF32(), 0.2f));
  Value *R = T.foldReturn(Sum);
  volatile float A = 0.1f, C = 0.2f;
  float Expected = A + C;
  EXPECT_EQ(floatConstant(R), asLong(Expected));
  EXPECT_NE(floatConstant(R), asLong(0.1f) + asLong(0.2f));
  EXPECT_EQ(R->getType(), Type::getF32());
  EXPECT_EQ(countOps(*T.F, OpKind::Add), 0u);
}

// A product that overflows float is infinity in float, though it is finite
// in double.
TEST(FoldTest, FloatOverflowIsInfinity) {
  Binary T(Type::getF32());
  Value *R = T.foldReturn(T.B.mul(T.B.constFloat(Type::getF32(), 1e30f),
                                  T.B.constFloat(Type::getF32(), 1e30f)));
  EXPECT_TRUE(std::isinf(floatConstant(R)));
  EXPECT_GT(floatConstant(R), 0);
}

// Doubles fold in double: 0.1 + 0.2 is 0.30000000000000004, and a product
// whose rounding through long double would differ by one ulp (double
// rounding) comes out as the double product.
TEST(FoldTest, DoubleConstantsFoldInDouble) {
  {
    Binary T(Type::getF64());
    Value *R = T.foldReturn(T.B.add(T.B.constFloat(Type::getF64(), 0.1),
                                    T.B.constFloat(Type::getF64(), 0.2)));
    volatile double A = 0.1, C = 0.2;
    EXPECT_EQ(floatConstant(R), asLong(A + C));
    EXPECT_EQ(floatConstant(R), asLong(0.30000000000000004));
  }
  {
    const double A = 0x1.269191784d232p+0, C = 0x1.f0394511e0728p+0;
    const double Product = 0x1.1d7df7de23b03p+1;
    volatile double VA = A, VC = C;
    ASSERT_EQ(VA * VC, Product);
    // Via long double, the product rounds twice to a neighbour.
    ASSERT_NE(static_cast<double>(static_cast<long double>(A) * C), Product);
    Binary T(Type::getF64());
    Value *R = T.foldReturn(T.B.mul(T.B.constFloat(Type::getF64(), A),
                                    T.B.constFloat(Type::getF64(), C)));
    EXPECT_EQ(floatConstant(R), asLong(Product));
  }
  {
    Binary T(Type::getF64());
    Value *R = T.foldReturn(T.B.div(T.B.constFloat(Type::getF64(), 1),
                                    T.B.constFloat(Type::getF64(), 0)));
    EXPECT_TRUE(std::isinf(floatConstant(R)));
  }
}

// long double folds in long double.
TEST(FoldTest, LongDoubleConstantsFoldInLongDouble) {
  Binary T(Type::getFloat(80));
  Value *R = T.foldReturn(T.B.sub(T.B.constFloat(Type::getFloat(80), 0.3L),
                                  T.B.constFloat(Type::getFloat(80), 0.1L)));
  volatile long double A = 0.3L, C = 0.1L;
  EXPECT_EQ(floatConstant(R), A - C);
}

// Negating a constant, comparisons, select and logic on constants.
TEST(FoldTest, OtherOpsOnConstants) {
  {
    Binary T(Type::getF64());
    Value *R = T.foldReturn(T.B.neg(T.B.constFloat(Type::getF64(), 0)));
    EXPECT_EQ(floatConstant(R), 0);
    EXPECT_TRUE(std::signbit(floatConstant(R)));
  }
  {
    Binary T(Type::getF64());
    Value *One = T.B.constFloat(Type::getF64(), 1);
    Value *Two = T.B.constFloat(Type::getF64(), 2);
    Value *Lt = T.B.cmp(CmpPred::LT, One, Two);
    Value *Ge = T.B.cmp(CmpPred::GE, One, Two);
    // (1 < 2) && !(1 >= 2) ? x : y
    Value *C = T.B.logicAnd(Lt, T.B.logicNot(Ge));
    EXPECT_EQ(T.foldReturn(T.B.select(C, T.X, T.Y)), T.X);
  }
  {
    Binary T(Type::getF64());
    Value *NaN = T.B.constFloat(Type::getF64(), std::nanl(""));
    Value *Eq = T.B.cmp(CmpPred::EQ, NaN, NaN);
    Value *C = T.B.logicOr(Eq, T.B.constBool(false));
    EXPECT_EQ(T.foldReturn(T.B.select(C, T.X, T.Y)), T.Y);
  }
  {
    Binary T(Type::getF64());
    EXPECT_EQ(
        T.foldReturn(T.B.select(T.B.cmp(CmpPred::LT, T.X, T.Y), T.Y, T.Y)),
        T.Y);
  }
}

// Casts of constants: a narrowing float conversion rounds; integer
// conversions wrap as C++ does; a float out of an integer's range is left to
// run time (undefined in C++).
TEST(FoldTest, CastsOfConstants) {
  {
    Binary T(Type::getF32());
    Value *R = T.foldReturn(
        T.B.cast(Type::getF32(), T.B.constFloat(Type::getF64(), 0.1)));
    EXPECT_EQ(floatConstant(R), asLong(static_cast<float>(0.1)));
  }
  {
    Binary T(Type::getInt(8, false));
    Value *R = T.foldReturn(T.B.cast(Type::getInt(8, false),
                                     T.B.constInt(Type::getInt(32, true), -1)));
    EXPECT_EQ(intConstant(R), 255);
  }
  {
    Binary T(Type::getInt(8, true));
    Value *R = T.foldReturn(T.B.cast(
        Type::getInt(8, true), T.B.constInt(Type::getInt(32, true), 300)));
    EXPECT_EQ(intConstant(R), 44);
  }
  {
    Binary T(Type::getInt(32, true));
    Value *R = T.foldReturn(T.B.cast(Type::getInt(32, true),
                                     T.B.constFloat(Type::getF64(), -2.75)));
    EXPECT_EQ(intConstant(R), -2);
  }
  {
    Binary T(Type::getInt(32, true));
    Value *R = T.foldReturn(
        T.B.cast(Type::getInt(32, true), T.B.constFloat(Type::getF64(), 3e9)),
        /*ExpectChange=*/false);
    EXPECT_TRUE(R->getDefiningOp()->is(OpKind::Cast));
  }
  {
    Binary T(Type::getBool());
    Value *R = T.foldReturn(
        T.B.cast(Type::getBool(), T.B.constFloat(Type::getF64(), 0.5)));
    EXPECT_EQ(intConstant(R), 1);
  }
}

//===----------------------------------------------------------------------===//
// Identities on primal and derived ops
//===----------------------------------------------------------------------===//

// Identities exact in IEEE arithmetic rewrite primal ops: x * 1, 1 * x,
// x / 1, x - 0, x + (-0.0), (-0.0) + x give x; x * -1 gives -x; -(-x) gives
// x; x + (-y) gives x - y; x - (-y) gives x + y.
TEST(FoldTest, ExactIdentitiesOnPrimalOps) {
  Type F64 = Type::getF64();
  auto One = [&](Binary &T) { return T.B.constFloat(F64, 1); };
  {
    Binary T(F64);
    EXPECT_EQ(T.foldReturn(T.B.mul(T.X, One(T))), T.X);
  }
  {
    Binary T(F64);
    EXPECT_EQ(T.foldReturn(T.B.mul(One(T), T.X)), T.X);
  }
  {
    Binary T(F64);
    EXPECT_EQ(T.foldReturn(T.B.div(T.X, One(T))), T.X);
  }
  {
    Binary T(F64);
    EXPECT_EQ(T.foldReturn(T.B.sub(T.X, T.B.constFloat(F64, 0.0))), T.X);
  }
  {
    Binary T(F64);
    EXPECT_EQ(T.foldReturn(T.B.add(T.X, T.B.constFloat(F64, -0.0))), T.X);
  }
  {
    Binary T(F64);
    EXPECT_EQ(T.foldReturn(T.B.add(T.B.constFloat(F64, -0.0), T.X)), T.X);
  }
  {
    Binary T(F64);
    Value *R = T.foldReturn(T.B.mul(T.X, T.B.constFloat(F64, -1)));
    ASSERT_TRUE(R->getDefiningOp() && R->getDefiningOp()->is(OpKind::Neg));
    EXPECT_EQ(R->getDefiningOp()->getOperand(0), T.X);
    EXPECT_FALSE(R->getDefiningOp()->isDerived());
  }
  {
    Binary T(F64);
    EXPECT_EQ(T.foldReturn(T.B.neg(T.B.neg(T.X))), T.X);
  }
  {
    Binary T(F64);
    Value *R = T.foldReturn(T.B.add(T.X, T.B.neg(T.Y)));
    ASSERT_TRUE(R->getDefiningOp() && R->getDefiningOp()->is(OpKind::Sub));
    EXPECT_EQ(R->getDefiningOp()->getOperand(0), T.X);
    EXPECT_EQ(R->getDefiningOp()->getOperand(1), T.Y);
  }
  {
    Binary T(F64);
    Value *R = T.foldReturn(T.B.sub(T.X, T.B.neg(T.Y)));
    ASSERT_TRUE(R->getDefiningOp() && R->getDefiningOp()->is(OpKind::Add));
    EXPECT_EQ(R->getDefiningOp()->getOperand(0), T.X);
    EXPECT_EQ(R->getDefiningOp()->getOperand(1), T.Y);
  }
}

// Identities exact only in real arithmetic leave primal ops alone: x * 0 is
// NaN for infinite x and -0 for negative x; x + 0 is +0 for x = -0;
// x - (-0.0) likewise; 0 / x and 0 - x differ in sign or NaN.
TEST(FoldTest, InexactIdentitiesSparePrimalOps) {
  Type F64 = Type::getF64();
  using MakeFn = Value *(*)(Binary &);
  MakeFn Cases[] = {
      [](Binary &T) { return T.B.mul(T.X, T.B.constFloat(Type::getF64(), 0)); },
      [](Binary &T) { return T.B.mul(T.B.constFloat(Type::getF64(), 0), T.X); },
      [](Binary &T) { return T.B.add(T.X, T.B.constFloat(Type::getF64(), 0)); },
      [](Binary &T) { return T.B.add(T.B.constFloat(Type::getF64(), 0), T.X); },
      [](Binary &T) {
        return T.B.sub(T.X, T.B.constFloat(Type::getF64(), -0.0));
      },
      [](Binary &T) { return T.B.div(T.B.constFloat(Type::getF64(), 0), T.X); },
      [](Binary &T) { return T.B.sub(T.B.constFloat(Type::getF64(), 0), T.X); },
  };
  for (MakeFn Make : Cases) {
    Binary T(F64);
    Value *Op = Make(T);
    EXPECT_EQ(T.foldReturn(Op, /*ExpectChange=*/false), Op);
  }
}

// The same identities rewrite derived ops, whether marked by the builder or
// by Op::setDerived.
TEST(FoldTest, InexactIdentitiesRewriteDerivedOps) {
  Type F64 = Type::getF64();
  {
    Binary T(F64);
    T.B.setDerived(true);
    Value *R = T.foldReturn(T.B.mul(T.X, T.B.constFloat(F64, 0)));
    EXPECT_EQ(floatConstant(R), 0);
  }
  {
    Binary T(F64);
    T.B.setDerived(true);
    Value *R = T.foldReturn(T.B.mul(T.B.constFloat(F64, 0), T.X));
    EXPECT_EQ(floatConstant(R), 0);
  }
  {
    Binary T(F64);
    Value *Sum = T.B.add(T.X, T.B.constFloat(F64, 0));
    Sum->getDefiningOp()->setDerived(true);
    EXPECT_EQ(T.foldReturn(Sum), T.X);
  }
  {
    Binary T(F64);
    T.B.setDerived(true);
    EXPECT_EQ(T.foldReturn(T.B.add(T.B.constFloat(F64, 0), T.X)), T.X);
  }
  {
    Binary T(F64);
    T.B.setDerived(true);
    EXPECT_EQ(T.foldReturn(T.B.sub(T.X, T.B.constFloat(F64, -0.0))), T.X);
  }
  {
    Binary T(F64);
    T.B.setDerived(true);
    Value *R = T.foldReturn(T.B.sub(T.B.constFloat(F64, 0), T.X));
    ASSERT_TRUE(R->getDefiningOp() && R->getDefiningOp()->is(OpKind::Neg));
    EXPECT_EQ(R->getDefiningOp()->getOperand(0), T.X);
    // What a derived op is rewritten into is derived too.
    EXPECT_TRUE(R->getDefiningOp()->isDerived());
  }
}

// Integer identities are exact: x * 0 and x + 0 fold on primal ops.
TEST(FoldTest, IntegerIdentitiesOnPrimalOps) {
  Type I32 = Type::getInt(32, true);
  {
    Binary T(I32);
    EXPECT_EQ(intConstant(T.foldReturn(T.B.mul(T.X, T.B.constInt(I32, 0)))), 0);
  }
  {
    Binary T(I32);
    EXPECT_EQ(T.foldReturn(T.B.add(T.B.constInt(I32, 0), T.X)), T.X);
  }
}

// A derived op that cannot be rewritten must not gain ops either: fold says
// whether it changed the function, so a pass that reports no change must
// leave the function as it was.
TEST(FoldTest, NoChangeMeansUnchanged) {
  Type F64 = Type::getF64();
  Binary T(F64);
  Value *C = T.B.cmp(CmpPred::LT, T.X, T.Y);
  Value *S = T.B.select(C, T.B.constFloat(F64, -1), T.B.constFloat(F64, 2));
  T.B.setDerived(true);
  Value *P = T.B.mul(T.X, S);
  T.B.ret({P});
  ASSERT_TRUE(verifies(*T.F));
  std::string Before = printed(*T.F);
  unsigned OpsBefore = countAllOps(*T.F);
  bool Changed = transforms::fold(*T.F);
  EXPECT_TRUE(verifies(*T.F));
  if (!Changed) {
    EXPECT_EQ(printed(*T.F), Before);
    EXPECT_EQ(countAllOps(*T.F), OpsBefore);
  }
}

//===----------------------------------------------------------------------===//
// Integer constants
//===----------------------------------------------------------------------===//

// In-range integer arithmetic folds, with C++'s truncating division.
TEST(FoldTest, IntegerConstantsFold) {
  Type I32 = Type::getInt(32, true);
  struct {
    OpKind K;
    int64_t A, B, R;
  } Cases[] = {{OpKind::Add, 2, 3, 5},
               {OpKind::Sub, 2, 3, -1},
               {OpKind::Mul, -4, 5, -20},
               {OpKind::Div, -7, 2, -3},
               {OpKind::Rem, -7, 2, -1},
               {OpKind::Div, 7, -2, -3},
               {OpKind::Add, INT32_MAX - 1, 1, INT32_MAX},
               {OpKind::Sub, INT32_MIN + 1, 1, INT32_MIN}};
  for (auto &C : Cases) {
    Binary T(I32);
    Value *V =
        T.B.create(C.K, I32, {T.B.constInt(I32, C.A), T.B.constInt(I32, C.B)})
            ->getResult();
    EXPECT_EQ(intConstant(T.foldReturn(V)), C.R)
        << getMnemonic(C.K).str() << " " << C.A << ", " << C.B;
  }
}

/// Folds \p T, which returns \p V, and expects the returned value not to be
/// a constant.
void expectNotFolded(Binary &T, Value *V, Type Ty, OpKind K, int64_t A,
                     int64_t C) {
  T.B.ret({V});
  ASSERT_TRUE(verifies(*T.F));
  transforms::fold(*T.F);
  EXPECT_TRUE(verifies(*T.F));
  const Op *D = returned(*T.F)->getDefiningOp();
  EXPECT_TRUE(D && !D->is(OpKind::Constant))
      << Ty.str() << " " << getMnemonic(K).str() << " " << A << ", " << C
      << "\n"
      << printed(*T.F);
}

// Signed overflow and division by zero are undefined in C++: they stay for
// run time rather than becoming a made-up constant. (x / -1 and x * -1 may
// still become -x, which overflows exactly when they do.)
TEST(FoldTest, IntegerFoldingRefusesOverflowAndDivisionByZero) {
  struct {
    Type Ty;
    OpKind K;
    int64_t A, B;
  } Cases[] = {
      {Type::getInt(32, true), OpKind::Add, INT32_MAX, 1},
      {Type::getInt(32, true), OpKind::Sub, INT32_MIN, 1},
      {Type::getInt(32, true), OpKind::Mul, 65536, 65536},
      {Type::getInt(32, true), OpKind::Div, INT32_MIN, -1},
      {Type::getInt(64, true), OpKind::Add, INT64_MAX, 1},
      {Type::getInt(64, true), OpKind::Mul, INT64_MIN, -1},
      {Type::getInt(64, true), OpKind::Div, INT64_MIN, -1},
      {Type::getInt(64, true), OpKind::Rem, INT64_MIN, -1},
      {Type::getInt(32, true), OpKind::Div, 1, 0},
      {Type::getInt(32, true), OpKind::Rem, 1, 0},
      {Type::getInt(32, false), OpKind::Div, 1, 0},
  };
  for (auto &C : Cases) {
    Binary T(C.Ty);
    Value *V = T.B.create(C.K, C.Ty,
                          {T.B.constInt(C.Ty, C.A), T.B.constInt(C.Ty, C.B)})
                   ->getResult();
    expectNotFolded(T, V, C.Ty, C.K, C.A, C.B);
  }
}

// Negating the most negative signed integer overflows too: neither fold
// nor the whole pipeline may turn -INT_MIN (or INT_MIN / -1, which becomes
// it) into a constant, let alone an i32 constant out of the i32 range.
TEST(FoldTest, NegationRefusesSignedOverflow) {
  Type I32 = Type::getInt(32, true);
  auto NoConstantOutOfRange = [](Function &F) {
    walk(F.getBody(), [](Op &O) {
      if (O.is(OpKind::Constant)) {
        EXPECT_LE(O.getIntValue(), INT32_MAX) << "an i32 constant out of range";
      }
    });
  };
  {
    Binary T(I32);
    Value *V = T.B.neg(T.B.constInt(I32, INT32_MIN));
    EXPECT_EQ(T.foldReturn(V, /*ExpectChange=*/false), V);
    NoConstantOutOfRange(*T.F);
  }
  {
    Binary T(I32);
    T.B.ret({T.B.div(T.B.constInt(I32, INT32_MIN), T.B.constInt(I32, -1))});
    transforms::simplify(*T.F);
    EXPECT_TRUE(verifies(*T.F));
    const Op *D = returned(*T.F)->getDefiningOp();
    EXPECT_TRUE(D && !D->is(OpKind::Constant)) << printed(*T.F);
    NoConstantOutOfRange(*T.F);
  }
}

// Unsigned arithmetic wraps modulo 2^N, and a folded unsigned value compares
// as the unsigned value it is: 0u - 1u is 4294967295, and so is -1u.
TEST(FoldTest, UnsignedArithmeticWraps) {
  Type U32 = Type::getInt(32, false);
  {
    Binary T(U32);
    Value *R =
        T.foldReturn(T.B.sub(T.B.constInt(U32, 0), T.B.constInt(U32, 1)));
    EXPECT_EQ(intConstant(R), 4294967295);
  }
  {
    Binary T(Type::getInt(8, false));
    Type U8 = Type::getInt(8, false);
    Value *R =
        T.foldReturn(T.B.add(T.B.constInt(U8, 200), T.B.constInt(U8, 100)));
    EXPECT_EQ(intConstant(R), 44);
  }
  {
    // (-1u < 5u) is false in C++.
    Binary T(U32);
    Value *MinusOne = T.B.neg(T.B.constInt(U32, 1));
    Value *Lt = T.B.cmp(CmpPred::LT, MinusOne, T.B.constInt(U32, 5));
    T.B.ret({T.B.select(Lt, T.X, T.Y)});
    ASSERT_TRUE(verifies(*T.F));
    transforms::simplify(*T.F);
    EXPECT_TRUE(verifies(*T.F));
    EXPECT_EQ(returned(*T.F), T.Y) << printed(*T.F);
  }
}

//===----------------------------------------------------------------------===//
// if on a constant
//===----------------------------------------------------------------------===//

/// f(x, y) = (C ? x * x : y - x) + x, with the `if` on constant \p C.
struct IfOnConstant : Binary {
  Op *If;
  explicit IfOnConstant(bool C) : Binary(Type::getF64()) {
    If = B.createIf(B.constBool(C), {Type::getF64()});
    B.ret({B.add(If->getResult(0), X)});
    B.setInsertionPointToEnd(If->getRegion(0));
    B.yield({B.mul(X, X)});
    B.setInsertionPointToEnd(If->getRegion(1));
    B.yield({B.sub(Y, X)});
  }
};

// `if true` becomes the ops of its then region, and its result the value
// the then region yielded.
TEST(FoldTest, IfOnTrueIsInlined) {
  IfOnConstant T(true);
  ASSERT_TRUE(verifies(*T.F));
  EXPECT_TRUE(transforms::fold(*T.F));
  EXPECT_TRUE(verifies(*T.F));
  EXPECT_EQ(countOps(*T.F, OpKind::If), 0u);
  EXPECT_EQ(countOps(*T.F, OpKind::Yield), 0u);
  EXPECT_EQ(countOps(*T.F, OpKind::Sub), 0u);
  Op *Add = returned(*T.F)->getDefiningOp();
  ASSERT_TRUE(Add && Add->is(OpKind::Add));
  Op *Mul = Add->getOperand(0)->getDefiningOp();
  ASSERT_TRUE(Mul && Mul->is(OpKind::Mul));
  EXPECT_EQ(Mul->getParentRegion(), &T.F->getBody());
  EXPECT_EQ(Mul->getOperand(0), T.X);
}

// `if false` becomes the ops of its else region.
TEST(FoldTest, IfOnFalseIsInlined) {
  IfOnConstant T(false);
  EXPECT_TRUE(transforms::fold(*T.F));
  EXPECT_TRUE(verifies(*T.F));
  EXPECT_EQ(countOps(*T.F, OpKind::If), 0u);
  EXPECT_EQ(countOps(*T.F, OpKind::Mul), 0u);
  Op *Add = returned(*T.F)->getDefiningOp();
  ASSERT_TRUE(Add && Add->is(OpKind::Add));
  Op *Sub = Add->getOperand(0)->getDefiningOp();
  ASSERT_TRUE(Sub && Sub->is(OpKind::Sub));
  EXPECT_EQ(Sub->getParentRegion(), &T.F->getBody());
}

// An `if` whose condition folds to a constant in the same sweep, nested in
// an `if` on a parameter, is inlined into the enclosing region.
TEST(FoldTest, NestedIfOnFoldedConditionIsInlined) {
  Binary T(Type::getF64());
  Value *C = T.B.cmp(CmpPred::LT, T.X, T.Y);
  Op *Outer = T.B.createIf(C, {Type::getF64()});
  T.B.ret({Outer->getResult(0)});
  T.B.setInsertionPointToEnd(Outer->getRegion(1));
  T.B.yield({T.Y});
  T.B.setInsertionPointToEnd(Outer->getRegion(0));
  Value *K = T.B.cmp(CmpPred::GT, T.B.constFloat(Type::getF64(), 2),
                     T.B.constFloat(Type::getF64(), 1));
  Op *Inner = T.B.createIf(K, {Type::getF64()});
  T.B.yield({Inner->getResult(0)});
  T.B.setInsertionPointToEnd(Inner->getRegion(0));
  T.B.yield({T.B.math(MathFn::Exp, {T.X})});
  T.B.setInsertionPointToEnd(Inner->getRegion(1));
  T.B.yield({T.X});
  ASSERT_TRUE(verifies(*T.F));

  EXPECT_TRUE(transforms::fold(*T.F));
  EXPECT_TRUE(verifies(*T.F));
  EXPECT_EQ(countOps(*T.F, OpKind::If), 1u);
  Value *Yielded = Outer->getRegion(0).getTerminator()->getOperand(0);
  ASSERT_TRUE(Yielded->getDefiningOp() &&
              Yielded->getDefiningOp()->is(OpKind::Math));
  EXPECT_EQ(Yielded->getParentRegion(), &Outer->getRegion(0));
}

// An `if` that yields the same outside value from both regions is that
// value, whatever the condition.
TEST(FoldTest, IfYieldingTheSameValueIsThatValue) {
  Binary T(Type::getF64());
  Op *If = T.B.createIf(T.B.cmp(CmpPred::LT, T.X, T.Y), {Type::getF64()});
  T.B.ret({T.B.mul(If->getResult(0), T.Y)});
  T.B.setInsertionPointToEnd(If->getRegion(0));
  T.B.yield({T.X});
  T.B.setInsertionPointToEnd(If->getRegion(1));
  T.B.yield({T.X});
  EXPECT_TRUE(transforms::fold(*T.F));
  EXPECT_TRUE(verifies(*T.F));
  EXPECT_EQ(returned(*T.F)->getDefiningOp()->getOperand(0), T.X);
}

//===----------------------------------------------------------------------===//
// simplify
//===----------------------------------------------------------------------===//

/// Expects \p F to be at a fixed point of the three transforms: each reports
/// no change and leaves the text as it was.
void expectFixedPoint(Function &F) {
  std::string Before = printed(F);
  EXPECT_FALSE(transforms::fold(F)) << Before;
  EXPECT_EQ(printed(F), Before);
  EXPECT_FALSE(transforms::eliminateCommonSubexpressions(F)) << Before;
  EXPECT_EQ(printed(F), Before);
  EXPECT_FALSE(transforms::eliminateDeadCode(F)) << Before;
  EXPECT_EQ(printed(F), Before);
}

// A derivative-like function full of zeros, ones, repeats and dead values
// simplifies to x * (2 * x) + 6 * y and stays there.
TEST(SimplifyTest, ReachesAFixedPoint) {
  Type F64 = Type::getF64();
  Binary T(F64);
  Builder &B = T.B;
  B.setDerived(true);
  // d = (x * 1 + 0 * y) * (x + x) + (2 * 3) * y + (x * 1) * 0, built one
  // op at a time (the order in which C++ evaluates arguments is unspecified).
  Value *XOne = B.mul(T.X, B.constFloat(F64, 1));
  Value *ZeroY = B.mul(B.constFloat(F64, 0), T.Y);
  Value *A = B.add(XOne, ZeroY);
  Value *Left = B.mul(A, B.add(T.X, T.X));
  Value *Six = B.mul(B.constFloat(F64, 2), B.constFloat(F64, 3));
  Value *D = B.add(Left, B.mul(Six, T.Y));
  Value *XOne2 = B.mul(T.X, B.constFloat(F64, 1));
  D = B.add(D, B.mul(XOne2, B.constFloat(F64, 0)));
  Value *Unused = B.math(MathFn::Sin, {T.X});
  (void)Unused;
  B.ret({D});
  ASSERT_TRUE(verifies(*T.F));

  transforms::simplify(*T.F);
  EXPECT_TRUE(verifies(*T.F));
  EXPECT_EQ(countOps(*T.F, OpKind::Math), 0u);
  EXPECT_EQ(printed(*T.F), "func @f(%x: f64, %y: f64) -> f64 {\n"
                           "  %0 = const 2 : f64 {derived}\n"
                           "  %1 = mul %0, %x : f64 {derived}\n"
                           "  %2 = mul %x, %1 : f64 {derived}\n"
                           "  %3 = const 6 : f64 {derived}\n"
                           "  %4 = mul %3, %y : f64 {derived}\n"
                           "  %5 = add %2, %4 : f64 {derived}\n"
                           "  return %5 {derived}\n"
                           "}\n");
  expectFixedPoint(*T.F);
}

// simplify inlines an `if` on a folded condition, merges the repeat that
// exposes (sin x twice), folds the resulting s + s into 2 * s (exact), and
// deletes what is left unused.
TEST(SimplifyTest, CombinesTheThreeTransforms) {
  Type F64 = Type::getF64();
  Binary T(F64);
  Builder &B = T.B;
  Value *S1 = B.math(MathFn::Sin, {T.X});
  Value *C = B.cmp(CmpPred::LT, B.constFloat(F64, 1), B.constFloat(F64, 2));
  Op *If = B.createIf(C, {F64});
  B.ret({B.add(S1, If->getResult(0))});
  B.setInsertionPointToEnd(If->getRegion(0));
  B.yield({B.math(MathFn::Sin, {T.X})});
  B.setInsertionPointToEnd(If->getRegion(1));
  B.yield({B.math(MathFn::Cos, {T.Y})});
  ASSERT_TRUE(verifies(*T.F));

  transforms::simplify(*T.F);
  EXPECT_TRUE(verifies(*T.F));
  EXPECT_EQ(printed(*T.F), "func @f(%x: f64, %y: f64) -> f64 {\n"
                           "  %0 = math sin %x : f64\n"
                           "  %1 = const 2 : f64\n"
                           "  %2 = mul %1, %0 : f64\n"
                           "  return %2\n"
                           "}\n");
  expectFixedPoint(*T.F);
}

// Also at a fixed point after simplify: a derived product with a select
// that cannot be rewritten.
TEST(SimplifyTest, FixedPointWithAnUnrewritableSelect) {
  Type F64 = Type::getF64();
  Binary T(F64);
  Value *C = T.B.cmp(CmpPred::LT, T.X, T.Y);
  Value *S = T.B.select(C, T.B.constFloat(F64, -1), T.B.constFloat(F64, 2));
  T.B.setDerived(true);
  T.B.ret({T.B.mul(T.X, S)});
  transforms::simplify(*T.F);
  EXPECT_TRUE(verifies(*T.F));
  expectFixedPoint(*T.F);
}

} // namespace
