//===- chainrule/IR/IR.h - The structured SSA graph -------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// chainrule's intermediate representation: structured SSA in the spirit of
/// MLIR's `scf`. A Module holds Functions; a Function has one body Region; a
/// Region is a list of Ops ending in a terminator (`return` in a function
/// body, `yield` in the regions of an `if`). Ops take Values as operands and
/// define Values as results; a Region's arguments are Values too (the
/// function's parameters). There is no goto-style control flow: control is
/// carried by ops that own regions, so the adjoint of a branch is a branch.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_IR_IR_H
#define CHAINRULE_IR_IR_H

#include "chainrule/IR/Type.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringRef.h"

#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace chainrule::ir {

/// The kinds of operation, one per row of Ops.def.
enum class OpKind : uint8_t {
#define CHAINRULE_OP(Name, Mnemonic, NumOperands, NumRegions, Pure) Name,
#include "chainrule/IR/Ops.def"
};

/// The <cmath> functions the graph knows, one per row of Derivatives.def.
enum class MathFn : uint8_t {
#define CHAINRULE_MATH(Fn, CxxName, Arity, P0, P1) Fn,
#include "chainrule/IR/Derivatives.def"
};

/// The predicate of a `cmp` op.
enum class CmpPred : uint8_t { EQ, NE, LT, LE, GT, GE };

/// The text-form name of an op kind (`add`, `if`).
llvm::StringRef getMnemonic(OpKind K);
/// Operand count of an op kind, or -1 if variadic.
int getNumOperands(OpKind K);
/// Number of regions an op of kind \p K owns.
unsigned getNumRegions(OpKind K);
/// True when ops of kind \p K have no side effects.
bool isPure(OpKind K);

/// The unqualified C++ name of a math function (`sin`).
llvm::StringRef getMathName(MathFn F);
/// Its qualified name, as generated code calls it (`std::sin`).
std::string getMathCxxName(MathFn F);
/// The number of arguments of a math function.
unsigned getMathArity(MathFn F);
/// The math function with C++ name \p Name, if chainrule knows it.
std::optional<MathFn> lookupMathFn(llvm::StringRef Name);

/// The shortest decimal form of \p V that reads back as the same value of a
/// floating type of \p Bits bits (`0.5`, `3`, `1e-10`, `inf`, `nan`).
std::string formatFloat(long double V, unsigned Bits);

/// The text-form name of a comparison predicate (`lt`).
llvm::StringRef getPredicateName(CmpPred P);
/// The C++ operator of a comparison predicate (`<`).
llvm::StringRef getPredicateOperator(CmpPred P);

class Op;
class Region;
class Function;

/// An SSA value: the result of an op or an argument of a region.
class Value {
public:
  Type getType() const { return Ty; }
  /// The op defining this value, or null for a region argument.
  Op *getDefiningOp() const { return Def; }
  /// The region this value is visible in from its definition onwards.
  Region *getParentRegion() const;
  /// The position among the defining op's results or the region's arguments.
  unsigned getIndex() const { return Index; }
  /// A name hint, kept from the source where there is one (may be empty).
  const std::string &getName() const { return Name; }
  void setName(std::string N) { Name = std::move(N); }

private:
  friend class Op;
  friend class Region;
  Value(Type Ty, std::string Name, Op *Def, Region *ArgOwner, unsigned Index)
      : Ty(Ty), Name(std::move(Name)), Def(Def), ArgOwner(ArgOwner),
        Index(Index) {}

  Type Ty;
  std::string Name;
  Op *Def;
  Region *ArgOwner;
  unsigned Index;
};

/// A list of ops, owned by an op or a function.
class Region {
public:
  using OpList = std::list<std::unique_ptr<Op>>;
  using iterator = OpList::iterator;

  Region(Op *ParentOp, Function *ParentFunc)
      : ParentOp(ParentOp), ParentFunc(ParentFunc) {}
  Region(const Region &) = delete;
  Region &operator=(const Region &) = delete;
  ~Region();

  /// The op owning this region, or null for a function body.
  Op *getParentOp() const { return ParentOp; }
  /// The function this region belongs to, at any depth.
  Function *getParentFunction() const;

