#include "check.h"

int main() { return checkGradients("net_test"); }
