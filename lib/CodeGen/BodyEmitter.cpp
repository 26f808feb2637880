//===- BodyEmitter.cpp - A function of the graph through IRBuilder --------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Lowers one function of the structured SSA graph to LLVM IR. Values map to
/// values; an `if` becomes a branch and a join block whose phis are its
/// results; a `while` becomes a loop header whose phis are the carried
/// values, its condition region, its body and an exit; locals are allocas
/// in the entry block, zeroed where the graph makes them (a local of a loop
/// body is fresh each iteration). Arithmetic is exactly the C++ output's:
/// no fast-math flags, no contraction, <cmath> through the LLVM intrinsics
/// that are the library function (sqrt, sin, exp, ...) and library calls
/// for the others.
//===----------------------------------------------------------------------===//

#include "BodyEmitter.h"

#include "clang/AST/Decl.h"
#include "clang/CodeGen/CodeGenABITypes.h"
#include "clang/AST/GlobalDecl.h"
#include "clang/CodeGen/ModuleBuilder.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>

using namespace chainrule;
using namespace chainrule::codegen;
using ir::OpKind;

namespace {

class BodyEmitter {
public:
  BodyEmitter(ModuleState &S, const ir::Function &F, const LoweredFunction &L)
      : S(S), F(F), L(L), B(S.LLVMCtx), Allocas(S.LLVMCtx) {}

  void emit() {
    llvm::BasicBlock *Entry =
        llvm::BasicBlock::Create(S.LLVMCtx, "entry", L.Fn);
    B.SetInsertPoint(Entry);
    // The allocas go before this marker, ahead of the body (as clang does).
    llvm::Instruction *AllocaPoint = new llvm::BitCastInst(
        llvm::PoisonValue::get(B.getInt32Ty()), B.getInt32Ty(), "allocapt",
        Entry);
    Allocas.SetInsertPoint(AllocaPoint);
    std::vector<llvm::Value *> Params = S.receiveParams(B, F, L);
    if (Params.size() != F.getNumParams()) {
      B.CreateUnreachable();
      return;
    }
    if (!makeTapes())
      return;
    for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
      Map[F.getParam(I)] = Params[I];
      if (Params[I]->hasName() || F.getParam(I)->getName().empty())
        continue;
      Params[I]->setName(F.getParam(I)->getName());
    }
    if (emitRegion(F.getBody()))
      B.CreateUnreachable(); // a body ends in `return`
    AllocaPoint->eraseFromParent();
  }

private:
  /// The tapes \p R pushes on (at any depth): id -> their values' type.
  void findTapes(const ir::Region &R, std::map<int64_t, ir::Type> &Out) {
    for (const auto &O : R.getOps()) {
      if (O->is(OpKind::TapePush) || O->is(OpKind::TapeAppend))
        Out.insert({O->getIntValue(), O->getOperand(0)->getType()});
      for (unsigned I = 0, E = O->getNumRegions(); I != E; ++I)
        findTapes(O->getRegion(I), Out);
    }
  }

  /// One tape object per tape of the function, made empty at its entry.
  bool makeTapes() {
    std::map<int64_t, ir::Type> Found;
    findTapes(F.getBody(), Found);
    for (auto &[Id, T] : Found) {
      llvm::Type *Elem = S.memoryType(T);
      if (!Elem) {
        S.fail(F.getLoc(), "a tape of structs");
        B.CreateUnreachable();
        return false;
      }
      llvm::Value *Tape =
          Allocas.CreateAlloca(S.TapeRuntime.objectType(Elem), nullptr,
                               "tape" + std::to_string(Id));
      S.TapeRuntime.init(B, Tape, Elem);
      TapeObjects[Id] = {Tape, Elem};
    }
    return true;
  }

  /// Emits \p R's ops up to its terminator (a yield or condition, left to
  /// the caller). False when control left the function (a `return`).
  bool emitRegion(const ir::Region &R) {
    Live.emplace_back();
    bool Continues = emitOps(R);
    Live.pop_back();
    return Continues;
  }

