// Calls physics/model.cpp compiled as it is (no derivatives in this target).
#include <cstdio>

double distance(double speed, double angle, double drag);

int main() {
  double d = distance(20.0, 0.7, 0.05);
  std::printf("plain: %s\n", d > 0 && d < 20.0 ? "ok" : "FAILED");
  return d > 0 && d < 20.0 ? 0 : 1;
}
