//===- HeaderPreamble.h - What the derivatives' header needs ----*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The header `--header` writes compiles on its own: before the
/// declarations of the derivatives it includes the headers that define the
/// types they name, and declares the types the source itself defines.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_DRIVER_HEADERPREAMBLE_H
#define CHAINRULE_LIB_DRIVER_HEADERPREAMBLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace chainrule::driver {

/// True when \p F, a differentiated function, may be declared again in the
/// header, with its derivatives as its custom derivatives: a free function,
/// not a template's, of external linkage and not inline (its definition is
/// the source's alone).
bool isRedeclarable(const clang::FunctionDecl &F);

/// For the parameter, result and class types of \p Primals: the `#include`
/// lines of the headers that define them, each as the source includes it
/// (the source's own `#include` through which the type arrives, a quoted
/// one made a path from \p HeaderDir), in the source's order; then
/// declarations of the types the source defines itself (`struct P;`,
/// `using V = std::vector<double>;`, in their namespaces); then those of
/// the primals that are redeclarable and whose types the preamble defines
/// (a struct it only declares makes no differentiable parameter), so that a
/// file including the header can call them and differentiate the calls.
/// \p Redeclared receives those primals.
std::vector<std::string>
makeHeaderPreamble(clang::ASTContext &Ctx,
                   llvm::ArrayRef<const clang::FunctionDecl *> Primals,
                   llvm::StringRef HeaderDir,
                   std::set<const clang::FunctionDecl *> &Redeclared);

} // namespace chainrule::driver

#endif // CHAINRULE_LIB_DRIVER_HEADERPREAMBLE_H
