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
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

#include <map>

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

  // ReverseMemory.cpp
  /// Where the shadow of pointer \p P points, in the reverse sweep.
  ir::Value *shadowPointer(const ir::Value *P);
  /// Shadows for the active arrays \p R allocates, at the start of its
  /// reverse.
  void allocateShadows(const ir::Region &R);
  /// `*d_p += g` for a load, read-and-reset of the shadow for a store.
  void reverseLoad(const ir::Op &Load, ir::Value *G);
  void reverseStore(const ir::Op &Store);
  /// The adjoint of `push %v, %x`: pops x's adjoint off v's shadow.
  void reversePush(const ir::Op &Push);
  /// True when the primal sweep must record what load \p O reads in a
  /// loop body: the buffer is written somewhere in the function, so
  /// reading it again in the reverse sweep could see a later value.
  bool isClobberable(const ir::Op &Load) const;
  /// True when \p Base is a local object sized in a branch around \p At
  /// (not in a loop body around it), which cannot be moved out of the
  /// branch: it no longer exists when the reverse sweep reaches \p At.
  bool endsBeforeReverse(const ir::Value *Base, const ir::Op &At) const;
  /// True when \p Store writes bookkeeping (integers) that a call kept in
  /// the reverse sweep reads: the reverse sweep puts back what it
  /// overwrote, so that the call's pullback sees what the call saw.
  bool restoresOld(const ir::Op &Store) const;
  /// True when a region of \p O reads or writes active memory.
  bool touchesActiveMemory(const ir::Op &O) const;
  /// The outermost loop around \p O, or null.
  const ir::Op *getOutermostLoop(const ir::Op &O) const;
  /// A buffer \p Call passes that changes after the call, so that the
  /// custom derivative, called in the reverse sweep, would see other
  /// contents; null when there is none.
  const ir::Value *findChangedBuffer(const ir::Op &Call) const;

  // ReverseControlFlow.cpp
  void copyIf(const ir::Op &If);
  void reverseIf(const ir::Op &If);
  /// \p Copy, exported out of the `if`s around it until it is visible in
  /// \p Here (by default where the builder inserts).
  ir::Value *visible(ir::Value *Copy, const ir::Region *Here = nullptr);
  /// Moves the primal sweep's local object \p Alloca out of the `if`s
  /// around it, to just before the outermost one that \p Here is not in:
  /// the reverse sweep reads it after those branches have ended. False
  /// when its size is computed in those branches.
  bool hoistOutOfBranches(ir::Op &Alloca, const ir::Region *Here);
  /// \p Copy yielded out of the `if` whose region defines it.
  ir::Value *exportOut(ir::Value *Copy);

  /// The reverse of an op on a tape of code chainrule generated.
  void reverseTapeOp(const ir::Op &O);

  // ReverseCalls.cpp
  void reverseCall(const ir::Op &Call, ir::Value *G);

  // ReverseLoops.cpp
  /// Copies loop \p W; with \p Record (the primal sweep) it also counts the
  /// iterations and pushes the carried values the reverse sweep needs.
  void copyLoop(const ir::Op &W, bool Record);
  /// Copies a loop met in copyPrimal. In a recorded loop body its results
  /// are recorded too, and the reverse sweep of that body pops them.
  void copyNestedLoop(const ir::Op &W);
  void reverseWhile(const ir::Op &W);

  /// What the primal sweep recorded for a loop.
  struct LoopRecord {
    /// Carried value -> the tape its value at each iteration's start is on.
    std::vector<std::pair<unsigned, int64_t>> Taped;
    /// Carried integer counters (next = value + Step), recomputed from the
    /// iteration index: carried index, initial value, step.
    std::vector<std::tuple<unsigned, const ir::Value *, int64_t>> Induction;
    /// The trip count, or the tape it is on (in an enclosing loop).
    ir::Value *TripCount = nullptr;
    int64_t TripTape = -1;
    /// A counted loop (i from a while i < b or i <= b, step 1): the carried
    /// counter, the bound and whether it is inclusive; its trip count is
    /// computed, not counted.
    std::optional<ir::CountedLoop> Counted;
  };
  /// Before \p Copy, the primal sweep's copy of counted loop \p W: reserves
  /// room on each tape its body pushes on once per iteration, and makes
  /// those pushes appends.
  void reserveTapes(ir::Op &Copy, const ir::Op &W, const LoopRecord &L);
  /// The trip count of loop \p W in the reverse sweep.
  ir::Value *tripCount(const ir::Op &W, const LoopRecord &L);

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
  llvm::DenseMap<const ir::Op *, LoopRecord> Loops;
  /// Primal values the reverse sweep of a loop body knows without
  /// recomputing them (the next iteration's carried values).
  llvm::DenseSet<const ir::Value *> Provided;
  int64_t NextTape = 0;
  /// The primal's tapes that carry derivatives -> their tapes of adjoints.
  std::map<int64_t, int64_t> AdjointTapes;
  /// How many recorded loop bodies enclose the copy point.
  unsigned LoopDepth = 0;
  /// False while a loop body is recomputed in the reverse sweep.
  bool Recording = true;
  /// Results of <cmath> calls in loop bodies -> the innermost loop around
  /// them and their tape: the primal sweep records them, the reverse sweep
  /// of that loop pops them instead of calling the function again.
  llvm::DenseMap<const ir::Value *, std::pair<const ir::Op *, int64_t>>
      RecordedCalls;
  /// The loop whose body the primal sweep is copying (recording), and the
  /// loop whose body the reverse sweep is recomputing (popping).
  const ir::Op *RecordingLoop = nullptr;
  const ir::Op *PoppingLoop = nullptr;
  /// Values carried to the next iteration, which need no recording.
  llvm::DenseSet<const ir::Value *> CarriedOut;
  AdjointMap Adjoint;
  /// Active buffers (pointer parameters, arrays) -> their shadows.
  llvm::DenseMap<const ir::Value *, ir::Value *> ShadowBase;
  /// The position of each primal op in program order (pre-order), and of
  /// the last store into each buffer.
  llvm::DenseMap<const ir::Op *, unsigned> Order;
  /// Buffers of integers passed to calls (restoresOld); the value each
  /// such store overwrote (in the copy being built), and the tape it is
  /// recorded on in a loop body.
  llvm::DenseSet<const ir::Value *> Restored;
  llvm::DenseMap<const ir::Op *, ir::Value *> OldValue;
  llvm::DenseMap<const ir::Op *, std::pair<const ir::Op *, int64_t>>
      RecordedOld;
  /// The positions of the stores and calls writing each buffer, ascending.
  llvm::DenseMap<const ir::Value *, llvm::SmallVector<unsigned, 4>> Writes;
  /// Loops nested in a recorded loop body -> that body's loop and the
  /// tapes their results are on: the reverse sweep pops them rather than
  /// running the loop again.
  llvm::DenseMap<const ir::Op *,
                 std::pair<const ir::Op *, std::vector<int64_t>>>
      RecordedLoops;
};

} // namespace chainrule::differentiation

#endif // CHAINRULE_LIB_DIFFERENTIATION_REVERSEBUILDER_H
