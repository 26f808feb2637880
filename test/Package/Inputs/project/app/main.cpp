#include "../tests/check.h"

int main() { return checkGradients("app"); }
