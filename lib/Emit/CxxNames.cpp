//===- CxxNames.cpp - Names and spellings in emitted C++ ------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Local names, literals and signatures of emitted C++.
//===----------------------------------------------------------------------===//

#include "CxxNames.h"

#include "chainrule/IR/IR.h"

#include <cmath>

using namespace chainrule;
using namespace chainrule::ir;

std::string emit::CxxNames::take(llvm::StringRef Want,
                                 llvm::StringRef Fallback) {
  std::string Base = Want.empty() ? Fallback.str() : Want.str();
  std::string Name = Base;
  for (unsigned N = 1; !Used.insert(Name).second; ++N)
    Name = Base + "_" + std::to_string(N);
  return Name;
}

std::string emit::constantText(const Op &Constant) {
  Type Ty = Constant.getResult()->getType();
  if (Ty.isBool())
    return Constant.getIntValue() ? "true" : "false";
  if (Ty.isPointer())
    return "nullptr";
  if (Ty.isEnum()) {
    // The enumerator of that value, or a conversion.
    for (const RecordType::Field &E : Ty.getRecord()->getFields())
      if (E.Count == Constant.getIntValue())
        return E.Name;
    return "static_cast<" + Ty.cxxName() + ">(" +
           std::to_string(Constant.getIntValue()) + ")";
  }
  if (Ty.isInt()) {
    std::string S =
        Ty.isSigned()
            ? std::to_string(Constant.getIntValue())
            : std::to_string(static_cast<uint64_t>(Constant.getIntValue())) + "u";
    if (Ty.getBits() == 64)
      S += "L";
    if (Ty.getBits() < 32)
      S = "static_cast<" + Ty.cxxName() + ">(" + S + ")";
    return S;
  }
  long double V = Constant.getFloatValue();
  std::string Limits = "std::numeric_limits<" + Ty.cxxName() + ">::";
  if (std::isnan(V))
    return Limits + "quiet_NaN()";
  if (std::isinf(V))
    return (V < 0 ? "-" : "") + Limits + "infinity()";
  std::string S = formatFloat(V, Ty.getBits());
  if (S.find_first_of(".e") == std::string::npos)
    S += ".0";
  if (Ty.getBits() == 32)
    S += "f";
  else if (Ty.getBits() == 80)
    S += "L";
  return S;
}

std::string emit::cxxSignature(const Function &F, bool WithNames,
                               const std::vector<bool> &Unused) {
  std::string S;
  if (F.getLinkage() == Linkage::Internal)
    S += "static ";
  else if (F.getLinkage() == Linkage::Inline)
    S += "inline ";
  S += F.getResultCxxType() + " " + F.getName() + "(";
  bool First = true;
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
    if (F.getParamInfo(I).Local)
      continue; // declared in the body
    const char *Sep = First ? "" : ", ";
    First = false;
    std::string Name;
    if (WithNames)
      Name = I < Unused.size() && Unused[I]
                 ? "/*" + F.getParam(I)->getName() + "*/"
                 : F.getParam(I)->getName();
    // A declarator has the name inside (`const double (*a)[3]`).
    std::string Type = F.getParamCxxType(I);
    size_t At = Type.find('@');
    if (At != std::string::npos)
      S += Sep + Type.replace(At, 1, Name);
    else
      S += Sep + Type + (Name.empty() ? "" : " " + Name);
  }
  return S + ")";
}
