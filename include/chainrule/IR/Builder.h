//===- chainrule/IR/Builder.h - Creating ops --------------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Builder creates ops at an insertion point (a position in a region), in
/// the manner of mlir::OpBuilder. It checks nothing beyond assertions; the
/// Verifier checks whole functions.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_IR_BUILDER_H
#define CHAINRULE_IR_BUILDER_H

#include "chainrule/IR/IR.h"

namespace chainrule::ir {

/// Creates ops at an insertion point.
class Builder {
public:
  /// A builder appending to the end of \p R.
  explicit Builder(Region &R) { setInsertionPointToEnd(R); }

  void setInsertionPointToEnd(Region &R) {
    InsertRegion = &R;
    InsertPos = R.end();
  }
  /// Inserts subsequent ops before \p O.
  void setInsertionPoint(Op *O);
  Region &getInsertionRegion() const { return *InsertRegion; }

  /// Ops created from now on carry source location \p L.
  void setLoc(unsigned L) { Loc = L; }
  unsigned getLoc() const { return Loc; }
  /// Ops created from now on are marked derived (see Op::isDerived).
  void setDerived(bool D) { Derived = D; }
  bool isDerived() const { return Derived; }

  /// Creates an op of kind \p K with \p Operands and one result of type
  /// \p ResultTy (none if it is void).
  Op *create(OpKind K, Type ResultTy, llvm::ArrayRef<Value *> Operands,
             std::string Name = "");

  /// A copy of \p O (kind, attributes, result types and names) on
  /// \p Operands, with empty regions.
  Op *cloneShallow(const Op &O, llvm::ArrayRef<Value *> Operands);

  Value *constFloat(Type Ty, long double V);
  Value *constInt(Type Ty, int64_t V);
  Value *constBool(bool V);
  /// `nullptr` of pointer type \p Ty.
  Value *nullPointer(Type Ty);
  /// A constant of the type of \p Like with value \p V.
  Value *constLike(const Value *Like, long double V);
  Value *undef(Type Ty);

  Value *add(Value *A, Value *B) { return binary(OpKind::Add, A, B); }
  Value *sub(Value *A, Value *B) { return binary(OpKind::Sub, A, B); }
  Value *mul(Value *A, Value *B) { return binary(OpKind::Mul, A, B); }
  Value *div(Value *A, Value *B) { return binary(OpKind::Div, A, B); }
  Value *rem(Value *A, Value *B) { return binary(OpKind::Rem, A, B); }
  Value *neg(Value *A);
  Value *cmp(CmpPred P, Value *A, Value *B);
  Value *logicAnd(Value *A, Value *B);
  Value *logicOr(Value *A, Value *B);
  Value *logicNot(Value *A);
  Value *select(Value *C, Value *A, Value *B);
  /// Converts \p V to \p Ty; returns \p V when it already has that type.
  Value *cast(Type Ty, Value *V);
  Value *math(MathFn F, llvm::ArrayRef<Value *> Args);
  /// Calls \p Callee; returns its result, or null for a void function.
  Value *call(Function *Callee, llvm::ArrayRef<Value *> Args);
  /// A zero-initialised local of type \p Ty; returns a pointer to it.
  Value *slot(Type Ty, std::string Name = "");
  /// A zero-initialised local array of \p Count values of type \p Ty;
  /// returns a pointer to its first element.
  Value *array(Type Ty, int64_t Count, std::string Name = "");
  /// A pointer to global variable \p G (to its first element).
  Value *global(const GlobalVar *G);
  /// The pointer \p Ptr + \p Offset.
  Value *index(Value *Ptr, Value *Offset);
  /// A zero-initialised local struct or std::array of type \p Ty, or a
  /// std::vector of \p Size zeros.
  Value *object(Type Ty, std::string Name, Value *Size = nullptr);
  /// A pointer to field \p Field of the struct \p Ptr points to.
  Value *member(Value *Ptr, unsigned Field);
  /// A pointer to the first element of the container \p Ptr points to.
  Value *data(Value *Ptr);
  /// The size of the std::vector \p Ptr points to, as \p Ty.
  Value *size(Value *Ptr, Type Ty);
  Value *load(Value *Ptr);
  /// `push %v, %x`: appends \p X to the std::vector \p Vec points to.
  void push(Value *Vec, Value *X);
  /// `pop %v`: removes the last element of the std::vector \p Vec points
  /// to and gives it.
  Value *pop(Value *Vec);
  /// Checks that std::vector \p Deriv has the size of \p Primal.
  void checkSize(Value *Primal, Value *Deriv);
  void accumulate(Value *Ptr, Value *V);
  void store(Value *Ptr, Value *V);
  void tapePush(int64_t Tape, Value *V);
  Value *tapePop(int64_t Tape, Type Ty, std::string Name = "");
  /// Creates an `if` with result types \p Types and two empty regions.
  Op *createIf(Value *Cond, llvm::ArrayRef<Type> Types);
  /// Creates a `while` carrying \p Inits, with two empty regions whose
  /// arguments (one per carried value, named after \p Names) are made here.
  Op *createWhile(llvm::ArrayRef<Value *> Inits,
                  llvm::ArrayRef<std::string> Names);
  void condition(Value *Cond);
  void yield(llvm::ArrayRef<Value *> Values);
  void ret(llvm::ArrayRef<Value *> Values);

private:
  Value *binary(OpKind K, Value *A, Value *B);

  Region *InsertRegion = nullptr;
  Region::iterator InsertPos;
  unsigned Loc = 0;
  bool Derived = false;
};

} // namespace chainrule::ir

#endif // CHAINRULE_IR_BUILDER_H