  bool emitOps(const ir::Region &R) {
    for (const auto &O : R.getOps()) {
      if (O->is(OpKind::Yield) || O->is(OpKind::Condition)) {
        destroyVectors(1);
        return true;
      }
      if (O->is(OpKind::Return)) {
        llvm::Value *Result = O->getNumOperands() ? get(O->getOperand(0))
                                                  : nullptr;
        destroyVectors(Live.size());
        for (auto &[Id, Tape] : TapeObjects)
          S.TapeRuntime.release(B, Tape.first, Tape.second);
        int Object = L.ABI ? returnedObject(F) : -1;
        if (Object >= 0)
          S.emitReturn(B, L, nullptr, get(F.getParam(Object)),
                       F.getParam(Object)->getType().getPointee());
        else
          S.emitReturn(B, L, Result);
        return false;
      }
      if (!emitOp(*O))
        return true; // a problem: the module is not written
    }
    return true;
  }

  llvm::Value *get(const ir::Value *V) {
    llvm::Value *Out = Map.lookup(V);
    if (!Out) {
      // Only after a problem (the op defining it failed); keeps IRBuilder
      // typed until the emission stops.
      llvm::Type *T = S.valueType(V->getType());
      return llvm::PoisonValue::get(T ? T : B.getInt8Ty());
    }
    return Out;
  }

  void set(const ir::Op &O, llvm::Value *V) {
    if (V)
      set(O.getResult(), V);
  }

  bool fail(const ir::Op &O, std::string What) {
    S.fail(O.getLoc() ? O.getLoc() : F.getLoc(), std::move(What));
    return false;
  }

  /// Emits \p O; false after noting a problem.
  bool emitOp(const ir::Op &O) {
    switch (O.getKind()) {
    case OpKind::Constant:
      set(O, constant(O));
      return true;
    case OpKind::Undef: {
      // An unset value (a flag before it is set) reads as 0, as in the C++
      // output.
      llvm::Type *T = S.valueType(O.getResult()->getType());
      if (!T)
        return fail(O, "an undefined value of this type");
      set(O, llvm::Constant::getNullValue(T));
      return true;
    }
    case OpKind::Add:
    case OpKind::Sub:
    case OpKind::Mul:
    case OpKind::Div:
    case OpKind::Rem:
      set(O, arithmetic(O.getKind(), O.getResult()->getType(),
                        get(O.getOperand(0)), get(O.getOperand(1))));
      return true;
    case OpKind::Neg: {
      llvm::Value *X = get(O.getOperand(0));
      set(O, O.getResult()->getType().isFloat() ? B.CreateFNeg(X)
                                                : B.CreateNeg(X));
      return true;
    }
    case OpKind::BitAnd:
      set(O, B.CreateAnd(get(O.getOperand(0)), get(O.getOperand(1))));
      return true;
    case OpKind::BitOr:
      set(O, B.CreateOr(get(O.getOperand(0)), get(O.getOperand(1))));
      return true;
    case OpKind::BitXor:
      set(O, B.CreateXor(get(O.getOperand(0)), get(O.getOperand(1))));
      return true;
    case OpKind::Shl:
      set(O, B.CreateShl(get(O.getOperand(0)), get(O.getOperand(1))));
      return true;
    case OpKind::Shr:
      set(O, O.getResult()->getType().isSigned()
                 ? B.CreateAShr(get(O.getOperand(0)), get(O.getOperand(1)))
                 : B.CreateLShr(get(O.getOperand(0)), get(O.getOperand(1))));
      return true;
    case OpKind::BitNot:
    case OpKind::Not:
      set(O, B.CreateNot(get(O.getOperand(0))));
      return true;
    case OpKind::Cmp:
      set(O, compare(O));
      return true;
    case OpKind::And:
      set(O, B.CreateAnd(get(O.getOperand(0)), get(O.getOperand(1))));
      return true;
    case OpKind::Or:
      set(O, B.CreateOr(get(O.getOperand(0)), get(O.getOperand(1))));
      return true;
    case OpKind::Select:
      set(O, B.CreateSelect(get(O.getOperand(0)), get(O.getOperand(1)),
                            get(O.getOperand(2))));
      return true;
    case OpKind::Cast:
      return cast(O);
    case OpKind::Math:
      return math(O);
    case OpKind::Call: {
      std::vector<llvm::Value *> Args;
      for (const ir::Value *A : O.getOperands())
        Args.push_back(get(A));
      size_t Before = S.Problems.size();
      llvm::Value *R = S.call(B, *O.getCallee(), Args, O.getLoc());
      if (S.Problems.size() != Before)
        return false;
      if (O.getNumResults())
        set(O, R);
      return true;
    }
    case OpKind::Alloca:
      return alloca(O);
    case OpKind::Global:
      return global(O);
    case OpKind::Index: {
      ir::Type Elem = O.getResult()->getType().getPointee();
      llvm::Type *T = S.memoryType(Elem);
      if (!T)
        return fail(O, "an element of a buffer of structs");
      const ir::Value *I = O.getOperand(1);
      llvm::Value *Offset =
          B.CreateIntCast(get(I), B.getInt64Ty(), I->getType().isSigned());
      set(O, B.CreateGEP(T, get(O.getOperand(0)), Offset));
      return true;
    }
    case OpKind::Load: {
      ir::Type T = O.getResult()->getType();
      llvm::Type *MT = S.memoryType(T);
      if (!MT)
        return fail(O, "a load of a struct");
      llvm::Value *V = B.CreateLoad(MT, get(O.getOperand(0)));
      if (T.isBool())
        V = B.CreateTrunc(V, B.getInt1Ty());
      set(O, V);
      return true;
    }
    case OpKind::Store:
      return store(O, get(O.getOperand(1)));
    case OpKind::Accumulate: {
      ir::Type T = O.getOperand(1)->getType();
      llvm::Type *MT = S.memoryType(T);
      if (!MT || T.isBool())
        return fail(O, "an accumulation of this type");
      llvm::Value *Old = B.CreateLoad(MT, get(O.getOperand(0)));
      return store(O, arithmetic(OpKind::Add, T, Old, get(O.getOperand(1))));
    }
    case OpKind::If:
      return emitIf(O);
    case OpKind::While:
      return emitWhile(O);
    case OpKind::Member:
      return member(O);
    case OpKind::Data:
    case OpKind::Size:
      if (O.getOperand(0)->getType().getPointee().getRecord()->getKind() ==
          ir::RecordType::Kind::Array)
        return array(O);
      return vectorAccess(O);
    case OpKind::Push:
    case OpKind::Pop:
      return vectorGrowth(O);
    case OpKind::CheckSize:
      return checkSize(O);
    case OpKind::TapePush:
    case OpKind::TapeAppend:
    case OpKind::TapeReserve:
    case OpKind::TapePop:
      return tape(O);
    case OpKind::Condition:
    case OpKind::Yield:
    case OpKind::Return:
      break;
    }
    return fail(O, "the operation '" + ir::getMnemonic(O.getKind()).str() + "'");
  }

