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
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <optional>
#include <vector>

namespace chainrule::frontend {

/// True when \p S has a `return` (outside lambdas).
bool containsReturn(const clang::Stmt *S);

/// For a local reference to a function, or const pointer to one, the
/// function it is initialized with (every call through it calls that one);
/// null otherwise.
const clang::FunctionDecl *getKnownCallTarget(const clang::VarDecl &VD);

/// For an iterator of std::vector (libstdc++'s __normal_iterator) or a
/// std::unique_ptr of numbers, the pointer type it wraps, which chainrule
/// lowers it as; nothing otherwise.
std::optional<clang::QualType> iteratorPointer(clang::QualType T);

/// The shape of a constant array type, nested ones included
/// (`double[2][3]`: 6 numbers of type double, 2 dimensions).
struct ArrayShape {
  clang::QualType Element;
  int64_t Count;
  unsigned Rank;
};
/// The shape of \p T, or nothing when it is no constant array.
std::optional<ArrayShape> arrayShape(const clang::ASTContext &Ctx,
                                     clang::QualType T);
/// The shape of \p T as a member or a variable holds it: that of an array,
/// or \p T itself once (Count 0, Rank 1).
ArrayShape memberShape(const clang::ASTContext &Ctx, clang::QualType T);

/// For chainrule::Tape<T>, the type T of its values; nothing otherwise.
std::optional<clang::QualType> tapeElement(clang::QualType T);

/// True when \p RD is a std::vector or a std::array.
bool isStdContainer(const clang::CXXRecordDecl *RD);
/// For `v[i]` of a std::vector or std::array, the container `v`; null
/// otherwise.
const clang::Expr *containerSubscripted(const clang::Expr *E);

/// True when \p FD is a function of the C or C++ standard library: declared
/// in a system header, in the global namespace or in std.
bool isStandardLibrary(const clang::FunctionDecl &FD);

/// \p E without parentheses and conversions that do not change the object.
const clang::Expr *stripNoOps(const clang::Expr *E);

/// \p E without the wrappers around a temporary or a default argument:
/// also materializations, cleanups and constructor conversions.
const clang::Expr *stripTemporaries(const clang::Expr *E);

/// True when \p RD is std::pair, std::tuple or std::complex: a struct to
/// chainrule, lowered by LowerStdValues.cpp.
bool isStdValue(const clang::CXXRecordDecl *RD);
/// True for `std::get<I>(x)` (or `std::get<T>(x)`).
bool isStdGet(const clang::Expr *E);
/// True for a call of std::tie.
bool isTie(const clang::Expr *E);

/// A complex number as its two parts; a null part is an exact zero (the
/// imaginary part of a real number).
struct ComplexValue {
  ir::Value *Re, *Im;
};

/// \p E without the implicit conversions between integer types around it
/// (an index as written, not converted to size_t).
const clang::Expr *integerAsWritten(const clang::Expr *E);

/// True when \p E initializes to zero: `{}`, a value-initialization, a
/// trivial default constructor.
bool isZeroInit(const clang::Expr *E);

/// True when \p R is or holds a std::vector, at any depth (it cannot be
/// copied member by member).
bool holdsVector(const ir::RecordType *R);

/// True when the function that declares \p V (a pointer captured by
/// reference) may assign the variable itself; otherwise the capture is its
/// value.
bool isReassigned(const clang::VarDecl &V);

/// True for a parameter `T *&p` of a function with a body that never
/// assigns p: it is passed as the pointer's value (only read through).
bool isPointerReadByReference(const clang::ParmVarDecl &P);

/// The call to `malloc` or `calloc` \p E is (implicit casts aside), if any.
const clang::CallExpr *heapAllocation(const clang::Expr *E);

/// True when \p FD is the C library's `free`.
bool isFree(const clang::FunctionDecl &FD);

/// The class of the lambda whose closure \p T is (or refers to); null when
/// \p T is no closure.
const clang::CXXRecordDecl *getClosure(clang::QualType T);

/// A variable a lambda captures; the call operator gets its address (by
/// reference) or its value (by copy; a struct's copy by address). A lambda
/// that captures another lambda \p Via gets that one's captures, for its
/// calls of it.
struct Capture {
  const clang::VarDecl *Var;
  bool ByRef;
  const clang::VarDecl *Via = nullptr;
};

/// The parameters a function's SSA form has before its C++ ones, in this
/// order: the object a member function or constructor runs on, the address
/// a struct result is returned in, and a lambda's captured variables.
struct ImplicitParams {
  bool Object = false;
  bool Result = false;
  llvm::SmallVector<Capture, 4> Captures;
  unsigned size() const { return Object + Result + Captures.size(); }
};
ImplicitParams implicitParams(const clang::FunctionDecl &FD);

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
  /// The enum type of \p ED (an integer that generated code converts to
  /// and from by name), the plain integer of an unnamed enumeration, or
  /// nothing for an enumeration local to a function.
  static std::optional<ir::Type> convertEnum(clang::ASTContext &Ctx,
                                             const clang::EnumDecl &ED);

