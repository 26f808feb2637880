//===- HeaderPreamble.cpp - What the derivatives' header needs ------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Walks the types of the differentiated functions' signatures, through
/// pointers, references, arrays, typedefs and template arguments, to the
/// declarations they name. A declaration in a header is reached through one
/// of the source's own `#include`s, which the preamble repeats; one in the
/// source itself is declared again (a struct forward, an alias in full).
//===----------------------------------------------------------------------===//

#include "HeaderPreamble.h"
#include "Paths.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/QualTypeNames.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <utility>

using namespace chainrule;
using namespace clang;

namespace {

/// A declaration and the namespaces it belongs in (`a::b`, or empty).
using Scoped = std::pair<std::string, std::string>;

std::string namespaceOf(const Decl *D) {
  std::string NS;
  for (const DeclContext *DC = D->getDeclContext(); !DC->isTranslationUnit();
       DC = DC->getParent())
    if (const auto *N = dyn_cast<NamespaceDecl>(DC))
      NS = N->getName().str() + (NS.empty() ? "" : "::" + NS);
  return NS;
}

/// Appends \p Decls to \p Out, each run of one namespace in one
/// `namespace a::b { ... }` block.
void appendScoped(llvm::ArrayRef<Scoped> Decls, std::vector<std::string> &Out) {
  for (size_t I = 0; I != Decls.size();) {
    const std::string &NS = Decls[I].first;
    if (!NS.empty())
      Out.push_back("namespace " + NS + " {");
    for (; I != Decls.size() && Decls[I].first == NS; ++I)
      Out.push_back(Decls[I].second);
    if (!NS.empty())
      Out.push_back("} // namespace " + NS);
  }
}

class Collector {
public:
  Collector(ASTContext &Ctx, llvm::StringRef HeaderDir)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), HeaderDir(HeaderDir) {}

  /// Collects what \p T names.
  void addType(QualType T) {
    while (!T.isNull()) {
      const Type *Ty = T.getTypePtr();
      if (const auto *TD = dyn_cast<TypedefType>(Ty)) {
        addDecl(TD->getDecl());
        return;
      }
      if (const auto *TS = dyn_cast<TemplateSpecializationType>(Ty)) {
        for (const TemplateArgument &Arg : TS->template_arguments())
          if (Arg.getKind() == TemplateArgument::Type)
            addType(Arg.getAsType());
        if (const TemplateDecl *TD = TS->getTemplateName().getAsTemplateDecl())
          addDecl(TD);
        return;
      }
      if (const auto *Tag = dyn_cast<TagType>(Ty)) {
        if (const auto *Spec =
                dyn_cast<ClassTemplateSpecializationDecl>(Tag->getDecl())) {
          for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
            if (Arg.getKind() == TemplateArgument::Type)
              addType(Arg.getAsType());
          addDecl(Spec->getSpecializedTemplate());
          return;
        }
        addDecl(Tag->getDecl());
        return;
      }
      if (const auto *P = dyn_cast<PointerType>(Ty))
        T = P->getPointeeType();
      else if (const auto *R = dyn_cast<ReferenceType>(Ty))
        T = R->getPointeeType();
      else if (const auto *A = dyn_cast<ArrayType>(Ty))
        T = A->getElementType();
      else if (QualType Next = T.getSingleStepDesugaredType(Ctx); Next != T)
        T = Next;
      else
        return;
    }
  }

  /// True when a type collected since the last call is only declared (not
  /// defined) by the preamble: a struct or enum of the source itself.
  bool takeIncomplete() { return std::exchange(Incomplete, false); }

  std::vector<std::string> lines() const {
    std::vector<std::string> Out;
    for (const auto &[Offset, Line] : Includes)
      Out.push_back(Line);
    std::vector<Scoped> Decls;
    for (const auto &[Offset, Decl] : Local)
      Decls.push_back(Decl);
    if (!Includes.empty() && !Decls.empty())
      Out.push_back("");
    appendScoped(Decls, Out);
    return Out;
  }

private:
  void addDecl(const NamedDecl *D) {
    SourceLocation Loc = SM.getExpansionLoc(D->getLocation());
    FileID Main = SM.getMainFileID();
    FileID File = SM.getFileID(Loc);
    if (File == Main && !isa<TypedefNameDecl>(D))
      Incomplete = true;
    if (!Seen.insert(D->getCanonicalDecl()).second)
      return;
    if (File == Main) {
      declare(D, SM.getFileOffset(Loc));
      return;
    }
    // Up the include stack to the source's own #include.
    for (FileID Cur = File; Cur.isValid();) {
      SourceLocation Inc = SM.getIncludeLoc(Cur);
      if (Inc.isInvalid())
        return; // a built-in declaration, or a file of -include
      FileID Parent = SM.getFileID(SM.getExpansionLoc(Inc));
      if (Parent == Main) {
        include(Cur, SM.getExpansionLoc(Inc));
        return;
      }
      Cur = Parent;
    }
  }

