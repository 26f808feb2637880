//===- chainrule/IR/Type.h - Types of the SSA graph -------------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The types values of the SSA graph carry: void, i1, sized signed and
/// unsigned integers, the three C++ floating types, records (structs,
/// std::array, std::vector; only ever in memory), and pointers to them.
/// Types are small values compared by their fields.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_IR_TYPE_H
#define CHAINRULE_IR_TYPE_H

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace chainrule::ir {

class RecordType;

/// A scalar type, or a pointer to one.
class Type {
public:
  enum class Kind : uint8_t { Void, Bool, Int, Float, Record };

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
  static Type getRecord(const RecordType *R) {
    Type T(Kind::Record, 0, false);
    T.Rec = R;
    return T;
  }
  /// An enumeration: an integer of its underlying type that C++ spells by
  /// the enumeration's name (and converts to and from with casts).
  static Type getEnum(const RecordType *R, unsigned Bits, bool Signed) {
    Type T(Kind::Int, Bits, Signed);
    T.Rec = R;
    return T;
  }

  Kind getKind() const { return K; }
  unsigned getBits() const { return Bits; }
  bool isSigned() const { return Signed; }
  bool isVoid() const { return K == Kind::Void && !PointerDepth; }
  bool isBool() const { return K == Kind::Bool && !PointerDepth; }
  bool isInt() const { return K == Kind::Int && !PointerDepth; }
  bool isFloat() const { return K == Kind::Float && !PointerDepth; }
  bool isPointer() const { return PointerDepth != 0; }
  bool isRecord() const { return K == Kind::Record && !PointerDepth; }
  /// An integer that is an enumeration (isInt() too).
  bool isEnum() const { return K == Kind::Int && Rec && !PointerDepth; }
  /// The record of a record type or of a pointer to one, or the
  /// enumeration of an enum type.
  const RecordType *getRecord() const { return Rec; }
  /// True for floating types and records with a floating member, at any
  /// depth: what holds values to differentiate.
  bool holdsFloat() const;

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
           PointerDepth == O.PointerDepth && Rec == O.Rec;
  }
  bool operator!=(const Type &O) const { return !(*this == O); }

private:
  Type(Kind K, unsigned Bits, bool Signed)
      : K(K), Bits(static_cast<uint8_t>(Bits)), Signed(Signed) {}

  Kind K = Kind::Void;
  uint8_t Bits = 0;
  bool Signed = false;
  uint8_t PointerDepth = 0;
  const RecordType *Rec = nullptr;
};

/// The layout of a struct, std::array or std::vector, as far as the graph
/// needs it: the fields of a struct (in declaration order; std::pair,
/// std::tuple and std::complex are structs with their own Access), the element
/// type of a container. Records are interned by C++ name in the innermost
/// live RecordTable, which owns them.
class RecordType {
public:
  enum class Kind : uint8_t { Struct, Array, Vector, Enum };
  /// How generated code reaches a struct's fields: by name (`s.x`), by
  /// position (`std::get<0>(t)` of a std::tuple), or as the parts of a
  /// std::complex (`z.real()`, `z.imag()`).
  enum class Access : uint8_t { Named, Get, Part };
  /// A member of a struct; for an enumeration, an enumerator (its
  /// qualified C++ name and, in Count, its value).
  struct Field {
    std::string Name;
    Type Ty;           ///< a scalar or record type
    int64_t Count = 0; ///< elements of an array member (all rows), 0 for one
    unsigned Rank = 1; ///< dimensions of an array member (`W[2][3]`: 2)
  };

  /// The record named \p CxxName in the innermost live RecordTable (with
  /// none, in one that lives as long as the program), made empty the first
  /// time.
  static RecordType *get(Kind K, const std::string &CxxName);

  Kind getKind() const { return K; }
  const std::string &getCxxName() const { return CxxName; }
  const std::vector<Field> &getFields() const { return Fields; }
  void addField(Field F) { Fields.push_back(std::move(F)); }
  Access getAccess() const { return How; }
  void setAccess(Access A) { How = A; }
  /// The element type of a std::array or std::vector.
  Type getElement() const { return Element; }
  void setElement(Type T) { Element = T; }
  /// The size of a std::array.
  int64_t getSize() const { return Size; }
  void setSize(int64_t N) { Size = N; }
  /// True when `T v{}` zeroes a struct: false when it runs a constructor
  /// or default member initializers (generated code then makes zero
  /// objects with chainrule::zeroed).
  bool isValueInitZero() const { return ValueInitZero; }
  void setValueInitZero(bool Z) { ValueInitZero = Z; }
  /// The C++ type (`clang::QualType::getAsOpaquePtr()`), where the source
  /// has one (a heap buffer lowered as a vector has none).
  void *getClangType() const { return ClangType; }
  void setClangType(void *T) { ClangType = T; }
  /// True once the fields or element are filled in.
  bool isComplete() const { return Complete; }
  void setComplete() { Complete = true; }

private:
  RecordType(Kind K, std::string CxxName) : K(K), CxxName(std::move(CxxName)) {}
  Kind K;
  std::string CxxName;
  std::vector<Field> Fields;
  Access How = Access::Named;
  Type Element;
  int64_t Size = 0;
  bool ValueInitZero = true;
  bool Complete = false;
  void *ClangType = nullptr;
};

/// Owns the records made while it is the innermost live table of its
/// thread. driver::run makes one per translation unit, so that two
/// translation units lowered by one process (the fuzz target runs many)
/// never share a record of one name: `struct P` may have other fields in
/// the next.
class RecordTable {
public:
  RecordTable();
  ~RecordTable();
  RecordTable(const RecordTable &) = delete;
  RecordTable &operator=(const RecordTable &) = delete;

private:
  friend class RecordType;
  RecordTable *Outer;
  std::map<std::string, std::unique_ptr<RecordType>> Records;
};

} // namespace chainrule::ir

#endif // CHAINRULE_IR_TYPE_H
