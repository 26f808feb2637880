//===- Tapes.cpp - chainrule::Tape in LLVM IR -----------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Tape.h's push, append, reserve and pop inline, its grow and destructor
/// as internal functions: the same decisions in the same order (see the
/// comments of Tape.h, which this file follows line by line).
//===----------------------------------------------------------------------===//

#include "Tapes.h"

#include "llvm/IR/Module.h"

using namespace chainrule::codegen;

/// Values a tape holds before it needs the heap (Tape.h's InlineCapacity).
static constexpr unsigned InlineCapacity = 32;
/// The first heap block's capacity.
static constexpr unsigned FirstBlock = 1024;
/// Spare blocks per thread (Tape.h's MaxSpares).
static constexpr unsigned MaxSpares = 16;

Tapes::Tapes(llvm::Module &M)
    : M(M), Ctx(M.getContext()),
      SizeTy(M.getDataLayout().getIntPtrType(M.getContext())),
      PtrTy(llvm::PointerType::get(M.getContext(), 0)) {}

llvm::StructType *Tapes::objectType(llvm::Type *Elem) {
  return llvm::StructType::get(
      Ctx, {llvm::ArrayType::get(Elem, InlineCapacity), PtrTy, PtrTy, SizeTy,
            SizeTy});
}

llvm::Value *Tapes::field(llvm::IRBuilder<> &B, llvm::Value *Tape,
                          llvm::Type *Elem, Field F) {
  return B.CreateStructGEP(objectType(Elem), Tape, F);
}

llvm::Value *Tapes::load(llvm::IRBuilder<> &B, llvm::Value *Tape,
                         llvm::Type *Elem, Field F) {
  llvm::Type *T = F == Heap || F == Data ? (llvm::Type *)PtrTy : SizeTy;
  return B.CreateLoad(T, field(B, Tape, Elem, F));
}

void Tapes::init(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Type *Elem) {
  B.CreateStore(llvm::ConstantPointerNull::get(PtrTy),
                field(B, Tape, Elem, Heap));
  B.CreateStore(field(B, Tape, Elem, Inline), field(B, Tape, Elem, Data));
  B.CreateStore(llvm::ConstantInt::get(SizeTy, 0), field(B, Tape, Elem, Size));
  B.CreateStore(llvm::ConstantInt::get(SizeTy, InlineCapacity),
                field(B, Tape, Elem, Capacity));
}

void Tapes::append(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Value *V) {
  llvm::Type *Elem = V->getType();
  llvm::Value *N = load(B, Tape, Elem, Size);
  llvm::Value *Slot = B.CreateGEP(Elem, load(B, Tape, Elem, Data), N);
  B.CreateStore(V, Slot);
  B.CreateStore(B.CreateAdd(N, llvm::ConstantInt::get(SizeTy, 1)),
                field(B, Tape, Elem, Size));
}

void Tapes::push(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Value *V) {
  llvm::Type *Elem = V->getType();
  llvm::Value *N = load(B, Tape, Elem, Size);
  llvm::Value *Full = B.CreateICmpEQ(N, load(B, Tape, Elem, Capacity));
  llvm::Function *Fn = B.GetInsertBlock()->getParent();
  llvm::BasicBlock *GrowBB = llvm::BasicBlock::Create(Ctx, "tape.grow", Fn);
  llvm::BasicBlock *Store = llvm::BasicBlock::Create(Ctx, "tape.store", Fn);
  B.CreateCondBr(Full, GrowBB, Store);
  B.SetInsertPoint(GrowBB);
  B.CreateCall(growFunction(Elem),
               {Tape, B.CreateAdd(N, llvm::ConstantInt::get(SizeTy, 1))});
  B.CreateBr(Store);
  B.SetInsertPoint(Store);
  append(B, Tape, V);
}

