//===- chainrule-gen.cpp - The build-step driver --------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// chainrule-gen file.cpp -o file.ad.cpp [--header file.ad.h]
///               [--emit=cpp|ssa|dot] [-p build] [-- <compiler flags>]
///
/// Parses the file with libTooling, runs the pipeline and writes the outputs
/// atomically; on any error it exits with 1 and writes nothing.
//===----------------------------------------------------------------------===//

#include "chainrule/Driver/Pipeline.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/WithColor.h"

using namespace chainrule;
using namespace clang::tooling;

static llvm::cl::OptionCategory Category("chainrule-gen options");

static llvm::cl::opt<std::string>
    OutputPath("o", llvm::cl::desc("Write the output to <file> ('-' for stdout)"),
               llvm::cl::value_desc("file"), llvm::cl::init("-"),
               llvm::cl::cat(Category));

static llvm::cl::opt<std::string>
    HeaderPath("header",
               llvm::cl::desc("Also write the derivatives' declarations to <file>"),
               llvm::cl::value_desc("file"), llvm::cl::cat(Category));

static llvm::cl::opt<driver::EmitKind> Emit(
    "emit", llvm::cl::desc("What to write"),
    llvm::cl::values(
        clEnumValN(driver::EmitKind::Cpp, "cpp",
                   "C++ translation unit with the derivatives (default)"),
        clEnumValN(driver::EmitKind::SSA, "ssa",
                   "the SSA graph of the functions and their derivatives"),
        clEnumValN(driver::EmitKind::Dot, "dot", "the SSA graph for Graphviz")),
    llvm::cl::init(driver::EmitKind::Cpp), llvm::cl::cat(Category));

static llvm::cl::opt<differentiation::GradientMode> GradMode(
    "grad-mode", llvm::cl::desc("How _grad and _vjp derivatives are computed"),
    llvm::cl::values(
        clEnumValN(differentiation::GradientMode::Auto, "auto",
                   "forward mode for few inputs when it is cheaper, else "
                   "reverse mode (default)"),
        clEnumValN(differentiation::GradientMode::Reverse, "reverse",
                   "always reverse mode"),
        clEnumValN(differentiation::GradientMode::Forward, "forward",
                   "always forward mode, one direction per input")),
    llvm::cl::init(differentiation::GradientMode::Auto),
    llvm::cl::cat(Category));

int main(int Argc, const char **Argv) {
  auto Parser = CommonOptionsParser::create(Argc, Argv, Category,
                                            llvm::cl::Required);
  if (!Parser) {
    llvm::WithColor::error(llvm::errs(), "chainrule-gen")
        << llvm::toString(Parser.takeError());
    return 1;
  }
  if (Parser->getSourcePathList().size() != 1) {
    llvm::WithColor::error(llvm::errs(), "chainrule-gen")
        << "expected exactly one source file\n";
    return 1;
  }

  driver::Options Opts;
  Opts.Emit = Emit;
  Opts.OutputPath = OutputPath;
  Opts.HeaderPath = HeaderPath;
  Opts.GradMode = GradMode;

  ClangTool Tool(Parser->getCompilations(), Parser->getSourcePathList());
  Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
      ("-resource-dir=" + driver::getClangResourceDir()).str().c_str(),
      ArgumentInsertPosition::BEGIN));
  std::optional<driver::Outputs> Result;
  int Status = Tool.run(driver::newActionFactory(Opts, Result).get());
  if (Status != 0 || !Result)
    return 1;

  if (llvm::Error Err = driver::writeAtomically(OutputPath, Result->Main)) {
    llvm::WithColor::error(llvm::errs(), "chainrule-gen")
        << llvm::toString(std::move(Err)) << "\n";
    return 1;
  }
  if (!HeaderPath.empty())
    if (llvm::Error Err = driver::writeAtomically(HeaderPath, Result->Header)) {
      llvm::WithColor::error(llvm::errs(), "chainrule-gen")
          << llvm::toString(std::move(Err)) << "\n";
      llvm::sys::fs::remove(OutputPath);
      return 1;
    }
  return 0;
}
