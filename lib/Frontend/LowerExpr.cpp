//===- LowerExpr.cpp - Clang AST to SSA: expressions ----------------------===//
//
// Part of chainrule: a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
/// \file
/// Expressions: literals, locals, conversions, arithmetic, comparisons and
/// logic, assignments to locals and the conditional operator (calls are in
/// LowerCalls.cpp, memory in LowerMemory.cpp, structs in LowerObjects.cpp).
//===----------------------------------------------------------------------===//

#include "FunctionLowering.h"

#include "chainrule/IR/IR.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace chainrule;
using namespace chainrule::frontend;
using namespace chainrule::ir;

/// How an expression chainrule does not support is named in the error.
static std::string describeExpr(const clang::Expr *E) {
  switch (E->getStmtClass()) {
  case clang::Stmt::ArraySubscriptExprClass:
    return "an array subscript";
  case clang::Stmt::MemberExprClass:
    return "a member access";
  case clang::Stmt::CXXMemberCallExprClass:
    return "a member function call";
  case clang::Stmt::CXXOperatorCallExprClass:
    return "a call to an overloaded operator";
  case clang::Stmt::LambdaExprClass:
    return "a lambda expression";
  case clang::Stmt::CXXThrowExprClass:
    return "a 'throw' expression";
  case clang::Stmt::CXXThisExprClass:
    return "'this'";
  case clang::Stmt::StringLiteralClass:
    return "a string literal";
  case clang::Stmt::CXXConstructExprClass:
  case clang::Stmt::CXXTemporaryObjectExprClass:
    return "a constructor call";
  case clang::Stmt::InitListExprClass:
    return "an initializer list";
  case clang::Stmt::StmtExprClass:
    return "a statement expression";
  default:
    return std::string("an expression of kind '") + E->getStmtClassName() +
           "'";
  }
}

/// \p V exactly, as a long double (which holds every float and double).
static long double toLongDouble(llvm::APFloat V) {
  bool LosesInfo;
  V.convert(llvm::APFloat::x87DoubleExtended(),
            llvm::APFloat::rmNearestTiesToEven, &LosesInfo);
  llvm::SmallString<64> Text;
  V.toString(Text, /*FormatPrecision=*/0, /*FormatMaxPadding=*/0);
  return std::strtold(Text.c_str(), nullptr);
}

std::optional<Type> FunctionLowering::typeOf(const clang::Expr *E) {
  std::optional<Type> Ty = convertType(Ctx, E->getType());
  if (!Ty && !Failed) {
    reportUnsupportedType(Ctx, E->getBeginLoc(), "an expression", E->getType());
    Failed = true;
  }
  return Ty;
}

/// True when \p E reads memory that may not be there: an element of a
/// buffer, or of an array at an index that may be out of its bounds, or
/// what a pointer points to.
static bool mayReadInvalid(const clang::Expr *E, const clang::ASTContext &Ctx) {
  if (const auto *AS = llvm::dyn_cast<clang::ArraySubscriptExpr>(E)) {
    const clang::Expr *Base = AS->getBase()->IgnoreParenImpCasts();
    const auto *AT = Ctx.getAsConstantArrayType(Base->getType());
    clang::Expr::EvalResult Index;
    return !AT || !AS->getIdx()->EvaluateAsInt(Index, Ctx) ||
           Index.Val.getInt().isNegative() ||
           Index.Val.getInt().getZExtValue() >= AT->getSize().getZExtValue();
  }
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E))
    return UO->getOpcode() == clang::UO_Deref;
  if (const auto *ME = llvm::dyn_cast<clang::MemberExpr>(E))
    return ME->isArrow();
  return false;
}

/// True when \p Guard evaluates an expression the same as \p E.
static bool evaluates(const clang::Expr *Guard, const clang::Expr *E,
                      const clang::ASTContext &Ctx) {
  llvm::FoldingSetNodeID GuardID, ID;
  Guard->Profile(GuardID, Ctx, /*Canonical=*/true);
  E->Profile(ID, Ctx, /*Canonical=*/true);
  if (GuardID == ID)
    return true;
  for (const clang::Stmt *Child : Guard->children())
    if (const auto *CE = llvm::dyn_cast_or_null<clang::Expr>(Child))
      if (evaluates(CE, E, Ctx))
        return true;
  return false;
}

