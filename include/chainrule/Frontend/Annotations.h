//===- chainrule/Frontend/Annotations.h - Finding requests ------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Reads the `[[clang::annotate("chainrule.*")]]` attributes that the macros
/// of chainrule/chainrule.h expand to, on any declaration of a function of
/// the source or of a header of the user's it includes (not of a system
/// header).
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_FRONTEND_ANNOTATIONS_H
#define CHAINRULE_FRONTEND_ANNOTATIONS_H

#include "chainrule/IR/DerivativeKinds.h"

#include "clang/AST/Type.h"
#include "clang/Basic/SourceLocation.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace chainrule::frontend {

/// One derivative the user asked for.
struct Request {
  /// The function's definition, or its first annotated declaration when
  /// there is no definition (an error reported later).
  const clang::FunctionDecl *Function;
  ir::DerivativeKind Kind;
  /// Active parameters: each flag says whether parameter I is differentiated.
  std::vector<bool> Active;
  /// Where the annotation is written.
  clang::SourceLocation Loc;
};

/// Collects the requests of the translation unit's own functions (the
/// source's and its user headers') in source order, reporting bad
/// annotations (unknown or non-floating `_WRT` names, conflicts) through the
/// context's diagnostics.
std::vector<Request> collectRequests(clang::ASTContext &Ctx);

/// True when \p T holds a floating-point value chainrule can differentiate:
/// a floating type, a pointer, reference or array of one, a struct or
/// container with a floating member.
bool isDifferentiableType(clang::ASTContext &Ctx, clang::QualType T);

} // namespace chainrule::frontend

#endif // CHAINRULE_FRONTEND_ANNOTATIONS_H
