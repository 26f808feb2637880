//===- CSE.cpp - Common subexpression elimination -------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Scoped value numbering over structured regions: an op inside a region may
/// reuse an identical op of the same region or of an enclosing one (which
/// dominates it), never one of a sibling region.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/IR.h"
#include "chainrule/Transforms/Passes.h"

#include "llvm/ADT/DenseMap.h"

#include <cstring>
#include <map>
#include <tuple>
#include <vector>

using namespace chainrule;
using namespace chainrule::ir;

namespace {
/// What makes two pure ops compute the same value.
struct OpKey {
  OpKind Kind;
  std::string TypeName;
  std::vector<const Value *> Operands;
  std::string Attr;
  bool Derived;

  bool operator<(const OpKey &O) const {
    return std::tie(Kind, TypeName, Operands, Attr, Derived) <
           std::tie(O.Kind, O.TypeName, O.Operands, O.Attr, O.Derived);
  }
};

class CommonSubexpressionEliminator {
public:
  bool run(Region &R) {
    bool Changed = false;
    std::vector<OpKey> Added;
    for (auto It = R.begin(); It != R.end();) {
      Op &O = **It;
      for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I)
        if (Value *New = Replaced.lookup(O.getOperand(I)))
          O.setOperand(I, New);
      for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I)
        Changed |= run(O.getRegion(I));
      if (!isCandidate(O)) {
        ++It;
        continue;
      }
      OpKey Key = keyOf(O);
      auto Found = Table.find(Key);
      if (Found == Table.end() && O.isDerived()) {
        // A derivative may reuse a primal value; never the other way round,
        // since derived ops may later be rewritten inexactly.
        OpKey Primal = Key;
        Primal.Derived = false;
        Found = Table.find(Primal);
      }
      if (Found != Table.end()) {
        Replaced[O.getResult()] = Found->second;
        It = R.getOps().erase(It);
        Changed = true;
        continue;
      }
      Table.emplace(Key, O.getResult());
      Added.push_back(std::move(Key));
      ++It;
    }
    // Leaving the region: its values do not dominate what follows it.
    for (const OpKey &Key : Added)
      Table.erase(Key);
    return Changed;
  }

private:
  static bool isCandidate(const Op &O) {
    return !O.hasSideEffects() && O.getNumRegions() == 0 &&
           O.getNumResults() == 1 && !O.is(OpKind::Undef) &&
           !O.is(OpKind::Alloca) && !O.is(OpKind::Global) &&
           !O.is(OpKind::Load);
  }

  static OpKey keyOf(const Op &O) {
    OpKey K{O.getKind(), O.getResult()->getType().str(),
            {O.getOperands().begin(), O.getOperands().end()}, "",
            O.isDerived()};
    switch (O.getKind()) {
    case OpKind::Constant: {
      long double V = O.getFloatValue();
      char Bytes[sizeof(long double)] = {};
      std::memcpy(Bytes, &V, 10 <= sizeof(V) ? 10 : sizeof(V));
      K.Attr = std::string(Bytes, sizeof(Bytes)) + std::to_string(O.getIntValue());
      break;
    }
    case OpKind::Cmp:
      K.Attr = getPredicateName(O.getPredicate()).str();
      break;
    case OpKind::Member:
      K.Attr = std::to_string(O.getIntValue());
      break;
    case OpKind::Math:
      K.Attr = getMathName(O.getMathFn()).str();
      break;
    case OpKind::Call:
      // Overloads share a name: key on the function itself (only looked
      // up, never iterated, so the address does not affect the output).
      K.Attr = std::to_string(reinterpret_cast<uintptr_t>(O.getCallee()));
      break;
    default:
      break;
    }
    return K;
  }

  std::map<OpKey, Value *> Table;
  llvm::DenseMap<const Value *, Value *> Replaced;
};
} // namespace

bool chainrule::transforms::eliminateCommonSubexpressions(Function &F) {
  return CommonSubexpressionEliminator().run(F.getBody());
}