bool FunctionLowering::isSpeculatable(const clang::Expr *E,
                                      const clang::Expr *Guard) const {
  E = E->IgnoreParens();
  if (llvm::isa<clang::CallExpr>(E) || llvm::isa<clang::ConditionalOperator>(E))
    return false;
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E)) {
    if (BO->isAssignmentOp() || BO->isCommaOp())
      return false;
    if ((BO->getOpcode() == clang::BO_Div || BO->getOpcode() == clang::BO_Rem) &&
        BO->getType()->isIntegerType())
      return false;
  }
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E))
    if (UO->isIncrementDecrementOp())
      return false;
  // A read the guard does not make first may be what it guards against:
  // `b ? b[i] : 0`, `i < n && x[i] > 0`.
  if (mayReadInvalid(E, Ctx) && !(Guard && evaluates(Guard, E, Ctx)))
    return false;
  for (const clang::Stmt *Child : E->children())
    if (const auto *CE = llvm::dyn_cast_or_null<clang::Expr>(Child))
      if (!isSpeculatable(CE, Guard))
        return false;
  return true;
}

Value *FunctionLowering::lowerExpr(const clang::Expr *E) {
  if (Failed)
    return nullptr;
  setLoc(E);
  E = E->IgnoreParens();
  if (const auto *FE = llvm::dyn_cast<clang::FullExpr>(E))
    return lowerExpr(FE->getSubExpr());
  if (const auto *MT = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E))
    return lowerExpr(MT->getSubExpr());
  if (const auto *DA = llvm::dyn_cast<clang::CXXDefaultArgExpr>(E))
    return lowerExpr(DA->getExpr());
  if (const auto *DI = llvm::dyn_cast<clang::CXXDefaultInitExpr>(E))
    return lowerExpr(DI->getExpr());
  // A temporary std::unique_ptr is its pointer (destroyed with the
  // function's locals).
  if (const auto *BT = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(E);
      BT && iteratorPointer(E->getType()))
    return lowerExpr(BT->getSubExpr());
  if (llvm::isa<clang::CXXThisExpr>(E))
    return This ? This : unsupported(E, describeExpr(E));
  // A struct value: the address of a new object holding it (an iterator is
  // a pointer).
  if (E->isPRValue() && E->getType()->isRecordType() &&
      !iteratorPointer(E->getType()))
    return lowerRecord(E);

  if (const auto *IL = llvm::dyn_cast<clang::IntegerLiteral>(E)) {
    std::optional<Type> Ty = typeOf(E);
    return Ty ? B.constInt(*Ty, IL->getValue().getSExtValue()) : nullptr;
  }
  if (const auto *BL = llvm::dyn_cast<clang::CXXBoolLiteralExpr>(E))
    return B.constBool(BL->getValue());
  if (const auto *FL = llvm::dyn_cast<clang::FloatingLiteral>(E)) {
    std::optional<Type> Ty = typeOf(E);
    if (!Ty)
      return nullptr;
    return B.constFloat(*Ty, toLongDouble(FL->getValue()));
  }
  if (const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(E))
    return lowerDeclRef(*DR);
  if (const auto *CE = llvm::dyn_cast<clang::CastExpr>(E))
    return lowerCast(*CE);
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E))
    return lowerUnary(*UO);
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E))
    return lowerBinary(*BO);
  if (const auto *CO = llvm::dyn_cast<clang::ConditionalOperator>(E))
    return lowerConditional(CO->getCond(), CO->getTrueExpr(),
                            CO->getFalseExpr(), CO->getType());
  // A scalar initialized with braces (`double y{x}`): its one element,
  // which Clang has already converted to the scalar's type.
  if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(E);
      IL && IL->getNumInits() == 1 && E->getType()->isScalarType())
    return lowerExpr(IL->getInit(0));
  // A constant expression of another kind (sizeof, a constexpr call such
  // as std::numeric_limits<double>::epsilon()) is its value.
  if (Value *C = lowerConstant(E))
    return C;
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E)) {
    const clang::CXXRecordDecl *RD = MC->getRecordDecl();
    if (RD && tapeElement(Ctx.getRecordType(RD)))
      return lowerTapeCall(*MC);
    if (isStdContainer(RD))
      return lowerContainerCall(*MC);
    if (isStdValue(RD))
      return lowerStdValueCall(*MC);
    // `p.get()` of a std::unique_ptr: the pointer.
    if (iteratorPointer(MC->getImplicitObjectArgument()->getType()) &&
        MC->getMethodDecl()->getIdentifier() &&
        MC->getMethodDecl()->getName() == "get")
      return lowerExpr(MC->getImplicitObjectArgument());
  }
  if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E);
      OC && OC->getNumArgs() && iteratorPointer(OC->getArg(0)->getType()))
    return isMemoryLValue(E) ? lowerLValue(E) : lowerIteratorOperator(*OC);
  // A copy of an iterator, or a temporary one.
  if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(E);
      CE && CE->getNumArgs() == 1 && iteratorPointer(E->getType()))
    return lowerExpr(stripTemporaries(CE->getArg(0)));
  if (llvm::isa<clang::MaterializeTemporaryExpr>(E) &&
      iteratorPointer(E->getType()))
    return lowerExpr(stripTemporaries(E));
  if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E);
      OC && OC->getNumArgs() &&
      isStdValue(OC->getArg(0)->getType()->getAsCXXRecordDecl()))
    return lowerStdValueOperator(*OC);
  if (const auto *OC = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E)) {
    const auto *MD =
        llvm::dyn_cast_or_null<clang::CXXMethodDecl>(OC->getDirectCallee());
    if (MD && !MD->isUserProvided() &&
        (MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator()))
      return lowerRecordAssign(*OC);
    if (MD && MD->getParent()->isInStdNamespace() && containerSubscripted(E))
      return lowerLValue(E); // v[i] of a std::vector or std::array
    // Other operators of containers (a vector's `=`): no rule, and their
    // bodies manage memory.
    if (MD && isStdContainer(MD->getParent()))
      return unsupported(E, "a call to '" + MD->getQualifiedNameAsString() +
                                "'");
  }
  if (const auto *New = llvm::dyn_cast<clang::CXXNewExpr>(E))
    return lowerNew(*New);
  if (llvm::isa<clang::CXXDeleteExpr>(E))
    return lowerFree(*E);
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E))
    return lowerCall(*Call);
  return unsupported(E, describeExpr(E));
}

