// Structs, member functions, operators and lambdas chainrule reports, with
// no output left (types.cpp and lambdas.cpp have more).
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=warning:
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>
#include <functional>
#include <tuple>
#include <vector>

// A struct with a private member: generated code names members.
class Hidden {
  double v;

public:
  explicit Hidden(double v) : v(v) {}
  double get() const { return v; }
};
// CHECK-DAG: objects.cpp:[[@LINE+2]]:44: error: chainrule: cannot differentiate parameter 'h' of type 'const Hidden &'
// CHECK-DAG: objects.cpp:[[@LINE-8]]:7: note: chainrule differentiates structs of plain public values; 'Hidden' is not one: its member 'v' is not public (generated code uses members by name)
CHAINRULE_GRAD double hidden(const Hidden &h) { return h.get(); }

// A virtual call.
struct Shape {
  virtual double area(double s) const { return s * s; }
  virtual ~Shape() = default;
};
// CHECK-DAG: objects.cpp:[[@LINE+2]]:42: error: chainrule: cannot differentiate parameter 's' of type 'const Shape &'
// CHECK-DAG: objects.cpp:[[@LINE-5]]:8: note: chainrule differentiates structs of plain public values; 'Shape' is not one: it has virtual functions
CHAINRULE_GRAD double shape(const Shape &s, double x) { return s.area(x); }

// A member function without a visible definition.
struct Opaque {
  double k;
  // CHECK-DAG: objects.cpp:[[@LINE+1]]:10: error: chainrule: cannot differentiate 'eval': its definition is not visible in this translation unit
  double eval(double x) const;
};
CHAINRULE_GRAD double opaque(const Opaque &o, double x) { return o.eval(x); }

// A recursive member function.
struct Series {
  double c;
  // CHECK-DAG: objects.cpp:[[@LINE+1]]:67: error: chainrule: cannot differentiate the recursive call to 'sum': member functions, constructors, operators, lambdas and functions taking lambdas are inlined (recursion works between free functions that take values, read-only buffers of numbers and buffers of integers)
  double sum(double x, int n) const { return n == 0 ? c : c + x * sum(x, n - 1); }
};
CHAINRULE_GRAD double series(const Series &s, double x) { return s.sum(x, 3); }

// Member functions that cannot be annotated: an operator other than (), a
// constructor.
struct Model {
  double w;
  // CHECK-DAG: objects.cpp:[[@LINE+1]]:25: error: chainrule: cannot differentiate 'operator+': operators other than 'operator()' cannot be annotated (annotate a named function that applies the operator)
  CHAINRULE_GRAD double operator+(double x) const { return w + x; }
  // CHECK-DAG: objects.cpp:[[@LINE+1]]:18: error: chainrule: cannot differentiate 'Model': constructors, destructors and conversions cannot be annotated (annotate a function that builds or converts the object)
  CHAINRULE_GRAD Model(double x) : w(x) {}
  // CHECK-DAG: objects.cpp:[[@LINE+1]]:3: error: chainrule: 'twice' returns several values ('Model'), so it has no gradient: ask for CHAINRULE_VJP (its _vjp takes the cotangent of the returned value) or CHAINRULE_JVP
  CHAINRULE_GRAD Model twice() const { return Model(2 * w); }
};

// An annotated function returning a struct: no gradient, and no
// derivative at all of one holding no floating-point value.
struct Pair {
  double a, b;
};
// CHECK-DAG: objects.cpp:[[@LINE+1]]:1: error: chainrule: 'both' returns several values ('Pair'), so it has no gradient: ask for CHAINRULE_VJP (its _vjp takes the cotangent of the returned value) or CHAINRULE_JVP
CHAINRULE_GRAD Pair both(double x) { return {x, 2 * x}; }
struct Counts {
  int n, m;
};
// CHECK-DAG: objects.cpp:[[@LINE+1]]:36: error: chainrule: cannot differentiate 'counts': it returns 'Counts', not a floating-point value
CHAINRULE_VJP CHAINRULE_JVP Counts counts(double x) { return {int(x), 2}; }

