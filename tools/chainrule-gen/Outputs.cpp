//===- Outputs.cpp - Writing outputs all or none --------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//

#include "Outputs.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <system_error>

using namespace chainrule;

/// True when the file at \p Path holds exactly \p Contents.
static bool holds(llvm::StringRef Path, llvm::StringRef Contents) {
  auto Old = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  return Old && (*Old)->getBuffer() == Contents;
}

llvm::Error tool::writeOutputs(llvm::ArrayRef<OutputFile> Files) {
  // The files to replace, each with its complete temporary.
  std::vector<std::pair<const OutputFile *, llvm::sys::fs::TempFile>> Ready;
  auto Discard = [&](size_t From) {
    for (size_t I = From; I < Ready.size(); ++I)
      llvm::consumeError(Ready[I].second.discard());
  };
  for (const OutputFile &F : Files) {
    if (F.Path == "-" || holds(F.Path, F.Contents))
      continue;
    // Renaming onto a directory would fail after other outputs are in
    // place: fail before.
    if (llvm::sys::fs::is_directory(F.Path)) {
      Discard(0);
      return llvm::createFileError(
          F.Path, std::make_error_code(std::errc::is_a_directory));
    }
    llvm::Expected<llvm::sys::fs::TempFile> Temp =
        llvm::sys::fs::TempFile::create(F.Path + ".tmp-%%%%%%%%");
    if (!Temp) {
      Discard(0);
      return llvm::createFileError(F.Path, Temp.takeError());
    }
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    OS << F.Contents;
    OS.flush();
    if (std::error_code EC = OS.error()) {
      OS.clear_error();
      llvm::consumeError(Temp->discard());
      Discard(0);
      return llvm::createFileError(F.Path, EC);
    }
    Ready.emplace_back(&F, std::move(*Temp));
  }
  for (size_t I = 0; I != Ready.size(); ++I)
    if (llvm::Error Err = Ready[I].second.keep(Ready[I].first->Path)) {
      Discard(I + 1);
      return llvm::createFileError(Ready[I].first->Path, std::move(Err));
    }
  for (const OutputFile &F : Files)
    if (F.Path == "-")
      llvm::outs() << F.Contents;
  llvm::outs().flush();
  return llvm::Error::success();
}

/// \p Path as a Makefile target or prerequisite: spaces and `#` escaped.
static std::string escapeForMake(llvm::StringRef Path) {
  std::string Out;
  for (char C : Path) {
    if (C == ' ' || C == '#')
      Out += '\\';
    if (C == '$')
      Out += '$';
    Out += C;
  }
  return Out;
}

std::string tool::makeDepFile(llvm::StringRef Target,
                                const std::vector<std::string> &Deps) {
  std::string Out = escapeForMake(Target) + ":";
  for (const std::string &D : Deps)
    Out += " \\\n  " + escapeForMake(D);
  return Out + "\n";
}