void Tapes::reserve(llvm::IRBuilder<> &B, llvm::Value *Tape, llvm::Type *Elem,
                    llvm::Value *N) {
  llvm::Value *Size_ = load(B, Tape, Elem, Size);
  llvm::Value *Room = B.CreateSub(load(B, Tape, Elem, Capacity), Size_);
  llvm::Function *Fn = B.GetInsertBlock()->getParent();
  llvm::BasicBlock *GrowBB = llvm::BasicBlock::Create(Ctx, "tape.grow", Fn);
  llvm::BasicBlock *Done = llvm::BasicBlock::Create(Ctx, "tape.room", Fn);
  B.CreateCondBr(B.CreateICmpULT(Room, N), GrowBB, Done);
  B.SetInsertPoint(GrowBB);
  B.CreateCall(growFunction(Elem), {Tape, B.CreateAdd(Size_, N)});
  B.CreateBr(Done);
  B.SetInsertPoint(Done);
}

llvm::Value *Tapes::pop(llvm::IRBuilder<> &B, llvm::Value *Tape,
                        llvm::Type *Elem) {
  llvm::Value *N = B.CreateSub(load(B, Tape, Elem, Size),
                               llvm::ConstantInt::get(SizeTy, 1));
  B.CreateStore(N, field(B, Tape, Elem, Size));
  return B.CreateLoad(Elem, B.CreateGEP(Elem, load(B, Tape, Elem, Data), N));
}

void Tapes::release(llvm::IRBuilder<> &B, llvm::Value *Tape,
                    llvm::Type *Elem) {
  B.CreateCall(releaseFunction(Elem), {Tape});
}

llvm::FunctionCallee Tapes::malloc() {
  return M.getOrInsertFunction("malloc", PtrTy, SizeTy);
}

llvm::FunctionCallee Tapes::free() {
  return M.getOrInsertFunction("free", llvm::Type::getVoidTy(Ctx), PtrTy);
}

/// A spare block: its address and capacity (Tape.h's Spare).
static llvm::StructType *spareType(llvm::LLVMContext &Ctx,
                                   llvm::IntegerType *SizeTy) {
  return llvm::StructType::get(Ctx, {llvm::PointerType::get(Ctx, 0), SizeTy});
}

llvm::GlobalVariable *Tapes::pool(llvm::Type *Elem) {
  uint64_t Bytes = M.getDataLayout().getTypeAllocSize(Elem);
  llvm::GlobalVariable *&G = Pools[Bytes];
  if (G)
    return G;
  auto *T = llvm::ArrayType::get(spareType(Ctx, SizeTy), MaxSpares);
  G = new llvm::GlobalVariable(
      M, T, /*isConstant=*/false, llvm::GlobalValue::InternalLinkage,
      llvm::Constant::getNullValue(T),
      "chainrule.tape.spares." + std::to_string(Bytes), nullptr,
      llvm::GlobalValue::GeneralDynamicTLSModel);
  return G;
}

/// A new internal function of \p M, cold and out of line, as Tape.h's grow.
static llvm::Function *makeHelper(llvm::Module &M, llvm::FunctionType *FT,
                                  const llvm::Twine &Name) {
  auto *Fn = llvm::Function::Create(FT, llvm::GlobalValue::InternalLinkage,
                                    Name, M);
  Fn->addFnAttr(llvm::Attribute::NoInline);
  Fn->addFnAttr(llvm::Attribute::Cold);
  Fn->addFnAttr(llvm::Attribute::NoUnwind);
  return Fn;
}