Value *FunctionLowering::lowerConstant(const clang::Expr *E) {
  if (E->isValueDependent() || E->isTypeDependent())
    return nullptr;
  clang::Expr::EvalResult R;
  if (!E->EvaluateAsRValue(R, Ctx) || R.HasSideEffects)
    return nullptr;
  std::optional<Type> Ty = convertType(Ctx, E->getType());
  if (!Ty)
    return nullptr;
  if (R.Val.isInt())
    return Ty->isBool() ? B.constBool(R.Val.getInt().getBoolValue())
                        : B.constInt(*Ty, R.Val.getInt().getExtValue());
  if (R.Val.isFloat() && Ty->isFloat())
    return B.constFloat(*Ty, toLongDouble(R.Val.getFloat()));
  return nullptr;
}

Value *FunctionLowering::lowerDeclRef(const clang::DeclRefExpr &E) {
  const clang::ValueDecl *D = E.getDecl();
  if (const auto *EC = llvm::dyn_cast<clang::EnumConstantDecl>(D)) {
    std::optional<Type> Ty = typeOf(&E);
    return Ty ? B.constInt(*Ty, EC->getInitVal().getSExtValue()) : nullptr;
  }
  const auto *VD = llvm::dyn_cast<clang::VarDecl>(D);
  if (VD && PtrBase.count(VD))
    return pointerValue(VD);
  if (VD && Vars.count(VD))
    return Vars.lookup(VD);
  // A constant from outside the function: use its value.
  clang::Expr::EvalResult R;
  if (VD && VD->getType().isConstQualified() &&
      E.EvaluateAsRValue(R, Ctx) && !R.HasSideEffects) {
    std::optional<Type> Ty = typeOf(&E);
    if (!Ty)
      return nullptr;
    if (R.Val.isInt())
      return Ty->isBool() ? B.constBool(R.Val.getInt().getBoolValue())
                          : B.constInt(*Ty, R.Val.getInt().getSExtValue());
    if (R.Val.isFloat())
      return B.constFloat(*Ty, toLongDouble(R.Val.getFloat()));
  }
  return unsupported(&E, describeExpr(&E));
}

