//===- ReverseBuilder.h - Reverse mode --------------------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The reverse-mode builder, declared once and defined by op family over
/// Reverse.cpp (driver, arithmetic and math), ReverseControlFlow.cpp and
/// ReverseCalls.cpp.
///
/// The derivative function is built in two sweeps. The primal sweep copies
/// the primal body. The reverse sweep visits the primal ops backwards and
/// accumulates adjoints: `d_x += P * d_y` per Derivatives.def. Adjoints are
/// SSA values (one per accumulation), kept in a map from primal value to
/// its current adjoint; the emitter gives them the primal's name.
///
/// An `if` with one active result computes, inside its copy, the partials
/// of that result with respect to the outside values it uses; the reverse
/// sweep multiplies them by the result's adjoint. Otherwise the reverse of
/// an `if` is an `if` on the same condition, and the primal values it needs
/// from inside the primal `if` are exported as extra results of the copied
/// `if` (undefined on the other branch, which the reverse never reads).
/// Either way straight-line code and branches need no tape.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_DIFFERENTIATION_REVERSEBUILDER_H
#define CHAINRULE_LIB_DIFFERENTIATION_REVERSEBUILDER_H

#include "chainrule/Analysis/Activity.h"
#include "chainrule/IR/Builder.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"

namespace chainrule::differentiation {

class Differentiator;

class ReverseBuilder {
public:
  ReverseBuilder(Differentiator &D, const ir::Function &Primal,
                 ir::Function &Fn, const std::vector<bool> &Active,
                 bool SeedParam, bool ReturnPrimal);

  void run();

private:
  /// Adjoints of primal values, in the order they were first accumulated.
  using AdjointMap = llvm::MapVector<const ir::Value *, ir::Value *>;

  // Reverse.cpp: the driver, and ops with a rule in Derivatives.def.
  void copyPrimal(const ir::Region &R);
  void reverseRegion(const ir::Region &R);
  void reverseOp(const ir::Op &O);
  void reverseRule(const ir::Op &O, ir::Value *G);
  /// The copy of primal value \p V, usable in the reverse sweep.
  ir::Value *primal(const ir::Value *V);
  /// Adds \p Contribution to the adjoint of primal value \p V.
  void accumulate(const ir::Value *V, ir::Value *Contribution);
  bool isActive(const ir::Value *V) const { return Act.isActive(V); }

  // ReverseControlFlow.cpp
  void copyIf(const ir::Op &If);
  void reverseIf(const ir::Op &If);
  /// True when primal value \p V is defined inside a region of \p If.
  static bool isDefinedIn(const ir::Value *V, const ir::Op &If);
  /// \p Copy, exported out of the `if`s around it until it is visible
  /// where the builder inserts.
  ir::Value *visible(ir::Value *Copy);
  /// \p Copy yielded out of the `if` whose region defines it.
  ir::Value *exportOut(ir::Value *Copy);

  // ReverseCalls.cpp
  void reverseCall(const ir::Op &Call, ir::Value *G);

  Differentiator &D;
  const ir::Function &Primal;
  ir::Function &Fn;
  std::vector<bool> Active;
  bool SeedParam;
  bool ReturnPrimal;
  analysis::ActivityInfo Act;
  ir::Builder B;
  /// Primal value -> its copy in the primal sweep.
  llvm::DenseMap<const ir::Value *, ir::Value *> Map;
  /// Copy inside a copied `if` -> the same value yielded out of that `if`.
  llvm::DenseMap<ir::Value *, ir::Value *> Exported;
  /// Primal `if` -> the outside values its copy yields partials for, and
  /// those partials (see copyIf).
  llvm::DenseMap<const ir::Op *,
                 std::vector<std::pair<const ir::Value *, ir::Value *>>>
      Preaccumulated;
  AdjointMap Adjoint;
};

} // namespace chainrule::differentiation

#endif // CHAINRULE_LIB_DIFFERENTIATION_REVERSEBUILDER_H
