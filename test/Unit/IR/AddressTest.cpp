//===- AddressTest.cpp - Which accesses may touch the same element --------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Tests of ir::mayOverlap and ir::sameElement, which the memory clean-up
/// and load hoisting use: an access through a buffer's own pointer is one
/// to its element 0, elements at different constant offsets are apart, and
/// an offset known only at run time may be any element.
///
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "chainrule/IR/Builder.h"

using namespace chainrule::ir;
using namespace chainrule::ir::test;

namespace {

TEST(AddressTest, ConstantOffsetsAreElements) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64().getPointerTo(), "x", "double *");
  Value *N = F->addParam(Type::getInt(64, true), "n", "long");
  Builder B(F->getBody());
  Type I64 = Type::getInt(64, true);
  Value *X0 = B.index(X, B.constInt(I64, 0));
  Value *X1 = B.index(X, B.constInt(I64, 1));
  Value *X3 = B.index(X1, B.constInt(I64, 2)); // x + 1 + 2
  Value *XN = B.index(X, N);

  // x is x[0].
  EXPECT_TRUE(sameElement(X, X0));
  EXPECT_TRUE(mayOverlap(X, X0));
  EXPECT_FALSE(mayOverlap(X, X1));
  EXPECT_FALSE(mayOverlap(X1, X));
  EXPECT_FALSE(sameElement(X, X1));
  // Offsets of offsets add up.
  EXPECT_TRUE(sameElement(X3, B.index(X, B.constInt(I64, 3))));
  EXPECT_FALSE(mayOverlap(X3, X1));
  // x[n] may be any element, but is no known one.
  EXPECT_TRUE(mayOverlap(X, XN));
  EXPECT_TRUE(mayOverlap(XN, X1));
  EXPECT_FALSE(sameElement(XN, X));
}

} // namespace