Value *FunctionLowering::lowerCast(const clang::CastExpr &E) {
  const clang::Expr *Sub = E.getSubExpr();
  switch (E.getCastKind()) {
  case clang::CK_LValueToRValue:
    if (isMemoryLValue(Sub))
      return lowerLoad(Sub);
    return lowerExpr(Sub);
  case clang::CK_NoOp:
    return lowerExpr(Sub);
  case clang::CK_ConstructorConversion:
    // `std::unique_ptr<T[]>(new T[n])`: the pointer.
    if (iteratorPointer(E.getType()))
      return lowerExpr(Sub);
    break;
  case clang::CK_ArrayToPointerDecay:
    return lowerLValue(Sub);
  case clang::CK_ToVoid:
    lowerExpr(Sub);
    return nullptr;
  case clang::CK_NullToPointer: {
    // A null argument: the callee's "no buffer".
    std::optional<Type> Ty = typeOf(&E);
    return Ty ? B.nullPointer(*Ty) : nullptr;
  }
  case clang::CK_IntegralToFloating:
  case clang::CK_FloatingToIntegral:
  case clang::CK_FloatingCast:
  case clang::CK_IntegralCast:
  case clang::CK_IntegralToBoolean:
  case clang::CK_FloatingToBoolean:
  case clang::CK_BooleanToSignedIntegral: {
    Value *V = lowerExpr(Sub);
    std::optional<Type> Ty = typeOf(&E);
    if (!V || !Ty)
      return nullptr;
    Value *R = B.cast(*Ty, V);
    if (const auto *ICE = llvm::dyn_cast<clang::ImplicitCastExpr>(&E);
        ICE && !ICE->isPartOfExplicitCast() &&
        E.getCastKind() == clang::CK_FloatingToIntegral)
      markImplicitCut(R, E.getExprLoc());
    return R;
  }
  case clang::CK_BitCast: // (double *)malloc(n * sizeof(double))
    if (const clang::CallExpr *Alloc = heapAllocation(Sub))
      return lowerMalloc(*Alloc, E.getType());
    break;
  case clang::CK_PointerToBoolean: // if (p): whether p is null
    return lowerNullTest(Sub, /*IsNull=*/false, &E);
  default:
    break;
  }
  return unsupported(&E, std::string("a conversion of kind '") +
                             E.getCastKindName() + "'");
}

/// The variable an lvalue designates through assignments and prefix
/// increments (`(t *= x)` designates t), if it is a variable.
static const clang::Expr *designated(const clang::Expr *E) {
  E = E->IgnoreParens();
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E);
      BO && BO->isAssignmentOp())
    return designated(BO->getLHS());
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E);
      UO && UO->isPrefix() && UO->isIncrementDecrementOp())
    return designated(UO->getSubExpr());
  return E;
}

const clang::VarDecl *FunctionLowering::assignedVar(const clang::Expr *LHS) {
  // An assignment to an assignment (`(t *= x) *= y`): the inner one first.
  if (const clang::Expr *Inner = LHS->IgnoreParens();
      designated(Inner) != Inner && !lowerExpr(Inner))
    return nullptr;
  const auto *DR = llvm::dyn_cast<clang::DeclRefExpr>(designated(LHS));
  const auto *VD = DR ? llvm::dyn_cast<clang::VarDecl>(DR->getDecl()) : nullptr;
  if (VD && Vars.count(VD))
    return VD;
  return unsupported(LHS->IgnoreParens(),
                     "an assignment to " + describeExpr(LHS->IgnoreParens()));
}