  /// Repeats the source's `#include` at \p Inc (its file name's location)
  /// of \p File.
  void include(FileID File, SourceLocation Inc) {
    unsigned Offset = SM.getFileOffset(Inc);
    if (Includes.count(Offset))
      return;
    const char *Text = SM.getCharacterData(Inc);
    if (*Text == '<') {
      const char *End = std::strchr(Text, '>');
      if (End && !std::memchr(Text, '\n', End - Text)) {
        Includes[Offset] = "#include " + std::string(Text, End + 1);
        return;
      }
    }
    // A quoted name (or one a macro spelled): the file, from the header.
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
    if (!Entry)
      return;
    Includes[Offset] =
        "#include \"" +
        driver::relativePath(driver::absolute(Entry->getName()), HeaderDir) +
        "\"";
  }

  /// Declares \p D, defined in the source at \p Offset, again.
  void declare(const NamedDecl *D, unsigned Offset) {
    const DeclContext *DC = D->getDeclContext();
    for (; !DC->isTranslationUnit(); DC = DC->getParent()) {
      const auto *NS = dyn_cast<NamespaceDecl>(DC);
      if (!NS || NS->isAnonymousNamespace())
        return; // a nested or local type: not declarable outside
    }
    std::string Decl;
    llvm::raw_string_ostream OS(Decl);
    PrintingPolicy Policy(Ctx.getLangOpts());
    if (const auto *TD = dyn_cast<TypedefNameDecl>(D)) {
      QualType Underlying = TD->getUnderlyingType();
      addType(Underlying);
      OS << "using " << TD->getName() << " = "
         << TypeName::getFullyQualifiedName(Underlying, Ctx, Policy) << ";";
    } else if (const auto *ED = dyn_cast<EnumDecl>(D)) {
      if (!ED->isFixed())
        return; // only an enum with a fixed type can be declared again
      OS << "enum " << (ED->isScoped() ? "class " : "") << ED->getName()
         << " : " << ED->getIntegerType().getAsString(Policy) << ";";
    } else if (const auto *CT = dyn_cast<ClassTemplateDecl>(D)) {
      CT->getTemplateParameters()->print(OS, Ctx, Policy);
      OS << " " << CT->getTemplatedDecl()->getKindName() << " "
         << CT->getName() << ";";
    } else if (const auto *RD = dyn_cast<RecordDecl>(D)) {
      if (RD->getName().empty())
        return;
      OS << RD->getKindName() << " " << RD->getName() << ";";
    } else {
      return;
    }
    Local[Offset] = {namespaceOf(D), Decl};
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  std::string HeaderDir;
  llvm::SmallPtrSet<const Decl *, 16> Seen;
  std::map<unsigned, std::string> Includes; ///< by offset in the source
  std::map<unsigned, Scoped> Local;         ///< by offset in the source
  bool Incomplete = false;
};

} // namespace

bool driver::isRedeclarable(const FunctionDecl &F) {
  return !isa<CXXMethodDecl>(F) &&
         F.getTemplatedKind() == FunctionDecl::TK_NonTemplate &&
         F.getFormalLinkage() == Linkage::External && !F.isInlined() &&
         F.getDeclContext()->getRedeclContext()->isFileContext();
}

/// `double f(const P &p, double x) noexcept;`, the types as the source
/// writes them (in the function's namespaces they mean the same).
static std::string redeclaration(ASTContext &Ctx, const FunctionDecl &F) {
  PrintingPolicy Policy(Ctx.getLangOpts());
  std::string Params;
  for (const ParmVarDecl *P : F.parameters()) {
    if (!Params.empty())
      Params += ", ";
    std::string Name = P->getName().str();
    Params += P->getOriginalType().getAsString(Policy) +
              (Name.empty() ? "" : " " + Name);
  }
  if (F.isVariadic())
    Params += Params.empty() ? "..." : ", ...";
  std::string Decl = F.getReturnType().getAsString(Policy) + " " +
                     F.getName().str() + "(" + Params + ")";
  if (const auto *FPT = F.getType()->getAs<FunctionProtoType>();
      FPT && FPT->isNothrow())
    Decl += " noexcept";
  return Decl + ";";
}

std::vector<std::string>
driver::makeHeaderPreamble(ASTContext &Ctx,
                           llvm::ArrayRef<const FunctionDecl *> Primals,
                           llvm::StringRef HeaderDir,
                           std::set<const FunctionDecl *> &Redeclared) {
  Collector C(Ctx, HeaderDir);
  std::vector<Scoped> Decls;
  for (const FunctionDecl *F : Primals) {
    if (const auto *M = dyn_cast<CXXMethodDecl>(F))
      C.addType(Ctx.getRecordType(M->getParent()));
    C.addType(F->getReturnType());
    for (const ParmVarDecl *P : F->parameters())
      C.addType(P->getType());
    if (!C.takeIncomplete() && isRedeclarable(*F)) {
      Redeclared.insert(F);
      Scoped Decl = {namespaceOf(F), redeclaration(Ctx, *F)};
      if (std::find(Decls.begin(), Decls.end(), Decl) == Decls.end())
        Decls.push_back(Decl);
    }
  }
  std::vector<std::string> Lines = C.lines();
  if (!Lines.empty() && !Decls.empty())
    Lines.push_back("");
  appendScoped(Decls, Lines);
  return Lines;
}
