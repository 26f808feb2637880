//===- Annotations.cpp - Finding requests ---------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Walks the translation unit for annotated functions and turns each
/// annotation into a Request with its active parameters.
//===----------------------------------------------------------------------===//

#include "chainrule/Frontend/Annotations.h"
#include "chainrule/Frontend/Diagnostics.h"
#include "FunctionLowering.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/StringExtras.h"

using namespace chainrule;
using namespace chainrule::frontend;
using ir::DerivativeKind;

bool frontend::isDifferentiableType(clang::ASTContext &Ctx, clang::QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType() || T->isArrayType())
    T = T->getPointeeOrArrayElementType()->getCanonicalTypeUnqualified();
  // A pointer to rows, an array of arrays: the numbers of the rows.
  if (std::optional<ArrayShape> S = arrayShape(Ctx, T))
    T = S->Element.getCanonicalType().getUnqualifiedType();
  if (T->isRecordType()) {
    std::optional<ir::Type> R = FunctionLowering::convertRecord(Ctx, T);
    return R && R->holdsFloat();
  }
  return T->isRealFloatingType();
}

namespace {

/// The kind an annotation string names, if it is chainrule's.
std::optional<DerivativeKind> kindOf(llvm::StringRef Annotation) {
  return llvm::StringSwitch<std::optional<DerivativeKind>>(Annotation)
      .Case("chainrule.grad", DerivativeKind::Grad)
      .Case("chainrule.vjp", DerivativeKind::VJP)
      .Case("chainrule.jvp", DerivativeKind::JVP)
      .Default(std::nullopt);
}

llvm::StringRef macroName(DerivativeKind K) {
  switch (K) {
  case DerivativeKind::Grad:
    return "CHAINRULE_GRAD_WRT";
  case DerivativeKind::VJP:
    return "CHAINRULE_VJP_WRT";
  case DerivativeKind::JVP:
    return "CHAINRULE_JVP_WRT";
  case DerivativeKind::Pullback:
  case DerivativeKind::Pushforward:
    break; // chainrule's own helpers: no annotation asks for them
  }
  return "";
}

class RequestCollector : public clang::RecursiveASTVisitor<RequestCollector> {
public:
  explicit RequestCollector(clang::ASTContext &Ctx)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Diags(Ctx.getDiagnostics()) {}

  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    // Consider each function once, at its definition (or, without one, at
    // its first declaration).
    const clang::FunctionDecl *Def = FD->getDefinition();
    if (Def ? Def != FD : FD != FD->getFirstDecl())
      return true;
    // The user's functions: those of the source and of the headers it
    // includes (a template defined in a header and instantiated here), not
    // the system's.
    clang::SourceLocation Loc = SM.getExpansionLoc(FD->getLocation());
    if (SM.isInSystemHeader(Loc))
      return true;
    bool InMainFile = SM.isInMainFile(Loc);
    // An annotated function template: each instantiation the translation
    // unit uses is differentiated.
    const clang::TemplateDecl *Template =
        FD->getDescribedFunctionTemplate();
    llvm::SmallVector<const clang::FunctionDecl *, 4> Targets;
    if (const auto *FT =
            llvm::dyn_cast_or_null<clang::FunctionTemplateDecl>(Template)) {
      for (const clang::FunctionDecl *Spec : FT->specializations())
        if (Spec->getDefinition())
          Targets.push_back(Spec->getDefinition());
    } else if (const clang::ClassTemplateDecl *Class = classTemplateOf(FD)) {
      // A member function of a class template: each instantiation of it
      // that the translation unit uses.
      Template = Class;
      collectMemberInstances(*Class, FD, Targets);
    } else {
      Targets.push_back(FD);
    }
    for (const clang::FunctionDecl *Redecl : FD->redecls())
      for (const auto *A : Redecl->specific_attrs<clang::AnnotateAttr>()) {
        // (A header's template may be instantiated by other sources.)
        if (Template && Targets.empty() && InMainFile &&
            kindOf(A->getAnnotation()))
          report(Diags, A->getLocation(), Diag::UnusedTemplate) << Template;
        for (const clang::FunctionDecl *Target : Targets)
          addRequest(Target, *A);
      }
    return true;
  }

  /// An annotated lambda: its derivatives could not be named.
  bool VisitLambdaExpr(clang::LambdaExpr *E) {
    for (const auto *A :
         E->getCallOperator()->specific_attrs<clang::AnnotateAttr>())
      if (kindOf(A->getAnnotation()))
        report(Diags, A->getLocation(), Diag::UnsupportedFunction)
            << "a lambda"
            << "a lambda cannot be annotated (annotate the function that "
               "calls it, or make it a named function or a functor)";
    return true;
  }

  std::vector<Request> take() { return std::move(Requests); }

private:
  /// The class template \p FD is a member function of, if any.
  static const clang::ClassTemplateDecl *
  classTemplateOf(const clang::FunctionDecl *FD) {
    const auto *RD = llvm::dyn_cast<clang::CXXRecordDecl>(FD->getDeclContext());
    return RD ? RD->getDescribedClassTemplate() : nullptr;
  }

