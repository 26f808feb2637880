//===- ModuleState.h - What function bodies need from the module -*- C++ -*-=//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The LLVM IR output's view of one module: clang's CodeGen for types and
/// declarations, the LLVM function of each function of the graph and how
/// values cross its boundary (clang's ABI for the functions users call and
/// the translation unit's own functions, plain values for chainrule's
/// internal helpers), and the problems found so far.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_LIB_CODEGEN_MODULESTATE_H
#define CHAINRULE_LIB_CODEGEN_MODULESTATE_H

#include "Tapes.h"

#include "chainrule/CodeGen/LLVMEmitter.h"
#include "chainrule/IR/IR.h"

#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/IRBuilder.h"

#include <map>
#include <vector>

namespace clang {
class CXXMethodDecl;
class GlobalDecl;
class NamedDecl;
class NamespaceDecl;
class FunctionDecl;
class Sema;
namespace CodeGen {
class CGFunctionInfo;
class CodeGenModule;
} // namespace CodeGen
} // namespace clang

namespace chainrule::codegen {

/// A function of the graph as LLVM IR sees it.
struct LoweredFunction {
  llvm::Function *Fn = nullptr;
  /// How clang passes its arguments and result; null for an internal helper
  /// whose parameters are the graph's values as they are.
  const clang::CodeGen::CGFunctionInfo *ABI = nullptr;
  /// With an ABI: the declaration whose signature it is.
  const clang::FunctionDecl *Decl = nullptr;
};

/// True for a parameter of the graph that is one of the C++ function's: not
/// a local of its body, not the object a function returning a struct fills.
bool isCxxParam(const ir::Function::ParamInfo &Info);
/// The parameter of \p F that is the struct it returns by value (the local
/// tangent a `_jvp` returns), or -1.
int returnedObject(const ir::Function &F);

class ModuleState {
public:
  ModuleState(clang::ASTContext &Ctx, clang::CodeGenerator &Gen,
              clang::Sema &Sema);

  clang::ASTContext &Ctx;
  clang::CodeGenerator &Gen;
  clang::Sema &Sema;
  clang::CodeGen::CodeGenModule &CGM;
  llvm::Module &M;
  llvm::LLVMContext &LLVMCtx;
  std::vector<Problem> Problems;
  /// The tapes of reverse mode.
  Tapes TapeRuntime;

  /// Notes (once) that \p What at \p Loc cannot be lowered; returns null.
  std::nullptr_t fail(unsigned Loc, std::string What) {
    for (const Problem &P : Problems)
      if (P.Loc == Loc && P.What == What)
        return nullptr;
    Problems.push_back({Loc, std::move(What)});
    return nullptr;
  }

  /// The LLVM type of an SSA value of type \p T (i1 for bool).
  llvm::Type *valueType(ir::Type T);
  /// The LLVM type of \p T in memory (i8 for bool, a struct as clang lays
  /// it out), or null.
  llvm::Type *memoryType(ir::Type T);
  /// True for a heap buffer (`new double[n]`, malloc): a record of the
  /// graph lowered as a std::vector of no C++ type, in LLVM IR a block of
  /// zeroed elements and its size, {ptr, i64}, freed at the end of its scope.
  bool isHeapBuffer(ir::Type T);
  /// The C++ type of record type \p T, when it has one and it is complete.
  clang::QualType recordType(ir::Type T);
  /// The C++ class of record type \p T, instantiated if it was not (a
  /// std::vector only passed by reference); null with a problem noted.
  clang::CXXRecordDecl *completeRecord(ir::Type T, unsigned Loc);
  /// Calls the member function \p Name of the std::vector at \p This (of
  /// type \p Vector): its non-const overload, `push_back` taking a const
  /// reference, or for `""` its default constructor and for `"~"` its
  /// destructor. Clang's CodeGen emits it (instantiated by Sema). For a heap
  /// buffer, the same operations (but push_back, back and pop_back, which
  /// it has none of) on its block. Returns its result, or null with a
  /// problem noted.
  llvm::Value *callVector(llvm::IRBuilder<> &B, ir::Type Vector,
                          llvm::StringRef Name, llvm::Value *This,
                          llvm::ArrayRef<llvm::Value *> Args, unsigned Loc);
  /// The address of element \p I of the std::tuple at \p This (of type
  /// \p Tuple): `std::get<I>` as Sema resolves it and clang's CodeGen emits
  /// it. Null with a problem noted when it cannot be.
  llvm::Value *tupleElement(llvm::IRBuilder<> &B, ir::Type Tuple, unsigned I,
                            llvm::Value *This, unsigned Loc);
  /// chainrule::polygamma(n, x) (<chainrule/Math.h>) in type \p T, as
  /// Sema instantiates and clang's CodeGen emits it; null with a problem
  /// noted when the source does not declare it.
  llvm::Value *callPolygamma(llvm::IRBuilder<> &B, ir::Type T,
                             llvm::ArrayRef<llvm::Value *> Args, unsigned Loc);
  /// Stops the program as chainrule::sizeMismatch does (with its message
  /// when the source declares it, else a trap).
  void sizeMismatch(llvm::IRBuilder<> &B, llvm::ArrayRef<llvm::Value *> Args,
                    unsigned Loc);
  /// A slot of \p Bytes at the top of the entry block of \p B's function.
  llvm::AllocaInst *temporary(llvm::IRBuilder<> &B, uint64_t Bytes,
                              llvm::Align Align);