  /// \p V exactly, in the format of this host's long double.
  static llvm::APFloat hostValue(long double V) {
    constexpr int Digits = std::numeric_limits<long double>::digits;
    static_assert(Digits == 53 || Digits == 64 || Digits == 113,
                  "long double as double, x87 or IEEE quad");
    if (Digits == 53)
      return llvm::APFloat(static_cast<double>(V));
    uint64_t Words[2] = {0, 0};
    std::memcpy(Words, &V, std::min(sizeof V, sizeof Words));
    if (Digits == 64)
      return llvm::APFloat(llvm::APFloat::x87DoubleExtended(),
                           llvm::APInt(80, Words));
    return llvm::APFloat(llvm::APFloat::IEEEquad(), llvm::APInt(128, Words));
  }

  llvm::Value *constant(const ir::Op &O) {
    ir::Type T = O.getResult()->getType();
    llvm::Type *LT = S.valueType(T);
    if (T.isFloat()) {
      // The graph's value, rounded once to the type's format on the target.
      llvm::APFloat V = hostValue(O.getFloatValue());
      bool Inexact;
      V.convert(LT->getFltSemantics(), llvm::APFloat::rmNearestTiesToEven,
                &Inexact);
      return llvm::ConstantFP::get(S.LLVMCtx, V);
    }
    if (T.isPointer())
      return llvm::ConstantPointerNull::get(
          llvm::cast<llvm::PointerType>(LT));
    return llvm::ConstantInt::get(LT, O.getIntValue(), T.isSigned());
  }

  llvm::Value *arithmetic(OpKind K, ir::Type T, llvm::Value *X,
                          llvm::Value *Y) {
    bool Float = T.isFloat();
    switch (K) {
    case OpKind::Add:
      return Float ? B.CreateFAdd(X, Y) : B.CreateAdd(X, Y);
    case OpKind::Sub:
      return Float ? B.CreateFSub(X, Y) : B.CreateSub(X, Y);
    case OpKind::Mul:
      return Float ? B.CreateFMul(X, Y) : B.CreateMul(X, Y);
    case OpKind::Div:
      return Float ? B.CreateFDiv(X, Y)
             : T.isSigned() ? B.CreateSDiv(X, Y)
                            : B.CreateUDiv(X, Y);
    case OpKind::Rem:
      return Float ? B.CreateFRem(X, Y)
             : T.isSigned() ? B.CreateSRem(X, Y)
                            : B.CreateURem(X, Y);
    default:
      return nullptr;
    }
  }

