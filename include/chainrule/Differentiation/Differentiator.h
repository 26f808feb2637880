//===- chainrule/Differentiation/Differentiator.h - AD entry ----*- C++ -*-===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// The Differentiator turns primal functions of a module into derivative
/// functions of the same module: `f_grad` and `f_vjp` (reverse mode) and
/// `f_jvp` (forward mode), with the ABI of docs/user-guide.md ("The generated functions"). Derivatives of
/// callees are generated on demand, once per (function, mode, active set),
/// and reused by every caller.
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_DIFFERENTIATION_DIFFERENTIATOR_H
#define CHAINRULE_DIFFERENTIATION_DIFFERENTIATOR_H

#include "chainrule/IR/DerivativeKinds.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace chainrule::ir {
class Function;
class Module;
} // namespace chainrule::ir

namespace chainrule::differentiation {

using ir::DerivativeKind;
using ir::GradientMode;
using ir::getSuffix;

/// The name of \p Primal's \p K derivative before it is made unique:
/// `f_grad`; a member function's is a free function's (`S::f` gives
/// `f_grad`, `operator()` gives `call_grad`).
std::string getDerivativeName(const ir::Function &Primal, DerivativeKind K);

/// Generates derivative functions into a module.
class Differentiator {
public:
  explicit Differentiator(ir::Module &M,
                          GradientMode Mode = GradientMode::Auto)
      : M(M), Mode(Mode) {}

  /// The \p K derivative of \p Primal with respect to the parameters whose
  /// flag in \p Active is set, built on first request. \p Requested marks a
  /// derivative the user asked for (external linkage, in the header); others
  /// are helpers for callers (internal linkage).
  ir::Function *getOrCreate(ir::Function *Primal, DerivativeKind K,
                            const std::vector<bool> &Active, bool Requested);

  /// Announces, before anything is built, a derivative the user asked for,
  /// so that calls use it rather than a helper with a clashing signature.
  void reserve(ir::Function *Primal, DerivativeKind K,
               const std::vector<bool> &Active);

  /// The signature of the function a call's derivative calls.
  enum class CallForm {
    Pullback,    ///< generated: seed, a shadow per floating parameter;
                 ///< returns the primal value
    Pushforward, ///< generated: a tangent per floating parameter and a
                 ///< pointer for the primal value; returns the tangent
    CustomVJP,   ///< the user's g_vjp (or g_grad of a void g)
    CustomGrad,  ///< the user's g_grad: seed 1, returns the primal value
    CustomJVP,   ///< the user's g_jvp: returns the tangent
  };
  struct CallDerivative {
    ir::Function *Fn = nullptr; ///< null: there is none (see Problem)
    CallForm Form = CallForm::Pullback;
    /// The callee's parameters that have a shadow or tangent argument.
    std::vector<bool> Active;
  };

  /// The derivative a call of \p Callee uses in reverse mode (\p Reverse)
  /// or forward mode, when the call's arguments that carry a derivative
  /// are those flagged in \p ArgActive: a custom derivative if there is one
  /// for the mode (with respect to the default active set); else the
  /// user's `_vjp` if one was requested (reverse); else a generated
  /// Pullback or Pushforward with respect to the floating parameters
  /// active at this call, one per callee and active set. Null for a
  /// function without a body or a derivative for the mode.
  CallDerivative getForCall(ir::Function *Callee, bool Reverse,
                            const std::vector<bool> &ArgActive);

  /// A call chainrule cannot differentiate, found while building.
  struct CallProblem {
    enum Kind {
      NoDerivative,    ///< no body and no custom derivative for the mode
      ConstantWrite,   ///< a non-differentiable function writes active memory
      GradWithBuffers, ///< only g_grad, which needs shadows of buffers
      ClobberedInput,  ///< a buffer the custom vjp reads changes later
      ScopedInput,     ///< a buffer the vjp reads is sized in a branch
      NestedGrowth,    ///< a vector pushed to is made in a loop or branch
    };
    CallProblem(Kind K, unsigned Loc, const ir::Function *Callee,
                bool Reverse = true, std::string Buffer = "")
        : K(K), Loc(Loc), Callee(Callee), Reverse(Reverse),
          Buffer(std::move(Buffer)) {}
    Kind K;
    unsigned Loc; ///< the call (opaque source location)
    const ir::Function *Callee;
    bool Reverse;
    std::string Buffer; ///< for ClobberedInput, ScopedInput, NestedGrowth
  };
  /// Records \p P, once (the same call may be differentiated for several
  /// derivatives).
  void reportProblem(CallProblem P);
  const std::vector<CallProblem> &getCallProblems() const { return Problems; }

  /// A derivative that cannot be right: a value that depends on the active
  /// parameters is stored into a buffer that is not active.
  struct LostDerivative {
    const ir::Function *Primal;
    unsigned Loc;       ///< the store (opaque source location)
    std::string Buffer; ///< the parameter written
  };
  const std::vector<LostDerivative> &getLostDerivatives() const {
    return Lost;
  }

  /// Where a value that depends on the differentiated parameters is
  /// converted to an integer implicitly (`int k = x * x;`): its derivative
  /// ends there (opaque source locations, in order, each once).
  const std::vector<unsigned> &getImplicitCuts() const { return Cuts; }

  /// Names of functions the translation unit declares already (a source
  /// that includes what an earlier run generated): the helpers chainrule
  /// makes are named otherwise.
  void takeNames(std::set<std::string> Names) { Taken = std::move(Names); }

  /// Every generated function, in the order of creation.
  const std::vector<ir::Function *> &getGenerated() const { return Generated; }

private:
  /// Renames \p Fn (`f_vjp_2`) if a derivative with its name and parameter
  /// types exists: instantiations of `template <int N> double f(double)`
  /// differ only in their template arguments.
  void nameUniquely(ir::Function &Fn);

  ir::Module &M;
  GradientMode Mode;
  std::set<std::string> Signatures;
  std::set<std::string> Taken;
  using Key = std::tuple<ir::Function *, DerivativeKind, std::vector<bool>>;
  std::map<Key, ir::Function *> Cache;
  std::set<Key> Reserved;
  std::vector<ir::Function *> Generated;
  std::vector<LostDerivative> Lost;
  std::vector<unsigned> Cuts;
  std::vector<CallProblem> Problems;
};

} // namespace chainrule::differentiation

#endif // CHAINRULE_DIFFERENTIATION_DIFFERENTIATOR_H
