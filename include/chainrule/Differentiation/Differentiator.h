//===- chainrule/Differentiation/Differentiator.h - AD entry ----*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The Differentiator turns primal functions of a module into derivative
/// functions of the same module: `f_grad` and `f_vjp` (reverse mode) and
/// `f_jvp` (forward mode), with the ABI of API.md section 2. Derivatives of
/// callees are generated on demand, once per (function, mode, active set),
/// and reused by every caller.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_DIFFERENTIATION_DIFFERENTIATOR_H
#define CHAINRULE_DIFFERENTIATION_DIFFERENTIATOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <tuple>
#include <vector>

namespace chainrule::ir {
class Function;
class Module;
} // namespace chainrule::ir

namespace chainrule::differentiation {

/// The derivative functions chainrule generates.
enum class DerivativeKind {
  Grad, ///< reverse mode, return value seeded with 1, returns the primal
  VJP,  ///< reverse mode with an explicit return cotangent
  JVP,  ///< forward mode, returns the tangent of the return value
};

/// The suffix of a derivative's name: `_grad`, `_vjp`, `_jvp`.
llvm::StringRef getSuffix(DerivativeKind K);

/// Generates derivative functions into a module.
class Differentiator {
public:
  explicit Differentiator(ir::Module &M) : M(M) {}

  /// The \p K derivative of \p Primal with respect to the parameters whose
  /// flag in \p Active is set, built on first request. \p Requested marks a
  /// derivative the user asked for (external linkage, in the header); others
  /// are helpers for callers (internal linkage).
  ir::Function *getOrCreate(ir::Function *Primal, DerivativeKind K,
                            const std::vector<bool> &Active, bool Requested);

  /// The derivative used for a call: with respect to every floating
  /// parameter of \p Callee.
  ir::Function *getForCall(ir::Function *Callee, DerivativeKind K);

  /// Every generated function, in the order of creation.
  const std::vector<ir::Function *> &getGenerated() const { return Generated; }

private:
  ir::Module &M;
  std::map<std::tuple<ir::Function *, DerivativeKind, std::vector<bool>>,
           ir::Function *>
      Cache;
  std::vector<ir::Function *> Generated;
};

} // namespace chainrule::differentiation

#endif // CHAINRULE_DIFFERENTIATION_DIFFERENTIATOR_H
