//===- Diagnostics.cpp - Reporting problems -------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Maps the rows of Diagnostics.def to custom diagnostic IDs of a
/// DiagnosticsEngine (registered once per engine; clang reuses the ID of an
/// identical level and format).
//===----------------------------------------------------------------------===//

#include "chainrule/Frontend/Diagnostics.h"

#include "clang/Basic/SourceManager.h"

using namespace chainrule;

clang::DiagnosticBuilder frontend::report(clang::DiagnosticsEngine &Engine,
                                          clang::SourceLocation Loc, Diag D) {
  struct Row {
    clang::DiagnosticsEngine::Level Level;
    const char *Format;
  };
  static const Row Rows[] = {
#define CHAINRULE_DIAG(Name, Level, Format)                                    \
  {clang::DiagnosticsEngine::Level, Format},
#include "chainrule/Frontend/Diagnostics.def"
  };
  const Row &R = Rows[static_cast<unsigned>(D)];
  unsigned ID = Engine.getDiagnosticIDs()->getCustomDiagID(
      static_cast<clang::DiagnosticIDs::Level>(R.Level), R.Format);
  // An annotation is written in the user's line (CHAINRULE_GRAD), not in
  // the macros of chainrule.h it expands to: no "expanded from macro"
  // notes pointing into chainrule's header.
  if (Loc.isMacroID() && Engine.hasSourceManager()) {
    const clang::SourceManager &SM = Engine.getSourceManager();
    if (SM.getFilename(SM.getSpellingLoc(Loc)).ends_with("chainrule/chainrule.h"))
      Loc = SM.getExpansionLoc(Loc);
  }
  return Engine.Report(Loc, ID);
}
