//===- CxxNames.h - Names and spellings in emitted C++ ----------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Unique local names within an emitted function, literal spellings of
/// constants, and function signatures.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_EMIT_CXXNAMES_H
#define CHAINRULE_LIB_EMIT_CXXNAMES_H

#include "llvm/ADT/StringSet.h"

#include <string>
#include <vector>

namespace chainrule::ir {
class Function;
class Op;
} // namespace chainrule::ir

namespace chainrule::emit {

/// The identifiers taken in one function.
class CxxNames {
public:
  /// Marks \p Name as used by something other than a local.
  void reserve(llvm::StringRef Name) {
    if (!Name.empty())
      Used.insert(Name);
  }
  /// \p Want if unused, otherwise `Want_1`, `Want_2`, ...; \p Fallback when
  /// \p Want is empty.
  std::string take(llvm::StringRef Want, llvm::StringRef Fallback);

private:
  llvm::StringSet<> Used;
};

/// The C++ literal of a constant op: `3.0`, `0.5f`, `1e-10`, `2L`, `true`.
std::string constantText(const ir::Op &Constant);

/// `double f_grad(double x, double *d_x)` with its linkage keyword; the
/// parameter names are left out when \p WithNames is false, and written as
/// comments (`double /*x*/`) for the parameters \p Unused marks.
std::string cxxSignature(const ir::Function &F, bool WithNames,
                         const std::vector<bool> &Unused = {});

} // namespace chainrule::emit

#endif // CHAINRULE_LIB_EMIT_CXXNAMES_H