  OpList &getOps() { return Ops; }
  const OpList &getOps() const { return Ops; }
  bool empty() const { return Ops.empty(); }
  iterator begin() { return Ops.begin(); }
  iterator end() { return Ops.end(); }
  /// The last op, which terminates a well-formed region.
  Op *getTerminator() const { return Ops.empty() ? nullptr : Ops.back().get(); }

  unsigned getNumArguments() const { return Args.size(); }
  Value *getArgument(unsigned I) const { return Args[I].get(); }
  Value *addArgument(Type Ty, std::string Name);
  /// Removes argument \p I, which must have no uses; later ones shift down.
  void eraseArgument(unsigned I);

  /// Inserts \p O before \p Pos and returns it.
  Op *insert(iterator Pos, std::unique_ptr<Op> O);
  /// Removes \p O (which must have no remaining uses) and deletes it.
  void erase(Op *O);
  /// Moves \p O from its region to before \p Pos in this one.
  void adopt(iterator Pos, Op *O);

  /// True when this region is \p Other or nested inside it.
  bool isNestedIn(const Region *Other) const;

private:
  Op *ParentOp;
  Function *ParentFunc;
  std::vector<std::unique_ptr<Value>> Args;
  OpList Ops;
};

/// A variable of namespace or class scope that differentiated code reads:
/// a table of constants, a setting. Generated code names it.
struct GlobalVar {
  std::string CxxName; ///< as generated code spells it: `ns::kW`, `K::table`
  Type Element;        ///< its type, or that of its elements
  int64_t Count = 0;   ///< elements of an array (all rows), 0 for one value
  bool Constant = false; ///< const or constexpr: nothing writes it
  unsigned Rank = 1;     ///< dimensions of an array (`kW[2][3]`: 2)
  /// The variable's declaration in the translation unit.
  const clang::VarDecl *Decl = nullptr;
};

/// An operation: a kind, operands, results, regions and attributes.
class Op {
public:
  Op(OpKind Kind, unsigned NumRegions);
  Op(const Op &) = delete;
  Op &operator=(const Op &) = delete;

  OpKind getKind() const { return Kind; }
  bool is(OpKind K) const { return Kind == K; }
  Region *getParentRegion() const { return Parent; }

  llvm::ArrayRef<Value *> getOperands() const { return Operands; }
  unsigned getNumOperands() const { return Operands.size(); }
  Value *getOperand(unsigned I) const { return Operands[I]; }
  void setOperand(unsigned I, Value *V) { Operands[I] = V; }
  void addOperand(Value *V) { Operands.push_back(V); }
  void eraseOperand(unsigned I) { Operands.erase(Operands.begin() + I); }

  unsigned getNumResults() const { return Results.size(); }
  Value *getResult(unsigned I = 0) const { return Results[I].get(); }
  Value *addResult(Type Ty, std::string Name = "");
  /// Removes result \p I, which must have no uses; later results shift down.
  void eraseResult(unsigned I);

  unsigned getNumRegions() const { return Regions.size(); }
  Region &getRegion(unsigned I) const { return *Regions[I]; }

  /// Attributes, meaningful for the op kinds named.
  long double getFloatValue() const { return FloatValue; } // const (float)
  /// For a constant, its integer value; for a cast from a floating value
  /// to an integer, 1 when the source converts implicitly (`int k = x;`),
  /// which cuts a derivative without saying so.
  int64_t getIntValue() const { return IntValue; }         // const (int, i1)
  void setFloatValue(long double V) { FloatValue = V; }
  void setIntValue(int64_t V) { IntValue = V; }
  CmpPred getPredicate() const { return Pred; } // cmp
  void setPredicate(CmpPred P) { Pred = P; }
  MathFn getMathFn() const { return Fn; } // math
  void setMathFn(MathFn F) { Fn = F; }
  Function *getCallee() const { return Callee; } // call
  /// Elements of an `alloca` (0: one value, not an array).
  int64_t getAllocaCount() const { return IntValue; }
  void setCallee(Function *F) { Callee = F; }
  const GlobalVar *getGlobal() const { return Global; } // global
  void setGlobal(const GlobalVar *G) { Global = G; }

