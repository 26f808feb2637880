//===- chainrule/Driver/Pipeline.h - The whole pipeline ---------*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// What both drivers (chainrule-gen and the Clang plugin) call: from a parsed
/// translation unit to the differentiated module (differentiate), and from
/// there to the text of the outputs (run). Problems are
/// reported through the translation unit's DiagnosticsEngine; on any error
/// there are no outputs, so nothing partial is ever written.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_DRIVER_PIPELINE_H
#define CHAINRULE_DRIVER_PIPELINE_H

#include "chainrule/Differentiation/Differentiator.h"
#include "chainrule/IR/IR.h"

#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace chainrule::codegen {
class LLVMEmitter;
} // namespace chainrule::codegen



namespace chainrule::driver {

/// What the main output holds.
enum class EmitKind {
  Cpp, ///< the translation unit with the derivatives (`file.ad.cpp`)
  SSA, ///< the SSA graph of the primal functions and their derivatives
  Dot, ///< the same as a Graphviz digraph
  LLVM, ///< the derivatives as an LLVM IR module (`file.ad.ll`, `.bc`)
};

/// The options of one run.
struct Options {
  EmitKind Emit = EmitKind::Cpp;
  /// Where the main output goes (`-` for standard output); the generated
  /// translation unit includes the source by a path relative to it.
  std::string OutputPath = "-";
  /// Where the header goes; empty for none.
  std::string HeaderPath;
  /// For EmitKind::SSA and Dot: only the function of this name (plain or
  /// qualified) and its derivatives; empty for all.
  std::string Function;
  /// For EmitKind::LLVM: bitcode instead of text.
  bool Bitcode = false;
  /// How `_grad` and `_vjp` are computed.
  differentiation::GradientMode GradMode =
      differentiation::GradientMode::Auto;
};

/// The text of a run's outputs.
struct Outputs {
  std::string Main;
  std::string Header;
  /// Every file the translation unit read, absolute, sorted (for -MD).
  std::vector<std::string> Dependencies;
  /// One line per generated function, in order: its name, whether it was
  /// requested or is a helper of the generated code, and its primal.
  std::vector<std::string> Generated;
};

/// A translation unit's annotated functions lowered to SSA, with their
/// derivatives: what every output is made from.
struct Differentiated {
  /// The structs the module's types name (declared first: it outlives the
  /// module).
  std::unique_ptr<ir::RecordTable> Records;
  std::unique_ptr<ir::Module> M;
  /// The generated functions, in order of creation: the requested
  /// derivatives and the helpers they call.
  std::vector<const ir::Function *> Generated;
  /// Each requested derivative of an externally visible function, with the
  /// declaration of the function it is a derivative of.
  std::vector<std::pair<const clang::FunctionDecl *, const ir::Function *>>
      Requested;
};

/// Runs request collection, lowering, simplification and differentiation
/// on \p Ctx's translation unit, reporting every problem through its
/// diagnostics. Returns nothing after an error.
std::optional<Differentiated>
differentiate(clang::ASTContext &Ctx, differentiation::GradientMode Mode);

/// differentiate(), then the outputs \p Opts asks for. Returns nothing
/// after reporting an error. For EmitKind::LLVM, the derivatives go into
/// the module \p LLVM emits into (Outputs::Main stays empty: the module is
/// finished after clang's CodeGen has seen the end of the translation
/// unit).
std::optional<Outputs> run(clang::ASTContext &Ctx, const Options &Opts,
                           codegen::LLVMEmitter *LLVM = nullptr);

/// A factory of actions that parse a file and store the result of run()
/// in \p Result (left empty on any error, including parse errors). For
/// EmitKind::LLVM, clang's CodeGen builds the translation unit's module
/// alongside, and Result's main output is the finished module.
std::unique_ptr<clang::tooling::FrontendActionFactory>
newActionFactory(const Options &Opts, std::optional<Outputs> &Result);

/// The `-resource-dir` Clang needs to find its own headers.
llvm::StringRef getClangResourceDir();

} // namespace chainrule::driver

#endif // CHAINRULE_DRIVER_PIPELINE_H
