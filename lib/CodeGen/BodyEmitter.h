//===- BodyEmitter.h - A function of the graph through IRBuilder -*- C++ -*-=//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_CODEGEN_BODYEMITTER_H
#define CHAINRULE_LIB_CODEGEN_BODYEMITTER_H

#include "ModuleState.h"

namespace chainrule::codegen {

/// Defines \p L's function with the body of \p F; what cannot be lowered is
/// noted in \p S's problems.
void emitBody(ModuleState &S, const ir::Function &F, const LoweredFunction &L);

} // namespace chainrule::codegen

#endif // CHAINRULE_LIB_CODEGEN_BODYEMITTER_H