  llvm::Value *compare(const ir::Op &O) {
    ir::Type T = O.getOperand(0)->getType();
    llvm::Value *X = get(O.getOperand(0)), *Y = get(O.getOperand(1));
    using P = llvm::CmpInst::Predicate;
    static const P FloatPreds[] = {P::FCMP_OEQ, P::FCMP_UNE, P::FCMP_OLT,
                                   P::FCMP_OLE, P::FCMP_OGT, P::FCMP_OGE};
    static const P SignedPreds[] = {P::ICMP_EQ,  P::ICMP_NE,  P::ICMP_SLT,
                                    P::ICMP_SLE, P::ICMP_SGT, P::ICMP_SGE};
    static const P UnsignedPreds[] = {P::ICMP_EQ,  P::ICMP_NE,  P::ICMP_ULT,
                                      P::ICMP_ULE, P::ICMP_UGT, P::ICMP_UGE};
    unsigned I = static_cast<unsigned>(O.getPredicate());
    if (T.isFloat())
      return B.CreateFCmp(FloatPreds[I], X, Y);
    bool Signed = T.isInt() && T.isSigned();
    return B.CreateICmp(Signed ? SignedPreds[I] : UnsignedPreds[I], X, Y);
  }

  /// static_cast between scalar types.
  bool cast(const ir::Op &O) {
    ir::Type From = O.getOperand(0)->getType(), To = O.getResult()->getType();
    llvm::Value *X = get(O.getOperand(0));
    llvm::Type *T = S.valueType(To);
    if (!T || From.isPointer() || To.isPointer())
      return fail(O, "a conversion between pointers");
    llvm::Value *R = nullptr;
    if (To.isBool())
      R = From.isFloat()
              ? B.CreateFCmpUNE(X, llvm::ConstantFP::getZero(X->getType()))
              : B.CreateICmpNE(X, llvm::Constant::getNullValue(X->getType()));
    else if (From.isFloat() && To.isFloat())
      R = B.CreateFPCast(X, T);
    else if (From.isFloat())
      R = To.isSigned() ? B.CreateFPToSI(X, T) : B.CreateFPToUI(X, T);
    else if (To.isFloat())
      R = From.isInt() && From.isSigned() ? B.CreateSIToFP(X, T)
                                          : B.CreateUIToFP(X, T);
    else
      R = B.CreateIntCast(X, T, From.isInt() && From.isSigned());
    set(O, R);
    return true;
  }

  bool math(const ir::Op &O) {
    std::vector<llvm::Value *> Args;
    for (const ir::Value *A : O.getOperands())
      Args.push_back(get(A));
    ir::Type T = O.getResult()->getType();
    llvm::Type *LT = S.valueType(T);
    // The intrinsics that are the library function itself: what the
    // backend makes of them is a call to it or the instruction computing
    // the same correctly rounded value.
    llvm::Intrinsic::ID ID = llvm::Intrinsic::not_intrinsic;
    switch (O.getMathFn()) {
    case ir::MathFn::Sin: ID = llvm::Intrinsic::sin; break;
    case ir::MathFn::Cos: ID = llvm::Intrinsic::cos; break;
    case ir::MathFn::Exp: ID = llvm::Intrinsic::exp; break;
    case ir::MathFn::Exp2: ID = llvm::Intrinsic::exp2; break;
    case ir::MathFn::Log: ID = llvm::Intrinsic::log; break;
    case ir::MathFn::Log2: ID = llvm::Intrinsic::log2; break;
    case ir::MathFn::Log10: ID = llvm::Intrinsic::log10; break;
    case ir::MathFn::Pow: ID = llvm::Intrinsic::pow; break;
    case ir::MathFn::Sqrt: ID = llvm::Intrinsic::sqrt; break;
    case ir::MathFn::Fabs: ID = llvm::Intrinsic::fabs; break;
    case ir::MathFn::Floor: ID = llvm::Intrinsic::floor; break;
    case ir::MathFn::Ceil: ID = llvm::Intrinsic::ceil; break;
    case ir::MathFn::Trunc: ID = llvm::Intrinsic::trunc; break;
    case ir::MathFn::Round: ID = llvm::Intrinsic::round; break;
    case ir::MathFn::Polygamma:
      if (llvm::Value *R = S.callPolygamma(B, T, Args, O.getLoc())) {
        set(O, R);
        return true;
      }
      return false;
    default:
      break;
    }
    if (ID != llvm::Intrinsic::not_intrinsic) {
      set(O, B.CreateIntrinsic(ID, {LT}, Args));
      return true;
    }
    for (llvm::Value *A : Args)
      if (A->getType() != LT)
        return fail(O, "a call to std::" + ir::getMathName(O.getMathFn()).str() +
                           " with arguments of several types");
    // `sinh`, `sinhf`, `sinhl`.
    std::string Name = ir::getMathName(O.getMathFn()).str();
    if (T.getBits() == 32)
      Name += "f";
    else if (T.getBits() != 64)
      Name += "l";
    std::vector<llvm::Type *> Params(Args.size(), LT);
    llvm::FunctionCallee Fn = S.M.getOrInsertFunction(
        Name, llvm::FunctionType::get(LT, Params, /*isVarArg=*/false));
    if (auto *Decl = llvm::dyn_cast<llvm::Function>(Fn.getCallee()))
      Decl->setDoesNotThrow();
    set(O, B.CreateCall(Fn, Args));
    return true;
  }

