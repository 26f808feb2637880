//===- chainrule-fuzz.cpp - libFuzzer target on the whole pipeline --------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// A libFuzzer target: each input is a C++ source file, parsed by Clang and
/// given to chainrule's pipeline (lowering, analyses, both modes of
/// differentiation, simplification, the C++ emitter or the LLVM IR output,
/// and the header), as chainrule-gen would. Whatever the input, the
/// pipeline must not crash, hang or trip an assertion: diagnostics are the
/// only acceptable answer to a bad input. The input's size picks the
/// gradient mode and the output, so that seed inputs (the test suite's
/// sources) stay valid C++.
///
/// Built with -DCHAINRULE_FUZZ=ON by Clang; docs/reliability.md says how to
/// run it.
//===----------------------------------------------------------------------===//

#include "chainrule/Driver/Pipeline.h"
#include "../SanitizerDefaults.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstddef>
#include <cstdint>

using namespace chainrule;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const differentiation::GradientMode Modes[] = {
      differentiation::GradientMode::Auto,
      differentiation::GradientMode::Reverse,
      differentiation::GradientMode::Forward};
  driver::Options Opts;
  Opts.GradMode = Modes[Size % 3];
  Opts.OutputPath = "input.ad.cpp";
  // Every other size class goes through the LLVM IR output instead.
  if ((Size / 3) % 2) {
    Opts.Emit = driver::EmitKind::LLVM;
    Opts.OutputPath = "input.ad.ll";
  }
  Opts.HeaderPath = "input.ad.h";
  llvm::StringRef Code(reinterpret_cast<const char *>(Data), Size);

  // The input is a file of an in-memory file system laid over the real one,
  // where the system's and chainrule's headers are.
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> Overlay(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Memory(
      new llvm::vfs::InMemoryFileSystem);
  Overlay->pushOverlay(Memory);
  Memory->addFile("/fuzz/input.cpp", 0,
                  llvm::MemoryBuffer::getMemBufferCopy(Code));
  llvm::IntrusiveRefCntPtr<clang::FileManager> Files(
      new clang::FileManager(clang::FileSystemOptions(), Overlay));

  std::vector<std::string> Args = {
      "chainrule-fuzz",
      "-fsyntax-only",
      "-std=c++17",
      "-I" CHAINRULE_INCLUDE_DIR,
      "-I" CHAINRULE_RUNTIME_INCLUDE_DIR,
      ("-resource-dir=" + driver::getClangResourceDir()).str(),
      "/fuzz/input.cpp"};
  std::optional<driver::Outputs> Result;
  // The factory holds the options its actions read.
  auto Factory = driver::newActionFactory(Opts, Result);
  clang::tooling::ToolInvocation Invocation(Args, Factory->create(),
                                            Files.get());
  clang::IgnoringDiagConsumer Quiet;
  Invocation.setDiagnosticConsumer(&Quiet);
  Invocation.run();
  return 0;
}
