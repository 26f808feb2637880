//===- Paths.h - Paths as outputs name them ---------------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// How a generated file names another in an `#include`.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_DRIVER_PATHS_H
#define CHAINRULE_LIB_DRIVER_PATHS_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace chainrule::driver {

/// \p Path made absolute, with `.` and `..` removed.
std::string absolute(llvm::StringRef Path);

/// How a file in \p FromDir names \p Target (both absolute) in an
/// `#include`.
std::string relativePath(llvm::StringRef Target, llvm::StringRef FromDir);

} // namespace chainrule::driver

#endif // CHAINRULE_LIB_DRIVER_PATHS_H