llvm::Function *Tapes::growFunction(llvm::Type *Elem) {
  llvm::Function *&Fn = Grow[Elem];
  if (Fn)
    return Fn;
  uint64_t Bytes = M.getDataLayout().getTypeAllocSize(Elem);
  Fn = makeHelper(M, llvm::FunctionType::get(llvm::Type::getVoidTy(Ctx),
                                             {PtrTy, SizeTy}, false),
                  "chainrule.tape.grow." + std::to_string(Bytes));
  llvm::Value *Tape = Fn->getArg(0), *Needed = Fn->getArg(1);
  auto Block = [&](const char *Name) {
    return llvm::BasicBlock::Create(Ctx, Name, Fn);
  };
  llvm::IRBuilder<> B(Block("entry"));
  auto Size_ = [&](uint64_t V) { return llvm::ConstantInt::get(SizeTy, V); };
  llvm::Value *Cap = load(B, Tape, Elem, Capacity);
  llvm::Value *Used = load(B, Tape, Elem, Size);
  llvm::Value *Old = load(B, Tape, Elem, Data);
  llvm::Value *UsedBytes = B.CreateMul(Used, Size_(Bytes));
  // Past the inline storage, 1024 values, then double.
  llvm::Value *Start = B.CreateSelect(B.CreateICmpULT(Cap, Size_(FirstBlock)),
                                      Size_(FirstBlock),
                                      B.CreateShl(Cap, 1));
  llvm::BasicBlock *Entry = B.GetInsertBlock();
  llvm::BasicBlock *Double = Block("double"), *Search = Block("search");
  B.CreateBr(Double);
  B.SetInsertPoint(Double);
  llvm::PHINode *NewCap = B.CreatePHI(SizeTy, 2);
  NewCap->addIncoming(Start, Entry);
  llvm::Value *Twice = B.CreateShl(NewCap, 1);
  NewCap->addIncoming(Twice, Double);
  B.CreateCondBr(B.CreateICmpULT(NewCap, Needed), Double, Search);
  // The largest spare block that is big enough, if any.
  B.SetInsertPoint(Search);
  llvm::GlobalVariable *Pool = pool(Elem);
  llvm::Value *Spares = B.CreateThreadLocalAddress(Pool);
  llvm::StructType *SpareTy = spareType(Ctx, SizeTy);
  llvm::Value *Best = Size_(MaxSpares), *BestCap = Size_(0);
  for (unsigned S = 0; S != MaxSpares; ++S) {
    llvm::Value *C = B.CreateLoad(SizeTy, B.CreateStructGEP(
                                 SpareTy,
                                 B.CreateConstGEP2_32(Pool->getValueType(),
                                                      Spares, 0, S),
                                 1));
    llvm::Value *Better = B.CreateAnd(
        B.CreateICmpUGE(C, NewCap),
        B.CreateOr(B.CreateICmpEQ(Best, Size_(MaxSpares)),
                   B.CreateICmpUGT(C, BestCap)));
    Best = B.CreateSelect(Better, Size_(S), Best);
    BestCap = B.CreateSelect(Better, C, BestCap);
  }
  llvm::BasicBlock *Reuse = Block("reuse"), *Allocate = Block("allocate");
  B.CreateCondBr(B.CreateICmpEQ(Best, Size_(MaxSpares)), Allocate, Reuse);
  // A block a previous tape left: no allocation, pages already mapped. The
  // block outgrown (if any) goes back to the pool in its place.
  B.SetInsertPoint(Reuse);
  llvm::Value *Slot =
      B.CreateGEP(Pool->getValueType(), Spares, {Size_(0), Best});
  llvm::Value *SlotBlock = B.CreateStructGEP(SpareTy, Slot, 0);
  llvm::Value *SlotCap = B.CreateStructGEP(SpareTy, Slot, 1);
  llvm::Value *Block_ = B.CreateLoad(PtrTy, SlotBlock);
  B.CreateMemCpy(Block_, llvm::MaybeAlign(), Old, llvm::MaybeAlign(),
                 UsedBytes);
  llvm::Value *Outgrown = load(B, Tape, Elem, Heap);
  llvm::Value *OutgrownCap = B.CreateSelect(
      B.CreateIsNull(Outgrown), Size_(0), Cap);
  B.CreateStore(Block_, field(B, Tape, Elem, Heap));
  B.CreateStore(BestCap, field(B, Tape, Elem, Capacity));
  B.CreateStore(Outgrown, SlotBlock);
  B.CreateStore(OutgrownCap, SlotCap);
  B.CreateStore(Block_, field(B, Tape, Elem, Data));
  B.CreateRetVoid();
  B.SetInsertPoint(Allocate);
  llvm::Value *Bigger =
      B.CreateCall(malloc(), {B.CreateMul(NewCap, Size_(Bytes))});
  B.CreateMemCpy(Bigger, llvm::MaybeAlign(), Old, llvm::MaybeAlign(),
                 UsedBytes);
  B.CreateCall(free(), {load(B, Tape, Elem, Heap)});
  B.CreateStore(Bigger, field(B, Tape, Elem, Heap));
  B.CreateStore(Bigger, field(B, Tape, Elem, Data));
  B.CreateStore(NewCap, field(B, Tape, Elem, Capacity));
  B.CreateRetVoid();
  return Fn;
}

