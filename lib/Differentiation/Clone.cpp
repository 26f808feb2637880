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

Value *differentiation::rebaseAddress(
    Builder &B, const Op &D, Value *Base,
    llvm::function_ref<Value *(const Value *)> Mapped) {
  llvm::SmallVector<Value *, 2> Operands = {Base};
  for (unsigned I = 1, E = D.getNumOperands(); I != E; ++I)
    Operands.push_back(Mapped(D.getOperand(I)));
  bool WasDerived = B.isDerived();
  B.setDerived(true);
  Value *V = B.cloneShallow(D, Operands)->getResult();
  B.setDerived(WasDerived);
  return V;
}
