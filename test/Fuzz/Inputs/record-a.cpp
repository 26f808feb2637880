// A struct P with one field; record-b.cpp has another P with three. A
// process lowering both (the fuzz target, this file first: it is smaller)
// must keep them apart.
#include <chainrule/chainrule.h>

struct P {
  double k;
};

CHAINRULE_GRAD
double f(const P &p, double x) { return p.k * x; }
