// Types chainrule has no layout for, as parameters, locals, return values,
// captures and expressions: the error names the type, and for a struct a
// note at the struct says why it is not one chainrule differentiates. No
// output is left.
// RUN: rm -f %t.out
// RUN: not %chainrule-gen %s -o %t.out -- %cxxflags > %t.err 2>&1
// RUN: FileCheck %s --input-file=%t.err --implicit-check-not=error: --implicit-check-not=warning:
// RUN: FileCheck %s --input-file=%t.err --check-prefix=NOVECTOR
// RUN: test ! -e %t.out

#include <chainrule/chainrule.h>

#include <functional>
#include <vector>

// A base class.
struct Base {
  double a;
};
// CHECK-DAG: types.cpp:[[@LINE+1]]:8: note: chainrule differentiates structs of plain public values; 'Derived' is not one: it has base classes
struct Derived : Base {
  double b;
};
// CHECK-DAG: types.cpp:[[@LINE+1]]:46: error: chainrule: cannot differentiate parameter 'd' of type 'const Derived &'
CHAINRULE_GRAD double derived(const Derived &d) { return d.b; }

// A union.
// CHECK-DAG: types.cpp:[[@LINE+1]]:7: note: chainrule differentiates structs of plain public values; 'Bits' is not one: it is a union
union Bits {
  double d;
  long l;
};
// CHECK-DAG: types.cpp:[[@LINE+1]]:42: error: chainrule: cannot differentiate parameter 'u' of type 'const Bits &'
CHAINRULE_GRAD double punned(const Bits &u) { return u.d; }

// A user-written copy constructor.
// CHECK-DAG: types.cpp:[[@LINE+1]]:8: note: chainrule differentiates structs of plain public values; 'Counted' is not one: it has a user-written copy, move or destructor
struct Counted {
  double a;
  Counted(double a) : a(a) {}
  Counted(const Counted &o) : a(o.a) {}
};
// CHECK-DAG: types.cpp:[[@LINE+1]]:46: error: chainrule: cannot differentiate parameter 'c' of type 'const Counted &'
CHAINRULE_GRAD double counted(const Counted &c) { return c.a; }

// A constructor, and a member that is not a plain value.
// CHECK-DAG: types.cpp:[[@LINE+1]]:8: note: chainrule differentiates structs of plain public values; 'Buffer' is not one: it has constructors or default member initializers, and members that are not plain values
struct Buffer {
  std::vector<double> v;
  Buffer() : v(3) {}
};
// CHECK-DAG: types.cpp:[[@LINE+1]]:44: error: chainrule: cannot differentiate parameter 'b' of type 'const Buffer &'
CHAINRULE_GRAD double buffer(const Buffer &b) { return b.v[0]; }

// A pointer to a pointer member (a pointer to numbers is a view).
// CHECK-DAG: types.cpp:[[@LINE+1]]:8: note: chainrule differentiates structs of plain public values; 'Rows' is not one: its member 'p' has type 'double **'
struct Rows {
  double **p;
};
// CHECK-DAG: types.cpp:[[@LINE+1]]:40: error: chainrule: cannot differentiate parameter 'v' of type 'const Rows &'
CHAINRULE_GRAD double rows(const Rows &v) { return v.p[0][0]; }

// A std::vector returned by value (no note: std::vector is no struct to
// chainrule, whatever its implementation).
// NOVECTOR-NOT: 'vector<double>' is not one
// CHECK-DAG: types.cpp:[[@LINE+1]]:1: error: chainrule: cannot differentiate a return value of type 'std::vector<double>'
std::vector<double> doubled(const std::vector<double> &v) {
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < v.size(); ++i)
    r[i] = 2 * v[i];
  return r;
}
// CHECK-DAG: types.cpp:[[@LINE+1]]:76: note: called from 'first_doubled', differentiated here
CHAINRULE_GRAD double first_doubled(const std::vector<double> &v) { return doubled(v)[0]; }

// A std::function local.
CHAINRULE_GRAD double stored(double x) {
  // CHECK-DAG: types.cpp:[[@LINE+1]]:33: error: chainrule: cannot differentiate local variable 'f' of type 'std::function<double (double)>'
  std::function<double(double)> f = [](double t) { return t * t; };
  return f(x);
}

// A lambda's capture of a type chainrule has no layout for, in a function
// the lambda is passed to.
template <typename F> double apply(F f, double x) { return f(x); }
CHAINRULE_GRAD double captures_pointer_address(double x, const double *p) {
  // CHECK-DAG: types.cpp:[[@LINE+1]]:17: error: chainrule: cannot differentiate captured variable 'q' of type 'const double **'
  return apply([q = &p](double t) { return **q * t; }, x);
}

// A temporary of a class with a private member.
// CHECK-DAG: types.cpp:[[@LINE+1]]:7: note: chainrule differentiates structs of plain public values; 'Hidden' is not one: its member 'v' is not public (generated code uses members by name)
class Hidden {
  double v;

public:
  explicit Hidden(double v) : v(v) {}
  double get() const { return v; }
};
// CHECK-DAG: types.cpp:[[@LINE+1]]:52: error: chainrule: cannot differentiate an expression of type 'Hidden'
CHAINRULE_GRAD double temporary(double x) { return Hidden(x).get(); }

// A lambda used as a value, not called.
CHAINRULE_GRAD double unused_lambda(double x) {
  // CHECK-DAG: types.cpp:[[@LINE+2]]:9: error: chainrule: cannot differentiate an expression of type '(lambda at {{.*}}types.cpp:[[@LINE+2]]:9)'
  // CHECK-DAG: types.cpp:[[@LINE+1]]:9: note: chainrule differentiates structs of plain public values; '(lambda at {{.*}})' is not one: it is the type of a lambda (call a lambda where it is defined)
  (void)[] {};
  return x;
}
