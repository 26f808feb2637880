//===- Pipeline.cpp - The whole pipeline ----------------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Requests -> lowering -> differentiation (with clean-up) -> verification
/// -> emission, and the libTooling action that runs it after parsing.
//===----------------------------------------------------------------------===//

#include "chainrule/Driver/Pipeline.h"
#include "HeaderPreamble.h"
#include "Paths.h"

#include "chainrule/CodeGen/LLVMEmitter.h"
#include "chainrule/Differentiation/Differentiator.h"
#include "chainrule/Emit/CppEmitter.h"
#include "chainrule/Frontend/Annotations.h"
#include "chainrule/Frontend/Diagnostics.h"
#include "chainrule/Frontend/Lowering.h"
#include "chainrule/IR/IR.h"
#include "chainrule/IR/Printer.h"
#include "chainrule/IR/Verifier.h"
#include "chainrule/Transforms/Passes.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/CodeGen/ModuleBuilder.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Sema/SemaConsumer.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <set>

using namespace chainrule;
using namespace chainrule::driver;
using differentiation::DerivativeKind;

#ifndef CHAINRULE_CLANG_RESOURCE_DIR
#error "CHAINRULE_CLANG_RESOURCE_DIR must be defined by the build"
#endif

llvm::StringRef driver::getClangResourceDir() {
  return CHAINRULE_CLANG_RESOURCE_DIR;
}

static emit::CppEmitOptions emitOptions(clang::ASTContext &Ctx,
                                        const Options &Opts) {
  const clang::SourceManager &SM = Ctx.getSourceManager();
  llvm::StringRef Source =
      SM.getFileEntryRefForID(SM.getMainFileID())->getName();
  std::string Abs = absolute(Source);
  emit::CppEmitOptions E;
  E.SourceName = llvm::sys::path::filename(Source).str();
  if (Opts.OutputPath == "-")
    E.IncludePath = Abs;
  else
    E.IncludePath =
        relativePath(Abs, llvm::sys::path::parent_path(absolute(Opts.OutputPath)));
  return E;
}

/// True when \p F is the function named \p Name (plainly or with its
/// namespaces) or a derivative of it, at any depth.
static bool derivesFrom(const ir::Function &F, llvm::StringRef Name) {
  for (const ir::Function *O = &F; O; O = O->getOrigin())
    if (O->getName() == Name || O->getQualifiedName() == Name)
      return true;
  return false;
}

/// `ns::f_grad: requested, of ns::f`, or `ns::g_vjp: helper, of ns::g`.
static std::string describe(const ir::Function &F) {
  return F.getQualifiedName() + ": " +
         (F.getLinkage() == ir::Linkage::Internal ? "helper" : "requested") +
         ", of " + F.getPrimal()->getQualifiedName();
}

/// True when \p F stores through a parameter that \p Active marks.
static bool writesActiveBuffer(const ir::Function &F,
                               const std::vector<bool> &Active) {
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I)
    if (Active[I] && F.getParam(I)->getType().isPointer() &&
        !F.getParamInfo(I).ConstPointee)
      return true;
  return false;
}

