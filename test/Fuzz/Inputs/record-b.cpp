// A struct P with three fields; record-a.cpp has another P with one.
#include <chainrule/chainrule.h>

struct P {
  double a, b, c;
};

struct Q {
  P p[4];
};

CHAINRULE_GRAD CHAINRULE_JVP
double g(const Q &q, double x) {
  double s = 0;
  for (int i = 0; i < 4; ++i)
    s += q.p[i].a * x + q.p[i].b * q.p[i].c;
  return s;
}
