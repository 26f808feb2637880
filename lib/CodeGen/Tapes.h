//===- Tapes.h - chainrule::Tape in LLVM IR ---------------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The tapes of reverse mode in the LLVM IR output: the object of
/// include/chainrule/Tape.h (32 values inline, then a heap block; its
/// fields Inline, Heap, Data, Size, Capacity in that order) with its growth
/// policy (1024 values, then doubling) and its per-thread pool of 16 spare
/// blocks that destroyed tapes leave to the next ones. Pushes, pops and
/// appends are inline; growing and releasing are two internal functions of
/// the module per element size, so the module needs no runtime library.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_CODEGEN_TAPES_H
#define CHAINRULE_LIB_CODEGEN_TAPES_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/IRBuilder.h"

namespace chainrule::codegen {

class Tapes {
public:
  explicit Tapes(llvm::Module &M);

  /// The type of a tape of values of memory type \p Elem.
  llvm::StructType *objectType(llvm::Type *Elem);
  /// Makes the empty tape at \p Tape (its constructor).
  void init(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Type *Elem);
  /// Appends \p V, growing the storage when it is full.
  void push(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Value *V);
  /// Appends \p V where reserve() made room.
  void append(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Value *V);
  /// Makes room for \p N (a size_t) more values.
  void reserve(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Type *Elem,
               llvm::Value *N);
  /// Removes and returns the last value.
  llvm::Value *pop(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Type *Elem);
  /// Gives the tape's heap block to the pool, or frees it (its destructor).
  void release(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Type *Elem);
  /// The integer type of sizes (size_t).
  llvm::IntegerType *sizeType() const { return SizeTy; }

private:
  enum Field { Inline, Heap, Data, Size, Capacity };
  llvm::Value *field(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Type *Elem,
                     Field F);
  llvm::Value *load(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Type *Elem,
                    Field F);
  /// The pool of spare blocks for values of \p Elem's size.
  llvm::GlobalVariable *pool(llvm::Type *Elem);
  llvm::Function *growFunction(llvm::Type *Elem);
  llvm::Function *releaseFunction(llvm::Type *Elem);
  llvm::FunctionCallee malloc();
  llvm::FunctionCallee free();

  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  llvm::IntegerType *SizeTy;
  llvm::PointerType *PtrTy;
  llvm::DenseMap<llvm::Type *, llvm::Function *> Grow, Release;
  llvm::DenseMap<uint64_t, llvm::GlobalVariable *> Pools;
};

} // namespace chainrule::codegen

#endif // CHAINRULE_LIB_CODEGEN_TAPES_H