Value *FunctionLowering::lowerUnary(const clang::UnaryOperator &E) {
  switch (E.getOpcode()) {
  case clang::UO_Plus:
    return lowerExpr(E.getSubExpr());
  case clang::UO_Minus: {
    Value *V = lowerExpr(E.getSubExpr());
    return V ? B.neg(V) : nullptr;
  }
  case clang::UO_LNot: {
    const clang::Expr *Sub = E.getSubExpr()->IgnoreParenImpCasts();
    if (Sub->getType()->isPointerType()) // !p
      return lowerNullTest(Sub, /*IsNull=*/true, &E);
    Value *V = lowerExpr(E.getSubExpr());
    return V ? B.logicNot(V) : nullptr;
  }
  case clang::UO_PreInc:
  case clang::UO_PreDec:
  case clang::UO_PostInc:
  case clang::UO_PostDec: {
    if (isMemoryLValue(E.getSubExpr()))
      return lowerMemoryIncDec(E);
    const clang::VarDecl *VD = assignedVar(E.getSubExpr());
    if (!VD)
      return nullptr;
    if (PtrBase.count(VD))
      return lowerPointerIncDec(E, VD);
    Value *Old = Vars.lookup(VD);
    if (!Old->getType().isInt() && !Old->getType().isFloat())
      return unsupported(&E, "an increment of a 'bool'");
    Value *One = B.constLike(Old, 1);
    Value *New = E.isIncrementOp() ? B.add(Old, One) : B.sub(Old, One);
    New->setName(VD->getNameAsString());
    Vars[VD] = New;
    return E.isPrefix() ? New : Old;
  }
  case clang::UO_AddrOf:
    return lowerLValue(E.getSubExpr());
  case clang::UO_Not: {
    Value *V = lowerExpr(E.getSubExpr());
    return V ? B.create(OpKind::BitNot, V->getType(), {V})->getResult()
             : nullptr;
  }
  default:
    return unsupported(&E, ("the operator '" +
                            clang::UnaryOperator::getOpcodeStr(E.getOpcode()) +
                            "'")
                               .str());
  }
}

/// The op kind of an arithmetic binary operator, if it is one.
static std::optional<OpKind> arithmeticKind(clang::BinaryOperatorKind K) {
  switch (K) {
  case clang::BO_Add:
  case clang::BO_AddAssign:
    return OpKind::Add;
  case clang::BO_Sub:
  case clang::BO_SubAssign:
    return OpKind::Sub;
  case clang::BO_Mul:
  case clang::BO_MulAssign:
    return OpKind::Mul;
  case clang::BO_Div:
  case clang::BO_DivAssign:
    return OpKind::Div;
  case clang::BO_Rem:
  case clang::BO_RemAssign:
    return OpKind::Rem;
  case clang::BO_And:
  case clang::BO_AndAssign:
    return OpKind::BitAnd;
  case clang::BO_Or:
  case clang::BO_OrAssign:
    return OpKind::BitOr;
  case clang::BO_Xor:
  case clang::BO_XorAssign:
    return OpKind::BitXor;
  case clang::BO_Shl:
  case clang::BO_ShlAssign:
    return OpKind::Shl;
  case clang::BO_Shr:
  case clang::BO_ShrAssign:
    return OpKind::Shr;
  default:
    return std::nullopt;
  }
}

static std::optional<CmpPred> comparisonPredicate(clang::BinaryOperatorKind K) {
  switch (K) {
  case clang::BO_EQ:
    return CmpPred::EQ;
  case clang::BO_NE:
    return CmpPred::NE;
  case clang::BO_LT:
    return CmpPred::LT;
  case clang::BO_LE:
    return CmpPred::LE;
  case clang::BO_GT:
    return CmpPred::GT;
  case clang::BO_GE:
    return CmpPred::GE;
  default:
    return std::nullopt;
  }
}

