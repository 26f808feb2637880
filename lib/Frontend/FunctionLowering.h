//===- FunctionLowering.h - One function from AST to SSA --------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The lowering of one function body, declared once and defined over
/// Lowering.cpp (signature and types), LowerStmt.cpp and LowerExpr.cpp.
///
/// Statements are lowered as a work list in "tail position": each region
/// that a return can end is lowered with the statements that follow it, so
/// that every path of the region ends in its terminator (`return` in the
/// body, `yield` of the return value in a branch). A branch without returns
/// is an `if` yielding the locals it assigns.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_FRONTEND_FUNCTIONLOWERING_H
#define CHAINRULE_LIB_FRONTEND_FUNCTIONLOWERING_H

#include "chainrule/Frontend/Diagnostics.h"
#include "chainrule/Frontend/Lowering.h"
#include "chainrule/IR/Builder.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <optional>
#include <vector>

namespace chainrule::frontend {

/// True when \p S has a `return` (outside lambdas).
bool containsReturn(const clang::Stmt *S);

/// For a local reference to a function, or const pointer to one, the
/// function it is initialized with (every call through it calls that one);
/// null otherwise.
const clang::FunctionDecl *getKnownCallTarget(const clang::VarDecl &VD);

class FunctionLowering {
public:
  FunctionLowering(ModuleLowering &ML, const clang::FunctionDecl &FD,
                   ir::Function &F);

  /// Lowers the body; false after reporting an error.
  bool run();

  /// The SSA type of \p T, or nothing when chainrule has none for it.
  static std::optional<ir::Type> convertType(clang::ASTContext &Ctx,
                                             clang::QualType T);
  /// The record type of a struct, std::array or std::vector chainrule
  /// knows the layout of.
  static std::optional<ir::Type> convertRecord(clang::ASTContext &Ctx,
                                               clang::QualType T);

private:
  using Work = std::vector<const clang::Stmt *>;

  // LowerStmt.cpp
  /// Lowers \p Stmts; in tail position every path must end in a return,
  /// and the region's terminator is built.
  void lowerStmts(Work Stmts, bool Tail);
  void lowerIf(const clang::IfStmt &S, Work Rest, bool Tail);
  /// An `if` without returns in either branch: it yields the locals (and
  /// flags) the branches assign.
  void buildIf(ir::Value *Cond, llvm::function_ref<void()> Then,
               llvm::function_ref<void()> Else);
  void lowerDecl(const clang::DeclStmt &S);
  void terminate(ir::Value *Result);
  /// An `if` on \p Cond whose regions end the function: it yields the
  /// returned value (named `result`), if any.
  ir::Op *createReturningIf(ir::Value *Cond);

  // LowerLoops.cpp: loops, switch, and leaving them early.
  /// A `for`, `while` or `do` loop: a `while` op carrying the locals the
  /// loop assigns and the flags its jumps set (\p Init and \p Inc may be
  /// null; \p Cond null means true). Returns true when it lowered \p Rest
  /// too (after a loop that may return, at function level).
  /// A range-based `for` over an array or container: a counter from 0 to
  /// \p Count, and the loop variable bound to element `Base[counter]`.
  struct RangeLoop {
    ir::Value *Base;
    ir::Value *Count;
    const clang::VarDecl *Var;
    char CounterKey = 0;
  };
  bool lowerLoop(const clang::Stmt &Loop, const clang::Stmt *Init,
                 const clang::Expr *Cond, const clang::Expr *Inc,
                 const clang::Stmt *Body, bool IsDo, Work Rest, bool Tail,
                 RangeLoop *Range = nullptr);
  /// `for (T &e : v)` and `for (T e : a)` over a local or member array, a
  /// std::array or a std::vector; null Range after reporting.
  bool lowerRangeFor(const clang::CXXForRangeStmt &S, Work Rest, bool Tail);
  void lowerSwitch(const clang::SwitchStmt &S);
  /// Makes the flag (and value) a `return` inside a loop or switch sets.
  void addReturnFlags();
  /// After a loop or switch that may have returned, at function level:
  /// returns the value if it did, else lowers \p Rest (in tail position).
  void returnIfReturned(Work Rest);
  /// `break`, `continue`, or `return` inside a loop: sets its flag.
  void lowerJump(const clang::Stmt &S);
  /// Whether a jump has happened, for guarding the rest of a statement
  /// list; null when none can have.
  ir::Value *exitCondition();
  /// The flags exitCondition tests (those not known to be false).
  llvm::SmallVector<const void *, 4> exitFlags();
  /// Inside a guard that tested \p Keys, they are false.
  void clearFlags(llvm::ArrayRef<const void *> Keys);

  // LowerExpr.cpp
  ir::Value *lowerExpr(const clang::Expr *E);
  ir::Value *lowerCast(const clang::CastExpr &E);
  ir::Value *lowerUnary(const clang::UnaryOperator &E);
  ir::Value *lowerBinary(const clang::BinaryOperator &E);
  ir::Value *lowerAssign(const clang::BinaryOperator &E);
  ir::Value *lowerConditional(const clang::Expr *Cond, const clang::Expr *T,
                              const clang::Expr *F, clang::QualType Ty);
  ir::Value *lowerCall(const clang::CallExpr &E);
  ir::Value *lowerDeclRef(const clang::DeclRefExpr &E);
  /// The value a compound assignment \p E (`+=`, ...) computes from the
  /// old value \p Old and the right operand \p R, in \p Old's type.
  ir::Value *compoundResult(const clang::BinaryOperator &E, ir::Value *Old,
                            ir::Value *R);
  /// The value of \p E if Clang can evaluate it as a constant, else null.
  ir::Value *lowerConstant(const clang::Expr *E);
  /// The local an assignment writes, or null after reporting.
  const clang::VarDecl *assignedVar(const clang::Expr *LHS);
  std::optional<ir::Type> typeOf(const clang::Expr *E);
  /// True when \p E may be evaluated whether or not control reaches it:
  /// no calls, no assignments, no integer division.
  bool isSpeculatable(const clang::Expr *E) const;

