//===- Printer.cpp - The SSA text form ------------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Prints functions as text:
///
///   func @f(%x: f64) -> f64 {
///     %0 = math sin %x : f64
///     return %0
///   }
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Printer.h"
#include "chainrule/IR/IR.h"
#include "SlotNames.h"

using namespace chainrule::ir;

namespace {
class TextPrinter {
public:
  TextPrinter(const Function &F, llvm::raw_ostream &OS) : Names(F), OS(OS) {}

  void printFunction(const Function &F) {
    OS << "func @" << F.getQualifiedName() << "(";
    for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
      if (I)
        OS << ", ";
      OS << Names.get(F.getParam(I)) << ": " << F.getParam(I)->getType().str();
    }
    OS << ") -> " << F.getResultType().str() << " {\n";
    printRegion(F.getBody(), 1);
    OS << "}\n";
  }

private:
  void indent(unsigned Depth) { OS.indent(2 * Depth); }

  void printList(llvm::ArrayRef<Value *> Values) {
    for (unsigned I = 0, E = Values.size(); I != E; ++I)
      OS << (I ? ", " : "") << Names.get(Values[I]);
  }

  void printRegion(const Region &R, unsigned Depth) {
    for (const auto &O : R.getOps())
      printOp(*O, Depth);
  }

  void printOp(const Op &O, unsigned Depth) {
    indent(Depth);
    for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
      OS << (I ? ", " : "") << Names.get(O.getResult(I));
    if (O.getNumResults())
      OS << " = ";
    OS << getMnemonic(O.getKind());
    switch (O.getKind()) {
    case OpKind::Constant:
      OS << " " << formatConstant(O);
      break;
    case OpKind::Cmp:
      OS << " " << getPredicateName(O.getPredicate());
      break;
    case OpKind::Math:
      OS << " " << getMathName(O.getMathFn());
      break;
    case OpKind::Call:
      OS << " @" << O.getCallee()->getQualifiedName();
      break;
    case OpKind::TapePush:
    case OpKind::TapeAppend:
    case OpKind::TapeReserve:
    case OpKind::TapePop:
      OS << " #" << O.getIntValue();
      break;
    case OpKind::Alloca:
      if (O.getAllocaCount())
        OS << " [" << O.getAllocaCount() << "]";
      break;
    case OpKind::Global:
      OS << " @" << O.getGlobal()->CxxName;
      if (O.getGlobal()->Count)
        OS << " [" << O.getGlobal()->Count << "]";
      break;
    case OpKind::Member:
      OS << " ."
         << O.getOperand(0)->getType().getRecord()->getFields()[O.getIntValue()].Name;
      break;
    default:
      break;
    }
    if (O.getNumOperands()) {
      OS << " ";
      printList(O.getOperands());
    }
    if (O.is(OpKind::While)) {
      OS << " -> (";
      for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
        OS << (I ? ", " : "") << O.getResult(I)->getType().str();
      OS << ") {\n";
      for (unsigned I = 0; I != 2; ++I) {
        const Region &R = O.getRegion(I);
        indent(Depth + 1);
        OS << "(";
        for (unsigned J = 0, E = R.getNumArguments(); J != E; ++J)
          OS << (J ? ", " : "") << Names.get(R.getArgument(J));
        OS << "):\n";
        printRegion(R, Depth + 1);
        indent(Depth);
        OS << (I == 0 ? "} do {\n" : "}\n");
      }
      return;
    }
    if (O.is(OpKind::If)) {
      if (O.getNumResults()) {
        OS << " -> (";
        for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
          OS << (I ? ", " : "") << O.getResult(I)->getType().str();
        OS << ")";
      }
      OS << " {\n";
      printRegion(O.getRegion(0), Depth + 1);
      indent(Depth);
      OS << "} else {\n";
      printRegion(O.getRegion(1), Depth + 1);
      indent(Depth);
      OS << "}\n";
      return;
    }
    if (O.getNumResults() == 1)
      OS << " : " << O.getResult()->getType().str();
    if (O.isDerived())
      OS << " {derived}";
    OS << "\n";
  }

  SlotNames Names;
  llvm::raw_ostream &OS;
};
} // namespace

void chainrule::ir::print(const Function &F, llvm::raw_ostream &OS) {
  TextPrinter(F, OS).printFunction(F);
}

void chainrule::ir::print(const Module &M, llvm::raw_ostream &OS) {
  bool First = true;
  for (const auto &F : M.getFunctions()) {
    if (!First)
      OS << "\n";
    First = false;
    print(*F, OS);
  }
}