  /// True for ops built by differentiation: they compute derivatives, not the
  /// primal, so rewrites that are exact in real arithmetic but not
  /// bit-for-bit in floating point may be applied to them.
  bool isDerived() const { return Derived; }
  void setDerived(bool D) { Derived = D; }

  /// An opaque source location (a clang::SourceLocation's raw encoding).
  unsigned getLoc() const { return Loc; }
  void setLoc(unsigned L) { Loc = L; }

  /// True when this op is a constant with floating or integer value \p V.
  bool isConstantValue(long double V) const;

  /// True when this op, or an op nested in its regions, has an effect other
  /// than computing its results (a store, a call to an impure function).
  bool hasSideEffects() const;

  /// True when \p V is defined inside one of this op's regions, at any
  /// depth.
  bool encloses(const Value *V) const;

private:
  friend class Region;
  OpKind Kind;
  Region *Parent = nullptr;
  std::vector<Value *> Operands;
  std::vector<std::unique_ptr<Value>> Results;
  std::vector<std::unique_ptr<Region>> Regions;
  long double FloatValue = 0;
  int64_t IntValue = 0;
  CmpPred Pred = CmpPred::EQ;
  MathFn Fn = MathFn::Sin;
  Function *Callee = nullptr;
  const GlobalVar *Global = nullptr;
  bool Derived = false;
  unsigned Loc = 0;
};

/// Names not yet taken among a function's parameters.
class ParamNamer {
public:
  /// Returns \p Want, or \p Want followed by underscores until unused.
  std::string take(std::string Want) {
    while (!Used.insert(Want).second)
      Want += "_";
    return Want;
  }

private:
  llvm::StringSet<> Used;
};

/// How a function's definition is emitted.
enum class Linkage : uint8_t { External, Inline, Internal };

/// A function: a signature and a body region whose arguments are its
/// parameters.
/// The hand-written derivatives a function may have (docs/calls.md, "Custom derivatives").
enum class CustomKind { VJP, Grad, JVP };
constexpr unsigned NumCustomKinds = 3;

/// What a parameter of a function returning a struct stands for: the
/// returned object, its cotangent, its tangent (they are passed by address).
enum class ReturnedPart : uint8_t { None, Value, Cotangent, Tangent };

class Function {
public:
  /// \p Namespace is the enclosing namespaces, `a::b`, or empty.
  Function(std::string Name, std::string Namespace, Type ResultType);
  Function(const Function &) = delete;
  Function &operator=(const Function &) = delete;

  const std::string &getName() const { return Name; }
  void setName(std::string N) { Name = std::move(N); }
  const std::string &getNamespace() const { return Namespace; }
  /// For an instantiation of a function template, its template arguments
  /// as a call spells them (`<double, 3>`); empty otherwise.
  const std::string &getTemplateArgs() const { return TemplateArgs; }
  void setTemplateArgs(std::string A) { TemplateArgs = std::move(A); }
  /// The name with its namespaces, `a::b::f`.
  std::string getQualifiedName() const;
  Type getResultType() const { return ResultType; }
  Region &getBody() { return Body; }
  const Region &getBody() const { return Body; }