Value *FunctionLowering::lowerBinary(const clang::BinaryOperator &E) {
  clang::BinaryOperatorKind K = E.getOpcode();
  if (E.isAssignmentOp())
    return lowerAssign(E);
  if (K == clang::BO_Comma) {
    lowerExpr(E.getLHS());
    return lowerExpr(E.getRHS());
  }
  if (K == clang::BO_LAnd || K == clang::BO_LOr) {
    // Short-circuit evaluation matters only when the right operand could
    // fail or have effects; otherwise both sides are evaluated.
    bool IsAnd = K == clang::BO_LAnd;
    if (isSpeculatable(E.getRHS(), E.getLHS())) {
      Value *L = lowerExpr(E.getLHS());
      Value *R = lowerExpr(E.getRHS());
      if (!L || !R)
        return nullptr;
      return IsAnd ? B.logicAnd(L, R) : B.logicOr(L, R);
    }
    clang::QualType BoolTy = Ctx.BoolTy;
    return IsAnd ? lowerConditional(E.getLHS(), E.getRHS(), nullptr, BoolTy)
                 : lowerConditional(E.getLHS(), nullptr, E.getRHS(), BoolTy);
  }
  if (E.getLHS()->getType()->isPointerType() ||
      E.getRHS()->getType()->isPointerType())
    return lowerPointerArith(E);
  std::optional<OpKind> Arith = arithmeticKind(K);
  std::optional<CmpPred> Pred = comparisonPredicate(K);
  if (!Arith && !Pred)
    return unsupported(&E, ("the operator '" + E.getOpcodeStr() + "'").str());
  Value *L = lowerExpr(E.getLHS());
  Value *R = lowerExpr(E.getRHS());
  if (!L || !R)
    return nullptr;
  if (Pred)
    return B.cmp(*Pred, L, R);
  if (*Arith == OpKind::Rem && !L->getType().isInt())
    return unsupported(&E, "'%' on floating values");
  // A shift's count has its own type (C++ converts the operands of a shift
  // apart).
  if (*Arith == OpKind::Shl || *Arith == OpKind::Shr)
    R = B.cast(L->getType(), R);
  setLoc(&E);
  return B.create(*Arith, L->getType(), {L, R})->getResult();
}

Value *FunctionLowering::compoundResult(const clang::BinaryOperator &E,
                                        Value *Old, Value *R) {
  // x op= y computes in the computation type, then converts back.
  const auto &CA = llvm::cast<clang::CompoundAssignOperator>(E);
  std::optional<OpKind> Arith = arithmeticKind(E.getOpcode());
  if (!Arith)
    return unsupported(&E, ("the operator '" + E.getOpcodeStr() + "'").str());
  std::optional<Type> LhsTy = convertType(Ctx, CA.getComputationLHSType());
  std::optional<Type> ResTy = convertType(Ctx, CA.getComputationResultType());
  if (!LhsTy || !ResTy)
    return unsupported(&E, "this compound assignment");
  Value *L = B.cast(*LhsTy, Old);
  R = B.cast(*LhsTy, R);
  if (*Arith == OpKind::Rem && !L->getType().isInt())
    return unsupported(&E, "'%=' on floating values");
  setLoc(&E);
  Value *Res = B.create(*Arith, L->getType(), {L, R})->getResult();
  Value *New = B.cast(Old->getType(), B.cast(*ResTy, Res));
  if (Old->getType().isInt() && Res->getType().isFloat())
    markImplicitCut(New, E.getExprLoc()); // `k += x`
  return New;
}

void FunctionLowering::markImplicitCut(Value *V, clang::SourceLocation Loc) {
  if (Op *D = V->getDefiningOp(); D && D->is(OpKind::Cast)) {
    D->setIntValue(1);
    D->setLoc(Loc.getRawEncoding());
  }
}

