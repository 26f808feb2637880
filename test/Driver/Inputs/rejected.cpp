// A source chainrule rejects (for the tests of failing runs).
#include <chainrule/chainrule.h>

CHAINRULE_GRAD double jumps(double x) {
  if (x > 0)
    goto done;
  x = -x;
done:
  return x;
}
