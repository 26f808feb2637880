//===- CustomDerivatives.cpp - Hand-written derivatives -------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Finds the functions marked CHAINRULE_CUSTOM_DERIVATIVE and the function
/// each one differentiates: the overload of `g` (for `g_vjp`, `g_grad`,
/// `g_jvp`) in the same scope whose generated derivative would have exactly
/// the custom one's signature.
//===----------------------------------------------------------------------===//

#include "chainrule/Frontend/CustomDerivatives.h"
#include "chainrule/Frontend/Annotations.h"
#include "chainrule/Frontend/Diagnostics.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace chainrule;
using namespace chainrule::frontend;

/// True when a declaration of \p FD carries the annotation \p Name.
static bool hasAnnotation(const clang::FunctionDecl *FD, llvm::StringRef Name) {
  for (const clang::FunctionDecl *Redecl : FD->redecls())
    for (const auto *A : Redecl->specific_attrs<clang::AnnotateAttr>())
      if (A->getAnnotation() == Name)
        return true;
  return false;
}

bool frontend::isNonDifferentiable(const clang::FunctionDecl *FD) {
  if (hasAnnotation(FD, "chainrule.nondifferentiable"))
    return true;
  const clang::FunctionDecl *Pattern = FD->getTemplateInstantiationPattern();
  return Pattern && hasAnnotation(Pattern, "chainrule.nondifferentiable");
}

namespace {

constexpr llvm::StringLiteral Suffixes[NumCustomKinds] = {"_vjp", "_grad",
                                                          "_jvp"};

/// The signature chainrule generates for the \p K derivative of \p G with
/// respect to its default active parameters (docs/user-guide.md).
struct Signature {
  clang::QualType Result;
  llvm::SmallVector<clang::QualType, 8> Params;
  llvm::SmallVector<std::string, 8> Names;

  void add(clang::QualType T, std::string Name) {
    Params.push_back(T);
    Names.push_back(std::move(Name));
  }

  Signature(clang::ASTContext &Ctx, const clang::FunctionDecl &G, CustomKind K) {
    clang::QualType RT = G.getReturnType();
    Result = K == CustomKind::VJP ? Ctx.VoidTy : RT;
    for (const clang::ParmVarDecl *P : G.parameters())
      add(P->getType(), P->getNameAsString());
    if (K == CustomKind::VJP && !RT->isVoidType())
      add(RT, "d_ret");
    for (const clang::ParmVarDecl *P : G.parameters()) {
      clang::QualType T = P->getType();
      if (!isDifferentiableType(Ctx, T))
        continue;
      bool Indirect = T->isReferenceType() || T->isPointerType();
      clang::QualType Value = Indirect ? T->getPointeeType() : T;
      if (K == CustomKind::JVP) {
        // Inputs keep their type; a written buffer's tangent is a pointer.
        bool Written = Indirect && !Value.isConstQualified();
        add(Written ? Ctx.getPointerType(Value) : T, "t_" + P->getNameAsString());
      } else {
        add(Ctx.getPointerType(Value.getUnqualifiedType()),
            "d_" + P->getNameAsString());
      }
    }
  }

  bool matches(clang::ASTContext &Ctx, const clang::FunctionDecl &FD) const {
    if (FD.getNumParams() != Params.size() ||
        !Ctx.hasSameUnqualifiedType(FD.getReturnType(), Result))
      return false;
    for (unsigned I = 0, E = Params.size(); I != E; ++I)
      if (!Ctx.hasSameUnqualifiedType(FD.getParamDecl(I)->getType(), Params[I]))
        return false;
    return true;
  }

  std::string spell(clang::ASTContext &Ctx, llvm::StringRef Name) const {
    clang::PrintingPolicy Policy(Ctx.getLangOpts());
    std::string S = Result.getAsString(Policy) + " " + Name.str() + "(";
    for (unsigned I = 0, E = Params.size(); I != E; ++I) {
      std::string T = Params[I].getAsString(Policy);
      S += (I ? ", " : "") + T + (T.back() == '*' || T.back() == '&' ? "" : " ") +
           Names[I];
    }
    return S + ")";
  }
};

class Collector : public clang::RecursiveASTVisitor<Collector> {
public:
  Collector(clang::ASTContext &Ctx,
            llvm::DenseMap<const clang::FunctionDecl *, CustomDerivatives> &Table)
      : Ctx(Ctx), Diags(Ctx.getDiagnostics()), Table(Table) {}

  bool shouldVisitTemplateInstantiations() const { return false; }

  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (FD != FD->getFirstDecl() ||
        !hasAnnotation(FD, "chainrule.custom_derivative"))
      return true;
    llvm::StringRef Name = FD->getName();
    unsigned K = 0;
    while (K != NumCustomKinds && !Name.ends_with(Suffixes[K]))
      ++K;
    if (K == NumCustomKinds || Name.size() == Suffixes[K].size() ||
        FD->isTemplated() || llvm::isa<clang::CXXMethodDecl>(FD)) {
      report(Diags, FD->getLocation(), Diag::CustomBadName) << FD;
      return true;
    }
    add(FD, static_cast<CustomKind>(K), Name.drop_back(Suffixes[K].size()));
    return true;
  }

private:
  void add(const clang::FunctionDecl *FD, CustomKind K, llvm::StringRef Base) {
    const clang::DeclContext *DC = FD->getDeclContext()->getRedeclContext();
    llvm::SmallVector<const clang::FunctionDecl *, 4> Candidates;
    for (const clang::NamedDecl *ND : DC->lookup(&Ctx.Idents.get(Base)))
      if (const auto *G = llvm::dyn_cast<clang::FunctionDecl>(ND))
        Candidates.push_back(G->getFirstDecl());
    if (Candidates.empty()) {
      report(Diags, FD->getLocation(), Diag::CustomNoPrimal) << FD << Base;
      return;
    }
    for (const clang::FunctionDecl *G : Candidates) {
      if (!Signature(Ctx, *G, K).matches(Ctx, *FD))
        continue;
      // Two matches would be one function: FD is its first declaration.
      Table[G][static_cast<unsigned>(K)] = FD;
      return;
    }
    report(Diags, FD->getLocation(), Diag::CustomMismatch) << FD << Base;
    for (const clang::FunctionDecl *G : Candidates)
      report(Diags, G->getLocation(), Diag::NoteExpectedSignature)
          << G << Signature(Ctx, *G, K).spell(Ctx, FD->getName());
  }

  clang::ASTContext &Ctx;
  clang::DiagnosticsEngine &Diags;
  llvm::DenseMap<const clang::FunctionDecl *, CustomDerivatives> &Table;
};

} // namespace

CustomDerivativeTable::CustomDerivativeTable(clang::ASTContext &Ctx) {
  Collector(Ctx, Table).TraverseDecl(Ctx.getTranslationUnitDecl());
}

const CustomDerivatives *
CustomDerivativeTable::lookup(const clang::FunctionDecl *FD) const {
  auto It = Table.find(FD->getFirstDecl());
  return It == Table.end() ? nullptr : &It->second;
}
