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

Op *differentiation::cloneOpShallow(Builder &B, const Op &O,
                                    llvm::ArrayRef<Value *> Operands) {
  Op *C = B.create(O.getKind(), Type::getVoid(), Operands);
  for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
    C->addResult(O.getResult(I)->getType(), O.getResult(I)->getName());
  C->setFloatValue(O.getFloatValue());
  C->setIntValue(O.getIntValue());
  C->setPredicate(O.getPredicate());
  C->setMathFn(O.getMathFn());
  C->setCallee(O.getCallee());
  C->setLoc(O.getLoc());
  C->setDerived(O.isDerived());
  return C;
}

std::string differentiation::derivedName(llvm::StringRef Prefix,
                                         const Value *Primal) {
  if (Primal->getName().empty())
    return "";
  return Prefix.str() + Primal->getName();
}
