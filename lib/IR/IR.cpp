//===- IR.cpp - The structured SSA graph ----------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Ownership and bookkeeping of values, ops, regions and functions, and the
/// tables derived from Ops.def and Derivatives.def.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/IR.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace chainrule::ir;

namespace {
struct OpInfo {
  const char *Mnemonic;
  int NumOperands;
  unsigned NumRegions;
  bool Pure;
};
const OpInfo OpInfos[] = {
#define CHAINRULE_OP(Name, Mnemonic, NumOperands, NumRegions, Pure)            \
  {Mnemonic, NumOperands, NumRegions, Pure},
#include "chainrule/IR/Ops.def"
};

struct MathInfo {
  const char *Name;
  unsigned Arity;
};
const MathInfo MathInfos[] = {
#define CHAINRULE_MATH(Fn, CxxName, Arity, P0, P1) {#CxxName, Arity},
#include "chainrule/IR/Derivatives.def"
};
} // namespace

llvm::StringRef chainrule::ir::getMnemonic(OpKind K) {
  return OpInfos[static_cast<unsigned>(K)].Mnemonic;
}
int chainrule::ir::getNumOperands(OpKind K) {
  return OpInfos[static_cast<unsigned>(K)].NumOperands;
}
unsigned chainrule::ir::getNumRegions(OpKind K) {
  return OpInfos[static_cast<unsigned>(K)].NumRegions;
}
bool chainrule::ir::isPure(OpKind K) {
  return OpInfos[static_cast<unsigned>(K)].Pure;
}

llvm::StringRef chainrule::ir::getMathName(MathFn F) {
  llvm::StringRef Name = MathInfos[static_cast<unsigned>(F)].Name;
  return Name.substr(Name.rfind(':') + 1);
}
std::string chainrule::ir::getMathCxxName(MathFn F) {
  llvm::StringRef Name = MathInfos[static_cast<unsigned>(F)].Name;
  return Name.contains("::") ? Name.str() : "std::" + Name.str();
}
unsigned chainrule::ir::getMathArity(MathFn F) {
  return MathInfos[static_cast<unsigned>(F)].Arity;
}
std::optional<MathFn> chainrule::ir::lookupMathFn(llvm::StringRef Name) {
  for (unsigned I = 0, E = std::size(MathInfos); I != E; ++I)
    if (Name == MathInfos[I].Name)
      return static_cast<MathFn>(I);
  return std::nullopt;
}

llvm::StringRef chainrule::ir::getPredicateName(CmpPred P) {
  static const char *Names[] = {"eq", "ne", "lt", "le", "gt", "ge"};
  return Names[static_cast<unsigned>(P)];
}
llvm::StringRef chainrule::ir::getPredicateOperator(CmpPred P) {
  static const char *Ops[] = {"==", "!=", "<", "<=", ">", ">="};
  return Ops[static_cast<unsigned>(P)];
}

Region *Value::getParentRegion() const {
  return Def ? Def->getParentRegion() : ArgOwner;
}

Region::~Region() {
  // Ops refer to values of earlier ops: destroy them last to first.
  while (!Ops.empty())
    Ops.pop_back();
}

Function *Region::getParentFunction() const {
  if (ParentFunc)
    return ParentFunc;
  return ParentOp->getParentRegion()->getParentFunction();
}

Value *Region::addArgument(Type Ty, std::string Name) {
  Args.push_back(std::unique_ptr<Value>(
      new Value(Ty, std::move(Name), nullptr, this, Args.size())));
  return Args.back().get();
}

void Region::eraseArgument(unsigned I) {
  Args.erase(Args.begin() + I);
  for (unsigned J = I, E = Args.size(); J != E; ++J)
    Args[J]->Index = J;
}

Op *Region::insert(iterator Pos, std::unique_ptr<Op> O) {
  O->Parent = this;
  return Ops.insert(Pos, std::move(O))->get();
}

void Region::erase(Op *O) {
  auto It = std::find_if(Ops.begin(), Ops.end(),
                         [O](const auto &P) { return P.get() == O; });
  assert(It != Ops.end() && "erasing an op from the wrong region");
  Ops.erase(It);
}