Value *FunctionLowering::lowerAssign(const clang::BinaryOperator &E) {
  if (isMemoryLValue(E.getLHS()))
    return lowerMemoryAssign(E);
  const clang::VarDecl *VD = assignedVar(E.getLHS());
  if (!VD)
    return nullptr;
  if (PtrBase.count(VD)) {
    clang::BinaryOperatorKind K = E.getOpcode();
    if (K != clang::BO_Assign && K != clang::BO_AddAssign &&
        K != clang::BO_SubAssign)
      return unsupported(&E, ("the operator '" + E.getOpcodeStr() +
                              "' on a pointer").str());
    Value *R = lowerExpr(E.getRHS());
    if (!R)
      return nullptr;
    Value *P = K == clang::BO_Assign   ? R
               : K == clang::BO_AddAssign ? B.index(pointerValue(VD), R)
                                          : B.index(pointerValue(VD), B.neg(R));
    return assignPointer(VD, P, &E) ? pointerValue(VD) : nullptr;
  }
  Value *New;
  if (E.getOpcode() == clang::BO_Assign) {
    New = lowerExpr(E.getRHS());
  } else {
    Value *R = lowerExpr(E.getRHS());
    if (!R)
      return nullptr;
    New = compoundResult(E, Vars.lookup(VD), R);
  }
  if (!New)
    return nullptr;
  if (New->getName().empty() && New->getDefiningOp() &&
      !New->getDefiningOp()->is(OpKind::Constant))
    New->setName(VD->getNameAsString());
  Vars[VD] = New;
  return New;
}

Value *FunctionLowering::lowerRValue(const clang::Expr *E) {
  E = stripTemporaries(E);
  return isMemoryLValue(E) ? lowerLoad(E) : lowerExpr(E);
}

Value *FunctionLowering::lowerConditional(const clang::Expr *CondE,
                                          const clang::Expr *TrueE,
                                          const clang::Expr *FalseE,
                                          clang::QualType QT) {
  Value *Cond = lowerExpr(CondE);
  std::optional<Type> Ty = convertType(Ctx, QT);
  if (!Cond)
    return nullptr;
  if (!Ty)
    return unsupported(CondE, "a conditional operator of this type");
  // A null arm stands for the constant the short-circuit gives; an arm
  // that designates an element (`c ? a[i] : a[0]`, an lvalue whose value
  // is read) is a load.
  auto Arm = [&](const clang::Expr *X, bool Constant) -> Value * {
    if (!X)
      return B.constBool(Constant);
    return lowerRValue(X);
  };
  if ((!TrueE || isSpeculatable(TrueE, CondE)) &&
      (!FalseE || isSpeculatable(FalseE, CondE))) {
    Value *T = Arm(TrueE, true), *F = Arm(FalseE, false);
    return T && F ? B.select(Cond, T, F) : nullptr;
  }
  // An arm that assigns locals (`c ? (t = x) : y`) yields them too.
  Op *If = B.createIf(Cond, {*Ty});
  Builder Outer = B;
  auto Snapshot = Vars;
  decltype(Vars) After[2];
  Value *Arms[2] = {};
  for (unsigned I = 0; I != 2 && !Failed; ++I) {
    B.setInsertionPointToEnd(If->getRegion(I));
    Vars = Snapshot;
    Arms[I] = Arm(I == 0 ? TrueE : FalseE, I == 0);
    After[I] = Vars;
  }
  B = Outer;
  Vars = Snapshot;
  if (Failed || !Arms[0] || !Arms[1])
    return nullptr;
  llvm::SmallVector<VarKey, 4> Changed;
  for (auto &[K, V] : Snapshot)
    if (After[0].lookup(K) != V || After[1].lookup(K) != V)
      Changed.push_back(K);
  for (unsigned I = 0; I != 2; ++I) {
    llvm::SmallVector<Value *, 4> Yielded{Arms[I]};
    for (VarKey K : Changed)
      Yielded.push_back(After[I].lookup(K));
    Builder(If->getRegion(I)).yield(Yielded);
  }
  for (VarKey K : Changed)
    Vars[K] = If->addResult(Snapshot.lookup(K)->getType(), nameOf(K));
  return If->getResult(0);
}
