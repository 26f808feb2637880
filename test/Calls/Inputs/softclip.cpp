// The bodies custom-derivatives.cpp calls without seeing them.
#include <cmath>
double softclip(double x) { return std::atan(x); }
double lookup(int i) { return 0.25 * i; }
