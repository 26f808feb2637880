//===- FunctionEmitter.cpp - One function as C++ --------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Prints one function of the SSA graph as C++. Every value gets its own
/// variable, named after its name hint (unique within the function), except
/// constants and single-use pure values, which are printed inside the
/// expression that uses them. The results of an `if` are declared before it
/// and assigned in its branches.
//===----------------------------------------------------------------------===//

#include "chainrule/Emit/CppEmitter.h"
#include "CxxNames.h"

#include "chainrule/IR/IR.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <map>

using namespace chainrule;
using namespace chainrule::ir;
using namespace chainrule::emit;

namespace {

/// C++ operator precedence, tighter binding first.
enum Precedence : unsigned {
  PrecPrimary = 2,
  PrecUnary = 3,
  PrecMultiplicative = 5,
  PrecAdditive = 6,
  PrecShift = 7,
  PrecRelational = 9,
  PrecEquality = 10,
  PrecBitAnd = 11,
  PrecBitXor = 12,
  PrecBitOr = 13,
  PrecLogicalAnd = 14,
  PrecLogicalOr = 15,
  PrecConditional = 16,
};

struct Expr {
  std::string Text;
  unsigned Prec;
};

class FunctionEmitter {
public:
  FunctionEmitter(const Function &F, llvm::raw_ostream &OS) : F(F), OS(OS) {
    // Parameters keep the names of the signature; locals must not hide the
    // functions and namespaces the body calls.
    for (unsigned I = 0, E = F.getNumParams(); I != E; ++I)
      Var[F.getParam(I)] = Names.take(F.getParam(I)->getName(), "arg");
    walk(const_cast<Region &>(F.getBody()), [this](Op &O) {
      if ((O.is(OpKind::TapePush) || O.is(OpKind::TapeAppend)) &&
          !Tapes.count(O.getIntValue()))
        Tapes[O.getIntValue()] = O.getOperand(0);
      for (Value *V : O.getOperands()) {
        ++Uses[V];
        User[V] = &O;
      }
      if (O.is(OpKind::Call)) {
        Names.reserve(O.getCallee()->getName());
        if (const Function *Origin = O.getCallee()->getOrigin())
          Names.reserve(Origin->getName());
        Names.reserve(firstNamespace(O.getCallee()->getNamespace()));
      }
      if (O.is(OpKind::Global)) // no local may hide what it names
        Names.reserve(firstNamespace(O.getGlobal()->CxxName));
    });
    Names.reserve("std");
  }

