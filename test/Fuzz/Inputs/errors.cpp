#include <chainrule/chainrule.h>

double external(double x);
struct Base {
  virtual double f(double x) const { return x; }
};
CHAINRULE_GRAD_WRT(n)
double bad(double x, int n, double **p) {
  double (*g)(double) = external;
  if (x > 0)
    goto done;
  x = g(x);
done:
  return external(x) + **p;
}
CHAINRULE_GRAD int notfloat(double x) { return x; }
