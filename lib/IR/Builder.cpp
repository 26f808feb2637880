//===- Builder.cpp - Creating ops -----------------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Op creation at an insertion point.
//===----------------------------------------------------------------------===//

#include "chainrule/IR/Builder.h"

#include <algorithm>
#include <cassert>

using namespace chainrule::ir;

void Builder::setInsertionPoint(Op *O) {
  InsertRegion = O->getParentRegion();
  InsertPos = std::find_if(InsertRegion->begin(), InsertRegion->end(),
                           [O](const auto &P) { return P.get() == O; });
}

Op *Builder::create(OpKind K, Type ResultTy, llvm::ArrayRef<Value *> Operands,
                    std::string Name) {
  auto O = std::make_unique<Op>(K, getNumRegions(K));
  for (Value *V : Operands) {
    assert(V && "null operand");
    O->addOperand(V);
  }
  if (!ResultTy.isVoid())
    O->addResult(ResultTy, std::move(Name));
  O->setLoc(Loc);
  O->setDerived(Derived);
  return InsertRegion->insert(InsertPos, std::move(O));
}

Value *Builder::constFloat(Type Ty, long double V) {
  assert(Ty.isFloat() && "floating constant of a non-floating type");
  Op *O = create(OpKind::Constant, Ty, {});
  // Round to the type first, so that the constant is what C++ would hold.
  if (Ty.getBits() == 32)
    V = static_cast<float>(V);
  else if (Ty.getBits() == 64)
    V = static_cast<double>(V);
  O->setFloatValue(V);
  return O->getResult();
}

Value *Builder::constInt(Type Ty, int64_t V) {
  assert((Ty.isInt() || Ty.isBool()) && "integer constant of a non-integer");
  Op *O = create(OpKind::Constant, Ty, {});
  O->setIntValue(V);
  return O->getResult();
}

Value *Builder::constBool(bool V) { return constInt(Type::getBool(), V); }

Value *Builder::nullPointer(Type Ty) {
  assert(Ty.isPointer() && "null pointer of a non-pointer type");
  Op *O = create(OpKind::Constant, Ty, {});
  O->setIntValue(0);
  return O->getResult();
}

Value *Builder::constLike(const Value *Like, long double V) {
  Type Ty = Like->getType();
  if (Ty.isPointer())
    return nullPointer(Ty);
  return Ty.isFloat() ? constFloat(Ty, V)
                      : constInt(Ty, static_cast<int64_t>(V));
}

Value *Builder::undef(Type Ty) {
  return create(OpKind::Undef, Ty, {})->getResult();
}

Value *Builder::binary(OpKind K, Value *A, Value *B) {
  assert(A->getType() == B->getType() && "binary op on mismatched types");
  return create(K, A->getType(), {A, B})->getResult();
}

Value *Builder::neg(Value *A) {
  return create(OpKind::Neg, A->getType(), {A})->getResult();
}

Value *Builder::cmp(CmpPred P, Value *A, Value *B) {
  assert(A->getType() == B->getType() && "comparison of mismatched types");
  Op *O = create(OpKind::Cmp, Type::getBool(), {A, B});
  O->setPredicate(P);
  return O->getResult();
}

Value *Builder::logicAnd(Value *A, Value *B) {
  return create(OpKind::And, Type::getBool(), {A, B})->getResult();
}
Value *Builder::logicOr(Value *A, Value *B) {
  return create(OpKind::Or, Type::getBool(), {A, B})->getResult();
}
Value *Builder::logicNot(Value *A) {
  return create(OpKind::Not, Type::getBool(), {A})->getResult();
}

Value *Builder::select(Value *C, Value *A, Value *B) {
  assert(A->getType() == B->getType() && "select of mismatched types");
  return create(OpKind::Select, A->getType(), {C, A, B})->getResult();
}

Value *Builder::cast(Type Ty, Value *V) {
  if (V->getType() == Ty)
    return V;
  return create(OpKind::Cast, Ty, {V})->getResult();
}

Value *Builder::math(MathFn F, llvm::ArrayRef<Value *> Args) {
  assert(Args.size() == getMathArity(F) && "wrong number of math arguments");
  Op *O = create(OpKind::Math, Args.front()->getType(), Args);
  O->setMathFn(F);
  return O->getResult();
}

Value *Builder::call(Function *Callee, llvm::ArrayRef<Value *> Args) {
  Op *O = create(OpKind::Call, Callee->getResultType(), Args);
  O->setCallee(Callee);
  return O->getNumResults() ? O->getResult() : nullptr;
}

Value *Builder::slot(Type Ty, std::string Name) {
  return create(OpKind::Alloca, Ty.getPointerTo(), {}, std::move(Name))
      ->getResult();
}

