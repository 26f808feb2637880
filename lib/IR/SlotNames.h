//===- SlotNames.h - Unique names of values in printed forms ----*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Gives every value of a function a unique printed name: its name hint
/// (`%x`, then `%x.1` for the next value with that hint) or a number (`%0`).
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_IR_SLOTNAMES_H
#define CHAINRULE_LIB_IR_SLOTNAMES_H

#include "chainrule/IR/IR.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

namespace chainrule::ir {

/// Unique printed names of the values of one function, in program order.
class SlotNames {
public:
  explicit SlotNames(const Function &F) {
    const Region &Body = F.getBody();
    for (unsigned I = 0, E = Body.getNumArguments(); I != E; ++I)
      assign(Body.getArgument(I));
    walk(const_cast<Region &>(Body), [this](Op &O) {
      for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
        assign(O.getResult(I));
      for (unsigned R = 0, E = O.getNumRegions(); R != E; ++R)
        for (unsigned I = 0, N = O.getRegion(R).getNumArguments(); I != N; ++I)
          assign(O.getRegion(R).getArgument(I));
    });
  }

  /// The name of \p V, with its leading `%`.
  const std::string &get(const Value *V) const { return Names.find(V)->second; }

private:
  void assign(const Value *V) {
    std::string Name;
    if (V->getName().empty()) {
      Name = "%" + std::to_string(NextNumber++);
    } else {
      unsigned &Count = Seen[V->getName()];
      Name = "%" + V->getName();
      if (Count)
        Name += "." + std::to_string(Count);
      ++Count;
    }
    Names[V] = Name;
  }

  llvm::DenseMap<const Value *, std::string> Names;
  llvm::StringMap<unsigned> Seen;
  unsigned NextNumber = 0;
};

} // namespace chainrule::ir

#endif // CHAINRULE_LIB_IR_SLOTNAMES_H
