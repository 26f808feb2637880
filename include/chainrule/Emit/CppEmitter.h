//===- chainrule/Emit/CppEmitter.h - Emitting C++ ---------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Turns generated functions into C++ a person can read and step through:
/// adjoints and tangents in locals named after the primal (`d_x`, `t_x`),
/// single-use temporaries folded into expressions, `if` ops as `if`
/// statements, formatted with clang's libFormat (LLVM style). The output is
/// deterministic.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_EMIT_CPPEMITTER_H
#define CHAINRULE_EMIT_CPPEMITTER_H

#include "llvm/ADT/ArrayRef.h"

#include <set>
#include <string>
#include <vector>

namespace chainrule::ir {
class Function;
}

namespace chainrule::emit {

/// What the emitted files say about where they came from.
struct CppEmitOptions {
  /// The source file as the output should `#include` it.
  std::string IncludePath;
  /// The source file's name for the banner comment.
  std::string SourceName;
  /// What the header needs before its declarations (`#include` lines and
  /// declarations of the source's own types), one line each.
  std::vector<std::string> HeaderPreamble;
  /// The derivatives the header declares as custom derivatives of their
  /// primals, so that other translation units differentiate calls through
  /// them.
  std::set<const ir::Function *> CustomInHeader;
};

/// The translation unit `file.ad.cpp`: the source included, then the
/// declarations and definitions of \p Functions.
std::string emitTranslationUnit(llvm::ArrayRef<const ir::Function *> Functions,
                                const CppEmitOptions &Opts);

/// The header `file.ad.h`: declarations of the functions of \p Functions
/// that have external linkage.
std::string emitHeader(llvm::ArrayRef<const ir::Function *> Functions,
                       const CppEmitOptions &Opts);

/// One function's definition, unformatted.
std::string emitFunction(const ir::Function &F);

} // namespace chainrule::emit

#endif // CHAINRULE_EMIT_CPPEMITTER_H