  unsigned getNumParams() const { return Body.getNumArguments(); }
  Value *getParam(unsigned I) const { return Body.getArgument(I); }
  /// How a parameter is passed in C++.
  struct ParamInfo {
    /// The C++ spelling (`const double &`); a declarator where `@` stands
    /// for the name when the name goes inside (`const double (*@)[3]`).
    std::string CxxType;
    /// The SSA parameter is the address of the C++ parameter (a reference):
    /// a use of the pointer is `&p`, what it points to is `p`.
    bool ByAddress = false;
    /// For a pointer or reference: the pointee is const (read only).
    bool ConstPointee = false;
    /// For a pointer to rows (`double (*a)[3]`, `double a[][3]`): the
    /// number of array dimensions of what it points to. The SSA parameter
    /// points to the first number, and the rows are flat.
    unsigned Rank = 0;
    /// For the object a function returning a struct builds (passed by
    /// address): the part of the returned value this parameter stands for.
    ReturnedPart Returned = ReturnedPart::None;
    /// Not a parameter of the C++ function but a local object of its body
    /// (the returned value, and its cotangent or tangent, in a derivative
    /// the user asked for, which return and take them by value).
    bool Local = false;
    /// In a derivative: for the shadow or tangent of a parameter of the
    /// primal, that parameter's index; -1 for any other parameter.
    int DerivativeOf = -1;
    /// The parameter's C++ type (`clang::QualType::getAsOpaquePtr()`), for
    /// the parameters of a function lowered from the source and their
    /// copies in its derivatives; null for the others, whose type follows
    /// from the parameter they are the derivative of.
    void *ClangType = nullptr;
  };
  /// Adds a parameter passed as \p Info says.
  Value *addParam(Type Ty, std::string Name, ParamInfo Info);
  /// Adds a parameter passed by value or as a pointer, spelled \p CxxType.
  Value *addParam(Type Ty, std::string Name, std::string CxxType) {
    return addParam(Ty, std::move(Name), ParamInfo{std::move(CxxType)});
  }
  const ParamInfo &getParamInfo(unsigned I) const { return Params[I]; }
  const std::string &getParamCxxType(unsigned I) const {
    return Params[I].CxxType;
  }
  /// The C++ spelling of the return type.
  const std::string &getResultCxxType() const { return ResultCxxType; }
  void setResultCxxType(std::string S) { ResultCxxType = std::move(S); }

  /// True when calls to this function have no effect but their result.
  bool isPure() const { return Pure; }
  void setPure(bool P) { Pure = P; }

  Linkage getLinkage() const { return Link; }
  void setLinkage(Linkage L) { Link = L; }
  /// True for functions chainrule generated (and emits), false for the
  /// primal functions lowered from the source.
  bool isGenerated() const { return Generated; }
  void setGenerated(bool G) { Generated = G; }
  /// For a generated function, the primal function it differentiates.
  const Function *getOrigin() const { return Origin; }
  void setOrigin(const Function *F) { Origin = F; }
  /// The function at the end of the chain of origins: the primal a
  /// derivative (of any order) differentiates, or this function itself.
  const Function *getPrimal() const {
    const Function *P = this;
    while (P->Origin)
      P = P->Origin;
    return P;
  }

  /// True for a function chainrule does not look into (no visible body, a
  /// custom derivative, or non-differentiable): calls to it are kept.
  bool isDeclaration() const { return Declaration; }
  void setDeclaration(bool D) { Declaration = D; }
  /// True for a function of the standard library (a declaration): its
  /// derivatives can only be a wrapper's custom derivatives.
  bool isLibrary() const { return Library; }
  void setLibrary(bool L) { Library = L; }
  /// The hand-written \p K derivative, or null.
  Function *getCustomDerivative(CustomKind K) const {
    return Custom[static_cast<unsigned>(K)];
  }
  void setCustomDerivative(CustomKind K, Function *F) {
    Custom[static_cast<unsigned>(K)] = F;
  }
  /// True when the result is a constant for differentiation.
  bool isNonDifferentiable() const { return NonDifferentiable; }
  void setNonDifferentiable(bool N) { NonDifferentiable = N; }
  /// True when every call is inlined before differentiation: member
  /// functions, constructors, lambdas and operators, which generated code
  /// cannot name as free functions.
  bool isAlwaysInline() const { return AlwaysInline; }
  void setAlwaysInline(bool A) { AlwaysInline = A; }
  /// True when the function calls itself, directly or through others: its
  /// calls are kept (never inlined), also those that pass buffers.
  bool isRecursive() const { return Recursive; }
  void setRecursive(bool R) { Recursive = R; }

  /// The source location of the declaration (opaque raw encoding).
  unsigned getLoc() const { return Loc; }
  void setLoc(unsigned L) { Loc = L; }

  /// The declaration a function lowered from the source was made from; null
  /// for a generated function.
  const clang::FunctionDecl *getDecl() const { return Decl; }
  void setDecl(const clang::FunctionDecl *D) { Decl = D; }

private:
  const clang::FunctionDecl *Decl = nullptr;
  std::string Name;
  std::string Namespace;
  std::string TemplateArgs;
  Type ResultType;
  std::string ResultCxxType;
  std::vector<ParamInfo> Params;
  Region Body;
  Linkage Link = Linkage::External;
  bool Pure = true;
  bool Generated = false;
  bool Declaration = false;
  bool Library = false;
  bool NonDifferentiable = false;
  bool AlwaysInline = false;
  bool Recursive = false;
  Function *Custom[NumCustomKinds] = {};
  const Function *Origin = nullptr;
  unsigned Loc = 0;
};

