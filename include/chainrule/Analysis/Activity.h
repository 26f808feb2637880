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
///
/// Memory is active by buffer: an active pointer parameter's buffer, the
/// view bases an active struct holds, and a local `alloca` (array, object
/// or slot) that a varied value is stored into, or that a call writes
/// varied values into. Loads from an active buffer are varied; stores into
/// one are results (useful).
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_ANALYSIS_ACTIVITY_H
#define CHAINRULE_ANALYSIS_ACTIVITY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"

#include <vector>

namespace chainrule::ir {
class Function;
class Op;
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
  /// True when tape \p Tape (of code chainrule generated) carries values
  /// with derivatives: a varied value is pushed on it, a useful one popped.
  bool carriesDerivatives(int64_t Tape) const {
    return VariedTapes.count(Tape) && UsefulTapes.count(Tape);
  }
  /// True when \p V needs a derivative.
  bool isActive(const ir::Value *V) const;
  /// True when pointer \p P points into an active buffer (which has a
  /// shadow or tangent buffer).
  bool isActiveMemory(const ir::Value *P) const;
  /// For each operand of call \p Call, whether it carries a derivative: an
  /// active scalar, or a pointer into an active buffer.
  std::vector<bool> activeArguments(const ir::Op &Call) const;
  /// True when call \p Call may write into an active buffer.
  bool writesActiveMemory(const ir::Op &Call) const;
  /// A write of a varied value into a buffer that is not active (a pointer
  /// parameter left out of the active set): its derivative would be lost.
  struct LostWrite {
    const ir::Op *At;      ///< a store or a call
    const ir::Value *Ptr;  ///< the pointer written through
  };
  llvm::ArrayRef<LostWrite> getLostWrites() const { return LostWrites; }
  /// Calls of non-differentiable functions that write an active buffer:
  /// what they write has no derivative chainrule could propagate.
  llvm::ArrayRef<const ir::Op *> getConstantWrites() const {
    return ConstantWrites;
  }

private:
  /// Returns true when a local array became active.
  bool propagateVaried(const ir::Region &R);
  void propagateUseful(const ir::Region &R);
  /// Marks the buffer \p At (a store or call) writes a varied value into
  /// through \p Ptr.
  bool noteVariedWrite(const ir::Op &At, const ir::Value *Ptr);
  /// A call: varied results and written buffers when it reads varied
  /// values or active memory.
  bool propagateVariedCall(const ir::Op &Call);

  llvm::DenseSet<const ir::Value *> Varied;
  llvm::DenseSet<const ir::Value *> Useful;
  llvm::DenseSet<const ir::Value *> ActiveBuffers;
  /// Tapes a varied value is pushed on, and tapes a useful value is popped
  /// from.
  llvm::DenseSet<int64_t> VariedTapes, UsefulTapes;
  std::vector<LostWrite> LostWrites;
  std::vector<const ir::Op *> ConstantWrites;
};

} // namespace chainrule::analysis

#endif // CHAINRULE_ANALYSIS_ACTIVITY_H
