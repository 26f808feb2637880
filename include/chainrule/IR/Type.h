//===- chainrule/IR/Type.h - Types of the SSA graph -------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The types values of the SSA graph carry: void, i1, sized signed and
/// unsigned integers, the three C++ floating types, and pointers to them.
/// Types are small values compared by their fields.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_IR_TYPE_H
#define CHAINRULE_IR_TYPE_H

#include <cstdint>
#include <string>

namespace chainrule::ir {

/// A scalar type, or a pointer to one.
class Type {
public:
  enum class Kind : uint8_t { Void, Bool, Int, Float };

  Type() = default;

  static Type getVoid() { return Type(Kind::Void, 0, false); }
  static Type getBool() { return Type(Kind::Bool, 1, false); }
  static Type getInt(unsigned Bits, bool Signed) {
    return Type(Kind::Int, Bits, Signed);
  }
  /// \p Bits is 32 (float), 64 (double) or 80 (long double).
  static Type getFloat(unsigned Bits) { return Type(Kind::Float, Bits, true); }
  static Type getF32() { return getFloat(32); }
  static Type getF64() { return getFloat(64); }

  Kind getKind() const { return K; }
  unsigned getBits() const { return Bits; }
  bool isSigned() const { return Signed; }
  bool isVoid() const { return K == Kind::Void && !PointerDepth; }
  bool isBool() const { return K == Kind::Bool && !PointerDepth; }
  bool isInt() const { return K == Kind::Int && !PointerDepth; }
  bool isFloat() const { return K == Kind::Float && !PointerDepth; }
  bool isPointer() const { return PointerDepth != 0; }

  /// The pointer type whose pointee is this type.
  Type getPointerTo() const {
    Type T = *this;
    ++T.PointerDepth;
    return T;
  }
  /// The pointee of a pointer type.
  Type getPointee() const {
    Type T = *this;
    --T.PointerDepth;
    return T;
  }

  /// The name in the SSA text form: `f64`, `i32`, `u64`, `i1`, `f64*`.
  std::string str() const;
  /// The C++ spelling: `double`, `int`, `unsigned long`, `bool`, `double *`.
  std::string cxxName() const;

  bool operator==(const Type &O) const {
    return K == O.K && Bits == O.Bits && Signed == O.Signed &&
           PointerDepth == O.PointerDepth;
  }
  bool operator!=(const Type &O) const { return !(*this == O); }

private:
  Type(Kind K, unsigned Bits, bool Signed)
      : K(K), Bits(static_cast<uint8_t>(Bits)), Signed(Signed) {}

  Kind K = Kind::Void;
  uint8_t Bits = 0;
  bool Signed = false;
  uint8_t PointerDepth = 0;
};

} // namespace chainrule::ir

#endif // CHAINRULE_IR_TYPE_H
