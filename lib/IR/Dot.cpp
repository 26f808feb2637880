//===- Dot.cpp - The SSA graph for Graphviz -------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Writes a module as one Graphviz digraph: a cluster per function and per
/// region, a node per op and per function parameter, and an edge from each
/// value's definition to each of its uses, labelled with the value's name.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/IR.h"
#include "chainrule/IR/Printer.h"
#include "SlotNames.h"

#include "llvm/ADT/DenseMap.h"

using namespace chainrule::ir;

namespace {
class DotWriter {
public:
  explicit DotWriter(llvm::raw_ostream &OS) : OS(OS) {}

  void writeFunction(const Function &F) {
    SlotNames Names(F);
    OS << "  subgraph cluster_" << NextCluster++ << " {\n";
    OS << "    label=\"" << escape(F.getQualifiedName()) << "\";\n";
    for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
      const Value *P = F.getParam(I);
      std::string Node = newNode();
      Defs[P] = Node;
      OS << "    " << Node << " [shape=box,label=\""
         << escape(Names.get(P)) << ": " << P->getType().str() << "\"];\n";
    }
    writeRegion(F.getBody(), Names, 2);
    OS << "  }\n";
  }

private:
  std::string newNode() { return "n" + std::to_string(NextNode++); }

  static std::string escape(llvm::StringRef S) {
    std::string Out;
    for (char C : S) {
      if (C == '"' || C == '\\')
        Out += '\\';
      Out += C;
    }
    return Out;
  }

  void writeRegion(const Region &R, const SlotNames &Names, unsigned Depth) {
    for (const auto &O : R.getOps()) {
      std::string Node = newNode();
      std::string Label = getMnemonic(O->getKind()).str();
      if (O->is(OpKind::Math))
        Label += " " + getMathName(O->getMathFn()).str();
      if (O->is(OpKind::Cmp))
        Label += " " + getPredicateName(O->getPredicate()).str();
      if (O->is(OpKind::Call))
        Label += " @" + O->getCallee()->getQualifiedName();
      if (O->is(OpKind::Constant))
        Label += " " + formatConstant(*O);
      OS.indent(2 * Depth) << Node << " [label=\"" << escape(Label) << "\"];\n";
      for (const Value *V : O->getOperands())
        OS.indent(2 * Depth) << Defs.lookup(V) << " -> " << Node
                             << " [label=\"" << escape(Names.get(V))
                             << "\"];\n";
      for (unsigned I = 0, E = O->getNumResults(); I != E; ++I)
        Defs[O->getResult(I)] = Node;
      for (unsigned I = 0, E = O->getNumRegions(); I != E; ++I) {
        const Region &R = O->getRegion(I);
        OS.indent(2 * Depth) << "subgraph cluster_" << NextCluster++ << " {\n";
        const char *Label = O->is(OpKind::While) ? (I == 0 ? "condition" : "body")
                                                 : (I == 0 ? "then" : "else");
        OS.indent(2 * Depth + 2) << "label=\"" << Label << "\";\n";
        for (unsigned J = 0, N = R.getNumArguments(); J != N; ++J) {
          std::string Arg = newNode();
          Defs[R.getArgument(J)] = Arg;
          OS.indent(2 * Depth + 2)
              << Arg << " [shape=box,label=\"" << escape(Names.get(R.getArgument(J)))
              << "\"];\n";
        }
        writeRegion(O->getRegion(I), Names, Depth + 1);
        OS.indent(2 * Depth) << "}\n";
      }
    }
  }

  llvm::raw_ostream &OS;
  llvm::DenseMap<const Value *, std::string> Defs;
  unsigned NextNode = 0;
  unsigned NextCluster = 0;
};
} // namespace

void chainrule::ir::printDot(llvm::ArrayRef<const Function *> Functions,
                             llvm::raw_ostream &OS) {
  OS << "digraph chainrule {\n  node [fontname=\"monospace\"];\n";
  DotWriter W(OS);
  for (const Function *F : Functions)
    W.writeFunction(*F);
  OS << "}\n";
}

void chainrule::ir::printDot(const Module &M, llvm::raw_ostream &OS) {
  std::vector<const Function *> All;
  for (const auto &F : M.getFunctions())
    All.push_back(F.get());
  printDot(All, OS);
}
