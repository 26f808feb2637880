//===- TestUtil.h - Helpers for the transform tests -------------*- C++ -*-===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Small helpers shared by the transform tests: a module with functions to
/// build into, the text form of a function, verification as a gtest
/// assertion that shows the message and the function, the value a function
/// returns and the number of ops of a kind, at any depth.
///
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_TEST_UNIT_TRANSFORMS_TESTUTIL_H
#define CHAINRULE_TEST_UNIT_TRANSFORMS_TESTUTIL_H

#include "chainrule/IR/Builder.h"
#include "chainrule/IR/IR.h"
#include "chainrule/IR/Printer.h"
#include "chainrule/IR/Verifier.h"
#include "chainrule/Transforms/Passes.h"

#include "gtest/gtest.h"

#include <memory>
#include <string>

namespace chainrule::transforms::test {

/// Adds a function `Name` returning \p ResultTy to \p M.
inline ir::Function *addFunction(ir::Module &M, std::string Name,
                                 ir::Type ResultTy) {
  return M.addFunction(
      std::make_unique<ir::Function>(std::move(Name), "", ResultTy));
}

/// The SSA text form of \p F.
inline std::string printed(const ir::Function &F) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  ir::print(F, OS);
  return OS.str();
}

/// Succeeds when \p F verifies; otherwise fails with the message and text.
inline ::testing::AssertionResult verifies(const ir::Function &F) {
  if (llvm::Error Err = ir::verify(F))
    return ::testing::AssertionFailure()
           << llvm::toString(std::move(Err)) << "\n"
           << printed(F);
  return ::testing::AssertionSuccess();
}

/// The value returned by \p F's body (whose last op is a one-value return).
inline ir::Value *returned(ir::Function &F) {
  return F.getBody().getTerminator()->getOperand(0);
}

/// The number of ops of kind \p K in \p F, at any depth.
inline unsigned countOps(ir::Function &F, ir::OpKind K) {
  unsigned N = 0;
  ir::walk(F.getBody(), [&](ir::Op &O) { N += O.is(K); });
  return N;
}

/// The number of ops in \p F, at any depth.
inline unsigned countAllOps(ir::Function &F) {
  unsigned N = 0;
  ir::walk(F.getBody(), [&](ir::Op &) { ++N; });
  return N;
}

/// A module with f(x: f64, y: f64, c: i1) -> f64 and a builder appending to
/// its body: the starting point of the CSE and DCE tests.
struct XYCFunction {
  ir::Module M;
  ir::Function *F;
  ir::Value *X, *Y, *C;
  ir::Builder B;

  XYCFunction()
      : F(addFunction(M, "f", ir::Type::getF64())),
        X(F->addParam(ir::Type::getF64(), "x", "double")),
        Y(F->addParam(ir::Type::getF64(), "y", "double")),
        C(F->addParam(ir::Type::getBool(), "c", "bool")), B(F->getBody()) {}
};

/// The constant \p V holds as a floating value; fails the test when \p V is
/// not defined by a constant.
inline long double floatConstant(const ir::Value *V) {
  const ir::Op *D = V->getDefiningOp();
  EXPECT_TRUE(D && D->is(ir::OpKind::Constant)) << "not a constant";
  return D && D->is(ir::OpKind::Constant) ? D->getFloatValue() : -12345;
}

/// The constant \p V holds as an integer; fails the test when \p V is not
/// defined by a constant.
inline int64_t intConstant(const ir::Value *V) {
  const ir::Op *D = V->getDefiningOp();
  EXPECT_TRUE(D && D->is(ir::OpKind::Constant)) << "not a constant";
  return D && D->is(ir::OpKind::Constant) ? D->getIntValue() : -12345;
}

} // namespace chainrule::transforms::test

#endif // CHAINRULE_TEST_UNIT_TRANSFORMS_TESTUTIL_H
