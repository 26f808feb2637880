// Enumerations, scoped and unscoped, as parameters, locals, struct members,
// switch subjects, call arguments and constants: generated code keeps them
// enumerations (a constant is spelled by its enumerator, a conversion to or
// from an integer is a cast), so that it compiles as C++ requires.
// Checked against central differences in both modes.
// RUN: %chainrule-gen --grad-mode=reverse %s -o %t.ad.cpp -- %cxxflags
// RUN: FileCheck %s --input-file=%t.ad.cpp
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.ad.cpp -o %t && %t
// RUN: %chainrule-gen --grad-mode=forward %s -o %t.fwd.ad.cpp -- %cxxflags
// RUN: %cxx %cxxflags -Wall -Wextra -Werror -DRUN_CHECKS %t.fwd.ad.cpp -o %t.fwd && %t.fwd

#include <chainrule/chainrule.h>

#include <cmath>

namespace model {
enum class Mode { Plain, Square, Cube = 5 };
} // namespace model
enum Shape { Flat, Bumpy };
typedef enum { Low = 1, High = 3 } Level;

struct Config {
  model::Mode mode;
  Shape shape;
  double gain;
};

// A switch on a scoped enumeration whose every case returns.
double apply(double x, model::Mode m) {
  switch (m) {
  case model::Mode::Square:
    return x * x;
  case model::Mode::Cube:
    return x * x * x;
  default:
    return x;
  }
}

CHAINRULE_GRAD CHAINRULE_JVP
double shaped(double x, model::Mode mode, Shape shape, Level level,
              const Config &c) {
  model::Mode local = model::Mode::Cube;
  if (shape == Bumpy)
    local = mode;
  double y = apply(x, local) + apply(x, c.mode) * c.gain;
  if (mode == model::Mode::Square && c.shape != Flat)
    y += std::sin(x);
  int k = static_cast<int>(mode) + shape + level;
  return y * (k + 1);
}
// CHECK-LABEL: double shaped_grad(double x, model::Mode mode, Shape shape,
// CHECK:         model::Mode local;
// CHECK:         local = model::Mode::Cube;
// CHECK:         mode == model::Mode::Square
// CHECK:         static_cast<int>(mode)
// CHECK:         apply_vjp(x, local,

#ifdef RUN_CHECKS
#include "check.h"
double shaped_grad(double x, model::Mode mode, Shape shape, Level level,
                   const Config &c, double *d_x, Config *d_c);
double shaped_jvp(double x, model::Mode mode, Shape shape, Level level,
                  const Config &c, double t_x, const Config &t_c);

int main() {
  using model::Mode;
  for (Mode m : {Mode::Plain, Mode::Square, Mode::Cube})
    for (Shape s : {Flat, Bumpy})
      for (Level l : {Low, High}) {
        Config c{Mode::Square, Bumpy, 0.7};
        double x = 0.8, dx = 0;
        Config dc{Mode::Plain, Flat, 0};
        CR_EXPECT_EXACT(shaped_grad(x, m, s, l, c, &dx, &dc),
                        shaped(x, m, s, l, c));
        CR_EXPECT_FD(dx, [&](double t) { return shaped(t, m, s, l, c); }, x);
        CR_EXPECT_FD(dc.gain, [&](double t) {
          Config d = c;
          d.gain = t;
          return shaped(x, m, s, l, d);
        }, c.gain);
        Config tc{Mode::Plain, Flat, 0};
        CR_EXPECT_NEAR_REL(shaped_jvp(x, m, s, l, c, 1, tc), dx, 1e-12);
        tc.gain = 1;
        CR_EXPECT_NEAR_REL(shaped_jvp(x, m, s, l, c, 0, tc), dc.gain, 1e-12);
      }
  return crtest::finish();
}
#endif