static void reportCallProblem(clang::DiagnosticsEngine &Diags,
                              const differentiation::Differentiator::CallProblem &P) {
  using Problem = differentiation::Differentiator::CallProblem;
  auto Loc = clang::SourceLocation::getFromRawEncoding(P.Loc);
  std::string Name = P.Callee->getQualifiedName();
  switch (P.K) {
  case Problem::NoDerivative: {
    bool HasCustom = false;
    for (unsigned K = 0; K != ir::NumCustomKinds; ++K)
      HasCustom |= P.Callee->getCustomDerivative(ir::CustomKind(K)) != nullptr;
    frontend::report(Diags, Loc, frontend::Diag::NoCallDerivative)
        << Name << !P.Reverse << (P.Callee->isLibrary() ? 2 : HasCustom);
    if (P.Callee->isLibrary()) {
      std::string Wrapper = "my_" + P.Callee->getName();
      frontend::report(Diags, Loc, frontend::Diag::NoteWrapLibrary)
          << Wrapper << !P.Reverse;
      return;
    }
    frontend::report(Diags, Loc, frontend::Diag::NoteProvideDerivative)
        << Name << P.Callee->getName() + (P.Reverse ? "_vjp" : "_jvp")
        << HasCustom;
    return;
  }
  case Problem::ConstantWrite:
    frontend::report(Diags, Loc, frontend::Diag::ConstantWrite) << Name;
    return;
  case Problem::GradWithBuffers:
    frontend::report(Diags, Loc, frontend::Diag::GradWithBuffers) << Name;
    return;
  case Problem::ClobberedInput:
    frontend::report(Diags, Loc, frontend::Diag::ClobberedInput)
        << Name << P.Buffer;
    return;
  case Problem::ScopedInput:
    frontend::report(Diags, Loc, frontend::Diag::ScopedInput)
        << Name << P.Buffer;
    return;
  case Problem::NestedGrowth:
    frontend::report(Diags, Loc, frontend::Diag::NestedGrowth)
        << Name << P.Buffer;
    return;
  }
}

/// For a void \p F whose written buffers \p R leaves out of its _WRT list,
/// reports that they must be listed, with the list that would do; false
/// when \p F writes no floating buffer.
static bool reportUnlistedOutputs(clang::DiagnosticsEngine &Diags,
                                  const frontend::Request &R,
                                  const ir::Function &F) {
  std::vector<std::string> Listed, Outputs;
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I) {
    const std::string &Name = F.getParam(I)->getName();
    if (R.Active[I])
      Listed.push_back(Name);
    else if (F.getParam(I)->getType().isPointer() &&
             F.getParam(I)->getType().holdsFloat() &&
             !F.getParamInfo(I).ConstPointee)
      Outputs.push_back(Name);
  }
  if (Outputs.empty())
    return false;
  const char *Macro = R.Kind == differentiation::DerivativeKind::JVP
                          ? "CHAINRULE_JVP_WRT("
                      : R.Kind == differentiation::DerivativeKind::VJP
                          ? "CHAINRULE_VJP_WRT("
                          : "CHAINRULE_GRAD_WRT(";
  std::string List = Macro;
  for (const std::string &Name : Listed)
    List += Name + ", ";
  List += llvm::join(Outputs, ", ") + ")";
  frontend::report(Diags, R.Function->getLocation(),
                   frontend::Diag::UnlistedOutput)
      << R.Function << Outputs.front();
  frontend::report(Diags, R.Loc, frontend::Diag::NoteListOutput) << List;
  return true;
}

/// The names of the functions \p DC declares, in its namespaces too.
static std::set<std::string> functionNames(const clang::DeclContext &DC) {
  std::set<std::string> Names;
  for (const clang::Decl *D : DC.decls()) {
    if (const auto *ND = llvm::dyn_cast<clang::NamedDecl>(D);
        ND && ND->getIdentifier() &&
        (llvm::isa<clang::FunctionDecl>(ND) ||
         llvm::isa<clang::FunctionTemplateDecl>(ND)))
      Names.insert(ND->getName().str());
    if (const auto *Inner = llvm::dyn_cast<clang::DeclContext>(D);
        Inner && (llvm::isa<clang::NamespaceDecl>(D) ||
                  llvm::isa<clang::LinkageSpecDecl>(D))) {
      std::set<std::string> More = functionNames(*Inner);
      Names.insert(More.begin(), More.end());
    }
  }
  return Names;
}

/// True when \p F is differentiated as a function of its own: requested,
/// recursive, or taking no pointer (the others are inlined at each call).
static bool isDifferentiatedAlone(
    const ir::Function &F,
    llvm::ArrayRef<std::pair<const frontend::Request *, ir::Function *>>
        Requested) {
  if (F.isAlwaysInline())
    return false;
  if (F.isRecursive() ||
      llvm::any_of(Requested, [&](const auto &R) { return R.second == &F; }))
    return true;
  for (unsigned I = 0, E = F.getNumParams(); I != E; ++I)
    if (F.getParam(I)->getType().isPointer())
      return false;
  return true;
}

