//===- TypeTest.cpp - Types of the SSA graph ------------------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Tests of ir::Type: the text-form and C++ spellings of each kind and width,
/// pointers to any depth, the kind predicates, and equality by fields.
///
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Type.h"

#include "gtest/gtest.h"

using namespace chainrule::ir;

namespace {

// The text-form names: void, i1, iN / uN by signedness, fN by width.
TEST(TypeTest, TextNames) {
  EXPECT_EQ(Type().str(), "void");
  EXPECT_EQ(Type::getVoid().str(), "void");
  EXPECT_EQ(Type::getBool().str(), "i1");
  EXPECT_EQ(Type::getInt(8, true).str(), "i8");
  EXPECT_EQ(Type::getInt(16, false).str(), "u16");
  EXPECT_EQ(Type::getInt(32, true).str(), "i32");
  EXPECT_EQ(Type::getInt(64, false).str(), "u64");
  EXPECT_EQ(Type::getF32().str(), "f32");
  EXPECT_EQ(Type::getF64().str(), "f64");
  EXPECT_EQ(Type::getFloat(80).str(), "f80");
}

// The C++ spellings of each scalar type.
TEST(TypeTest, CxxNames) {
  EXPECT_EQ(Type::getVoid().cxxName(), "void");
  EXPECT_EQ(Type::getBool().cxxName(), "bool");
  EXPECT_EQ(Type::getInt(8, true).cxxName(), "signed char");
  EXPECT_EQ(Type::getInt(8, false).cxxName(), "unsigned char");
  EXPECT_EQ(Type::getInt(16, true).cxxName(), "short");
  EXPECT_EQ(Type::getInt(16, false).cxxName(), "unsigned short");
  EXPECT_EQ(Type::getInt(32, true).cxxName(), "int");
  EXPECT_EQ(Type::getInt(32, false).cxxName(), "unsigned int");
  EXPECT_EQ(Type::getInt(64, true).cxxName(), "long");
  EXPECT_EQ(Type::getInt(64, false).cxxName(), "unsigned long");
  EXPECT_EQ(Type::getF32().cxxName(), "float");
  EXPECT_EQ(Type::getF64().cxxName(), "double");
  EXPECT_EQ(Type::getFloat(80).cxxName(), "long double");
}

// Pointers: a `*` per level in both spellings; the pointee comes back.
TEST(TypeTest, Pointers) {
  Type P = Type::getF64().getPointerTo();
  Type PP = P.getPointerTo();
  EXPECT_EQ(P.str(), "f64*");
  EXPECT_EQ(PP.str(), "f64**");
  EXPECT_EQ(P.cxxName(), "double *");
  EXPECT_EQ(PP.cxxName(), "double **");
  EXPECT_EQ(Type::getInt(32, false).getPointerTo().str(), "u32*");
  EXPECT_EQ(Type::getInt(32, false).getPointerTo().cxxName(), "unsigned int *");
  EXPECT_EQ(Type::getBool().getPointerTo().cxxName(), "bool *");

  EXPECT_TRUE(P.isPointer());
  EXPECT_FALSE(P.isFloat());
  EXPECT_FALSE(Type::getVoid().getPointerTo().isVoid());
  EXPECT_EQ(P.getPointee(), Type::getF64());
  EXPECT_EQ(PP.getPointee(), P);
  EXPECT_EQ(PP.getPointee().getPointee(), Type::getF64());
  EXPECT_TRUE(PP.getPointee().getPointee().isFloat());
  EXPECT_NE(P, PP);
  EXPECT_NE(P, Type::getF64());
}

// Kind predicates and accessors.
TEST(TypeTest, Predicates) {
  EXPECT_TRUE(Type::getVoid().isVoid());
  EXPECT_TRUE(Type::getBool().isBool());
  EXPECT_FALSE(Type::getBool().isInt());
  EXPECT_TRUE(Type::getInt(32, true).isInt());
  EXPECT_TRUE(Type::getInt(32, true).isSigned());
  EXPECT_FALSE(Type::getInt(32, false).isSigned());
  EXPECT_EQ(Type::getInt(16, true).getBits(), 16u);
  EXPECT_TRUE(Type::getF32().isFloat());
  EXPECT_EQ(Type::getF32().getBits(), 32u);
  EXPECT_EQ(Type::getF64().getKind(), Type::Kind::Float);
  EXPECT_EQ(Type::getBool().getBits(), 1u);
}

// Equality compares kind, width, signedness and pointer depth.
TEST(TypeTest, Equality) {
  EXPECT_EQ(Type::getF64(), Type::getFloat(64));
  EXPECT_NE(Type::getF32(), Type::getF64());
  EXPECT_NE(Type::getInt(32, true), Type::getInt(32, false));
  EXPECT_NE(Type::getInt(32, true), Type::getInt(64, true));
  EXPECT_NE(Type::getInt(64, true), Type::getF64());
  EXPECT_NE(Type::getBool(), Type::getInt(1, false));
  EXPECT_EQ(Type(), Type::getVoid());
}

// A record is one per name within a RecordTable; the next table (the next
// translation unit) makes its own, whatever fields the first one got.
TEST(TypeTest, RecordTables) {
  const RecordType *First;
  {
    RecordTable Unit;
    RecordType *P = RecordType::get(RecordType::Kind::Struct, "P");
    P->addField({"a", Type::getF64(), 0});
    P->setComplete();
    EXPECT_EQ(RecordType::get(RecordType::Kind::Struct, "P"), P);
    First = P;
    {
      RecordTable Inner;
      EXPECT_FALSE(
          RecordType::get(RecordType::Kind::Struct, "P")->isComplete());
    }
    EXPECT_EQ(RecordType::get(RecordType::Kind::Struct, "P"), First);
  }
  RecordTable Next;
  RecordType *P = RecordType::get(RecordType::Kind::Struct, "P");
  EXPECT_FALSE(P->isComplete());
  EXPECT_TRUE(P->getFields().empty());
}

} // namespace
