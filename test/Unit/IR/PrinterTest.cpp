//===- PrinterTest.cpp - The SSA text form and the Graphviz view ----------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Tests of ir::print and ir::printDot: the exact text of small functions
/// (an `if` with regions, every family of op, the derived mark), unique names
/// for repeated name hints and numbers for unnamed values in program order,
/// the shortest round-tripping spelling of constants, and a Graphviz digraph
/// with a cluster per function and per region and an edge per use.
///
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include "chainrule/IR/Builder.h"

#include "gmock/gmock.h"

#include <cmath>
#include <limits>

using namespace chainrule::ir;
using namespace chainrule::ir::test;
using ::testing::HasSubstr;

namespace {

/// ns::f(x, c) = (c ? x * x : 0.5) + x, with the if's result named y.
Function *buildIfFunction(Module &M) {
  Function *F = addFunction(M, "f", Type::getF64(), "ns");
  Value *X = F->addParam(Type::getF64(), "x", "const double &");
  Value *C = F->addParam(Type::getBool(), "c", "bool");
  Builder B(F->getBody());
  Op *If = B.createIf(C, {Type::getF64()});
  If->getResult(0)->setName("y");
  B.ret({B.add(If->getResult(0), X)});
  B.setInsertionPointToEnd(If->getRegion(0));
  B.yield({B.mul(X, X)});
  B.setInsertionPointToEnd(If->getRegion(1));
  B.yield({B.constFloat(Type::getF64(), 0.5)});
  return F;
}

size_t countOf(llvm::StringRef Haystack, llvm::StringRef Needle) {
  return Haystack.count(Needle);
}

// A function with an `if`: regions indented, results typed, the if's result
// named by its hint, the other values numbered in program order (the ops of
// the regions before the op after the if).
TEST(PrinterTest, FunctionWithIf) {
  Module M;
  Function *F = buildIfFunction(M);
  ASSERT_TRUE(verifies(*F));
  EXPECT_EQ(printed(*F), "func @ns::f(%x: f64, %c: i1) -> f64 {\n"
                         "  %y = if %c -> (f64) {\n"
                         "    %0 = mul %x, %x : f64\n"
                         "    yield %0\n"
                         "  } else {\n"
                         "    %1 = const 0.5 : f64\n"
                         "    yield %1\n"
                         "  }\n"
                         "  %2 = add %y, %x : f64\n"
                         "  return %2\n"
                         "}\n");
}

// Every family of op in the text form: attributes after the mnemonic, the
// derived mark last, an `if` without results, a void return.
TEST(PrinterTest, EveryFamilyOfOp) {
  Module M;
  Function *H = addFunction(M, "h", Type::getF32(), "ns");
  Value *HX = H->addParam(Type::getF32(), "x", "float");
  Builder(H->getBody()).ret({HX});

  Function *G = addFunction(M, "g", Type::getVoid());
  Value *X = G->addParam(Type::getF32(), "x", "float");
  Value *N = G->addParam(Type::getInt(32, true), "n", "int");
  Builder B(G->getBody());
  Value *D = B.slot(Type::getF32(), "d_x");
  Value *Tenth = B.constFloat(Type::getF32(), 0.1);
  Value *Lt = B.cmp(CmpPred::LT, X, Tenth);
  B.setDerived(true);
  Value *Sin = B.math(MathFn::Sin, {X});
  B.setDerived(false);
  B.accumulate(D, Sin);
  Value *L = B.load(D);
  B.call(H, {L});
  B.rem(N, B.constInt(Type::getInt(32, true), -3));
  B.cast(Type::getF64(), N);
  Value *NotLt = B.logicNot(Lt);
  B.select(NotLt, X, B.undef(Type::getF32()));
  Op *If = B.createIf(NotLt, {});
  B.ret({});
  B.setInsertionPointToEnd(If->getRegion(0));
  B.yield({});
  B.setInsertionPointToEnd(If->getRegion(1));
  B.accumulate(D, B.neg(X));
  B.yield({});
  ASSERT_TRUE(verifies(*G));
  EXPECT_EQ(printed(*G), "func @g(%x: f32, %n: i32) -> void {\n"
                         "  %d_x = alloca : f32*\n"
                         "  %0 = const 0.1 : f32\n"
                         "  %1 = cmp lt %x, %0 : i1\n"
                         "  %2 = math sin %x : f32 {derived}\n"
                         "  accumulate %d_x, %2\n"
                         "  %3 = load %d_x : f32\n"
                         "  %4 = call @ns::h %3 : f32\n"
                         "  %5 = const -3 : i32\n"
                         "  %6 = rem %n, %5 : i32\n"
                         "  %7 = cast %n : f64\n"
                         "  %8 = not %1 : i1\n"
                         "  %9 = undef : f32\n"
                         "  %10 = select %8, %x, %9 : f32\n"
                         "  if %8 {\n"
                         "    yield\n"
                         "  } else {\n"
                         "    %11 = neg %x : f32\n"
                         "    accumulate %d_x, %11\n"
                         "    yield\n"
                         "  }\n"
                         "  return\n"
                         "}\n");

  // The module form separates functions by one blank line.
  std::string S;
  llvm::raw_string_ostream OS(S);
  print(M, OS);
  EXPECT_EQ(OS.str(), printed(*H) + "\n" + printed(*G));
}

// Repeated name hints get `.1`, `.2` suffixes, in parameters and results
// alike and across regions; values without a hint are numbered in program
// order, independently of the hints.
TEST(PrinterTest, UniqueNamesForRepeatedHints) {
  Module M;
  Function *F = addFunction(M, "f", Type::getF64());
  Value *X = F->addParam(Type::getF64(), "x", "double");
  Value *X1 = F->addParam(Type::getF64(), "x", "double");
  Value *C = F->addParam(Type::getBool(), "c", "bool");
  Builder B(F->getBody());
  Value *A = B.add(X, X1);
  A->setName("x");
  Op *If = B.createIf(C, {Type::getF64()});
  B.ret({B.mul(A, If->getResult(0))});
  B.setInsertionPointToEnd(If->getRegion(0));
  Value *T = B.neg(A);
  T->setName("x");
  B.yield({T});
  B.setInsertionPointToEnd(If->getRegion(1));
  B.yield({B.sub(X, X1)});
  ASSERT_TRUE(verifies(*F));
  EXPECT_EQ(printed(*F), "func @f(%x: f64, %x.1: f64, %c: i1) -> f64 {\n"
                         "  %x.2 = add %x, %x.1 : f64\n"
                         "  %0 = if %c -> (f64) {\n"
                         "    %x.3 = neg %x.2 : f64\n"
                         "    yield %x.3\n"
                         "  } else {\n"
                         "    %1 = sub %x, %x.1 : f64\n"
                         "    yield %1\n"
                         "  }\n"
                         "  %2 = mul %x.2, %0 : f64\n"
                         "  return %2\n"
                         "}\n");
}

// Constants print in the shortest form that reads back as the same value of
// their type: float(0.1) is `0.1` as a float, not 0.100000001490116.
TEST(PrinterTest, ConstantSpelling) {
  EXPECT_EQ(formatFloat(static_cast<float>(0.1), 32), "0.1");
  EXPECT_EQ(formatFloat(static_cast<float>(1.0 / 3), 32), "0.33333334");
  EXPECT_EQ(formatFloat(0.1, 64), "0.1");
  EXPECT_EQ(formatFloat(0.1 + 0.2, 64), "0.30000000000000004");
  EXPECT_EQ(formatFloat(3, 64), "3");
  EXPECT_EQ(formatFloat(0.5, 64), "0.5");
  EXPECT_EQ(formatFloat(1e-10, 64), "1e-10");
  EXPECT_EQ(formatFloat(-0.0, 64), "-0");
  EXPECT_EQ(formatFloat(std::numeric_limits<double>::infinity(), 64), "inf");
  EXPECT_EQ(formatFloat(-std::numeric_limits<double>::infinity(), 64), "-inf");
  EXPECT_EQ(formatFloat(std::nan(""), 64), "nan");
  EXPECT_EQ(formatFloat(0.1L, 80), "0.1");

  Module M;
  Function *F = addFunction(M, "f", Type::getVoid());
  Builder B(F->getBody());
  B.constFloat(Type::getF32(), 0.1);
  B.constFloat(Type::getF64(), 0.1f);
  B.constInt(Type::getInt(64, false), 7);
  B.constBool(true);
  B.ret({});
  EXPECT_EQ(printed(*F), "func @f() -> void {\n"
                         "  %0 = const 0.1 : f32\n"
                         "  %1 = const 0.10000000149011612 : f64\n"
                         "  %2 = const 7 : u64\n"
                         "  %3 = const 1 : i1\n"
                         "  return\n"
                         "}\n");
}

// printDot: one digraph, a cluster per function and per region of an `if`,
// a node per parameter and per op, one edge per operand labelled with the
// value's printed name.
TEST(PrinterTest, DotView) {
  Module M;
  buildIfFunction(M);
  Function *G = addFunction(M, "g", Type::getF64());
  Value *GX = G->addParam(Type::getF64(), "x", "double");
  Builder(G->getBody()).ret({GX});

  std::string S;
  llvm::raw_string_ostream OS(S);
  printDot(M, OS);
  std::string Dot = OS.str();
  EXPECT_EQ(Dot.rfind("digraph chainrule {\n", 0), 0u) << Dot;
  EXPECT_EQ(Dot.back(), '\n');
  EXPECT_EQ(llvm::StringRef(Dot).rtrim().back(), '}');
  // Two functions and the two regions of the if.
  EXPECT_EQ(countOf(Dot, "subgraph cluster_"), 4u) << Dot;
  EXPECT_THAT(Dot, HasSubstr("label=\"ns::f\""));
  EXPECT_THAT(Dot, HasSubstr("label=\"g\""));
  EXPECT_THAT(Dot, HasSubstr("label=\"then\""));
  EXPECT_THAT(Dot, HasSubstr("label=\"else\""));
  EXPECT_THAT(Dot, HasSubstr("label=\"%x: f64\""));
  EXPECT_THAT(Dot, HasSubstr("label=\"const 0.5\""));
  // Uses in f: if %c, mul %x %x, yield, yield, add %y %x, return; in g:
  // return %x. One edge each; four of them are uses of a `%x`.
  EXPECT_EQ(countOf(Dot, " -> "), 9u) << Dot;
  EXPECT_EQ(countOf(Dot, "[label=\"%x\"]"), 4u) << Dot;
  EXPECT_EQ(countOf(Dot, "[label=\"%y\"]"), 1u) << Dot;
  // Braces balance.
  EXPECT_EQ(countOf(Dot, "{"), countOf(Dot, "}"));

  // Deterministic.
  std::string S2;
  llvm::raw_string_ostream OS2(S2);
  printDot(M, OS2);
  EXPECT_EQ(OS2.str(), Dot);
}

} // namespace
