//===- chainrule-gen.cpp - The build-step driver --------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// chainrule-gen file.cpp -o file.ad.cpp [--header file.ad.h]
///               [--emit=cpp|llvm|ssa|dot] [--grad-mode=auto|reverse|forward]
///               [--function=NAME] [--list] [-MD -MF file.d] [-p build]
///               [-- <compiler flags>]
///
/// Parses the file with libTooling, runs the pipeline and writes the outputs
/// all or none (tool::writeOutputs), leaving files whose contents did not
/// change untouched; on any error it exits with 1 and changes no output.
/// Arguments may come from response files (`@file`).
///
/// The compiler flags are those after `--`; else, with `-p dir`, those of
/// dir/compile_commands.json; else those of a compilation database found
/// above the source, if any; else none. chainrule's own headers
/// (`<chainrule/...>`) are found in `../include` next to the executable,
/// after every directory the flags name.
//===----------------------------------------------------------------------===//

#include "Outputs.h"
#include "../SanitizerDefaults.h"

#include "chainrule/Driver/Pipeline.h"

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/Support/WithColor.h"

using namespace chainrule;
using namespace clang::tooling;

#ifndef CHAINRULE_VERSION
#error "CHAINRULE_VERSION must be defined by the build"
#endif

static llvm::cl::OptionCategory Category("chainrule-gen options");

static llvm::cl::opt<std::string>
    SourcePath(llvm::cl::Positional, llvm::cl::desc("<source>"),
               llvm::cl::Required, llvm::cl::cat(Category));

static llvm::cl::opt<std::string> BuildPath(
    "p",
    llvm::cl::desc("Take the compiler flags from <dir>/compile_commands.json"),
    llvm::cl::value_desc("dir"), llvm::cl::cat(Category));

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
        clEnumValN(driver::EmitKind::Dot, "dot", "the SSA graph for Graphviz"),
        clEnumValN(driver::EmitKind::LLVM, "llvm",
                   "an LLVM IR module defining the derivatives (bitcode "
                   "when the output ends in .bc)")),
    llvm::cl::init(driver::EmitKind::Cpp), llvm::cl::cat(Category));

static llvm::cl::opt<std::string> ShowFunction(
    "function",
    llvm::cl::desc("With --emit=ssa or --emit=dot: only this function and its "
                   "derivatives"),
    llvm::cl::value_desc("name"), llvm::cl::cat(Category));

static llvm::cl::opt<bool> List(
    "list",
    llvm::cl::desc("Print the generated functions to standard error: the "
                   "requested derivatives and the helpers they call"),
    llvm::cl::cat(Category));
static llvm::cl::alias ListShort("v", llvm::cl::desc("Alias for --list"),
                                 llvm::cl::aliasopt(List));

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

static const char *Overview =
    "differentiates the annotated functions of one C++ source file\n\n"
    "  chainrule-gen model.cpp -o model.ad.cpp [--header model.ad.h] "
    "[-- <compiler flags>]\n"
    "  chainrule-gen -p build/ model.cpp -o model.ad.cpp\n\n"
    "  model.ad.cpp includes model.cpp and defines the derivatives after "
    "it:\n  compile it instead of model.cpp.\n";

static void printVersion(llvm::raw_ostream &OS) {
  OS << "chainrule " CHAINRULE_VERSION " (built with LLVM " LLVM_VERSION_STRING
        ")\n";
}

/// The compiler flags of the run (see the file comment), or an error.
static llvm::Expected<std::unique_ptr<CompilationDatabase>>
findCompilations(int &Argc, const char **Argv) {
  std::string Message;
  // The flags after `--` (loadFromCommandLine drops them from Argv).
  std::unique_ptr<CompilationDatabase> Fixed =
      FixedCompilationDatabase::loadFromCommandLine(Argc, Argv, Message);
  if (!Message.empty())
    return llvm::createStringError(Message);
  llvm::cl::ParseCommandLineOptions(Argc, Argv, Overview);
  if (Fixed) {
    if (!BuildPath.empty())
      return llvm::createStringError(
          "give the compiler flags either after '--' or with -p, not both");
    return Fixed;
  }
  llvm::SmallString<256> Source(SourcePath);
  llvm::sys::fs::make_absolute(Source);
  if (!BuildPath.empty()) {
    auto DB = CompilationDatabase::loadFromDirectory(BuildPath, Message);
    if (!DB)
      return llvm::createStringError("no compilation database in '" +
                                     BuildPath + "': " + Message);
    DB = inferMissingCompileCommands(std::move(DB));
    if (DB->getCompileCommands(Source).empty())
      return llvm::createStringError("the compilation database in '" +
                                     BuildPath + "' has no command for '" +
                                     SourcePath + "' nor a similar file");
    return DB;
  }
  if (auto DB = CompilationDatabase::autoDetectFromSource(Source, Message)) {
    DB = inferMissingCompileCommands(std::move(DB));
    if (!DB->getCompileCommands(Source).empty())
      return DB;
  }
  return std::make_unique<FixedCompilationDatabase>(
      ".", std::vector<std::string>());
}

