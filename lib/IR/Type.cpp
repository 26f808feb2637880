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
  }
  return "?";
}

std::string Type::str() const {
  return scalarName(K, Bits, Signed) + std::string(PointerDepth, '*');
}

std::string Type::cxxName() const {
  std::string S = scalarCxxName(K, Bits, Signed);
  if (PointerDepth)
    S += " " + std::string(PointerDepth, '*');
  return S;
}
