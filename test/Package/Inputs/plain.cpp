// Calls two runtime operators; linked with -lchainrule_rt alone and with
// pkg-config by test/Package/link.test.
#include <chainrule/nn.h>
#include <cstdio>
int main() {
  double x[3] = {-1.0, 0.5, 2.0}, y[3];
  chainrule::nn::relu(x, y, 3);
  double A[4] = {1, 2, 3, 4}, B[4] = {1, 0, 0, 1}, C[4];
  chainrule::nn::matmul(A, B, C, 2, 2, 2);
  std::printf("relu %g %g %g, matmul %g %g %g %g\n", y[0], y[1], y[2], C[0], C[1], C[2], C[3]);
  return !(y[2] == 2.0 && C[3] == 4.0);
}