  /// The struct type of a std::pair, std::tuple or std::complex of
  /// numbers (or of structs of them).
  static std::optional<ir::Type>
  convertStdValue(clang::ASTContext &Ctx,
                  const clang::ClassTemplateSpecializationDecl &Spec);
  /// Why chainrule cannot differentiate with the struct \p RD, if it
  /// cannot.
  static std::optional<std::string>
  structProblem(clang::ASTContext &Ctx, const clang::CXXRecordDecl *RD);
  /// Reports that \p What has type \p T chainrule has no SSA type for,
  /// with a note saying why when \p T is a struct.
  static void reportUnsupportedType(clang::ASTContext &Ctx,
                                    clang::SourceLocation Loc,
                                    const std::string &What, clang::QualType T);

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
  /// Marks the cast defining \p V as an implicit conversion of a floating
  /// value to an integer, at \p Loc (ir::Op::getIntValue).
  static void markImplicitCut(ir::Value *V, clang::SourceLocation Loc);
  void terminate(ir::Value *Result);
  /// Reports a write into a global variable, which derivatives could not
  /// undo or differentiate; without one, warns of the floating global
  /// variables that are not constant and are read as constants.
  void checkGlobals();
  /// The address of global variable \p VD (a `global` op at the function's
  /// entry, one per variable), read at \p At; null after reporting a type
  /// chainrule has no layout for. A variable that is not constant is read
  /// as a constant, with a warning if it holds floating values.
  ir::Value *globalAddress(const clang::VarDecl &VD, const clang::Expr &At);
  /// True when a path of the C++ function reaches the end of its body
  /// without a return (Clang's control-flow graph says).
  bool mayFallOffEnd();
  /// An `if` on \p Cond whose regions end the function: it yields the
  /// returned value (named `result`), if any.
  ir::Op *createReturningIf(ir::Value *Cond);

