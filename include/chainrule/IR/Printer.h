//===- chainrule/IR/Printer.h - Text and Graphviz forms ---------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The SSA graph as text (`--emit=ssa`) and as a Graphviz digraph
/// (`--emit=dot`). Both are deterministic.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_IR_PRINTER_H
#define CHAINRULE_IR_PRINTER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace chainrule::ir {

class Function;
class Module;

/// Prints \p F in the SSA text form.
void print(const Function &F, llvm::raw_ostream &OS);
/// Prints every function of \p M, separated by blank lines.
void print(const Module &M, llvm::raw_ostream &OS);
/// Writes \p M as one Graphviz digraph with a cluster per function and per
/// region, and an edge from each value to each of its uses.
void printDot(const Module &M, llvm::raw_ostream &OS);
/// The graphs of \p Functions alone.
void printDot(llvm::ArrayRef<const Function *> Functions,
              llvm::raw_ostream &OS);

} // namespace chainrule::ir

#endif // CHAINRULE_IR_PRINTER_H
