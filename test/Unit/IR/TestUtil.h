//===- TestUtil.h - Helpers for the IR unit tests ---------------*- C++ -*-===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Small helpers shared by the IR tests: a module with one function to build
/// into, the text form of a function as a string, and verification results
/// as gtest assertions that show the verifier's message and the function.
///
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_TEST_UNIT_IR_TESTUTIL_H
#define CHAINRULE_TEST_UNIT_IR_TESTUTIL_H

#include "chainrule/IR/IR.h"
#include "chainrule/IR/Printer.h"
#include "chainrule/IR/Verifier.h"

#include "gtest/gtest.h"

#include <memory>
#include <string>

namespace chainrule::ir::test {

/// Adds a function `Name` returning \p ResultTy to \p M.
inline Function *addFunction(Module &M, std::string Name, Type ResultTy,
                             std::string Namespace = "") {
  return M.addFunction(std::make_unique<Function>(
      std::move(Name), std::move(Namespace), ResultTy));
}

/// The SSA text form of \p F.
inline std::string printed(const Function &F) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  print(F, OS);
  return OS.str();
}

/// Succeeds when \p F verifies; otherwise fails with the message and text.
inline ::testing::AssertionResult verifies(const Function &F) {
  if (llvm::Error Err = verify(F))
    return ::testing::AssertionFailure()
           << llvm::toString(std::move(Err)) << "\n"
           << printed(F);
  return ::testing::AssertionSuccess();
}

/// The verifier's message for \p F, or the empty string when it verifies.
inline std::string verifyMessage(const Function &F) {
  if (llvm::Error Err = verify(F))
    return llvm::toString(std::move(Err));
  return "";
}

} // namespace chainrule::ir::test

#endif // CHAINRULE_TEST_UNIT_IR_TESTUTIL_H