bool Region::isNestedIn(const Region *Other) const {
  for (const Region *R = this; R; R = R->ParentOp ? R->ParentOp->getParentRegion()
                                                  : nullptr)
    if (R == Other)
      return true;
  return false;
}

Op::Op(OpKind Kind, unsigned NumRegions) : Kind(Kind) {
  for (unsigned I = 0; I != NumRegions; ++I)
    Regions.push_back(std::make_unique<Region>(this, nullptr));
}

Value *Op::addResult(Type Ty, std::string Name) {
  Results.push_back(std::unique_ptr<Value>(
      new Value(Ty, std::move(Name), this, nullptr, Results.size())));
  return Results.back().get();
}

void Op::eraseResult(unsigned I) {
  Results.erase(Results.begin() + I);
  for (unsigned J = I, E = Results.size(); J != E; ++J)
    Results[J]->Index = J;
}

bool Op::isConstantValue(long double V) const {
  if (Kind != OpKind::Constant)
    return false;
  Type Ty = getResult()->getType();
  return Ty.isFloat() ? FloatValue == V : static_cast<long double>(IntValue) == V;
}

bool Op::hasSideEffects() const {
  if (Kind == OpKind::Call ? !Callee->isPure()
                           : !isPure(Kind) && Kind != OpKind::Yield &&
                                 Kind != OpKind::Condition &&
                                 Kind != OpKind::Alloca &&
                                 Kind != OpKind::Load)
    return true;
  for (const auto &R : Regions)
    for (const auto &O : R->getOps())
      if (O->hasSideEffects())
        return true;
  return false;
}

Function::Function(std::string Name, std::string Namespace, Type ResultType)
    : Name(std::move(Name)), Namespace(std::move(Namespace)),
      ResultType(ResultType), ResultCxxType(ResultType.cxxName()),
      Body(nullptr, this) {}

std::string Function::getQualifiedName() const {
  return Namespace.empty() ? Name : Namespace + "::" + Name;
}

Value *Function::addParam(Type Ty, std::string Name, ParamInfo Info) {
  Params.push_back(std::move(Info));
  return Body.addArgument(Ty, std::move(Name));
}

Function *Module::addFunction(std::unique_ptr<Function> F) {
  Functions.push_back(std::move(F));
  return Functions.back().get();
}

const GlobalVar *Module::getGlobal(const GlobalVar &Init) {
  std::unique_ptr<GlobalVar> &G = Globals[Init.CxxName];
  if (!G)
    G = std::make_unique<GlobalVar>(Init);
  return G.get();
}

Function *Module::lookup(llvm::StringRef QualifiedName) const {
  for (const auto &F : Functions)
    if (F->getQualifiedName() == QualifiedName)
      return F.get();
  return nullptr;
}

std::string chainrule::ir::formatFloat(long double V, unsigned Bits) {
  if (std::isnan(V))
    return "nan";
  if (std::isinf(V))
    return V < 0 ? "-inf" : "inf";
  char Buf[64];
  // Whole numbers as digits (10, not 1e+01) while that stays short.
  if (V == std::trunc(V) && std::fabs(V) < 1e15L) {
    std::snprintf(Buf, sizeof(Buf), "%.0Lf", V);
    return Buf;
  }
  for (int Precision = 1; Precision <= 21; ++Precision) {
    std::snprintf(Buf, sizeof(Buf), "%.*Lg", Precision, V);
    bool Same = Bits == 32   ? std::strtof(Buf, nullptr) == float(V)
                : Bits == 64 ? std::strtod(Buf, nullptr) == double(V)
                             : std::strtold(Buf, nullptr) == V;
    if (Same)
      break;
  }
  return Buf;
}

std::string chainrule::ir::formatConstant(const Op &Constant) {
  Type Ty = Constant.getResult()->getType();
  if (Ty.isFloat())
    return formatFloat(Constant.getFloatValue(), Ty.getBits());
  if (Ty.isPointer())
    return "null";
  if (Ty.isInt() && !Ty.isSigned())
    return std::to_string(static_cast<uint64_t>(Constant.getIntValue()));
  return std::to_string(Constant.getIntValue());
}

