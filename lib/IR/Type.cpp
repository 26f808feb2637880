//===- Type.cpp - Types of the SSA graph ----------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Names of types in the SSA text form and in C++.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Type.h"

#include <cassert>
#include <map>
#include <memory>

using namespace chainrule::ir;

static std::string scalarName(Type::Kind K, unsigned Bits, bool Signed) {
  switch (K) {
  case Type::Kind::Void:
    return "void";
  case Type::Kind::Bool:
    return "i1";
  case Type::Kind::Int:
    return (Signed ? "i" : "u") + std::to_string(Bits);
  case Type::Kind::Float:
    return "f" + std::to_string(Bits);
  case Type::Kind::Record:
    break;
  }
  return "?";
}

static std::string scalarCxxName(Type::Kind K, unsigned Bits, bool Signed) {
  switch (K) {
  case Type::Kind::Void:
    return "void";
  case Type::Kind::Bool:
    return "bool";
  case Type::Kind::Int: {
    const char *Base = Bits == 8    ? "char"
                       : Bits == 16 ? "short"
                       : Bits == 32 ? "int"
                                    : "long";
    if (Bits == 8)
      return Signed ? "signed char" : "unsigned char";
    return Signed ? std::string(Base) : "unsigned " + std::string(Base);
  }
  case Type::Kind::Float:
    return Bits == 32 ? "float" : Bits == 64 ? "double" : "long double";
  case Type::Kind::Record:
    break;
  }
  return "?";
}

std::string Type::str() const {
  std::string S = K == Kind::Record ? "{" + Rec->getCxxName() + "}"
                                    : scalarName(K, Bits, Signed);
  if (K == Kind::Int && Rec)
    S += "<" + Rec->getCxxName() + ">";
  return S + std::string(PointerDepth, '*');
}

std::string Type::cxxName() const {
  std::string S = Rec ? Rec->getCxxName() : scalarCxxName(K, Bits, Signed);
  if (PointerDepth)
    S += " " + std::string(PointerDepth, '*');
  return S;
}

bool Type::holdsFloat() const {
  if (K == Kind::Float)
    return true;
  if (K != Kind::Record)
    return false;
  if (Rec->getKind() != RecordType::Kind::Struct)
    return Rec->getElement().holdsFloat();
  for (const RecordType::Field &F : Rec->getFields())
    if (F.Ty.holdsFloat())
      return true;
  return false;
}

namespace {
thread_local RecordTable *Innermost = nullptr;
} // namespace

RecordTable::RecordTable() : Outer(Innermost) { Innermost = this; }

RecordTable::~RecordTable() { Innermost = Outer; }

RecordType *RecordType::get(Kind K, const std::string &CxxName) {
  static thread_local std::map<std::string, std::unique_ptr<RecordType>>
      Lasting;
  std::unique_ptr<RecordType> &R =
      (Innermost ? Innermost->Records : Lasting)[CxxName];
  if (!R)
    R.reset(new RecordType(K, CxxName));
  return R.get();
}