/// `-idirafter <dir>` for chainrule's own headers next to the executable.
static std::string ownHeaderFlag(const char *Argv0) {
  static int Anchor;
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(
      llvm::sys::path::parent_path(
          llvm::sys::fs::getMainExecutable(Argv0, &Anchor))));
  llvm::sys::path::append(Dir, "include");
  llvm::SmallString<256> Probe(Dir);
  llvm::sys::path::append(Probe, "chainrule", "chainrule.h");
  if (!llvm::sys::fs::exists(Probe))
    return "";
  return ("-idirafter" + Dir).str();
}

int main(int Argc, const char **Argv) {
  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver(Alloc);
  llvm::SmallVector<const char *, 64> Args(Argv, Argv + Argc);
  if (!llvm::cl::ExpandResponseFiles(Saver, llvm::cl::TokenizeGNUCommandLine,
                                     Args))
    return fail("cannot read a response file");
  int NumArgs = Args.size();

  llvm::cl::HideUnrelatedOptions(Category);
  llvm::cl::SetVersionPrinter(printVersion);
  auto Compilations = findCompilations(NumArgs, Args.data());
  if (!Compilations)
    return fail(llvm::toString(Compilations.takeError()));
  if (!ShowFunction.empty() &&
      (Emit == driver::EmitKind::Cpp || Emit == driver::EmitKind::LLVM))
    return fail("--function applies to --emit=ssa and --emit=dot");
  if (WriteDepFile && OutputPath == "-" && DepFilePath.empty())
    return fail("-MD with output to stdout needs -MF <file>");
  std::string DepFile = DepFilePath.empty() ? OutputPath + ".d" : DepFilePath;
  // An output must never replace the source it is generated from.
  llvm::StringRef Source = SourcePath;
  for (const std::string &Out :
       {std::string(OutputPath), std::string(HeaderPath),
        WriteDepFile ? DepFile : std::string()})
    if (!Out.empty() && Out != "-" && llvm::sys::fs::equivalent(Source, Out))
      return fail("the output '" + Out + "' is the source file");

  driver::Options Opts;
  Opts.Emit = Emit;
  Opts.OutputPath = OutputPath;
  Opts.Bitcode = llvm::StringRef(OutputPath).ends_with(".bc");
  Opts.HeaderPath = HeaderPath;
  Opts.GradMode = GradMode;
  Opts.Function = ShowFunction;

  ClangTool Tool(**Compilations, {SourcePath});
  Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
      ("-resource-dir=" + driver::getClangResourceDir()).str().c_str(),
      ArgumentInsertPosition::BEGIN));
  std::string OwnHeaders = ownHeaderFlag(Argv[0]);
  if (!OwnHeaders.empty())
    Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
        OwnHeaders.c_str(), ArgumentInsertPosition::END));
  std::optional<driver::Outputs> Result;
  int Status = Tool.run(driver::newActionFactory(Opts, Result).get());
  if (Status != 0 || !Result)
    return 1;

  std::vector<tool::OutputFile> Files = {{OutputPath, Result->Main}};
  if (!HeaderPath.empty())
    Files.push_back({HeaderPath, Result->Header});
  if (WriteDepFile)
    Files.push_back(
        {DepFile, tool::makeDepFile(OutputPath, Result->Dependencies)});
  if (llvm::Error Err = tool::writeOutputs(Files))
    return fail(llvm::toString(std::move(Err)));
  if (List)
    for (const std::string &Line : Result->Generated)
      llvm::errs() << Line << "\n";
  return 0;
}