Op *Builder::cloneShallow(const Op &O, llvm::ArrayRef<Value *> Operands) {
  Op *C = create(O.getKind(), Type::getVoid(), Operands);
  for (unsigned I = 0, E = O.getNumResults(); I != E; ++I)
    C->addResult(O.getResult(I)->getType(), O.getResult(I)->getName());
  C->setFloatValue(O.getFloatValue());
  C->setIntValue(O.getIntValue());
  C->setPredicate(O.getPredicate());
  C->setMathFn(O.getMathFn());
  C->setCallee(O.getCallee());
  C->setGlobal(O.getGlobal());
  C->setLoc(O.getLoc());
  C->setDerived(O.isDerived());
  return C;
}

Value *Builder::array(Type Ty, int64_t Count, std::string Name) {
  Op *O = create(OpKind::Alloca, Ty.getPointerTo(), {}, std::move(Name));
  O->setIntValue(Count);
  return O->getResult();
}

Value *Builder::global(const GlobalVar *G) {
  Op *O = create(OpKind::Global, G->Element.getPointerTo(), {}, "");
  O->setGlobal(G);
  return O->getResult();
}

Value *Builder::index(Value *Ptr, Value *Offset) {
  return create(OpKind::Index, Ptr->getType(), {Ptr, Offset})->getResult();
}

Value *Builder::object(Type Ty, std::string Name, Value *Size) {
  llvm::SmallVector<Value *, 1> Operands;
  if (Size)
    Operands.push_back(Size);
  return create(OpKind::Alloca, Ty.getPointerTo(), Operands, std::move(Name))
      ->getResult();
}

Value *Builder::member(Value *Ptr, unsigned Field) {
  const RecordType::Field &F = Ptr->getType().getRecord()->getFields()[Field];
  Op *O = create(OpKind::Member, F.Ty.getPointerTo(), {Ptr});
  O->setIntValue(Field);
  return O->getResult();
}

Value *Builder::data(Value *Ptr) {
  Type Elem = Ptr->getType().getRecord()->getElement();
  return create(OpKind::Data, Elem.getPointerTo(), {Ptr})->getResult();
}

Value *Builder::size(Value *Ptr, Type Ty) {
  return create(OpKind::Size, Ty, {Ptr})->getResult();
}

Value *Builder::load(Value *Ptr) {
  return create(OpKind::Load, Ptr->getType().getPointee(), {Ptr})->getResult();
}

void Builder::accumulate(Value *Ptr, Value *V) {
  create(OpKind::Accumulate, Type::getVoid(), {Ptr, V});
}

void Builder::tapePush(int64_t Tape, Value *V) {
  create(OpKind::TapePush, Type::getVoid(), {V})->setIntValue(Tape);
}

Value *Builder::tapePop(int64_t Tape, Type Ty, std::string Name) {
  Op *O = create(OpKind::TapePop, Ty, {}, std::move(Name));
  O->setIntValue(Tape);
  return O->getResult();
}

void Builder::store(Value *Ptr, Value *V) {
  create(OpKind::Store, Type::getVoid(), {Ptr, V});
}

void Builder::push(Value *Vec, Value *X) {
  create(OpKind::Push, Type::getVoid(), {Vec, X});
}

Value *Builder::pop(Value *Vec) {
  return create(OpKind::Pop, Vec->getType().getPointee().getRecord()->getElement(),
                {Vec})
      ->getResult();
}

void Builder::checkSize(Value *Primal, Value *Deriv) {
  create(OpKind::CheckSize, Type::getVoid(), {Primal, Deriv});
}

Op *Builder::createIf(Value *Cond, llvm::ArrayRef<Type> Types) {
  Op *O = create(OpKind::If, Type::getVoid(), {Cond});
  for (Type T : Types)
    O->addResult(T);
  return O;
}

Op *Builder::createWhile(llvm::ArrayRef<Value *> Inits,
                         llvm::ArrayRef<std::string> Names) {
  Op *O = create(OpKind::While, Type::getVoid(), Inits);
  for (unsigned J = 0, E = Inits.size(); J != E; ++J) {
    O->addResult(Inits[J]->getType(), Names[J]);
    for (unsigned I = 0; I != 2; ++I)
      O->getRegion(I).addArgument(Inits[J]->getType(), Names[J]);
  }
  return O;
}

void Builder::condition(Value *Cond) {
  create(OpKind::Condition, Type::getVoid(), {Cond});
}

void Builder::yield(llvm::ArrayRef<Value *> Values) {
  create(OpKind::Yield, Type::getVoid(), Values);
}

void Builder::ret(llvm::ArrayRef<Value *> Values) {
  create(OpKind::Return, Type::getVoid(), Values);
}