  // LowerMemory.cpp: pointers, arrays and references.
  /// True when \p E designates memory: an element, a dereference, a local
  /// array or a reference.
  bool isMemoryLValue(const clang::Expr *E) const;
  /// The address of what the lvalue \p E designates.
  ir::Value *lowerLValue(const clang::Expr *E);
  ir::Value *lowerLoad(const clang::Expr *E);
  /// The current value of pointer variable \p VD (its base and offset).
  ir::Value *pointerValue(const clang::VarDecl *VD);
  /// \p P as its base (a pointer that is not an `index`) and its offset
  /// from that base (an i64).
  std::pair<ir::Value *, ir::Value *> splitPointer(ir::Value *P);
  /// Makes pointer variable \p VD point to \p P; false after reporting a
  /// pointer that changes buffers.
  bool assignPointer(const clang::VarDecl *VD, ir::Value *P,
                     const clang::Expr *At);
  /// `p + i`, `p - i`, `p - q` and comparisons of pointers.
  ir::Value *lowerPointerArith(const clang::BinaryOperator &E);
  ir::Value *lowerMemoryAssign(const clang::BinaryOperator &E);
  ir::Value *lowerMemoryIncDec(const clang::UnaryOperator &E);
  ir::Value *lowerPointerIncDec(const clang::UnaryOperator &E,
                                const clang::VarDecl *VD);
  /// False (after reporting) when \p Addr is in a by-value parameter.
  bool checkWritable(ir::Value *Addr, const clang::Expr *At);
  /// `v.size()` and `v.data()` of a std::vector or std::array.
  ir::Value *lowerContainerCall(const clang::CXXMemberCallExpr &E);
  /// A local struct, std::array or std::vector of type \p Ty.
  bool lowerRecordDecl(const clang::VarDecl &VD, ir::Type Ty);
  /// The address passed for a struct or container argument by value.
  ir::Value *lowerRecordArgument(const clang::Expr *Arg);
  /// Local arrays, references and pointers; false for other locals.
  bool lowerMemoryDecl(const clang::VarDecl &VD);
  /// Finds the locals whose address the body takes: they live in memory.
  void findAddressTaken();
  /// Puts local \p VD in a slot holding \p Init.
  ir::Value *makeAddressable(const clang::VarDecl &VD, ir::Value *Init);
  /// A temporary bound to a reference: a slot of type \p Ty holding it.
  ir::Value *materialize(const clang::MaterializeTemporaryExpr &MT,
                         ir::Type Ty, std::string Name);
  /// A local passed by non-const reference, read back after the call.
  struct WriteBack {
    const clang::VarDecl *Var;
    ir::Value *Slot;
  };
  /// The address passed for argument \p Arg of a parameter of reference
  /// type \p ParamTy.
  ir::Value *lowerByReference(const clang::Expr *Arg, clang::QualType ParamTy,
                              std::vector<WriteBack> &After);

  /// Reports that \p What at \p S cannot be differentiated; returns null.
  std::nullptr_t unsupported(const clang::Stmt *S, llvm::StringRef What);
  void setLoc(const clang::Stmt *S);

  ModuleLowering &ML;
  clang::ASTContext &Ctx;
  const clang::FunctionDecl &FD;
  ir::Function &F;
  ir::Builder B;
  /// A local of the SSA renaming: a VarDecl, or the address of a flag.
  using VarKey = const void *;
  /// The name of a local or flag.
  std::string nameOf(VarKey K) const;

  /// A loop or switch that `break` (and, for loops, `continue`) leave; the
  /// addresses of its members are the keys of its flags in Vars.
  struct JumpTarget {
    bool IsLoop;
    char Break = 0, Continue = 0, Matched = 0, First = 0;
  };

  /// The current SSA value of each local, parameter and flag, in order of
  /// declaration so that branches yield them deterministically.
  llvm::MapVector<VarKey, ir::Value *> Vars;
  llvm::DenseMap<VarKey, std::string> FlagNames;
  /// Locals that are memory (arrays, references) -> their address.
  llvm::DenseMap<const clang::ValueDecl *, ir::Value *> Addrs;
  /// Scalar locals whose address is taken.
  llvm::DenseSet<const clang::VarDecl *> AddressTaken;
  /// Pointer variables -> the buffer they point into; Vars holds their
  /// offset.
  llvm::DenseMap<const clang::VarDecl *, ir::Value *> PtrBase;
  /// The loops and switches around the statement being lowered.
  std::vector<JumpTarget *> Jumps;
  /// Flags of a `return` inside a loop: taken, and the value.
  char ReturnedKey = 0, ReturnValueKey = 0;
  bool Failed = false;
};

} // namespace chainrule::frontend

#endif // CHAINRULE_LIB_FRONTEND_FUNCTIONLOWERING_H