/// Why \p FD cannot be annotated, or null: derivatives of functions taking
/// a lambda could not be called, constructors and operators named.
static const char *annotationProblem(const clang::FunctionDecl &FD) {
  if (llvm::isa<clang::CXXConstructorDecl>(FD) ||
      llvm::isa<clang::CXXDestructorDecl>(FD) ||
      llvm::isa<clang::CXXConversionDecl>(FD))
    return "constructors, destructors and conversions cannot be annotated "
           "(annotate a function that builds or converts the object)";
  if (FD.isOverloadedOperator() &&
      FD.getOverloadedOperator() != clang::OO_Call)
    return "operators other than 'operator()' cannot be annotated (annotate "
           "a named function that applies the operator)";
  for (const clang::ParmVarDecl *P : FD.parameters())
    if (const clang::CXXRecordDecl *RD =
            P->getType().getNonReferenceType()->getAsCXXRecordDecl();
        RD && RD->isLambda())
      return "an annotated function cannot take a lambda (annotate the "
             "function that passes it the lambda)";
  return nullptr;
}

std::optional<Differentiated>
driver::differentiate(clang::ASTContext &Ctx,
                      differentiation::GradientMode Mode) {
  Differentiated Result;
  // This translation unit's structs, not another's of the same name.
  Result.Records = std::make_unique<ir::RecordTable>();
  Result.M = std::make_unique<ir::Module>();
  ir::Module &M = *Result.M;
  clang::DiagnosticsEngine &Diags = Ctx.getDiagnostics();
  // Bad annotations are reported and skipped; the other requests are still
  // lowered so that one run reports every problem it can.
  std::vector<frontend::Request> Requests = frontend::collectRequests(Ctx);

  frontend::ModuleLowering Lowering(Ctx, M);
  std::vector<std::pair<const frontend::Request *, ir::Function *>> Lowered;
  // (A function with two annotations has its problems reported once.)
  std::set<const clang::FunctionDecl *> Rejected;
  for (const frontend::Request &R : Requests) {
    if (Rejected.count(R.Function))
      continue;
    if (const char *Why = annotationProblem(*R.Function)) {
      Rejected.insert(R.Function);
      frontend::report(Diags, R.Function->getLocation(),
                       frontend::Diag::UnsupportedFunction)
          << R.Function << Why;
      continue;
    }
    // A function returning several values has no gradient: its cotangent
    // is the caller's (f_vjp).
    if (clang::QualType RT = R.Function->getReturnType(); RT->isRecordType()) {
      bool Values = frontend::isDifferentiableType(Ctx, RT);
      bool Grad = R.Kind == differentiation::DerivativeKind::Grad;
      if (!Values) {
        Rejected.insert(R.Function);
        frontend::report(Diags, R.Function->getLocation(),
                         frontend::Diag::NonFloatingResult)
            << R.Function << RT;
      } else if (Grad) {
        frontend::report(Diags, R.Loc, frontend::Diag::SeveralResults)
            << R.Function << RT;
      }
      if (!Values || Grad)
        continue;
    }
    ir::Function *F = Lowering.lower(R.Function);
    if (!F) {
      frontend::report(Diags, R.Loc, frontend::Diag::NoteRequestedHere);
      continue;
    }
    if (F->getResultType().isVoid() && !writesActiveBuffer(*F, R.Active) &&
        reportUnlistedOutputs(Diags, R, *F))
      continue;
    if (!F->getResultType().isFloat() &&
        !(F->getResultType().isVoid() && writesActiveBuffer(*F, R.Active))) {
      frontend::report(Diags, R.Function->getLocation(),
                       frontend::Diag::NonFloatingResult)
          << R.Function << R.Function->getReturnType();
      continue;
    }
    Lowered.push_back({&R, F});
  }
  if (Diags.hasErrorOccurred())
    return std::nullopt;
  for (const auto &F : M.getFunctions()) {
    if (F->isDeclaration())
      continue;
    transforms::inlineMemoryCalls(*F);
    transforms::simplify(*F);
    if (transforms::hoistViewLoads(*F))
      transforms::simplify(*F);
    // A function inlined wherever it is called is checked in its callers,
    // where what it is passed is known (a view's pointer member, say).
    if (isDifferentiatedAlone(*F, Lowered))
      for (const ir::Op *O : ir::findUntrackedAccesses(*F)) {
        // A pointer read from memory, or one chosen between buffers.
        const ir::Op *Base =
            ir::getPointerBase(O->getOperand(0))->getDefiningOp();
        frontend::report(Diags,
                         clang::SourceLocation::getFromRawEncoding(O->getLoc()),
                         Base && Base->is(ir::OpKind::Load)
                             ? frontend::Diag::UntrackedViewPointer
                             : frontend::Diag::UntrackedPointer);
      }
    if (transforms::hoistInvariantLoads(*F))
      transforms::simplify(*F);
  }
  if (Diags.hasErrorOccurred())
    return std::nullopt;
  if (llvm::Error Err = ir::verify(M)) {
    frontend::report(Diags, clang::SourceLocation(),
                     frontend::Diag::InternalError)
        << "the lowered source" << llvm::toString(std::move(Err));
    return std::nullopt;
  }

  differentiation::Differentiator D(M, Mode);
  D.takeNames(functionNames(*Ctx.getTranslationUnitDecl()));
  for (auto &[R, F] : Lowered)
    D.reserve(F, R->Kind, R->Active);
  // Instantiations of an annotated template have derivatives of one name,
  // overloaded on their parameter types.
  std::map<std::string, const frontend::Request *> Names;
  for (auto &[R, F] : Lowered) {
    ir::Function *Fn = D.getOrCreate(F, R->Kind, R->Active, /*Requested=*/true);
    if (R->Function->isExternallyVisible())
      Result.Requested.push_back({R->Function, Fn});
    std::string Name = differentiation::getDerivativeName(*F, R->Kind);
    std::string Wanted = Fn->getNamespace() + "::" + Name;
    Names.insert({Fn->getNamespace() + "::" + Fn->getName(), R});
    if (auto It = Names.find(Wanted);
        It != Names.end() && Fn->getName() != Name)
      frontend::report(Diags, R->Loc, frontend::Diag::DerivativeClash)
          << R->Function << It->second->Function;
  }
  for (const auto &P : D.getCallProblems())
    reportCallProblem(Diags, P);
  for (unsigned Loc : D.getImplicitCuts())
    frontend::report(Diags, clang::SourceLocation::getFromRawEncoding(Loc),
                     frontend::Diag::ImplicitCut);
  for (const auto &L : D.getLostDerivatives()) {
    auto Loc = clang::SourceLocation::getFromRawEncoding(L.Loc);
    frontend::report(Diags, Loc, frontend::Diag::LostDerivative)
        << L.Primal->getName() << L.Buffer;
    frontend::report(Diags, Loc, frontend::Diag::NoteMakeActive) << L.Buffer;
  }
  if (Diags.hasErrorOccurred())
    return std::nullopt;
  for (ir::Function *F : D.getGenerated())
    if (llvm::Error Err = ir::verify(*F)) {
      frontend::report(Diags, clang::SourceLocation::getFromRawEncoding(
                                  F->getLoc()),
                       frontend::Diag::InternalError)
          << F->getName() << llvm::toString(std::move(Err));
      return std::nullopt;
    }
  Result.Generated.assign(D.getGenerated().begin(), D.getGenerated().end());
  return Result;
}

