//===- LowerTapes.cpp - Clang AST to SSA: chainrule's tapes ---------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Code chainrule generated records values on chainrule::Tape (a stack):
/// `Tape<T> t; t.push(v); t.reserve(n); t.append(v); t.pop()`. Lowered as
/// the graph's own tape ops, a tape is something the derivatives of such
/// code know (a tangent tape beside it in forward mode, a tape of adjoints
/// in reverse mode), so that derivatives can be differentiated again.
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

std::optional<clang::QualType> frontend::tapeElement(clang::QualType T) {
  const auto *Spec = llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec || Spec->getName() != "Tape")
    return std::nullopt;
  const auto *NS = llvm::dyn_cast<clang::NamespaceDecl>(
      Spec->getDeclContext()->getRedeclContext());
  if (!NS || NS->getName() != "chainrule" ||
      !NS->getParent()->getRedeclContext()->isTranslationUnit())
    return std::nullopt;
  return Spec->getTemplateArgs()[0].getAsType();
}

bool FunctionLowering::lowerTapeDecl(const clang::VarDecl &VD) {
  std::optional<clang::QualType> Elem = tapeElement(VD.getType());
  if (!Elem)
    return false;
  std::optional<Type> Ty = convertType(Ctx, *Elem);
  if (!Ty || !(Ty->isFloat() || Ty->isInt())) {
    reportUnsupportedType(Ctx, VD.getLocation(),
                          "tape '" + VD.getNameAsString() + "'", VD.getType());
    Failed = true;
    return true;
  }
  Tapes[&VD] = {NextTape++, *Ty};
  return true;
}

Value *FunctionLowering::lowerTapeCall(const clang::CXXMemberCallExpr &E) {
  const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(
      stripNoOps(E.getImplicitObjectArgument()));
  const auto *VD = DR ? llvm::dyn_cast<clang::VarDecl>(DR->getDecl()) : nullptr;
  auto It = VD ? Tapes.find(VD) : Tapes.end();
  if (It == Tapes.end())
    return unsupported(&E, "this use of a chainrule::Tape (a local of the "
                           "function)");
  auto [Id, Ty] = It->second;
  llvm::StringRef Method = E.getMethodDecl()->getName();
  setLoc(&E);
  if (Method == "pop" && E.getNumArgs() == 0)
    return B.tapePop(Id, Ty);
  if (E.getNumArgs() != 1)
    return unsupported(&E, "this use of a chainrule::Tape (a local of the "
                           "function)");
  Value *V = lowerExpr(E.getArg(0));
  if (!V)
    return nullptr;
  if (Method == "push") {
    B.tapePush(Id, B.cast(Ty, V));
  } else if (Method == "append") {
    B.create(OpKind::TapeAppend, Type::getVoid(), {B.cast(Ty, V)})
        ->setIntValue(Id);
  } else if (Method == "reserve") {
    B.create(OpKind::TapeReserve, Type::getVoid(), {V})->setIntValue(Id);
  } else {
    return unsupported(&E, "this use of a chainrule::Tape (a local of the "
                           "function)");
  }
  return nullptr;
}
