//===- Paths.cpp - Paths as outputs name them -----------------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//

#include "Paths.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace chainrule;

std::string driver::absolute(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  llvm::sys::fs::make_absolute(P);
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

std::string driver::relativePath(llvm::StringRef Target, llvm::StringRef FromDir) {
  llvm::SmallVector<llvm::StringRef, 16> T, F;
  llvm::StringRef(Target).split(T, '/', -1, false);
  llvm::StringRef(FromDir).split(F, '/', -1, false);
  unsigned Common = 0;
  while (Common < T.size() && Common < F.size() && T[Common] == F[Common])
    ++Common;
  std::string Out;
  for (unsigned I = Common; I < F.size(); ++I)
    Out += "../";
  for (unsigned I = Common; I < T.size(); ++I)
    Out += T[I].str() + (I + 1 < T.size() ? "/" : "");
  return Out;
}