std::optional<Outputs> driver::run(clang::ASTContext &Ctx, const Options &Opts,
                                   codegen::LLVMEmitter *LLVM) {
  std::optional<Differentiated> TU = differentiate(Ctx, Opts.GradMode);
  if (!TU)
    return std::nullopt;
  clang::DiagnosticsEngine &Diags = Ctx.getDiagnostics();
  const ir::Module &M = *TU->M;
  const std::vector<const ir::Function *> &Generated = TU->Generated;
  Outputs Out;
  for (const ir::Function *F : Generated)
    Out.Generated.push_back(describe(*F));
  emit::CppEmitOptions EO = emitOptions(Ctx, Opts);
  llvm::raw_string_ostream OS(Out.Main);
  std::vector<const ir::Function *> Shown;
  for (const auto &F : M.getFunctions())
    if (Opts.Function.empty() || derivesFrom(*F, Opts.Function))
      Shown.push_back(F.get());
  if (Shown.empty() && !Opts.Function.empty()) {
    std::string Names;
    for (const auto &F : M.getFunctions())
      if (!F->isGenerated() && !F->isDeclaration())
        Names += (Names.empty() ? "" : ", ") + F->getQualifiedName();
    frontend::report(Diags, clang::SourceLocation(),
                     frontend::Diag::UnknownFunction)
        << Opts.Function << Names;
    return std::nullopt;
  }
  switch (Opts.Emit) {
  case EmitKind::Cpp:
    Out.Main = emit::emitTranslationUnit(Generated, EO);
    break;
  case EmitKind::SSA:
    for (const ir::Function *F : Shown) {
      if (F != Shown.front())
        OS << "\n";
      ir::print(*F, OS);
    }
    break;
  case EmitKind::Dot:
    ir::printDot(Shown, OS);
    break;
  case EmitKind::LLVM: {
    assert(LLVM && "the LLVM IR output needs clang's CodeGen");
    std::vector<codegen::Problem> Problems = LLVM->emit(Generated);
    for (const codegen::Problem &P : Problems)
      frontend::report(Diags, clang::SourceLocation::getFromRawEncoding(P.Loc),
                       frontend::Diag::LLVMUnsupported)
          << P.What;
    if (!Problems.empty())
      return std::nullopt;
    break;
  }
  }
  if (!Opts.HeaderPath.empty()) {
    // The derivatives of the functions the header declares again are their
    // custom derivatives in the files that include it.
    std::vector<const clang::FunctionDecl *> Primals;
    for (const auto &[Decl, Fn] : TU->Requested)
      Primals.push_back(Decl);
    std::set<const clang::FunctionDecl *> Redeclared;
    EO.HeaderPreamble = makeHeaderPreamble(
        Ctx, Primals, llvm::sys::path::parent_path(absolute(Opts.HeaderPath)),
        Redeclared);
    for (const auto &[Decl, Fn] : TU->Requested)
      if (Redeclared.count(Decl))
        EO.CustomInHeader.insert(Fn);
    Out.Header = emit::emitHeader(Generated, EO);
  }
  return Out;
}