void chainrule::ir::replaceAllUsesWith(Region &R, Value *Old, Value *New) {
  walk(R, [&](Op &O) {
    for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I)
      if (O.getOperand(I) == Old)
        O.setOperand(I, New);
  });
}

bool chainrule::ir::isAddressOp(const Op &O) {
  return O.is(OpKind::Index) || O.is(OpKind::Member) || O.is(OpKind::Data);
}

bool Op::encloses(const Value *V) const {
  for (const auto &R : Regions)
    if (V->getParentRegion()->isNestedIn(R.get()))
      return true;
  return false;
}

const Value *chainrule::ir::getPointerBase(const Value *P) {
  while (const Op *D = P->getDefiningOp()) {
    if (!isAddressOp(*D))
      break;
    P = D->getOperand(0);
  }
  return P;
}

namespace {
/// An address as its base and the steps from it: a member (its field), an
/// element (its offset, unknown when not constant; consecutive offsets
/// add up) or a container's data.
struct Path {
  enum class Step : uint8_t { Member, Element, Data };
  const Value *Base;
  llvm::SmallVector<std::pair<Step, std::optional<int64_t>>, 4> Steps;

  explicit Path(const Value *P) {
    while (const Op *D = P->getDefiningOp()) {
      if (!isAddressOp(*D))
        break;
      if (D->is(OpKind::Member)) {
        Steps.push_back({Step::Member, D->getIntValue()});
      } else if (D->is(OpKind::Data)) {
        Steps.push_back({Step::Data, 0});
      } else {
        const Op *C = D->getOperand(1)->getDefiningOp();
        std::optional<int64_t> Offset;
        if (C && C->is(OpKind::Constant))
          Offset = C->getIntValue();
        // An offset of an offset: they add up.
        if (!Steps.empty() && Steps.back().first == Step::Element)
          Steps.back().second = Offset && Steps.back().second
                                    ? std::optional(*Offset + *Steps.back().second)
                                    : std::nullopt;
        else
          Steps.push_back({Step::Element, Offset});
      }
      P = D->getOperand(0);
    }
    Base = P;
    std::reverse(Steps.begin(), Steps.end());
  }

  bool isConstant() const {
    return llvm::all_of(Steps, [](const auto &S) { return S.second.has_value(); });
  }

  /// Where \p Other goes on to an element, an access through this shorter
  /// path is one at offset 0: `m` is `m[0]`, `p.w` is `p.w[0]`.
  void padTo(const Path &Other) {
    if (Steps.size() < Other.Steps.size() &&
        Other.Steps[Steps.size()].first == Step::Element)
      Steps.push_back({Step::Element, 0});
  }
};
} // namespace

int64_t chainrule::ir::nextTapeId(const Region &R) {
  int64_t Next = 0;
  walk(const_cast<Region &>(R), [&](Op &O) {
    if (isTapeOp(O))
      Next = std::max(Next, O.getIntValue() + 1);
  });
  return Next;
}

bool chainrule::ir::isViewBase(const Value *P) {
  const Op *D = P->getDefiningOp();
  if (!D || !D->is(OpKind::Load) || !P->getType().isPointer() ||
      D->getParentRegion()->getParentOp())
    return false;
  const Value *Root = getPointerBase(D->getOperand(0));
  return !Root->getDefiningOp() &&
         Root->getParentRegion() == D->getParentRegion();
}

bool chainrule::ir::mayOverlap(const Value *P, const Value *Q) {
  if (P == Q)
    return true;
  Path A(P), B(Q);
  if (A.Base != B.Base)
    return false;
  A.padTo(B);
  B.padTo(A);
  for (size_t I = 0, E = std::min(A.Steps.size(), B.Steps.size()); I != E; ++I) {
    if (A.Steps[I].first != B.Steps[I].first)
      return true;
    if (A.Steps[I].second && B.Steps[I].second &&
        *A.Steps[I].second != *B.Steps[I].second)
      return false;
    if (!A.Steps[I].second || !B.Steps[I].second)
      return true;
  }
  return true;
}