  /// The LLVM function of \p F, declared the first time: a function of
  /// the source through clang's CodeGen, a generated one as lower() made it.
  /// Null (with a problem noted at \p Loc) when it cannot be.
  const LoweredFunction *get(const ir::Function &F, unsigned Loc);
  /// Declares \p F, a generated function: with clang's signature and name
  /// when users call it, else internal with plain values.
  const LoweredFunction *declareGenerated(const ir::Function &F);

  /// Calls \p Callee with the graph's values \p Args; returns the graph's
  /// result (null for void), or null with a problem noted.
  llvm::Value *call(llvm::IRBuilder<> &B, const ir::Function &Callee,
                    llvm::ArrayRef<llvm::Value *> Args, unsigned Loc);

  /// In the entry block of \p L's function (at \p B's insertion point): the
  /// graph's values of \p F's parameters, from the arguments as the ABI
  /// passes them. Empty, with a problem noted, when one cannot be.
  std::vector<llvm::Value *> receiveParams(llvm::IRBuilder<> &B,
                                           const ir::Function &F,
                                           const LoweredFunction &L);
  /// Returns \p Result (null for void), or the struct of type \p
  /// ObjectType at \p Object, from \p L's function as the ABI returns it.
  void emitReturn(llvm::IRBuilder<> &B, const LoweredFunction &L,
                  llvm::Value *Result, llvm::Value *Object = nullptr,
                  ir::Type ObjectType = {});

private:
  /// Calls \p GD (marked referenced and instantiated, so that clang's
  /// CodeGen emits it), whose LLVM parameters must be of the types of \p
  /// Args (\p What names it in a problem).
  llvm::Value *callDecl(llvm::IRBuilder<> &B, clang::GlobalDecl GD,
                        llvm::ArrayRef<llvm::Value *> Args,
                        const std::string &What, unsigned Loc);
  /// What \p Name means in namespace \p Namespace of the translation unit
  /// (through inline namespaces, as C++ looks it up).
  std::vector<clang::NamedDecl *> lookup(llvm::StringRef Namespace,
                                         llvm::StringRef Name);
  /// The namespace \p Name of the translation unit, or null.
  clang::NamespaceDecl *lookupNamespace(llvm::StringRef Name);
  /// The C++ type of a number of type \p T.
  clang::QualType scalarType(ir::Type T);
  /// The C++ type of parameter \p I of generated function \p F.
  clang::QualType paramType(const ir::Function &F, unsigned I);
  /// The declaration of the function users call for \p F, made the first
  /// time (or found, when the source declares it).
  clang::FunctionDecl *declaration(const ir::Function &F);

  /// (A map: get() and declareGenerated() hand out pointers into it that
  /// must stay valid as it grows.)
  std::map<const ir::Function *, LoweredFunction> Functions;
};

} // namespace chainrule::codegen

#endif // CHAINRULE_LIB_CODEGEN_MODULESTATE_H
