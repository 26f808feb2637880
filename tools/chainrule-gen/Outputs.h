//===- Outputs.h - Writing outputs all or none ------------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// chainrule-gen's files: the outputs, written all or none and only when
/// they change, and the depfile.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_TOOLS_CHAINRULE_GEN_OUTPUTS_H
#define CHAINRULE_TOOLS_CHAINRULE_GEN_OUTPUTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace chainrule::tool {

/// One output of a run: where it goes (`-` for standard output) and its
/// text.
struct OutputFile {
  std::string Path;
  std::string Contents;
};

/// Writes every one of \p Files or none. Each file is written to a
/// temporary file beside it, and the temporaries are renamed into place
/// only once all of them are complete: readers never see a partial file,
/// and a failure to create or write one (a missing or read-only directory,
/// a full disk, a path that is a directory) leaves every existing output as
/// it was. A file that already holds its contents is not touched (its time
/// stamp stays), so that build systems see no change. Standard output is
/// written last.
llvm::Error writeOutputs(llvm::ArrayRef<OutputFile> Files);

/// The text of a Makefile-style depfile: \p Target depends on \p Deps.
std::string makeDepFile(llvm::StringRef Target,
                        const std::vector<std::string> &Deps);

} // namespace chainrule::tool

#endif // CHAINRULE_TOOLS_CHAINRULE_GEN_OUTPUTS_H