  // LowerLoops.cpp: loops, switch, and leaving them early.
  /// A `for`, `while` or `do` loop: a `while` op carrying the locals the
  /// loop assigns and the flags its jumps set (\p Init and \p Inc may be
  /// null; \p Cond null means true). Returns true when it lowered \p Rest
  /// too (after a loop that may return, at function level). A condition
  /// that assigns (`while (n--)`) or declares (\p CondVar: `while (int k =
  /// i--)`) is evaluated in the body, which it leaves like a `break`.
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
                 RangeLoop *Range = nullptr,
                 const clang::DeclStmt *CondVar = nullptr);
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
  /// A call; a struct result is built in \p Dest (a new object if null),
  /// whose address is returned.
  ir::Value *lowerCall(const clang::CallExpr &E, ir::Value *Dest = nullptr);
  ir::Value *lowerDeclRef(const clang::DeclRefExpr &E);
  /// The value of \p E, read from memory when it designates it.
  ir::Value *lowerRValue(const clang::Expr *E);
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
  /// no calls, no assignments, no integer division, and no read of memory
  /// that may not be there unless \p Guard (the condition that decides
  /// whether \p E runs, evaluated first) reads it too.
  bool isSpeculatable(const clang::Expr *E,
                      const clang::Expr *Guard = nullptr) const;

  // LowerHeap.cpp: buffers of `new` and `malloc`, which are locals.
  /// `new T[n]` (a local std::vector<T> of n zeros: its data) or `new T(v)`
  /// (a local T).
  ir::Value *lowerNew(const clang::CXXNewExpr &E);
  /// `std::make_unique<T[]>(n)`, `std::make_unique<T>(v)`: as `new`.
  ir::Value *lowerMakeUnique(const clang::CallExpr &E);
  /// A buffer of \p N elements of type \p Elem (zeros), or one element
  /// initialized from \p Init (zero when null): its first element.
  ir::Value *newArray(ir::Type Elem, ir::Value *N);
  ir::Value *newValue(ir::Type Elem, const clang::Expr *Init);
  /// `malloc(bytes)` or `calloc(n, size)` cast to \p PtrTy: a local
  /// std::vector of the elements the bytes hold.
  ir::Value *lowerMalloc(const clang::CallExpr &Alloc, clang::QualType PtrTy);
  /// Stores \p V into the \p N elements from \p Data (a counted loop).
  void fillElements(ir::Value *Data, ir::Value *N, ir::Value *V);
  /// `v.resize(n)`, `v.assign(n, x)` of a std::vector declared empty, in
  /// the region of its declaration: the vector's object, of n elements.
  ir::Value *sizeEmptyVector(const clang::CXXMemberCallExpr &E,
                             const clang::VarDecl &VD);
  /// `v.push_back(x)` (or emplace_back) of the growing vector \p VD.
  ir::Value *lowerPushBack(const clang::CXXMemberCallExpr &E,
                           const clang::VarDecl &VD);
  /// Notes a read (any use but a push) of the growing vector \p VD at
  /// \p At; false after reporting one in a loop that pushes to it.
  bool noteGrowthRead(const clang::VarDecl &VD, const clang::Expr &At);
  /// `free(p)` or `delete p`: nothing, for a buffer the function allocated;
  /// an error for another (freeing the caller's memory is an effect
  /// chainrule does not repeat).
  ir::Value *lowerFree(const clang::Expr &E);

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
  /// The same for operator \p K on \p LHS and \p RHS (pointers or
  /// iterators) at \p E.
  ir::Value *lowerPointerBinary(clang::BinaryOperatorKind K,
                                const clang::Expr *LHS, const clang::Expr *RHS,
                                const clang::Expr &E);
  /// Whether the pointer \p PtrE is null (\p IsNull) or not, at \p At.
  ir::Value *lowerNullTest(const clang::Expr *PtrE, bool IsNull,
                           const clang::Expr *At);
  ir::Value *lowerMemoryAssign(const clang::BinaryOperator &E);
  ir::Value *lowerMemoryIncDec(const clang::UnaryOperator &E);
  ir::Value *lowerPointerIncDec(const clang::UnaryOperator &E,
                                const clang::VarDecl *VD);
  /// Moves pointer variable \p VD by \p Step elements; the new value when
  /// \p Prefix, else the old one.
  ir::Value *stepPointer(const clang::VarDecl *VD, int64_t Step, bool Prefix,
                         const clang::Expr &At);
  /// False (after reporting) when \p Addr is in a by-value parameter.
  bool checkWritable(ir::Value *Addr, const clang::Expr *At);
  /// `v.size()` and `v.data()` of a std::vector or std::array.
  ir::Value *lowerContainerCall(const clang::CXXMemberCallExpr &E);
  /// A local struct, std::array or std::vector of type \p Ty.
  bool lowerRecordDecl(const clang::VarDecl &VD, ir::Type Ty);
  /// `std::vector<T> v(first, last)`: a vector of that size, and the copy.
  void lowerVectorFromRange(const clang::VarDecl &VD, ir::Type Ty,
                            const clang::Expr *FirstE,
                            const clang::Expr *LastE);
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

  // LowerAlgorithms.cpp: iterators and the algorithms of the library.
  /// The body of a counted loop: given the counter and the carried values,
  /// builds the iteration and returns the carried values' next values.
  using CountedBody = llvm::function_ref<llvm::SmallVector<ir::Value *, 2>(
      ir::Value *, llvm::ArrayRef<ir::Value *>)>;
  /// `for (k = Begin; k < End; ++k)` carrying \p Inits (named \p Names):
  /// the carried values after the loop.
  llvm::SmallVector<ir::Value *, 2> countedLoop(ir::Value *Begin,
                                                ir::Value *End,
                                                llvm::ArrayRef<ir::Value *> Inits,
                                                llvm::ArrayRef<std::string> Names,
                                                CountedBody Body);
  /// True for a call of an algorithm chainrule lowers as a loop.
  bool isAlgorithmCall(const clang::CallExpr &E) const;
  ir::Value *lowerAlgorithm(const clang::CallExpr &E);
  ir::Value *lowerSwap(const clang::CallExpr &E);
  /// An operator on an iterator of std::vector, as on the pointer it is;
  /// `*it` and `it[k]` give the element's address.
  ir::Value *lowerIteratorOperator(const clang::CXXOperatorCallExpr &E);
  /// std::begin(r) or std::end(r) (\p End) of an array or container.
  ir::Value *lowerRangeEnd(const clang::CallExpr &E, bool End);
  /// The first element of container \p Object, or one past its last
  /// (\p End); null when \p Object is no container.
  ir::Value *containerEnd(ir::Value *Object, bool End);

  // LowerStdValues.cpp: std::pair, std::tuple and std::complex.
  /// Initializes the pair, tuple or complex at \p Dest from \p Src when
  /// it is one of their constructors, std::make_pair or std::make_tuple,
  /// or complex arithmetic; false for a copy or a call chainrule sees into.
  bool initStdValue(const clang::Expr *Src, ir::Value *Dest, bool Zeroed);
  /// The address of the element `std::get<I>(x)` designates.
  ir::Value *lowerStdGet(const clang::CallExpr &E);
  /// Copies the members of the pair or tuple at \p Src to the one of as
  /// many members at \p Dest, converting numbers (`pair<double, double>`
  /// from `pair<float, int>`); false after reporting.
  bool convertMembers(ir::Value *Dest, ir::Value *Src, const clang::Expr *At);
  /// `std::tie(a, b) = t`: each variable from its element.
  ir::Value *lowerTieAssign(const clang::CXXOperatorCallExpr &E);
  /// Binds the names of `auto [a, b] = e;` to e's members.
  void lowerBindings(const clang::DecompositionDecl &DD);
  /// Assigns \p V to the variable or memory \p Target designates.
  bool storeTo(const clang::Expr *Target, ir::Value *V, const clang::Expr *At);
  bool isComplexExpr(const clang::Expr *E) const;
  /// The parts of the complex (or real) value of \p E.
  std::optional<ComplexValue> lowerComplex(const clang::Expr *E);
  /// Stores \p Z into the complex at \p Dest.
  void storeComplex(ir::Value *Dest, ComplexValue Z, const clang::Expr *At);
  /// `x + y`, `x - y`, `x * y`, `x / y` (or their compound forms).
  std::optional<ComplexValue> complexArith(clang::OverloadedOperatorKind K,
                                           ComplexValue X, ComplexValue Y);
  /// std::exp, std::log, ... of complex numbers.
  std::optional<ComplexValue> complexFunction(llvm::StringRef Name,
                                              llvm::ArrayRef<ComplexValue> Args);
  /// std::abs, std::arg, std::norm, std::real, std::imag of a complex, and
  /// `z.real()`, `z.imag()`.
  ir::Value *lowerComplexScalar(const clang::CallExpr &E);
  /// `z.real(x)`, `z.imag(x)`, `z.real()`, `z.imag()`.
  ir::Value *lowerStdValueCall(const clang::CXXMemberCallExpr &E);
  /// `=` (from std::tie too), `+=`, `-=`, `*=`, `/=`, `==`, `!=`.
  ir::Value *lowerStdValueOperator(const clang::CXXOperatorCallExpr &E);

  // LowerTapes.cpp: chainrule::Tape in code chainrule generated.
  /// A local chainrule::Tape: a tape id of the function. False for other
  /// locals.
  bool lowerTapeDecl(const clang::VarDecl &VD);
  /// `t.push(v)`, `t.append(v)`, `t.reserve(n)`, `t.pop()`.
  ir::Value *lowerTapeCall(const clang::CXXMemberCallExpr &E);

  // LowerCalls.cpp
  /// A call of \p Callee at \p At: \p Object is the address of the object a
  /// member function or constructor runs on, \p Captures a lambda's, \p Dest
  /// where a struct result goes (a new object if null).
  ir::Value *emitCall(const clang::Expr &At, const clang::FunctionDecl &Callee,
                      ir::Value *Object, llvm::ArrayRef<ir::Value *> Captures,
                      llvm::ArrayRef<const clang::Expr *> ArgExprs,
                      ir::Value *Dest);
  /// `obj.f(...)`, `p->f(...)`, `a + b` on structs, `f(...)` of a lambda or
  /// functor.
  ir::Value *lowerMemberCall(const clang::CallExpr &E, ir::Value *Dest);
  /// std::max, std::min (of two values or an initializer list) and
  /// std::clamp as selects; null for a form with a comparator.
  ir::Value *lowerOrdering(const clang::CallExpr &E, llvm::StringRef Name);
  /// The address of the object \p E designates or points to (a new
  /// object holding it for a temporary).
  ir::Value *objectAddress(const clang::Expr *E);

  // LowerObjects.cpp: structs as values, constructors and lambdas.
  /// Initializes the struct or std::array at \p Dest with the value of \p E
  /// (an initializer list, a constructor call, a call returning a struct,
  /// or a copy); \p Zeroed says \p Dest is known to be all zero.
  void initRecord(const clang::Expr *E, ir::Value *Dest, bool Zeroed);
  /// A new object holding the value of the struct expression \p E.
  ir::Value *lowerRecord(const clang::Expr *E, std::string Name = "");
  /// Copies the struct at \p Src to \p Dest member by member; false after
  /// reporting at \p At one that holds a std::vector.
  bool copyRecord(ir::Value *Dest, ir::Value *Src, const clang::Stmt *At);
  void zeroRecord(ir::Value *Dest);
  /// The \p Count elements at \p Dest from the array initializer \p E.
  void initElements(const clang::Expr *E, ir::Value *Dest, int64_t Count,
                    bool Zeroed);
  /// `a = b` of structs (the implicit assignment operator).
  ir::Value *lowerRecordAssign(const clang::CXXOperatorCallExpr &E);
  /// A constructor's member initializers.
  void lowerMemberInits(const clang::CXXConstructorDecl &CD);
  /// The values a lambda's call operator receives for its captures, made
  /// where the lambda \p LE is evaluated.
  std::optional<llvm::SmallVector<ir::Value *, 4>>
  captureValues(const clang::LambdaExpr &LE);
  /// The captures of the lambda \p Closure (a local closure or a lambda
  /// expression); nothing after reporting.
  std::optional<llvm::SmallVector<ir::Value *, 4>>
  closureCaptures(const clang::Expr *Closure);
  /// `auto f = [...](...) {...};`: records the captures; false when \p VD
  /// is no lambda.
  bool lowerClosureDecl(const clang::VarDecl &VD);
  /// Returns the value a `return` passes back (null when it goes to the
  /// result slot, or after reporting).
  ir::Value *lowerReturnValue(const clang::Expr *E);
  /// Binds the parameters of the SSA function to the implicit object, the
  /// result slot, the captures and the C++ parameters.
  void bindParams();

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
      /// The loop statement (null for a switch).
    const clang::Stmt *Loop = nullptr;
};
  /// A std::vector declared empty that grows by push_back: whether it has
  /// been read since (no push may follow), the loops around its
  /// declaration, and the loops inside those around its pushes (no read
  /// may be inside one).
  struct Growth {
    bool Read = false;
    llvm::SmallPtrSet<const clang::Stmt *, 4> Around, Loops;
  };
  llvm::DenseMap<const clang::VarDecl *, Growth> Growing;

  /// The current SSA value of each local, parameter and flag, in order of
  /// declaration so that branches yield them deterministically.
  llvm::MapVector<VarKey, ir::Value *> Vars;
  llvm::DenseMap<VarKey, std::string> FlagNames;
  /// Locals that are memory (arrays, references) -> their address.
  llvm::DenseMap<const clang::ValueDecl *, ir::Value *> Addrs;
  /// A std::vector declared empty, with the region of its declaration: it
  /// becomes an object where `resize` or `assign` gives it a size there.
  llvm::DenseMap<const clang::VarDecl *, std::pair<ir::Type, ir::Region *>>
      EmptyVectors;
  /// Scalar locals whose address is taken.
  llvm::DenseSet<const clang::VarDecl *> AddressTaken;
  /// Pointer variables -> the buffer they point into; Vars holds their
  /// offset.
  llvm::DenseMap<const clang::VarDecl *, ir::Value *> PtrBase;
  /// The loops and switches around the statement being lowered.
  std::vector<JumpTarget *> Jumps;
  /// The object a member function or constructor runs on, and where a
  /// struct result is returned; null when there is none.
  ir::Value *This = nullptr, *ResultSlot = nullptr;
  /// The index among the SSA parameters of each C++ parameter (of the
  /// first capture for a lambda passed in).
  llvm::SmallVector<unsigned, 8> ParamIndex;
  /// Local lambdas -> the values of their captures.
  llvm::DenseMap<const clang::VarDecl *, llvm::SmallVector<ir::Value *, 4>>
      Closures;
  /// Flags of a `return` inside a loop: taken, and the value.
  char ReturnedKey = 0, ReturnValueKey = 0;
  /// Local tapes -> their tape id and the type of their values.
  llvm::DenseMap<const clang::VarDecl *, std::pair<int64_t, ir::Type>> Tapes;
  int64_t NextTape = 0;
  /// Global variables read -> their `global` op at the function's entry.
  llvm::DenseMap<const clang::VarDecl *, ir::Value *> Globals;
  /// Calls returning a reference whose address lowerLValue is asking
  /// lowerExpr for: a second request for one is a cycle, not progress.
  llvm::SmallPtrSet<const clang::Expr *, 4> CallAddresses;
  /// Whether control may reach the end of the body (mayFallOffEnd).
  std::optional<bool> FallsOff;
  bool Failed = false;
};

} // namespace chainrule::frontend

#endif // CHAINRULE_LIB_FRONTEND_FUNCTIONLOWERING_H