namespace {
/// What the three consumers of an LLVM IR run share.
struct LLVMRun {
  /// Outlives the module (the action outlives its consumers).
  llvm::LLVMContext Context;
  /// Owned by the multiplexing consumer.
  clang::CodeGenerator *Gen = nullptr;
  std::unique_ptr<codegen::LLVMEmitter> Emitter;
};

class Consumer : public clang::SemaConsumer {
public:
  Consumer(const Options &Opts, std::optional<Outputs> &Result,
           LLVMRun *LLVM)
      : Opts(Opts), Result(Result), LLVM(LLVM) {}

  void InitializeSema(clang::Sema &S) override { Sema = &S; }
  void ForgetSema() override { Sema = nullptr; }

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    if (Ctx.getDiagnostics().hasErrorOccurred())
      return;
    if (LLVM)
      LLVM->Emitter =
          std::make_unique<codegen::LLVMEmitter>(Ctx, *LLVM->Gen, *Sema);
    Result = driver::run(Ctx, Opts, LLVM ? LLVM->Emitter.get() : nullptr);
    if (!Result)
      return;
    const clang::SourceManager &SM = Ctx.getSourceManager();
    std::vector<std::string> &Deps = Result->Dependencies;
    for (auto It = SM.fileinfo_begin(), E = SM.fileinfo_end(); It != E; ++It)
      Deps.push_back(absolute(It->first.getName()));
    llvm::sort(Deps);
    Deps.erase(std::unique(Deps.begin(), Deps.end()), Deps.end());
  }

private:
  const Options &Opts;
  std::optional<Outputs> &Result;
  LLVMRun *LLVM;
  clang::Sema *Sema = nullptr;
};