  /// The defined instantiations of \p FD, a member function of \p Class.
  static void
  collectMemberInstances(const clang::ClassTemplateDecl &Class,
                         const clang::FunctionDecl *FD,
                         llvm::SmallVectorImpl<const clang::FunctionDecl *> &Out) {
    for (const clang::ClassTemplateSpecializationDecl *Spec :
         Class.specializations())
      for (const clang::Decl *D : Spec->decls())
        if (const auto *M = llvm::dyn_cast<clang::FunctionDecl>(D);
            M && M->getInstantiatedFromMemberFunction() == FD &&
            M->getDefinition())
          Out.push_back(M->getDefinition());
  }

  void addRequest(const clang::FunctionDecl *FD, const clang::AnnotateAttr &A) {
    std::optional<DerivativeKind> Kind = kindOf(A.getAnnotation());
    if (!Kind || isAlreadyDefined(FD, *Kind))
      return;
    clang::SourceLocation Loc = A.getLocation();
    // The implicit parameters first, as the lowering adds them: the object
    // of a member function, then the struct a function returns.
    std::vector<bool> Active;
    ImplicitParams Implicit = implicitParams(*FD);
    if (Implicit.Object)
      Active.push_back(isDifferentiableType(
          Ctx, llvm::cast<clang::CXXMethodDecl>(FD)->getThisType()->getPointeeType()));
    if (Implicit.Result)
      Active.push_back(isDifferentiableType(Ctx, FD->getReturnType()));
    for (const clang::ParmVarDecl *P : FD->parameters())
      Active.push_back(isDifferentiableType(Ctx, P->getType()));
    if (A.args_size() && !parseWrt(FD, A, *Kind, Active))
      return;
    for (const Request &R : Requests) {
      if (R.Function != FD || R.Kind != *Kind)
        continue;
      if (R.Active != Active)
        report(Diags, Loc, Diag::ConflictingAnnotations)
            << macroName(*Kind).drop_back(4) << FD;
      return;
    }
    Requests.push_back({FD, *Kind, std::move(Active), Loc});
  }

  /// True when the translation unit defines \p FD's \p Kind derivative
  /// already: a source that includes what an earlier run generated (to
  /// differentiate a derivative again) does not get it twice.
  bool isAlreadyDefined(const clang::FunctionDecl *FD, DerivativeKind Kind) {
    if (!FD->getIdentifier())
      return false;
    std::string Name =
        FD->getName().str() + ir::getSuffix(Kind).str();
    clang::IdentifierInfo &Id = Ctx.Idents.get(Name);
    // (A member function's derivatives are in the enclosing namespace.)
    const clang::DeclContext *DC = FD->getDeclContext();
    while (DC->isRecord())
      DC = DC->getParent();
    for (const clang::NamedDecl *D : DC->getRedeclContext()->lookup(&Id))
      if (const auto *Other = llvm::dyn_cast<clang::FunctionDecl>(D);
          Other && Other->isDefined() && !SM.isInMainFile(SM.getExpansionLoc(
                                               FD->getLocation())))
        return true;
    return false;
  }

  /// Restricts \p Active to the parameters the `_WRT` list names.
  bool parseWrt(const clang::FunctionDecl *FD, const clang::AnnotateAttr &A,
                DerivativeKind Kind, std::vector<bool> &Active) {
    const auto *Lit = llvm::dyn_cast<clang::StringLiteral>(
        (*A.args_begin())->IgnoreParenImpCasts());
    if (!Lit)
      return true;
    llvm::SmallVector<llvm::StringRef, 4> Names;
    Lit->getString().split(Names, ',', -1, /*KeepEmpty=*/false);
    std::vector<bool> Wanted(Active.size(), false);
    ImplicitParams Implicit = implicitParams(*FD);
    // The returned struct is always an output; `this` names the object.
    unsigned Leading = Implicit.Object + Implicit.Result;
    if (Implicit.Result)
      Wanted[Leading - 1] = Active[Leading - 1];
    bool Any = false;
    for (llvm::StringRef Name : Names) {
      Name = Name.trim();
      if (Name.empty())
        continue;
      Any = true;
      if (Name == "this" && Implicit.Object) {
        if (!Active[0]) {
          report(Diags, A.getLocation(), Diag::WrtNotFloating)
              << "'this'" << FD
              << llvm::cast<clang::CXXMethodDecl>(FD)->getThisType();
          return false;
        }
        Wanted[0] = true;
        continue;
      }
      unsigned I = 0, E = FD->getNumParams();
      for (; I != E; ++I)
        if (FD->getParamDecl(I)->getName() == Name)
          break;
      if (I == E) {
        report(Diags, A.getLocation(), Diag::WrtUnknown) << Name << FD;
        return false;
      }
      const clang::ParmVarDecl *P = FD->getParamDecl(I);
      if (!Active[Leading + I]) {
        report(Diags, A.getLocation(), Diag::WrtNotFloating)
            << P << FD << P->getType();
        return false;
      }
      Wanted[Leading + I] = true;
    }
    if (!Any) {
      report(Diags, A.getLocation(), Diag::WrtEmpty) << macroName(Kind);
      return false;
    }
    Active = std::move(Wanted);
    return true;
  }

  clang::ASTContext &Ctx;
  clang::SourceManager &SM;
  clang::DiagnosticsEngine &Diags;
  std::vector<Request> Requests;
};
} // namespace

std::vector<Request> frontend::collectRequests(clang::ASTContext &Ctx) {
  RequestCollector C(Ctx);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  return C.take();
}