  /// The address of a field of the struct an operand points to.
  bool member(const ir::Op &O) {
    ir::Type Object = O.getOperand(0)->getType().getPointee();
    const ir::RecordType *R = Object.getRecord();
    clang::QualType QT = S.recordType(Object);
    llvm::Type *T = S.memoryType(Object);
    switch (R->getAccess()) {
    case ir::RecordType::Access::Named:
      break;
    case ir::RecordType::Access::Get:
      if (llvm::Value *E = S.tupleElement(B, Object, O.getIntValue(),
                                          get(O.getOperand(0)), loc(O))) {
        set(O, E);
        return true;
      }
      return false;
    case ir::RecordType::Access::Part: {
      // A std::complex<T> is laid out as T[2], real then imaginary part
      // (the C++ standard's guarantee).
      ir::Type Part = R->getFields()[O.getIntValue()].Ty;
      set(O, B.CreateConstInBoundsGEP1_64(
                 S.valueType(Part), get(O.getOperand(0)), O.getIntValue()));
      return true;
    }
    }
    if (QT.isNull() || !T)
      return fail(O, "a member of '" + R->getCxxName() + "'");
    const clang::RecordDecl *RD = QT->getAsRecordDecl()->getDefinition();
    auto It = RD->field_begin();
    std::advance(It, O.getIntValue());
    if (It->isBitField())
      return fail(O, "a bit-field");
    unsigned N = clang::CodeGen::getLLVMFieldNumber(S.CGM, RD, *It);
    set(O, B.CreateStructGEP(T, get(O.getOperand(0)), N));
    return true;
  }

  /// The first element or the size of a std::array.
  bool array(const ir::Op &O) {
    ir::Type Object = O.getOperand(0)->getType().getPointee();
    const ir::RecordType *R = Object.getRecord();
    if (O.is(OpKind::Size)) {
      set(O, llvm::ConstantInt::get(S.valueType(O.getResult()->getType()),
                                    R->getSize()));
      return true;
    }
    clang::QualType QT = S.recordType(Object);
    llvm::Type *T = S.memoryType(Object);
    if (QT.isNull() || !T)
      return fail(O, "the elements of '" + R->getCxxName() + "'");
    // Its one member, the built-in array of the elements.
    const clang::RecordDecl *RD = QT->getAsRecordDecl()->getDefinition();
    if (RD->field_empty())
      return fail(O, "the elements of '" + R->getCxxName() + "'");
    unsigned N =
        clang::CodeGen::getLLVMFieldNumber(S.CGM, RD, *RD->field_begin());
    set(O, B.CreateStructGEP(T, get(O.getOperand(0)), N));
    return true;
  }

  /// A std::vector's data() or size().
  bool vectorAccess(const ir::Op &O) {
    ir::Type Vector = O.getOperand(0)->getType().getPointee();
    size_t Before = S.Problems.size();
    llvm::Value *V =
        S.callVector(B, Vector, O.is(OpKind::Data) ? "data" : "size",
                     get(O.getOperand(0)), {}, loc(O));
    if (S.Problems.size() != Before)
      return false;
    if (O.is(OpKind::Size))
      V = B.CreateIntCast(V, S.valueType(O.getResult()->getType()), false);
    set(O, V);
    return true;
  }

