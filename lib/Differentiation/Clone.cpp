//===- Clone.cpp - Copying primal ops into derivative functions -----------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Shallow op copies and derivative names.
//===----------------------------------------------------------------------===//

#include "Clone.h"

using namespace chainrule;
using namespace chainrule::ir;

std::string differentiation::derivedName(llvm::StringRef Prefix,
                                         const Value *Primal) {
  if (Primal->getName().empty())
    return "";
  return Prefix.str() + Primal->getName();
}