  void emit() {
    std::vector<bool> Unused;
    for (unsigned I = 0, E = F.getNumParams(); I != E; ++I)
      Unused.push_back(Uses.lookup(F.getParam(I)) == 0);
    const Value *Seed = returnedLocals(Unused);
    OS << cxxSignature(F, /*WithNames=*/true, Unused) << " {\n";
    for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
      const Value *P = F.getParam(I);
      if (!F.getParamInfo(I).Local || Unused[I])
        continue;
      OS << P->getType().getPointee().cxxName() << " " << Var[P];
      if (F.getParamInfo(I).Returned == ReturnedPart::Cotangent)
        OS << " = " << Var[Seed] << ";\n";
      else
        OS << "{};\n";
    }
    for (auto &[Id, Pushed] : Tapes) {
      std::string Hint = suggestName(Pushed);
      std::string Name = Names.take((Hint.empty() ? "values" : Hint) + "_tape",
                                    "tape");
      TapeNames[Id] = Name;
      OS << "chainrule::Tape<" << Pushed->getType().cxxName() << "> " << Name
         << ";\n";
    }
    emitRegion(F.getBody());
    OS << "}\n";
  }

private:
  /// The returned struct of a derivative that returns or takes it by value
  /// (docs/user-guide.md), and its tangent or cotangent, are locals of the body (the
  /// tangent returned, the cotangent a copy of `d_ret`). Marks the seed
  /// `d_ret` used where the cotangent is, and returns it.
  const Value *returnedLocals(std::vector<bool> &Unused) {
    int Seed = -1;
    for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
      const Function::ParamInfo &Info = F.getParamInfo(I);
      if (Info.Returned == ReturnedPart::Cotangent && !Info.Local)
        Seed = I;
      if (Info.Local && Info.Returned == ReturnedPart::Tangent) {
        Returned = F.getParam(I);
        Unused[I] = false;
      }
    }
    if (Seed < 0)
      return nullptr;
    for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
      const Value *P = F.getParam(I);
      if (!F.getParamInfo(I).Local || Unused[I] ||
          F.getParamInfo(I).Returned != ReturnedPart::Cotangent)
        continue;
      Unused[Seed] = false;
      // A cotangent only read is `d_ret` itself.
      bool Written = false;
      walk(const_cast<Region &>(F.getBody()), [&](Op &O) {
        Written |= (O.is(OpKind::Store) || O.is(OpKind::Accumulate)) &&
                   getPointerBase(O.getOperand(0)) == P;
      });
      if (!Written) {
        Var[P] = Var[F.getParam(Seed)];
        Unused[I] = true;
      }
    }
    return F.getParam(Seed);
  }

  static std::string firstNamespace(llvm::StringRef NS) {
    return NS.split("::").first.str();
  }

  /// Values printed where they are used rather than in a variable
  /// (remembered: deciding asks the same of the operands, at any depth).
  bool isInlined(const Value *V) const {
    auto It = Inlined.find(V);
    if (It != Inlined.end())
      return It->second;
    bool Result = decideInlined(V);
    Inlined[V] = Result;
    return Result;
  }

  bool decideInlined(const Value *V) const {
    const Op *D = V->getDefiningOp();
    if (!D)
      return false;
    switch (D->getKind()) {
    case OpKind::Constant:
    case OpKind::Undef:
      return true;
    case OpKind::Index:
    case OpKind::Member:
    case OpKind::Data:
    case OpKind::Global:
      return true;
    case OpKind::Load: {
      // Not inside an address: addresses are printed at each of their uses.
      const Op *U = User.lookup(V);
      return V->getName().empty() && Uses.lookup(V) == 1 && U &&
             !isAddressOp(*U) && readsUnchanged(*D);
    }
    case OpKind::If:
    case OpKind::While:
    case OpKind::Alloca:
      return false;
    default:
      // An expression that contains a load is printed at its use only if
      // nothing in between writes memory.
      return !D->hasSideEffects() && V->getName().empty() &&
             Uses.lookup(V) == 1 && !usedInsideLoop(V) &&
             (!operandsReadMemory(*D) || readsUnchanged(*D));
    }
  }

  /// True when an operand of \p O is printed as an expression that reads
  /// memory (an inlined load, at any depth).
  bool operandsReadMemory(const Op &O) const {
    for (const Value *V : O.getOperands()) {
      const Op *D = V->getDefiningOp();
      if (D && isInlined(V) && (D->is(OpKind::Load) || operandsReadMemory(*D)))
        return true;
    }
    return false;
  }

  /// True when \p L (a load, or an expression containing one) can be
  /// printed where its single use is: the use is in the same region and
  /// nothing between them writes memory.
  bool readsUnchanged(const Op &L) const {
    const Op *U = User.lookup(L.getResult());
    if (!U || U->getParentRegion() != L.getParentRegion())
      return false;
    llvm::SmallPtrSet<const Value *, 4> Bases;
    basesRead(L, Bases);
    const Region &R = *L.getParentRegion();
    bool After = false;
    for (const auto &O : R.getOps()) {
      if (O.get() == U)
        return true;
      if (After && (writesTo(*O, Bases) || O->is(OpKind::TapePop)))
        return false;
      After |= O.get() == &L;
    }
    return false;
  }

  /// The buffers the expression of \p O reads: its own load's, and those
  /// of the inlined loads among its operands.
  void basesRead(const Op &O, llvm::SmallPtrSetImpl<const Value *> &Out) const {
    if (O.is(OpKind::Load))
      Out.insert(getPointerBase(O.getOperand(0)));
    for (const Value *V : O.getOperands())
      if (const Op *D = V->getDefiningOp(); D && isInlined(V))
        basesRead(*D, Out);
  }

  /// True when \p O (or an op nested in it) may write one of \p Bases
  /// (distinct buffers do not overlap, see docs/memory.md).
  static bool writesTo(const Op &O,
                       const llvm::SmallPtrSetImpl<const Value *> &Bases) {
    bool Writes = false;
    auto Check = [&](Op &Inner) {
      if (Inner.is(OpKind::Store) || Inner.is(OpKind::Accumulate))
        Writes |= Bases.count(getPointerBase(Inner.getOperand(0))) != 0;
      if (Inner.is(OpKind::Call))
        Writes |= !Inner.getCallee()->isPure();
    };
    Check(const_cast<Op &>(O));
    for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
      walk(O.getRegion(I), Check);
    return Writes;
  }

  /// True when the use of single-use \p V is inside a loop that \p V is
  /// defined outside of: printed there, it would be computed (and read its
  /// operands) on every iteration.
  bool usedInsideLoop(const Value *V) const {
    const Op *U = User.lookup(V);
    if (!U)
      return false;
    for (const Region *R = U->getParentRegion(); R != V->getParentRegion();
         R = R->getParentOp()->getParentRegion()) {
      if (!R->getParentOp())
        return false;
      if (R->getParentOp()->is(OpKind::While))
        return true;
    }
    return false;
  }

  std::string nameFor(const Value *V) {
    return Names.take(suggestName(V), "tmp");
  }

  /// A name for a value without a name hint: `sin_x` for a math function of
  /// a named value, `cond` for a comparison, an `if` result after the value
  /// its first branch yields.
  std::string suggestName(const Value *V) {
    if (!V->getName().empty())
      return V->getName();
    const Op *D = V->getDefiningOp();
    if (!D)
      return "";
    if (D->is(OpKind::Math)) {
      auto It = Var.find(D->getOperand(0));
      if (It != Var.end() && !D->getOperand(0)->getName().empty())
        return getMathName(D->getMathFn()).str() + "_" + It->second;
      return getMathName(D->getMathFn()).str() + "_value";
    }
    if (D->is(OpKind::Cmp))
      return "cond";
    if (D->is(OpKind::Load))
      return pointeeName(D->getOperand(0));
    if (D->is(OpKind::If))
      for (unsigned I = 0; I != 2; ++I) {
        const Value *Y = D->getRegion(I).getTerminator()->getOperand(
            V->getIndex());
        if (Y->getDefiningOp() && !Y->getDefiningOp()->is(OpKind::Undef) &&
            !Y->getDefiningOp()->is(OpKind::Constant))
          return suggestName(Y);
      }
    return "";
  }

  /// A name for what \p P points to: `y_i` for y[i], `s` for a reference
  /// s, `scale` for p->in.scale.
  static std::string pointeeName(const Value *P) {
    const Op *D = P->getDefiningOp();
    if (!D || !isAddressOp(*D))
      return P->getName();
    // The parts of a complex z are z_real and z_imag.
    if (D->is(OpKind::Member) &&
        D->getOperand(0)->getType().getRecord()->getAccess() ==
            RecordType::Access::Part) {
      std::string Z = pointeeName(D->getOperand(0));
      return Z.empty() ? field(*D).Name : Z + "_" + field(*D).Name;
    }
    if (D->is(OpKind::Member))
      return field(*D).Name;
    std::string Base = pointeeName(D->getOperand(0));
    if (D->is(OpKind::Data) || Base.empty())
      return Base;
    const Value *Offset = D->getOperand(1);
    return Offset->getName().empty() ? Base : Base + "_" + Offset->getName();
  }

  /// The `if` result that \p V is yielded as, when that is its only use:
  /// \p V is then computed straight into the result's variable.
  const Value *forwardedTo(const Value *V) const {
    if (Uses.lookup(V) != 1)
      return nullptr;
    const Region *R = V->getParentRegion();
    const Op *Y = R->getTerminator();
    const Op *If = R->getParentOp();
    if (!If || !If->is(OpKind::If) || !Y->is(OpKind::Yield))
      return nullptr;
    for (unsigned J = 0, E = Y->getNumOperands(); J != E; ++J)
      if (Y->getOperand(J) == V)
        return If->getResult(J);
    return nullptr;
  }

  void emitRegion(const Region &R) {
    for (const auto &O : R.getOps())
      emitOp(*O);
  }

  void emitOp(const Op &O) {
    switch (O.getKind()) {
    case OpKind::Yield:
      return; // The enclosing `if` assigns its results.
    case OpKind::Return:
      if (Returned)
        OS << "return " << Var[Returned] << ";\n";
      else if (O.getNumOperands())
        OS << "return " << expr(O.getOperand(0)).Text << ";\n";
      else if (O.getParentRegion() != &F.getBody())
        OS << "return;\n";
      return;
    case OpKind::Accumulate:
    case OpKind::Store: {
      const Value *Ptr = O.getOperand(0);
      if (InitStores.count(&O))
        return; // the slot's initializer
      if (std::optional<std::string> Part = complexPart(Ptr)) {
        // `z.imag(v);`, `z.imag(z.imag() + v);`
        OS << *Part << "(" << (O.is(OpKind::Store) ? "" : *Part + "() + ")
           << expr(O.getOperand(1)).Text << ");\n";
        return;
      }
      OS << deref(Ptr) << (O.is(OpKind::Store) ? " = " : " += ")
         << expr(O.getOperand(1)).Text << ";\n";
      return;
    }
    case OpKind::Alloca: {
      std::string Name = nameFor(O.getResult());
      Var[O.getResult()] = Name;
      OS << O.getResult()->getType().getPointee().cxxName() << " " << Name;
      if (O.getNumOperands())
        OS << "(" << expr(O.getOperand(0)).Text << ");\n";
      else if (O.getAllocaCount())
        OS << "[" << O.getAllocaCount() << "] = {};\n";
      else if (const RecordType *R =
                   O.getResult()->getType().getPointee().getRecord();
               R && !R->isValueInitZero())
        OS << " = chainrule::zeroed<" << R->getCxxName() << ">();\n";
      else if (R)
        OS << "{};\n";
      else if (const Op *Init = storedNext(O)) {
        // `double heap = y;`, not `double heap = 0; heap = y;`
        InitStores.insert(Init);
        OS << " = " << expr(Init->getOperand(1)).Text << ";\n";
      } else
        OS << zeroInitializer(O.getResult()->getType().getPointee()) << ";\n";
      return;
    }
    case OpKind::If:
      emitIf(O);
      return;
    case OpKind::While:
      emitWhile(O);
      return;
    case OpKind::Condition:
      return; // emitWhile tests it
    case OpKind::CheckSize:
      emitCheckSize(O);
      return;
    default:
      break;
    }
    if (O.getNumResults() == 0) {
      OS << compute(O).Text << ";\n";
      return;
    }
    const Value *V = O.getResult();
    if (isInlined(V))
      return;
    if (emitUpdate(O))
      return;
    if (O.is(OpKind::Pop)) {
      std::string Name = nameFor(V);
      Var[V] = Name;
      // `double d_x = d_v.back(); d_v.pop_back();`
      std::string Vec = objectOperand(O.getOperand(0));
      if (Uses.lookup(V))
        OS << V->getType().cxxName() << " " << Name << " = " << Vec
           << ".back();\n";
      OS << Vec << ".pop_back();\n";
      return;
    }
    std::string Init = compute(O).Text;
    if (const Value *Result = forwardedTo(V)) {
      std::string Name = Var.lookup(Result); // a copy: Var may grow
      Var[V] = Name;
      OS << Var[V] << " = " << Init << ";\n";
      return;
    }
    std::string Name = nameFor(V);
    Var[V] = Name;
    if (Uses.lookup(V) == 0 && O.hasSideEffects()) {
      OS << Init << ";\n";
      return;
    }
    // A pointer read from a struct (a view) keeps the member's const.
    std::string Ty = V->getType().isPointer() && O.is(OpKind::Load)
                         ? "auto *"
                         : V->getType().cxxName() + " ";
    OS << Ty << Name << " = " << Init << ";\n";
  }

  /// Emits `a = a + c` as `a += c` into a's variable when the new value
  /// continues the same variable (same name hint) and the old value has no
  /// other use: accumulations read like the hand-written `d_x += ...`.
  bool emitUpdate(const Op &O) {
    if (!O.is(OpKind::Add) && !O.is(OpKind::Sub))
      return false;
    const Value *V = O.getResult();
    const Value *Old = O.getOperand(0);
    if (V->getName().empty() || Old->getName() != V->getName() ||
        Uses.lookup(Old) != 1 || !Old->getDefiningOp() ||
        Old->getParentRegion() != V->getParentRegion() || isInlined(Old))
      return false;
    auto It = Var.find(Old);
    if (It == Var.end())
      return false;
    std::string Name = It->second; // a copy: Var may grow
    Var[V] = Name;
    OS << Name << (O.is(OpKind::Add) ? " += " : " -= ")
       << expr(O.getOperand(1)).Text << ";\n";
    return true;
  }

  /// True when the ops of \p R before its terminator print as nothing (all
  /// are printed where they are used).
  bool printsNothing(const Region &R) const {
    for (const auto &O : R.getOps())
      if (O.get() != R.getTerminator() &&
          !(O->getNumResults() == 1 && isInlined(O->getResult())))
        return false;
    return true;
  }

  /// The variables the expression of \p V reads.
  void variablesRead(const Value *V, llvm::StringSet<> &Out) {
    if (!isInlined(V)) {
      auto It = Var.find(V);
      if (It != Var.end())
        Out.insert(It->second);
      return;
    }
    for (const Value *Operand : V->getDefiningOp()->getOperands())
      variablesRead(Operand, Out);
  }

  /// A loop: one variable per carried value, declared before it, assigned
  /// at the end of the body.
  void emitWhile(const Op &W) {
    unsigned N = W.getNumResults();
    for (unsigned J = 0; J != N; ++J) {
      // An undefined initial value (a flag's value before it is set) is 0.
      const Op *InitDef = W.getOperand(J)->getDefiningOp();
      std::string Init = InitDef && InitDef->is(OpKind::Undef)
                             ? "0"
                             : expr(W.getOperand(J)).Text;
      const Value *R = W.getResult(J);
      std::string Name = nameFor(R);
      Var[R] = Name;
      for (unsigned I = 0; I != 2; ++I)
        Var[W.getRegion(I).getArgument(J)] = Name;
      OS << R->getType().cxxName() << " " << Name << " = " << Init << ";\n";
    }
    const Region &CondR = W.getRegion(0);
    const Value *Cond = CondR.getTerminator()->getOperand(0);
    if (printsNothing(CondR)) {
      OS << "while (" << expr(Cond).Text << ") {\n";
    } else {
      OS << "while (true) {\n";
      emitRegion(CondR);
      OS << "if (!(" << expr(Cond).Text << "))\nbreak;\n";
    }
    const Region &Body = W.getRegion(1);
    emitRegion(Body);
    // The next values, each computed from the values of this iteration:
    // in an order where no update reads a variable assigned before it
    // (`s = s + x[k]; k = k + 1;`), else through temporaries.
    const Op *Y = Body.getTerminator();
    struct Update {
      std::string Target, Text;
      llvm::StringSet<> Reads;
    };
    std::vector<Update> Pending;
    for (unsigned J = 0; J != N; ++J) {
      const Value *V = Y->getOperand(J);
      std::string Target = Var[W.getResult(J)];
      if (!isInlined(V) && Var.lookup(V) == Target)
        continue;
      Update U{Target, expr(V).Text, {}};
      variablesRead(V, U.Reads);
      Pending.push_back(std::move(U));
    }
    std::vector<std::pair<std::string, std::string>> Updates;
    for (const Update &U : Pending)
      Updates.push_back({U.Target, U.Text});
    // From the last: an update that reads no other pending one's target.
    std::vector<std::pair<std::string, std::string>> Ordered;
    while (!Pending.empty()) {
      auto Last = llvm::find_if(Pending, [&](const Update &U) {
        return llvm::none_of(Pending, [&](const Update &Other) {
          return &Other != &U && U.Reads.count(Other.Target);
        });
      });
      if (Last == Pending.end())
        break;
      Ordered.insert(Ordered.begin(), {Last->Target, Last->Text});
      Pending.erase(Last);
    }
    if (Pending.empty()) {
      for (auto &[Target, Text] : Ordered)
        OS << Target << " = " << Text << ";\n";
    } else {
      for (unsigned K = 0, E = Updates.size(); K != E; ++K)
        OS << "const auto " << Updates[K].first << "_next = "
           << Updates[K].second << ";\n";
      for (auto &[Target, Text] : Updates)
        OS << Target << " = " << Target << "_next;\n";
    }
    OS << "}\n";
  }

  /// ` = 0`, or `{}` for an enumeration (which no integer converts to).
  /// The store into the slot \p Alloca defines that comes right after it,
  /// if any.
  static const Op *storedNext(const Op &Alloca) {
    const auto &Ops = Alloca.getParentRegion()->getOps();
    for (auto It = Ops.begin(); It != Ops.end(); ++It)
      if (It->get() == &Alloca) {
        const Op *Next = std::next(It) != Ops.end() ? std::next(It)->get()
                                                     : nullptr;
        return Next && Next->is(OpKind::Store) &&
                       Next->getOperand(0) == Alloca.getResult()
                   ? Next
                   : nullptr;
      }
    return nullptr;
  }

  static const char *zeroInitializer(Type Ty) {
    return Ty.isEnum() ? "{}" : " = 0";
  }

  void emitIf(const Op &O) {
    for (unsigned J = 0, E = O.getNumResults(); J != E; ++J) {
      const Value *R = O.getResult(J);
      if (const Value *Outer = forwardedTo(R)) {
        std::string Name = Var.lookup(Outer); // a copy: Var may grow
        Var[R] = Name;
        continue;
      }
      std::string Name = nameFor(R);
      Var[R] = Name;
      // A value only one branch sets is only read after that branch ran,
      // but compilers cannot see it: initialise it rather than warn.
      bool SetOnOnePath = false;
      for (unsigned I = 0; I != 2; ++I) {
        const Op *D = O.getRegion(I).getTerminator()->getOperand(J)->getDefiningOp();
        SetOnOnePath |= D && D->is(OpKind::Undef);
      }
      OS << R->getType().cxxName() << " " << Name
         << (SetOnOnePath ? zeroInitializer(R->getType()) : "") << ";\n";
    }
    std::string Cond = expr(O.getOperand(0)).Text;
    bool ThenEmpty = isEmptyBranch(O, 0), ElseEmpty = isEmptyBranch(O, 1);
    if (ThenEmpty && ElseEmpty)
      return;
    if (ThenEmpty) {
      OS << "if (!(" << Cond << ")) {\n";
      emitBranch(O, 1);
      OS << "}\n";
      return;
    }
    OS << "if (" << Cond << ") {\n";
    emitBranch(O, 0);
    if (!ElseEmpty) {
      OS << "} else {\n";
      emitBranch(O, 1);
    }
    OS << "}\n";
  }

  bool isEmptyBranch(const Op &If, unsigned I) const {
    const Region &R = If.getRegion(I);
    if (!printsNothing(R))
      return false;
    for (const Value *V : R.getTerminator()->getOperands())
      if (!V->getDefiningOp() || !V->getDefiningOp()->is(OpKind::Undef))
        return false;
    return true;
  }

  void emitBranch(const Op &If, unsigned I) {
    const Region &R = If.getRegion(I);
    emitRegion(R);
    const Op *Y = R.getTerminator();
    for (unsigned J = 0, E = Y->getNumOperands(); J != E; ++J) {
      const Value *V = Y->getOperand(J);
      if (V->getDefiningOp() && V->getDefiningOp()->is(OpKind::Undef))
        continue;
      if (!isInlined(V) && Var.lookup(V) == Var.lookup(If.getResult(J)))
        continue; // computed straight into the result's variable
      OS << Var[If.getResult(J)] << " = " << expr(V).Text << ";\n";
    }
  }

  /// True when pointer \p P is printed as the name of what it points to:
  /// a reference parameter, a local value.
  bool isNamedObject(const Value *P) const {
    if (const Op *D = P->getDefiningOp())
      return (D->is(OpKind::Alloca) && !D->getAllocaCount()) ||
             (D->is(OpKind::Global) && !D->getGlobal()->Count);
    return P->getParentRegion() == &F.getBody() && !P->getDefiningOp() &&
           F.getParamInfo(P->getIndex()).ByAddress;
  }

  /// The lvalue \p Ptr points to: `x`, `*p`, `y[i]`, `s.w[i]`, `p->b`,
  /// `v[i]`, `(*d_v)[i]`.
  Expr object(const Value *Ptr) {
    const Op *D = Ptr->getDefiningOp();
    if (D && D->is(OpKind::Global) && !D->getGlobal()->Count)
      return {D->getGlobal()->CxxName, PrecPrimary};
    if (isNamedObject(Ptr))
      return {Var[Ptr], PrecPrimary};
    if (D && D->is(OpKind::Index)) {
      const Value *Base = D->getOperand(0);
      const Op *BD = Base->getDefiningOp();
      std::string Left = BD && BD->is(OpKind::Data)
                             ? objectOperand(BD->getOperand(0))
                             : operand(Base, PrecPrimary);
      return {Left + "[" + offsetText(D->getOperand(1)) + "]", PrecPrimary};
    }
    if (D && D->is(OpKind::Member)) {
      // An array member's first element is `s.w[0]`.
      const RecordType::Field &Fd = field(*D);
      std::string First;
      for (unsigned I = 0; Fd.Count && I != Fd.Rank; ++I)
        First += "[0]";
      return {memberText(*D) + First, PrecPrimary};
    }
    if (D && D->is(OpKind::Data))
      return {objectOperand(D->getOperand(0)) + "[0]", PrecPrimary};
    if (D && D->is(OpKind::Alloca))
      return {Var[Ptr] + "[0]", PrecPrimary}; // a local array
    if (D && D->is(OpKind::Global))
      return {flatPointer(D->getGlobal()->CxxName, D->getGlobal()->Rank)
                  .Text.substr(1),
              PrecPrimary}; // `kW[0][0]`
    return {"*" + operand(Ptr, PrecUnary), PrecUnary};
  }
  static const RecordType::Field &field(const Op &Member) {
    const RecordType *R = Member.getOperand(0)->getType().getRecord();
    return R->getFields()[Member.getIntValue()];
  }
  /// The member a `member` op designates: `s.w`, `p->w`, `std::get<1>(t)`,
  /// `reinterpret_cast<double(&)[2]>(z)[1]` (the imaginary part, which
  /// loads and stores spell `z.imag()`).
  std::string memberText(const Op &Member) {
    const Value *Base = Member.getOperand(0);
    const Op *BD = Base->getDefiningOp();
    const RecordType::Field &Fd = field(Member);
    bool Named = isNamedObject(Base) || (BD && isAddressOp(*BD));
    switch (Base->getType().getRecord()->getAccess()) {
    case RecordType::Access::Named:
      return Named ? objectOperand(Base) + "." + Fd.Name
                   : operand(Base, PrecPrimary) + "->" + Fd.Name;
    case RecordType::Access::Get:
      return "std::get<" + std::to_string(Member.getIntValue()) + ">(" +
             deref(Base) + ")";
    case RecordType::Access::Part:
      return "reinterpret_cast<" + Fd.Ty.cxxName() + "(&)[2]>(" + deref(Base) +
             ")[" + std::to_string(Member.getIntValue()) + "]";
    }
    llvm_unreachable("unknown field access");
  }
  /// For a part of a std::complex at \p Ptr, its accessor (`z.real`,
  /// `d_z->imag`); nothing for other addresses.
  std::optional<std::string> complexPart(const Value *Ptr) {
    const Op *D = Ptr->getDefiningOp();
    if (!D || !D->is(OpKind::Member) ||
        D->getOperand(0)->getType().getRecord()->getAccess() !=
            RecordType::Access::Part)
      return std::nullopt;
    const Value *Z = D->getOperand(0);
    const Op *ZD = Z->getDefiningOp();
    if (isNamedObject(Z) || (ZD && isAddressOp(*ZD)))
      return objectOperand(Z) + "." + field(*D).Name;
    return operand(Z, PrecPrimary) + "->" + field(*D).Name;
  }
  /// `if (d_v.size() != v.size()) chainrule::sizeMismatch(...);`, the
  /// names in the message as the parameters are spelled.
  void emitCheckSize(const Op &O) {
    // A vector through a pointer (`(*d_v)`) is `d_v->size()`, named `d_v`.
    auto Name = [&](const Value *Ptr) {
      std::string Spelled = objectOperand(Ptr);
      llvm::StringRef Text = Spelled;
      bool Pointer = Text.consume_front("(*") && Text.consume_back(")");
      return std::make_pair(Text.str(), Text.str() + (Pointer ? "->" : ".") +
                                            "size()");
    };
    auto [Primal, PrimalSize] = Name(O.getOperand(0));
    auto [Deriv, DerivSize] = Name(O.getOperand(1));
    OS << "if (" << DerivSize << " != " << PrimalSize << ")\n"
       << "chainrule::sizeMismatch(\"" << F.getName() << "\", \"" << Deriv
       << "\", " << DerivSize << ", \"" << Primal << "\", " << PrimalSize
       << ");\n";
  }

  std::string objectOperand(const Value *Ptr) {
    Expr E = object(Ptr);
    return E.Prec > PrecPrimary ? "(" + E.Text + ")" : E.Text;
  }
  std::string deref(const Value *Ptr) { return object(Ptr).Text; }

  /// An array offset: a constant in plain decimal (`a[3]`, not `a[3L]`).
  std::string offsetText(const Value *V) {
    const Op *D = V->getDefiningOp();
    if (D && D->is(OpKind::Constant))
      return std::to_string(D->getIntValue());
    return expr(V).Text;
  }

  /// The expression for a use of \p V.
  Expr expr(const Value *V) {
    if (isInlined(V))
      return compute(*V->getDefiningOp());
    auto It = Var.find(V);
    assert(It != Var.end() && "use of a value before its definition");
    if (isNamedObject(V))
      return {"&" + It->second, PrecUnary};
    // A pointer to rows is used as a pointer to its first number.
    if (!V->getDefiningOp() && V->getParentRegion() == &F.getBody())
      if (unsigned Rank = F.getParamInfo(V->getIndex()).Rank)
        return flatPointer(It->second, Rank + 1);
    return {It->second, PrecPrimary};
  }

  /// The first number of the array \p Array of \p Subscripts dimensions
  /// (`&w[0][0]`): the rows of chainrule's flat accesses.
  static Expr flatPointer(const std::string &Array, unsigned Subscripts) {
    std::string S = "&" + Array;
    for (unsigned I = 0; I != Subscripts; ++I)
      S += "[0]";
    return {S, PrecUnary};
  }

  /// \p V as an operand that must bind at least as tightly as \p Prec.
  std::string operand(const Value *V, unsigned Prec, bool Strict = false) {
    Expr E = expr(V);
    if (E.Prec > Prec || (Strict && E.Prec == Prec))
      return "(" + E.Text + ")";
    return E.Text;
  }

  /// A floating constant operand of arithmetic beside a non-constant of the
  /// same type prints as a plain integer when it is one (`3 * x`).
  std::string arithOperand(const Value *V, const Value *Other, unsigned Prec,
                           bool Strict) {
    const Op *D = V->getDefiningOp();
    const Op *OD = Other->getDefiningOp();
    if (D && D->is(OpKind::Constant) && V->getType().isFloat() &&
        !(OD && OD->is(OpKind::Constant))) {
      long double C = D->getFloatValue();
      if (C == std::trunc(C) && std::fabs(C) < 16777216.0L && !std::signbit(C))
        return std::to_string(static_cast<long long>(C));
    }
    return operand(V, Prec, Strict);
  }

  Expr binary(const Op &O, const char *Sym, unsigned Prec) {
    const Value *A = O.getOperand(0), *B = O.getOperand(1);
    return {arithOperand(A, B, Prec, false) + " " + Sym + " " +
                arithOperand(B, A, Prec, true),
            Prec};
  }

  Expr bitwise(const Op &O, const char *Sym, unsigned Prec) {
    return {operand(O.getOperand(0), PrecUnary) + " " + Sym + " " +
                operand(O.getOperand(1), PrecUnary),
            Prec};
  }

  Expr compute(const Op &O) {
    switch (O.getKind()) {
    case OpKind::Constant:
      return {constantText(O), O.getResult()->getType().isFloat() &&
                                       (O.getFloatValue() < 0 ||
                                        std::signbit(O.getFloatValue()))
                                   ? PrecUnary
                                   : PrecPrimary};
    case OpKind::Add:
      return binary(O, "+", PrecAdditive);
    case OpKind::Sub:
      return binary(O, "-", PrecAdditive);
    case OpKind::Mul:
      return binary(O, "*", PrecMultiplicative);
    case OpKind::Div:
      return binary(O, "/", PrecMultiplicative);
    case OpKind::Rem:
      return binary(O, "%", PrecMultiplicative);
    case OpKind::Neg:
      return {"-" + operand(O.getOperand(0), PrecUnary), PrecUnary};
    // Operands of bitwise operators and shifts are parenthesised unless
    // primary or unary, as compilers ask with -Wall.
    case OpKind::BitAnd:
      return bitwise(O, "&", PrecBitAnd);
    case OpKind::BitOr:
      return bitwise(O, "|", PrecBitOr);
    case OpKind::BitXor:
      return bitwise(O, "^", PrecBitXor);
    case OpKind::Shl:
      return bitwise(O, "<<", PrecShift);
    case OpKind::Shr:
      return bitwise(O, ">>", PrecShift);
    case OpKind::BitNot:
      return {"~" + operand(O.getOperand(0), PrecUnary), PrecUnary};
    case OpKind::Not:
      return {"!" + operand(O.getOperand(0), PrecUnary), PrecUnary};
    case OpKind::Cmp: {
      CmpPred P = O.getPredicate();
      unsigned Prec = P == CmpPred::EQ || P == CmpPred::NE ? PrecEquality
                                                           : PrecRelational;
      return {operand(O.getOperand(0), Prec) + " " +
                  getPredicateOperator(P).str() + " " +
                  operand(O.getOperand(1), Prec, true),
              Prec};
    }
    case OpKind::And:
      return {operand(O.getOperand(0), PrecLogicalAnd) + " && " +
                  operand(O.getOperand(1), PrecLogicalAnd, true),
              PrecLogicalAnd};
    case OpKind::Or: {
      // `a && b || c` is parenthesised, as compilers ask with -Wall.
      auto Side = [&](const Value *V, bool Strict) {
        const Op *D = V->getDefiningOp();
        bool IsAnd = isInlined(V) && D && D->is(OpKind::And);
        return IsAnd ? "(" + expr(V).Text + ")"
                     : operand(V, PrecLogicalOr, Strict);
      };
      return {Side(O.getOperand(0), false) + " || " +
                  Side(O.getOperand(1), true),
              PrecLogicalOr};
    }
    case OpKind::Select:
      return {operand(O.getOperand(0), PrecLogicalOr) + " ? " +
                  operand(O.getOperand(1), PrecConditional) + " : " +
                  operand(O.getOperand(2), PrecConditional),
              PrecConditional};
    case OpKind::Cast:
      return {"static_cast<" + O.getResult()->getType().cxxName() + ">(" +
                  expr(O.getOperand(0)).Text + ")",
              PrecPrimary};
    case OpKind::Math:
      return {getMathCxxName(O.getMathFn()) + "(" +
                  arguments(O.getOperands()) + ")",
              PrecPrimary};
    case OpKind::Call:
      return {calleeName(*O.getCallee()) + "(" + callArguments(O) + ")",
              PrecPrimary};
    case OpKind::Load:
      // The shadow or tangent of a view is written through, whatever the
      // const of the member it is read from.
      if (O.isDerived() && O.getResult()->getType().isPointer())
        return {"const_cast<" + O.getResult()->getType().cxxName() + ">(" +
                    deref(O.getOperand(0)) + ")",
                PrecPrimary};
      if (std::optional<std::string> Part = complexPart(O.getOperand(0)))
        return {*Part + "()", PrecPrimary};
      return {deref(O.getOperand(0)), PrecUnary};
    case OpKind::Member:
      // An array member decays to a pointer to its first element.
      if (field(O).Count && field(O).Rank > 1)
        return flatPointer(memberText(O), field(O).Rank);
      if (field(O).Count)
        return {memberText(O), PrecPrimary};
      return {"&" + memberText(O), PrecUnary};
    case OpKind::Data:
      return {objectOperand(O.getOperand(0)) + ".data()", PrecPrimary};
    case OpKind::Global:
      // An array by its name (it decays), one value by its address.
      if (O.getGlobal()->Count && O.getGlobal()->Rank > 1)
        return flatPointer(O.getGlobal()->CxxName, O.getGlobal()->Rank);
      if (O.getGlobal()->Count)
        return {O.getGlobal()->CxxName, PrecPrimary};
      return {"&" + O.getGlobal()->CxxName, PrecUnary};
    case OpKind::Size:
      return {objectOperand(O.getOperand(0)) + ".size()", PrecPrimary};
    case OpKind::Index: {
      const Op *C = O.getOperand(1)->getDefiningOp();
      if (C && C->isConstantValue(0))
        return expr(O.getOperand(0));
      return {operand(O.getOperand(0), PrecAdditive) + " + " +
                  (C ? offsetText(O.getOperand(1))
                     : operand(O.getOperand(1), PrecAdditive, true)),
              PrecAdditive};
    }
    case OpKind::Push:
      return {objectOperand(O.getOperand(0)) + ".push_back(" +
                  expr(O.getOperand(1)).Text + ")",
              PrecPrimary};
    case OpKind::TapePush:
    case OpKind::TapeAppend:
    case OpKind::TapeReserve:
    case OpKind::TapePop: {
      // chainrule::Tape's methods are named as the ops (`tape.append`).
      llvm::StringRef Method = getMnemonic(O.getKind()).drop_front(5);
      return {TapeNames[O.getIntValue()] + "." + Method.str() + "(" +
                  arguments(O.getOperands()) + ")",
              PrecPrimary};
    }
    default:
      assert(false && "op without an expression form");
      return {"", PrecPrimary};
    }
  }

  std::string arguments(llvm::ArrayRef<Value *> Args) {
    std::string S;
    for (unsigned I = 0, E = Args.size(); I != E; ++I)
      S += (I ? ", " : "") + expr(Args[I]).Text;
    return S;
  }

  /// The arguments of a call: the object itself for a parameter the
  /// callee takes by reference (a function without a body chainrule calls,
  /// such as a custom derivative; the graph passes its address).
  std::string callArguments(const Op &O) {
    const Function &Callee = *O.getCallee();
    std::string S;
    for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I) {
      const Value *Arg = O.getOperand(I);
      bool ByAddress = I < Callee.getNumParams() &&
                       Callee.getParamInfo(I).ByAddress &&
                       Arg->getType().isPointer();
      S += (I ? ", " : "") + (ByAddress ? deref(Arg) : expr(Arg).Text);
    }
    return S;
  }

  std::string calleeName(const Function &Callee) const {
    if (Callee.getNamespace() == F.getNamespace() ||
        Callee.getNamespace() == "(anonymous)")
      return Callee.getName() + Callee.getTemplateArgs();
    return "::" + Callee.getQualifiedName() + Callee.getTemplateArgs();
  }

  const Function &F;
  llvm::raw_ostream &OS;
  llvm::DenseMap<const Value *, unsigned> Uses;
  mutable llvm::DenseMap<const Value *, bool> Inlined;
  /// Tape id -> the first value pushed on it (for its type and name), in id
  /// order; and the tapes' names.
  std::map<int64_t, const Value *> Tapes;
  std::map<int64_t, std::string> TapeNames;
  /// The op using each value (the last one seen, meaningful for one use).
  llvm::DenseMap<const Value *, const Op *> User;
  llvm::DenseMap<const Value *, std::string> Var;
  /// Stores printed as the initializer of the slot they follow.
  llvm::SmallPtrSet<const Op *, 4> InitStores;
  /// The local a derivative returns: the tangent of a returned struct.
  const Value *Returned = nullptr;
  emit::CxxNames Names;
};
} // namespace

std::string emit::emitFunction(const Function &F) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  FunctionEmitter(F, OS).emit();
  return S;
}
