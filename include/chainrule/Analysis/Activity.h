//===- chainrule/Analysis/Activity.h - Activity analysis --------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Activity analysis decides which values carry derivatives: a value is
/// active when it is of floating type, depends on an active parameter
/// (varied) and influences the active result (useful). Only active values
/// get tangents or adjoints; everything else is primal code.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_ANALYSIS_ACTIVITY_H
#define CHAINRULE_ANALYSIS_ACTIVITY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"

#include <vector>

namespace chainrule::ir {
class Function;
class Region;
class Value;
} // namespace chainrule::ir

namespace chainrule::analysis {

/// The activity of every value of one function.
class ActivityInfo {
public:
  /// Analyses \p F, whose parameter I is an independent variable when
  /// \p ActiveParams[I] is set; the return value is the dependent one.
  ActivityInfo(const ir::Function &F, const std::vector<bool> &ActiveParams);

  /// True when \p V depends on an active parameter.
  bool isVaried(const ir::Value *V) const { return Varied.count(V); }
  /// True when \p V influences the return value.
  bool isUseful(const ir::Value *V) const { return Useful.count(V); }
  /// True when \p V needs a derivative.
  bool isActive(const ir::Value *V) const;

private:
  void propagateVaried(const ir::Region &R);
  void propagateUseful(const ir::Region &R);

  llvm::DenseSet<const ir::Value *> Varied;
  llvm::DenseSet<const ir::Value *> Useful;
};

} // namespace chainrule::analysis

#endif // CHAINRULE_ANALYSIS_ACTIVITY_H