  /// push_back (from a temporary holding the value), or back() and
  /// pop_back().
  bool vectorGrowth(const ir::Op &O) {
    ir::Type Vector = O.getOperand(0)->getType().getPointee();
    llvm::Value *This = get(O.getOperand(0));
    ir::Type Elem = O.is(OpKind::Push) ? O.getOperand(1)->getType()
                                       : O.getResult()->getType();
    llvm::Type *MT = S.memoryType(Elem);
    const llvm::DataLayout &DL = S.M.getDataLayout();
    size_t Before = S.Problems.size();
    if (O.is(OpKind::Push)) {
      llvm::Value *V = get(O.getOperand(1));
      if (Elem.isBool())
        V = B.CreateZExt(V, MT);
      llvm::AllocaInst *Slot =
          S.temporary(B, DL.getTypeAllocSize(MT), DL.getPrefTypeAlign(MT));
      B.CreateStore(V, Slot);
      S.callVector(B, Vector, "push_back", This, {Slot}, loc(O));
      return S.Problems.size() == Before;
    }
    llvm::Value *Last = S.callVector(B, Vector, "back", This, {}, loc(O));
    if (S.Problems.size() != Before)
      return false;
    llvm::Value *V = B.CreateLoad(MT, Last);
    if (Elem.isBool())
      V = B.CreateTrunc(V, B.getInt1Ty());
    S.callVector(B, Vector, "pop_back", This, {}, loc(O));
    set(O, V);
    return S.Problems.size() == Before;
  }

  /// Stops the program when a shadow or tangent vector has another size
  /// than its primal.
  bool checkSize(const ir::Op &O) {
    ir::Type Vector = O.getOperand(0)->getType().getPointee();
    size_t Before = S.Problems.size();
    llvm::Value *Primal =
        S.callVector(B, Vector, "size", get(O.getOperand(0)), {}, loc(O));
    llvm::Value *Deriv =
        S.callVector(B, Vector, "size", get(O.getOperand(1)), {}, loc(O));
    if (S.Problems.size() != Before)
      return false;
    llvm::BasicBlock *Bad =
        llvm::BasicBlock::Create(S.LLVMCtx, "size.mismatch", L.Fn);
    llvm::BasicBlock *Good =
        llvm::BasicBlock::Create(S.LLVMCtx, "size.ok", L.Fn);
    B.CreateCondBr(B.CreateICmpNE(Deriv, Primal), Bad, Good);
    B.SetInsertPoint(Bad);
    auto Name = [&](const ir::Value *V) {
      return B.CreateGlobalStringPtr(spelling(V));
    };
    S.sizeMismatch(B,
                   {B.CreateGlobalStringPtr(F.getName()), Name(O.getOperand(1)),
                    Deriv, Name(O.getOperand(0)), Primal},
                   loc(O));
    B.SetInsertPoint(Good);
    return true;
  }

  /// The object at \p Ptr as the C++ output spells it in messages: a
  /// parameter's name, `p.in.w` or `d_p->in.w` for members.
  std::string spelling(const ir::Value *Ptr) const {
    const ir::Op *D = Ptr->getDefiningOp();
    if (!D || !D->is(OpKind::Member))
      return Ptr->getName();
    const ir::Value *Base = D->getOperand(0);
    const ir::RecordType *R = Base->getType().getPointee().getRecord();
    bool Pointer = false; // a parameter that is a pointer, not a reference
    for (unsigned I = 0, E = F.getNumParams(); I != E; ++I)
      if (F.getParam(I) == Base)
        Pointer = !F.getParamInfo(I).ByAddress;
    return spelling(Base) + (Pointer ? "->" : ".") +
           R->getFields()[D->getIntValue()].Name;
  }

  unsigned loc(const ir::Op &O) const {
    return O.getLoc() ? O.getLoc() : F.getLoc();
  }

