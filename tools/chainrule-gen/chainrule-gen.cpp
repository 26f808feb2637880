//===- chainrule-gen.cpp - The build-step driver --------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// chainrule-gen file.cpp -o file.ad.cpp [--header file.ad.h]
///               [--emit=cpp|ssa|dot] [--grad-mode=auto|reverse|forward]
///               [-MD -MF file.d] [-p build] [-- <compiler flags>]
///
/// Parses the file with libTooling, runs the pipeline and writes the outputs
/// all or none (driver::writeOutputs), leaving files whose contents did not
/// change untouched; on any error it exits with 1 and changes no output.
/// Arguments may come from response files (`@file`).
//===----------------------------------------------------------------------===//

#include "chainrule/Driver/Pipeline.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/StringSaver.h"
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

static llvm::cl::opt<bool>
    WriteDepFile("MD",
                 llvm::cl::desc("Write a depfile of the files the source reads"),
                 llvm::cl::cat(Category));

static llvm::cl::opt<std::string>
    DepFilePath("MF",
                llvm::cl::desc("The depfile for -MD (default: <output>.d)"),
                llvm::cl::value_desc("file"), llvm::cl::cat(Category));

static int fail(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "chainrule-gen") << Message << "\n";
  return 1;
}

int main(int Argc, const char **Argv) {
  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver(Alloc);
  llvm::SmallVector<const char *, 64> Args(Argv, Argv + Argc);
  if (!llvm::cl::ExpandResponseFiles(Saver, llvm::cl::TokenizeGNUCommandLine,
                                     Args))
    return fail("cannot read a response file");
  int NumArgs = Args.size();

  auto Parser = CommonOptionsParser::create(NumArgs, Args.data(), Category,
                                            llvm::cl::Required);
  if (!Parser) {
    // The option parser has printed what it did not put in the message.
    std::string Message = llvm::toString(Parser.takeError());
    llvm::StringRef Trimmed = llvm::StringRef(Message).trim();
    return Trimmed.empty() ? 1 : fail(Trimmed);
  }
  if (Parser->getSourcePathList().size() != 1)
    return fail("expected exactly one source file");
  if (WriteDepFile && OutputPath == "-" && DepFilePath.empty())
    return fail("-MD with output to stdout needs -MF <file>");
  std::string DepFile = DepFilePath.empty() ? OutputPath + ".d" : DepFilePath;
  // An output must never replace the source it is generated from.
  llvm::StringRef Source = Parser->getSourcePathList().front();
  for (const std::string &Out :
       {std::string(OutputPath), std::string(HeaderPath),
        WriteDepFile ? DepFile : std::string()})
    if (!Out.empty() && Out != "-" && llvm::sys::fs::equivalent(Source, Out))
      return fail("the output '" + Out + "' is the source file");

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

  std::vector<driver::OutputFile> Files = {{OutputPath, Result->Main}};
  if (!HeaderPath.empty())
    Files.push_back({HeaderPath, Result->Header});
  if (WriteDepFile)
    Files.push_back(
        {DepFile, driver::makeDepFile(OutputPath, Result->Dependencies)});
  if (llvm::Error Err = driver::writeOutputs(Files))
    return fail(llvm::toString(std::move(Err)));
  return 0;
}
