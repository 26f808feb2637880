//===- Verifier.cpp - Checking the SSA graph ------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Structural and type checks of functions.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Verifier.h"
#include "chainrule/IR/IR.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/Twine.h"

using namespace chainrule::ir;

namespace {
/// Walks a function in program order, keeping the set of values visible at
/// the current point.
class FunctionVerifier {
public:
  explicit FunctionVerifier(const Function &F) : F(F) {}

  llvm::Error run() {
    const Region &Body = F.getBody();
    for (unsigned I = 0, E = Body.getNumArguments(); I != E; ++I)
      Visible.insert(Body.getArgument(I));
    if (llvm::Error Err = verifyRegion(Body, OpKind::Return))
      return Err;
    return llvm::Error::success();
  }

private:
  llvm::Error fail(const Op &O, const llvm::Twine &Why) {
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "in function '" + F.getQualifiedName() + "': '" +
            getMnemonic(O.getKind()) + "' " + Why);
  }

  llvm::Error verifyRegion(const Region &R, OpKind Terminator) {
    std::vector<const Value *> Defined;
    for (unsigned I = 0, E = R.getNumArguments(); I != E && R.getParentOp(); ++I) {
      Visible.insert(R.getArgument(I));
      Defined.push_back(R.getArgument(I));
    }
    const Op *Last = R.getTerminator();
    if (!Last || !Last->is(Terminator))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "in function '" + F.getQualifiedName() + "': region does not end in '" +
              getMnemonic(Terminator) + "'");
    for (const auto &O : R.getOps()) {
      if ((O->is(OpKind::Yield) || O->is(OpKind::Return) ||
           O->is(OpKind::Condition)) &&
          O.get() != Last)
        return fail(*O, "terminator in the middle of a region");
      if (llvm::Error Err = verifyOp(*O))
        return Err;
      for (unsigned I = 0, E = O->getNumResults(); I != E; ++I) {
        Visible.insert(O->getResult(I));
        Defined.push_back(O->getResult(I));
      }
    }
    for (const Value *V : Defined)
      Visible.erase(V);
    return llvm::Error::success();
  }

  llvm::Error verifyOp(const Op &O) {
    int Expected = getNumOperands(O.getKind());
    if (Expected >= 0 && O.getNumOperands() != unsigned(Expected))
      return fail(O, "has " + llvm::Twine(O.getNumOperands()) +
                         " operands, expected " + llvm::Twine(Expected));
    for (const Value *V : O.getOperands())
      if (!Visible.count(V))
        return fail(O, "uses a value not defined before it in an enclosing "
                       "region");
    if (llvm::Error Err = verifyTypes(O))
      return Err;
    for (unsigned I = 0, E = O.getNumRegions(); I != E; ++I) {
      OpKind Terminator =
          O.is(OpKind::While) && I == 0 ? OpKind::Condition : OpKind::Yield;
      if (llvm::Error Err = verifyRegion(O.getRegion(I), Terminator))
        return Err;
    }
    return llvm::Error::success();
  }

  llvm::Error verifyTypes(const Op &O) {
    auto Operand = [&](unsigned I) { return O.getOperand(I)->getType(); };
    switch (O.getKind()) {
    case OpKind::Add:
    case OpKind::Sub:
    case OpKind::Mul:
    case OpKind::Div:
    case OpKind::Rem:
      if (Operand(0) != Operand(1) || Operand(0) != O.getResult()->getType())
        return fail(O, "operand and result types differ");
      if (!Operand(0).isFloat() && !Operand(0).isInt())
        return fail(O, "on a non-arithmetic type");
      if (O.is(OpKind::Rem) && !Operand(0).isInt())
        return fail(O, "on a floating type");
      break;
    case OpKind::Neg:
      if (Operand(0) != O.getResult()->getType())
        return fail(O, "operand and result types differ");
      break;
    case OpKind::BitAnd:
    case OpKind::BitOr:
    case OpKind::BitXor:
    case OpKind::Shl:
    case OpKind::Shr:
    case OpKind::BitNot:
      for (const Value *V : O.getOperands())
        if (V->getType() != O.getResult()->getType() || !V->getType().isInt())
          return fail(O, "needs integer operands of its result type");
      break;
    case OpKind::Cmp:
      if (Operand(0) != Operand(1))
        return fail(O, "compares values of different types");
      break;
    case OpKind::And:
    case OpKind::Or:
    case OpKind::Not:
      for (const Value *V : O.getOperands())
        if (!V->getType().isBool())
          return fail(O, "on a non-i1 operand");
      break;
    case OpKind::Select:
      if (!Operand(0).isBool() || Operand(1) != Operand(2) ||
          Operand(1) != O.getResult()->getType())
        return fail(O, "needs an i1 condition and two operands of its type");
      break;
    case OpKind::Math:
      if (O.getNumOperands() != getMathArity(O.getMathFn()))
        return fail(O, "has the wrong number of arguments for '" +
                           getMathName(O.getMathFn()) + "'");
      for (const Value *V : O.getOperands())
        if (V->getType() != O.getResult()->getType() || !V->getType().isFloat())
          return fail(O, "arguments must be floating and of the result type");
      break;
    case OpKind::Call: {
      const Function *Callee = O.getCallee();
      if (!Callee)
        return fail(O, "has no callee");
      if (O.getNumOperands() != Callee->getNumParams())
        return fail(O, "passes " + llvm::Twine(O.getNumOperands()) +
                           " arguments to '" + Callee->getQualifiedName() +
                           "'");
      for (unsigned I = 0, E = O.getNumOperands(); I != E; ++I)
        if (Operand(I) != Callee->getParam(I)->getType())
          return fail(O, "argument " + llvm::Twine(I) + " has the wrong type");
      if (Callee->getResultType().isVoid() ? O.getNumResults() != 0
                                           : O.getNumResults() != 1 ||
                                                 O.getResult()->getType() !=
                                                     Callee->getResultType())
        return fail(O, "result does not match the callee's result type");
      break;
    }
    case OpKind::Alloca:
      if (!O.getResult()->getType().isPointer())
        return fail(O, "must define a pointer");
      break;
    case OpKind::Global:
      if (!O.getGlobal() ||
          O.getResult()->getType() != O.getGlobal()->Element.getPointerTo())
        return fail(O, "must define a pointer to its variable");
      break;
    case OpKind::Member: {
      const RecordType *R = Operand(0).getRecord();
      if (!Operand(0).isPointer() || !R ||
          R->getKind() != RecordType::Kind::Struct ||
          O.getIntValue() < 0 || O.getIntValue() >= int64_t(R->getFields().size()) ||
          O.getResult()->getType() !=
              R->getFields()[O.getIntValue()].Ty.getPointerTo())
        return fail(O, "needs a pointer to a struct and a field of it");
      break;
    }
    case OpKind::Data:
    case OpKind::Size: {
      const RecordType *R = Operand(0).getRecord();
      if (!Operand(0).isPointer() || !R ||
          R->getKind() == RecordType::Kind::Struct)
        return fail(O, "needs a pointer to a std::array or std::vector");
      break;
    }
    case OpKind::Index:
      if (!Operand(0).isPointer() || !Operand(1).isInt() ||
          O.getResult()->getType() != Operand(0))
        return fail(O, "needs a pointer and an integer offset");
      break;
    case OpKind::Load:
      if (!Operand(0).isPointer() ||
          Operand(0).getPointee() != O.getResult()->getType())
        return fail(O, "needs a pointer to its result type");
      break;
    case OpKind::Push:
    case OpKind::Pop: {
      const RecordType *R = Operand(0).getRecord();
      if (!Operand(0).isPointer() || !R ||
          R->getKind() != RecordType::Kind::Vector ||
          (O.is(OpKind::Push) ? Operand(1) : O.getResult()->getType()) !=
              R->getElement())
        return fail(O, "needs a pointer to a std::vector of its value's type");
      break;
    }
    case OpKind::CheckSize: {
      const RecordType *R = Operand(0).getRecord();
      if (!Operand(0).isPointer() || Operand(0) != Operand(1) || !R ||
          R->getKind() != RecordType::Kind::Vector)
        return fail(O, "needs two pointers to std::vectors of one type");
      break;
    }
    case OpKind::Accumulate:
    case OpKind::Store:
      if (!Operand(0).isPointer() || Operand(0).getPointee() != Operand(1))
        return fail(O, "needs a pointer to the accumulated value's type");
      break;
    case OpKind::If:
      if (!Operand(0).isBool())
        return fail(O, "needs an i1 condition");
      for (unsigned I = 0; I != 2; ++I) {
        const Op *Y = O.getRegion(I).getTerminator();
        if (!Y || Y->getNumOperands() != O.getNumResults())
          return fail(O, "region " + llvm::Twine(I) +
                             " yields a different number of values than "
                             "the op's results");
        for (unsigned J = 0, E = O.getNumResults(); J != E; ++J)
          if (Y->getOperand(J)->getType() != O.getResult(J)->getType())
            return fail(O, "yields a value of the wrong type");
      }
      // A pointer yielded out of a branch could point into an object of
      // the branch, which has ended: branches carry offsets instead.
      for (unsigned J = 0, E = O.getNumResults(); J != E; ++J)
        if (O.getResult(J)->getType().isPointer())
          return fail(O, "yields a pointer");
      break;
    case OpKind::While: {
      unsigned N = O.getNumOperands();
      if (O.getNumResults() != N)
        return fail(O, "must have a result per carried value");
      for (unsigned I = 0; I != 2; ++I) {
        const Region &R = O.getRegion(I);
        if (R.getNumArguments() != N)
          return fail(O, "region " + llvm::Twine(I) +
                             " must take an argument per carried value");
        for (unsigned J = 0; J != N; ++J)
          if (R.getArgument(J)->getType() != Operand(J) ||
              O.getResult(J)->getType() != Operand(J))
            return fail(O, "carried value " + llvm::Twine(J) +
                               " changes type");
      }
      for (unsigned J = 0; J != N; ++J)
        if (Operand(J).isPointer())
          return fail(O, "carries a pointer");
      const Op *Y = O.getRegion(1).getTerminator();
      if (!Y || Y->getNumOperands() != N)
        return fail(O, "body must yield a value per carried value");
      for (unsigned J = 0; J != N; ++J)
        if (Y->getOperand(J)->getType() != Operand(J))
          return fail(O, "body yields a value of the wrong type");
      break;
    }
    case OpKind::TapePush:
    case OpKind::TapeAppend:
    case OpKind::TapePop:
      break;
    case OpKind::TapeReserve:
      if (!Operand(0).isInt())
        return fail(O, "needs an integer count");
      break;
    case OpKind::Condition:
      if (!Operand(0).isBool())
        return fail(O, "needs an i1 operand");
      break;
    case OpKind::Return: {
      Type RT = F.getResultType();
      if (RT.isVoid() ? O.getNumOperands() != 0
                      : O.getNumOperands() != 1 || Operand(0) != RT)
        return fail(O, "does not match the function's result type");
      break;
    }
    case OpKind::Constant:
    case OpKind::Undef:
    case OpKind::Cast:
    case OpKind::Yield:
      break;
    }
    return llvm::Error::success();
  }

  const Function &F;
  llvm::DenseSet<const Value *> Visible;
};
} // namespace

llvm::Error chainrule::ir::verify(const Function &F) {
  if (F.isDeclaration())
    return llvm::Error::success();
  return FunctionVerifier(F).run();
}

llvm::Error chainrule::ir::verify(const Module &M) {
  for (const auto &F : M.getFunctions())
    if (llvm::Error Err = verify(*F))
      return Err;
  return llvm::Error::success();
}