  /// A local std::vector: made (and sized) here, destroyed at the end of
  /// the region that makes it.
  bool localVector(const ir::Op &O) {
    ir::Type Vector = O.getResult()->getType().getPointee();
    if (!S.isHeapBuffer(Vector) && !S.completeRecord(Vector, loc(O)))
      return false;
    llvm::Type *T = S.memoryType(Vector);
    if (!T)
      return fail(O, "a local '" + Vector.getRecord()->getCxxName() + "'");
    llvm::AllocaInst *A = Allocas.CreateAlloca(T);
    size_t Before = S.Problems.size();
    S.callVector(B, Vector, "", A, {}, loc(O));
    if (O.getNumOperands()) {
      const ir::Value *N = O.getOperand(0);
      S.callVector(B, Vector, "resize", A,
                   {B.CreateIntCast(get(N), S.TapeRuntime.sizeType(),
                                    N->getType().isSigned())},
                   loc(O));
    }
    if (S.Problems.size() != Before)
      return false;
    Live.back().push_back({A, Vector});
    set(O, A);
    return true;
  }

  /// Destroys the vectors of the innermost \p Frames regions.
  void destroyVectors(size_t Frames) {
    for (size_t I = 0; I != Frames; ++I) {
      auto &Frame = Live[Live.size() - 1 - I];
      for (auto It = Frame.rbegin(); It != Frame.rend(); ++It)
        S.callVector(B, It->second, "~", It->first, {}, F.getLoc());
    }
  }

  /// A zeroed local: its slot in the entry block, zeroed here (a local of
  /// a loop body is zero at each iteration).
  bool alloca(const ir::Op &O) {
    ir::Type Elem = O.getResult()->getType().getPointee();
    if (Elem.isRecord() &&
        Elem.getRecord()->getKind() == ir::RecordType::Kind::Vector)
      return localVector(O);
    llvm::Type *T = S.memoryType(Elem);
    if (!T)
      return fail(O, "a local '" + Elem.getRecord()->getCxxName() + "'");
    int64_t Count = O.getAllocaCount();
    llvm::Type *Slot = Count ? llvm::ArrayType::get(T, Count) : T;
    llvm::AllocaInst *A = Allocas.CreateAlloca(Slot);
    const llvm::DataLayout &DL = S.M.getDataLayout();
    B.CreateMemSet(A, B.getInt8(0), DL.getTypeAllocSize(Slot),
                   DL.getPrefTypeAlign(Slot));
    set(O, A);
    return true;
  }

  bool global(const ir::Op &O) {
    const clang::VarDecl *VD = O.getGlobal()->Decl;
    if (!VD)
      return fail(O, "global variable '" + O.getGlobal()->CxxName + "'");
    set(O, S.Gen.GetAddrOfGlobal(clang::GlobalDecl(VD),
                                 /*isForDefinition=*/false));
    return true;
  }

  bool store(const ir::Op &O, llvm::Value *V) {
    if (O.getOperand(1)->getType().isBool())
      V = B.CreateZExt(V, S.memoryType(O.getOperand(1)->getType()));
    B.CreateStore(V, get(O.getOperand(0)));
    return true;
  }

  /// The values \p Y (a yield) passes on.
  std::vector<llvm::Value *> yielded(const ir::Region &R) {
    std::vector<llvm::Value *> Out;
    for (const ir::Value *V : R.getTerminator()->getOperands())
      Out.push_back(get(V));
    return Out;
  }

  bool emitIf(const ir::Op &O) {
    llvm::BasicBlock *Then = llvm::BasicBlock::Create(S.LLVMCtx, "then", L.Fn);
    llvm::BasicBlock *Else = llvm::BasicBlock::Create(S.LLVMCtx, "else", L.Fn);
    llvm::BasicBlock *Join = llvm::BasicBlock::Create(S.LLVMCtx, "join", L.Fn);
    B.CreateCondBr(get(O.getOperand(0)), Then, Else);
    // The paths that reach the join, and what each yields.
    std::vector<std::pair<llvm::BasicBlock *, std::vector<llvm::Value *>>> In;
    for (unsigned I = 0; I != 2; ++I) {
      B.SetInsertPoint(I ? Else : Then);
      size_t Before = S.Problems.size();
      if (!emitRegion(O.getRegion(I)))
        continue;
      if (S.Problems.size() != Before)
        return false;
      In.push_back({B.GetInsertBlock(), yielded(O.getRegion(I))});
      B.CreateBr(Join);
    }
    B.SetInsertPoint(Join);
    if (In.empty()) {
      // Both paths returned: what follows is never reached.
      B.CreateUnreachable();
      B.SetInsertPoint(llvm::BasicBlock::Create(S.LLVMCtx, "dead", L.Fn));
    }
    for (unsigned J = 0, E = O.getNumResults(); J != E; ++J) {
      llvm::Type *T = S.valueType(O.getResult(J)->getType());
      if (!T)
        return fail(O, "a struct chosen by a branch");
      if (In.empty()) {
        set(O.getResult(J), llvm::PoisonValue::get(T));
        continue;
      }
      llvm::PHINode *Phi = B.CreatePHI(T, In.size());
      for (auto &[Block, Values] : In)
        Phi->addIncoming(Values[J], Block);
      set(O.getResult(J), Phi);
    }
    return true;
  }