/// The functions of one translation unit, in a deterministic order.
class Module {
public:
  /// Appends a new function and returns it.
  Function *addFunction(std::unique_ptr<Function> F);
  /// The function with qualified name \p QualifiedName, or null.
  Function *lookup(llvm::StringRef QualifiedName) const;
  const std::vector<std::unique_ptr<Function>> &getFunctions() const {
    return Functions;
  }
  /// The global variable named \p CxxName, made from \p Init the first
  /// time.
  const GlobalVar *getGlobal(const GlobalVar &Init);

private:
  std::vector<std::unique_ptr<Function>> Functions;
  std::map<std::string, std::unique_ptr<GlobalVar>> Globals;
};

/// The value of a constant op as the text form writes it: a floating value
/// by formatFloat, an integer in decimal (unsigned types as unsigned).
std::string formatConstant(const Op &Constant);

/// True for the ops on tape N (the integer attribute): push, append,
/// reserve, pop.
inline bool isTapeOp(const Op &O) {
  return O.is(OpKind::TapePush) || O.is(OpKind::TapeAppend) ||
         O.is(OpKind::TapeReserve) || O.is(OpKind::TapePop);
}

/// One more than the largest tape id the ops of \p R use (0 without
/// tapes): a tape id no op of \p R uses yet.
int64_t nextTapeId(const Region &R);

/// The step of carried integer \p J of `while` \p W when the body yields
/// it plus or minus a constant.
std::optional<int64_t> getCounterStep(const Op &W, unsigned J);

/// A counted loop: `for (i = a; i < b; ++i)` (or `<=`), b from outside the
/// loop and nothing else ending it. Its trip count is max(0, b - a) (+ 1
/// when inclusive), known before it starts.
struct CountedLoop {
  unsigned Counter;   ///< the carried counter's position
  const Value *Bound; ///< b
  bool Inclusive;     ///< `<=`
};
std::optional<CountedLoop> getCountedLoop(const Op &W);

/// True for the ops that compute an address from another: `index`,
/// `member`, `data`.
bool isAddressOp(const Op &O);

/// The buffer pointer \p P points into: \p P without its address ops (a
/// parameter, an `alloca` or a `global`).
const Value *getPointerBase(const Value *P);
/// True when \p P is a view base: a pointer read, at the entry of its
/// function, from a member of a parameter (transforms::hoistViewLoads).
/// Such a pointer is a buffer of its own.
bool isViewBase(const Value *P);
/// False when the addresses \p P and \p Q are known to designate different
/// elements: they are in different buffers (chainrule assumes the buffers
/// a function is passed do not overlap), or different members or constant
/// elements of one.
bool mayOverlap(const Value *P, const Value *Q);
/// True when \p P and \p Q are known to be the same element.
bool sameElement(const Value *P, const Value *Q);

/// The loads and stores of \p F through a pointer whose buffer is not
/// known when differentiating: one chosen at run time (`c ? a : b`, a
/// pointer returned from a branch) rather than an address into a parameter
/// or a local.
std::vector<const Op *> findUntrackedAccesses(const Function &F);

/// True when \p F changes memory its caller can see: it stores through a
/// pointer parameter or calls a function that does.
bool writesArguments(const Function &F);

/// True when \p Call may write through its operand \p I: a pointer passed
/// to a parameter whose pointee is not const.
bool writesThrough(const Op &Call, unsigned I);

/// Replaces every use of \p Old by \p New in \p R and the regions nested
/// in it.
void replaceAllUsesWith(Region &R, Value *Old, Value *New);

/// Calls \p Fn on every op nested in \p R, in program order (pre-order).
template <typename Callback> void walk(Region &R, Callback &&Fn) {
  for (auto &O : R.getOps()) {
    Fn(*O);
    for (unsigned I = 0, E = O->getNumRegions(); I != E; ++I)
      walk(O->getRegion(I), Fn);
  }
}

} // namespace chainrule::ir

#endif // CHAINRULE_IR_IR_H
