// A projectile with air drag integrated by explicit Euler steps: the
// horizontal distance after a fixed time, differentiated in two targets.
#include <chainrule/chainrule.h>

#include <cmath>

CHAINRULE_GRAD
double distance(double speed, double angle, double drag) {
  double x = 0, y = 0;
  double vx = speed * std::cos(angle), vy = speed * std::sin(angle);
  const double dt = 0.01;
  for (int step = 0; step < 100; ++step) {
    double v = std::sqrt(vx * vx + vy * vy);
    vx -= dt * drag * v * vx;
    vy -= dt * (9.81 + drag * v * vy);
    x += dt * vx;
    y += dt * vy;
  }
  return x;
}