  void set(const ir::Value *Result, llvm::Value *V) {
    if (!Result->getName().empty() && !llvm::isa<llvm::Constant>(V) &&
        !V->hasName())
      V->setName(Result->getName());
    Map[Result] = V;
  }

  bool emitWhile(const ir::Op &W) {
    llvm::BasicBlock *Pre = B.GetInsertBlock();
    llvm::BasicBlock *Header =
        llvm::BasicBlock::Create(S.LLVMCtx, "loop", L.Fn);
    llvm::BasicBlock *Body = llvm::BasicBlock::Create(S.LLVMCtx, "body", L.Fn);
    llvm::BasicBlock *Exit = llvm::BasicBlock::Create(S.LLVMCtx, "exit", L.Fn);
    B.CreateBr(Header);
    B.SetInsertPoint(Header);
    std::vector<llvm::PHINode *> Carried;
    for (unsigned J = 0, E = W.getNumResults(); J != E; ++J) {
      llvm::Type *T = S.valueType(W.getResult(J)->getType());
      if (!T)
        return fail(W, "a struct carried around a loop");
      llvm::PHINode *Phi = B.CreatePHI(T, 2);
      Phi->addIncoming(get(W.getOperand(J)), Pre);
      Carried.push_back(Phi);
      for (unsigned R = 0; R != 2; ++R)
        set(W.getRegion(R).getArgument(J), Phi);
      set(W.getResult(J), Phi);
    }
    size_t Before = S.Problems.size();
    if (!emitRegion(W.getRegion(0)) || S.Problems.size() != Before)
      return fail(W, "a return in the condition of a loop");
    B.CreateCondBr(get(W.getRegion(0).getTerminator()->getOperand(0)), Body,
                   Exit);
    B.SetInsertPoint(Body);
    bool Continues = emitRegion(W.getRegion(1));
    if (S.Problems.size() != Before)
      return false;
    if (Continues) {
      std::vector<llvm::Value *> Next = yielded(W.getRegion(1));
      for (unsigned J = 0, E = Carried.size(); J != E; ++J)
        Carried[J]->addIncoming(Next[J], B.GetInsertBlock());
      B.CreateBr(Header);
    }
    B.SetInsertPoint(Exit);
    return true;
  }

  bool tape(const ir::Op &O) {
    auto [Tape, Elem] = TapeObjects.at(O.getIntValue());
    Tapes &T = S.TapeRuntime;
    switch (O.getKind()) {
    case OpKind::TapePush:
    case OpKind::TapeAppend: {
      llvm::Value *V = get(O.getOperand(0));
      if (O.getOperand(0)->getType().isBool())
        V = B.CreateZExt(V, Elem);
      if (O.is(OpKind::TapePush))
        T.push(B, Tape, V);
      else
        T.append(B, Tape, V);
      return true;
    }
    case OpKind::TapeReserve: {
      const ir::Value *N = O.getOperand(0);
      T.reserve(B, Tape, Elem,
                B.CreateIntCast(get(N), T.sizeType(), N->getType().isSigned()));
      return true;
    }
    default: {
      llvm::Value *V = T.pop(B, Tape, Elem);
      if (O.getResult()->getType().isBool())
        V = B.CreateTrunc(V, B.getInt1Ty());
      set(O, V);
      return true;
    }
    }
  }

  ModuleState &S;
  const ir::Function &F;
  const LoweredFunction &L;
  /// The std::vectors each region being emitted has made, innermost last.
  std::vector<std::vector<std::pair<llvm::Value *, ir::Type>>> Live;
  /// Tape id -> its object and the memory type of its values.
  std::map<int64_t, std::pair<llvm::Value *, llvm::Type *>> TapeObjects;
  llvm::IRBuilder<> B;
  /// Inserts the allocas at the start of the entry block.
  llvm::IRBuilder<> Allocas;
  llvm::DenseMap<const ir::Value *, llvm::Value *> Map;
};

} // namespace

void codegen::emitBody(ModuleState &S, const ir::Function &F,
                       const LoweredFunction &L) {
  BodyEmitter(S, F, L).emit();
}