/// After clang's CodeGen has finished the module: cuts it down to the
/// derivatives, verifies it and writes it into the result.
class LLVMFinisher : public clang::ASTConsumer {
public:
  LLVMFinisher(const Options &Opts, std::optional<Outputs> &Result,
               LLVMRun &LLVM)
      : Opts(Opts), Result(Result), LLVM(LLVM) {}

  void HandleTranslationUnit(clang::ASTContext &Ctx) override {
    clang::DiagnosticsEngine &Diags = Ctx.getDiagnostics();
    if (!Result || Diags.hasErrorOccurred() || !LLVM.Gen->GetModule()) {
      Result.reset();
      return;
    }
    if (llvm::Error Err = LLVM.Emitter->finish()) {
      frontend::report(Diags, clang::SourceLocation(),
                       frontend::Diag::InternalError)
          << "the LLVM IR output" << llvm::toString(std::move(Err));
      Result.reset();
      return;
    }
    llvm::raw_string_ostream OS(Result->Main);
    if (Opts.Bitcode)
      llvm::WriteBitcodeToFile(*LLVM.Gen->GetModule(), OS);
    else
      LLVM.Gen->GetModule()->print(OS, nullptr);
  }

private:
  const Options &Opts;
  std::optional<Outputs> &Result;
  LLVMRun &LLVM;
};

class Action : public clang::ASTFrontendAction {
public:
  Action(const Options &Opts, std::optional<Outputs> &Result)
      : Opts(Opts), Result(Result) {}

  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &CI, llvm::StringRef File) override {
    if (Opts.Emit != EmitKind::LLVM)
      return std::make_unique<Consumer>(Opts, Result, nullptr);
    // clang's CodeGen sees the translation unit as a compile would; the
    // derivatives go into its module before it finishes it.
    LLVM = std::make_unique<LLVMRun>();
    LLVM->Gen = clang::CreateLLVMCodeGen(
        CI.getDiagnostics(), File, &CI.getVirtualFileSystem(),
        CI.getHeaderSearchOpts(), CI.getPreprocessorOpts(),
        CI.getCodeGenOpts(), LLVM->Context);
    // The derivatives' values keep the graph's names (`d_x`), for readers.
    LLVM->Context.setDiscardValueNames(false);
    std::vector<std::unique_ptr<clang::ASTConsumer>> Consumers;
    Consumers.push_back(std::make_unique<Consumer>(Opts, Result, LLVM.get()));
    Consumers.push_back(std::unique_ptr<clang::ASTConsumer>(LLVM->Gen));
    Consumers.push_back(std::make_unique<LLVMFinisher>(Opts, Result, *LLVM));
    return std::make_unique<clang::MultiplexConsumer>(std::move(Consumers));
  }

private:
  const Options &Opts;
  std::optional<Outputs> &Result;
  std::unique_ptr<LLVMRun> LLVM;
};
class Factory : public clang::tooling::FrontendActionFactory {
public:
  Factory(const Options &Opts, std::optional<Outputs> &Result)
      : Opts(Opts), Result(Result) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(Opts, Result);
  }

private:
  Options Opts;
  std::optional<Outputs> &Result;
};
} // namespace

std::unique_ptr<clang::tooling::FrontendActionFactory>
driver::newActionFactory(const Options &Opts, std::optional<Outputs> &Result) {
  return std::make_unique<Factory>(Opts, Result);
}