llvm::Function *Tapes::releaseFunction(llvm::Type *Elem) {
  llvm::Function *&Fn = Release[Elem];
  if (Fn)
    return Fn;
  uint64_t Bytes = M.getDataLayout().getTypeAllocSize(Elem);
  Fn = makeHelper(M, llvm::FunctionType::get(llvm::Type::getVoidTy(Ctx),
                                             {PtrTy}, false),
                  "chainrule.tape.release." + std::to_string(Bytes));
  Fn->removeFnAttr(llvm::Attribute::Cold);
  llvm::Value *Tape = Fn->getArg(0);
  auto Block = [&](const char *Name) {
    return llvm::BasicBlock::Create(Ctx, Name, Fn);
  };
  auto Size_ = [&](uint64_t V) { return llvm::ConstantInt::get(SizeTy, V); };
  llvm::IRBuilder<> B(Block("entry"));
  llvm::Value *HeapBlock = load(B, Tape, Elem, Heap);
  llvm::BasicBlock *Keep = Block("keep"), *Done = Block("done");
  B.CreateCondBr(B.CreateIsNull(HeapBlock), Done, Keep);
  B.SetInsertPoint(Done);
  B.CreateRetVoid();
  // Keep the block, in place of the smallest spare if the pool is full.
  B.SetInsertPoint(Keep);
  llvm::GlobalVariable *Pool = pool(Elem);
  llvm::Value *Spares = B.CreateThreadLocalAddress(Pool);
  llvm::StructType *SpareTy = spareType(Ctx, SizeTy);
  llvm::Value *Smallest = Size_(0), *SmallestCap = nullptr;
  for (unsigned S = 0; S != MaxSpares; ++S) {
    llvm::Value *C = B.CreateLoad(
        SizeTy, B.CreateStructGEP(SpareTy,
                                  B.CreateConstGEP2_32(Pool->getValueType(),
                                                       Spares, 0, S),
                                  1));
    if (!SmallestCap) {
      SmallestCap = C;
      continue;
    }
    llvm::Value *Less = B.CreateICmpULT(C, SmallestCap);
    Smallest = B.CreateSelect(Less, Size_(S), Smallest);
    SmallestCap = B.CreateSelect(Less, C, SmallestCap);
  }
  llvm::Value *Cap = load(B, Tape, Elem, Capacity);
  llvm::BasicBlock *Swap = Block("swap"), *Free = Block("free");
  B.CreateCondBr(B.CreateICmpUGT(Cap, SmallestCap), Swap, Free);
  B.SetInsertPoint(Swap);
  llvm::Value *Slot =
      B.CreateGEP(Pool->getValueType(), Spares, {Size_(0), Smallest});
  llvm::Value *SlotBlock = B.CreateStructGEP(SpareTy, Slot, 0);
  B.CreateCall(free(), {B.CreateLoad(PtrTy, SlotBlock)});
  B.CreateStore(HeapBlock, SlotBlock);
  B.CreateStore(Cap, B.CreateStructGEP(SpareTy, Slot, 1));
  B.CreateRetVoid();
  B.SetInsertPoint(Free);
  B.CreateCall(free(), {HeapBlock});
  B.CreateRetVoid();
  return Fn;
}
