//===- ReverseCalls.cpp - Reverse mode: calls -----------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The adjoint of `y = g(a, b)` is a call of `g_vjp(a, b, d_y, &d_a, &d_b)`
/// with a zeroed local slot per floating parameter, whose contents are then
/// added to the adjoints of the active arguments.
//===----------------------------------------------------------------------===//

#include "Clone.h"
#include "ReverseBuilder.h"

#include "chainrule/Differentiation/Differentiator.h"

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::differentiation;

void ReverseBuilder::reverseCall(const Op &Call, Value *G) {
  Function *Callee = Call.getCallee();
  Function *Vjp = D.getForCall(Callee, DerivativeKind::VJP);
  llvm::SmallVector<Value *, 8> Args;
  for (Value *V : Call.getOperands())
    Args.push_back(primal(V));
  Args.push_back(G);
  llvm::SmallVector<std::pair<const Value *, Value *>, 4> Slots;
  for (unsigned I = 0, E = Callee->getNumParams(); I != E; ++I) {
    if (!Callee->getParam(I)->getType().isFloat())
      continue;
    const Value *Arg = Call.getOperand(I);
    std::string Name = derivedName("d_", Arg);
    if (Name.empty())
      Name = "d_" + Callee->getParam(I)->getName();
    Value *Slot = B.slot(Arg->getType(), Name + "_" + Callee->getName());
    Args.push_back(Slot);
    Slots.push_back({Arg, Slot});
  }
  B.call(Vjp, Args);
  for (auto &[Arg, Slot] : Slots)
    if (isActive(Arg))
      accumulate(Arg, B.load(Slot));
}