bool chainrule::ir::sameElement(const Value *P, const Value *Q) {
  if (P == Q)
    return true;
  Path A(P), B(Q);
  A.padTo(B);
  B.padTo(A);
  return A.Base == B.Base && A.isConstant() && B.isConstant() &&
         A.Steps == B.Steps;
}

bool chainrule::ir::writesArguments(const Function &F) {
  bool Writes = false;
  walk(const_cast<Region &>(F.getBody()), [&](Op &O) {
    if (O.is(OpKind::Store) || O.is(OpKind::Accumulate)) {
      const Op *Base = getPointerBase(O.getOperand(0))->getDefiningOp();
      Writes |= !Base || !Base->is(OpKind::Alloca);
    }
    if (O.is(OpKind::Call))
      Writes |= !O.getCallee()->isPure();
  });
  return Writes;
}

bool chainrule::ir::writesThrough(const Op &Call, unsigned I) {
  return Call.getOperand(I)->getType().isPointer() &&
         !Call.getCallee()->getParamInfo(I).ConstPointee;
}

std::optional<int64_t> chainrule::ir::getCounterStep(const Op &W, unsigned J) {
  const Value *Arg = W.getRegion(1).getArgument(J);
  const Value *Next = W.getRegion(1).getTerminator()->getOperand(J);
  const Op *D = Next->getDefiningOp();
  if (!Arg->getType().isInt() || !D ||
      !(D->is(OpKind::Add) || D->is(OpKind::Sub)) || D->getOperand(0) != Arg)
    return std::nullopt;
  const Op *C = D->getOperand(1)->getDefiningOp();
  if (!C || !C->is(OpKind::Constant))
    return std::nullopt;
  return D->is(OpKind::Add) ? C->getIntValue() : -C->getIntValue();
}

std::optional<CountedLoop> chainrule::ir::getCountedLoop(const Op &W) {
  const Region &Cond = W.getRegion(0);
  if (Cond.getOps().size() != 2)
    return std::nullopt;
  const Op *C = Cond.getOps().front().get();
  if (!C->is(OpKind::Cmp) ||
      Cond.getTerminator()->getOperand(0) != C->getResult() ||
      (C->getPredicate() != CmpPred::LT && C->getPredicate() != CmpPred::LE))
    return std::nullopt;
  const Value *Counter = C->getOperand(0), *Bound = C->getOperand(1);
  if (Counter->getDefiningOp() || Counter->getParentRegion() != &Cond ||
      !Counter->getType().isInt() ||
      Bound->getParentRegion()->isNestedIn(&Cond) ||
      Bound->getParentRegion()->isNestedIn(&W.getRegion(1)))
    return std::nullopt;
  unsigned J = Counter->getIndex();
  std::optional<int64_t> Step = getCounterStep(W, J);
  if (!Step || *Step != 1)
    return std::nullopt;
  return CountedLoop{J, Bound, C->getPredicate() == CmpPred::LE};
}

void Region::adopt(iterator Pos, Op *O) {
  Region &From = *O->Parent;
  auto It = std::find_if(From.Ops.begin(), From.Ops.end(),
                         [O](const auto &P) { return P.get() == O; });
  assert(It != From.Ops.end() && "op not in its region");
  Ops.splice(Pos, From.Ops, It);
  O->Parent = this;
}

std::vector<const Op *> chainrule::ir::findUntrackedAccesses(const Function &F) {
  std::vector<const Op *> Found;
  walk(const_cast<Region &>(F.getBody()), [&](Op &O) {
    if (!O.is(OpKind::Load) && !O.is(OpKind::Store) &&
        !O.is(OpKind::Accumulate))
      return;
    const Value *Base = getPointerBase(O.getOperand(0));
    const Op *D = Base->getDefiningOp();
    bool Param = !D && Base->getParentRegion() == &F.getBody();
    if (!Param && !(D && (D->is(OpKind::Alloca) || D->is(OpKind::Global))) &&
        !isViewBase(Base))
      Found.push_back(&O);
  });
  return Found;
}
