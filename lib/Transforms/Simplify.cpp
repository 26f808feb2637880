//===- Simplify.cpp - The clean-up pipeline -------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Folding exposes common subexpressions and dead code, and removing them
/// exposes more folding: iterate to a fixed point (bounded, for safety).
//===----------------------------------------------------------------------===//

#include "chainrule/Transforms/Passes.h"

using namespace chainrule;

void chainrule::transforms::simplify(ir::Function &F) {
  for (unsigned Round = 0; Round != 8; ++Round) {
    bool Changed = fold(F);
    Changed |= eliminateCommonSubexpressions(F);
    Changed |= eliminateDeadCode(F);
    Changed |= foldMemory(F);
    if (!Changed)
      return;
  }
}
