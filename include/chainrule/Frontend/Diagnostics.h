//===- chainrule/Frontend/Diagnostics.h - Reporting problems ----*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// chainrule's diagnostics, registered with clang's DiagnosticsEngine from
/// the table in Diagnostics.def, so they print as `file:line:col: error:`
/// with the source line and a caret, like clang's own.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_FRONTEND_DIAGNOSTICS_H
#define CHAINRULE_FRONTEND_DIAGNOSTICS_H

#include "clang/Basic/Diagnostic.h"

namespace chainrule::frontend {

/// The diagnostics of Diagnostics.def.
enum class Diag {
#define CHAINRULE_DIAG(Name, Level, Format) Name,
#include "chainrule/Frontend/Diagnostics.def"
};

/// Starts reporting \p D at \p Loc; stream the arguments into the result.
clang::DiagnosticBuilder report(clang::DiagnosticsEngine &Engine,
                                clang::SourceLocation Loc, Diag D);

} // namespace chainrule::frontend

#endif // CHAINRULE_FRONTEND_DIAGNOSTICS_H