// A mutable lambda.
CHAINRULE_GRAD double counter(double x) {
  // CHECK-DAG: objects.cpp:[[@LINE+1]]:15: error: chainrule: cannot differentiate a mutable lambda
  auto next = [n = 0.0](double t) mutable { return t * ++n; };
  return next(x) + next(x);
}

// A lambda passed as a std::function: only a lambda's own type is followed.
// CHECK-DAG: objects.cpp:[[@LINE+1]]:51: error: chainrule: cannot differentiate parameter 'f' of type 'const std::function<double (double)> &'
double apply(const std::function<double(double)> &f, double x) { return f(x); }
CHAINRULE_GRAD double passed(double x) {
  double k = 2;
  return apply([k](double t) { return k * t; }, x);
}

// A function taking a lambda is inlined, so it cannot recurse.
// CHECK-DAG: objects.cpp:[[@LINE+2]]:25: error: chainrule: cannot differentiate the recursive call to 'nest<(lambda at {{.*}})>': member functions, constructors, operators, lambdas and functions taking lambdas are inlined (recursion works between free functions that take values, read-only buffers of numbers and buffers of integers)
template <typename F> double nest(F f, double x, int n) {
  return n == 0 ? x : f(nest(f, x, n - 1));
}
CHAINRULE_GRAD double nested(double x) {
  return nest([](double t) { return t * t; }, x, 3);
}

// An annotated function taking a lambda.
// CHECK-DAG: objects.cpp:[[@LINE+1]]:45: error: chainrule: cannot differentiate 'takes<(lambda at {{.*}})>': an annotated function cannot take a lambda (annotate the function that passes it the lambda)
template <typename F> CHAINRULE_GRAD double takes(F f, double x) { return f(x); }
double use_takes(double x) {
  return takes([](double t) { return t; }, x);
}

// A copy of a lambda.
CHAINRULE_GRAD double copied(double x) {
  auto f = [x](double t) { return x * t; };
  // CHECK-DAG: objects.cpp:[[@LINE+1]]:8: error: chainrule: cannot differentiate a copy of a lambda (call it by the name it is defined with)
  auto g = f;
  return g(x);
}

// An array captured by copy.
CHAINRULE_GRAD double array_copy(double x) {
  double a[2] = {x, x};
  // CHECK-DAG: objects.cpp:[[@LINE+1]]:12: error: chainrule: cannot differentiate a lambda: it captures the array 'a' by copy (capture arrays by reference)
  auto f = [a](int i) { return a[i]; };
  return f(1);
}

// A member function marked non-differentiable.
struct Tuned {
  double k;
  // CHECK-DAG: objects.cpp:[[@LINE+1]]:38: error: chainrule: cannot differentiate 'step': member functions and operators cannot have custom derivatives or be non-differentiable (wrap the call in a free function)
  CHAINRULE_NONDIFFERENTIABLE double step(double x) const { return k * x; }
};
CHAINRULE_GRAD double tuned(const Tuned &t, double x) { return x * t.step(x); }

// An operator declared but not defined.
struct Vec {
  double x;
};
// CHECK-DAG: objects.cpp:[[@LINE+1]]:5: error: chainrule: cannot differentiate 'operator+': its definition is not visible in this translation unit
Vec operator+(Vec a, Vec b);
CHAINRULE_GRAD double add(double x) {
  Vec a{x};
  Vec c = a + a;
  return c.x;
}

// Operators of library classes that return a reference and have no rule:
// their address was asked of the call, which asked for its address (a
// crash, by exhausting the stack, before chainrule caught the cycle).
CHAINRULE_GRAD double assigned(const std::vector<double> &v) {
  std::vector<double> w(2);
  // CHECK-DAG: objects.cpp:[[@LINE+1]]:3: error: chainrule: cannot differentiate a call to 'std::vector<double>::operator='
  w = v;
  return w[0] * w[1];
}
