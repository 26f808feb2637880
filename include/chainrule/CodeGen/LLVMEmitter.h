//===- chainrule/CodeGen/LLVMEmitter.h - Derivatives as LLVM IR -*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The LLVM IR output: the generated functions of a module lowered through
/// llvm::IRBuilder into the module clang's own CodeGen builds for the same
/// translation unit. Clang decides everything the C++ output leaves to the
/// compiler: symbol names (its mangler), argument passing (the ABIArgInfo
/// of each parameter), the types of memory, and the code of the library and
/// user functions the derivatives call. finish() then leaves only the
/// derivatives and what they need.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_CODEGEN_LLVMEMITTER_H
#define CHAINRULE_CODEGEN_LLVMEMITTER_H

#include "chainrule/IR/IR.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CodeGenerator;
class Sema;
} // namespace clang

namespace llvm {
class Function;
} // namespace llvm

namespace chainrule::codegen {

/// Something in a generated function the LLVM IR output cannot lower yet.
struct Problem {
  unsigned Loc;     ///< the construct's source location (raw encoding)
  std::string What; ///< what it is, as a noun phrase
};

class LLVMEmitter {
public:
  /// Emits into the module \p Gen builds for \p Ctx's translation unit;
  /// \p Gen has seen the whole translation unit but not yet its end. \p
  /// S instantiates the library members the derivatives call (std::vector's
  /// data(), size(), ...), which \p Gen then emits.
  LLVMEmitter(clang::ASTContext &Ctx, clang::CodeGenerator &Gen,
              clang::Sema &S);

  /// Defines \p Generated's functions: the requested derivatives with
  /// clang's signature and name, the helpers internal. Returns what it
  /// could not lower (nothing on success).
  std::vector<Problem> emit(llvm::ArrayRef<const ir::Function *> Generated);

  /// After \p Gen has finished the module: removes what the derivatives do
  /// not use, turns the translation unit's own external definitions into
  /// declarations (the object of the source defines them) and verifies
  /// the result.
  llvm::Error finish();

private:
  clang::ASTContext &Ctx;
  clang::CodeGenerator &Gen;
  clang::Sema &Sema;
  /// The functions users call, defined here and kept.
  llvm::SmallPtrSet<llvm::Function *, 8> Roots;
};

} // namespace chainrule::codegen

#endif // CHAINRULE_CODEGEN_LLVMEMITTER_H
