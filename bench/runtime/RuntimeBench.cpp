//===- RuntimeBench.cpp - Benchmarks of the runtime -----------------------===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Google Benchmark runs of chainrule_rt against baselines measured in the
/// same process (docs/runtime/performance.md):
///   - elementwise forward and _vjp in bytes/second (all bytes read and
///     written) next to a plain copy loop, from L1-resident to 64 MiB;
///   - linear forward + backward next to the bare cblas_sgemm calls;
///   - softmax, cross_entropy and layer_norm next to scalar loops compiled
///     with -O3 -march=native.
///
//===----------------------------------------------------------------------===//

#include "Baselines.h"
#include "chainrule/nn.h"

#include <benchmark/benchmark.h>
#include <cblas.h>

#include <random>
#include <vector>

using namespace chainrule;

namespace {

std::vector<float> randomFloats(size_t N, float Lo, float Hi) {
  std::mt19937 Gen(42);
  std::uniform_real_distribution<float> D(Lo, Hi);
  std::vector<float> V(N);
  for (float &X : V)
    X = D(Gen);
  return V;
}

/// Range(0) is the size of x in bytes.
size_t floatsOf(const benchmark::State &S) {
  return static_cast<size_t>(S.range(0)) / sizeof(float);
}

void sizes(benchmark::internal::Benchmark *B) {
  for (long Bytes : {32L << 10, 1L << 20, 16L << 20, 64L << 20})
    B->Arg(Bytes);
}

void BM_Copy(benchmark::State &S) {
  const size_t N = floatsOf(S);
  auto X = randomFloats(N, -4, 4);
  std::vector<float> Y(N);
  for (auto _ : S) {
    baseline::copy(X.data(), Y.data(), N);
    benchmark::DoNotOptimize(Y.data());
    benchmark::ClobberMemory();
  }
  S.SetBytesProcessed(S.iterations() * 2 * N * sizeof(float));
}
BENCHMARK(BM_Copy)->Apply(sizes);

template <void (*F)(const float *, float *, int)>
void BM_Forward(benchmark::State &S) {
  const size_t N = floatsOf(S);
  auto X = randomFloats(N, -4, 4);
  std::vector<float> Y(N);
  for (auto _ : S) {
    F(X.data(), Y.data(), static_cast<int>(N));
    benchmark::ClobberMemory();
  }
  S.SetBytesProcessed(S.iterations() * 2 * N * sizeof(float));
}

template <void (*F)(const float *, float *, int, float *, float *)>
void BM_Vjp(benchmark::State &S) {
  const size_t N = floatsOf(S);
  auto X = randomFloats(N, -4, 4);
  std::vector<float> Y(N), DX(N), DY(N);
  for (auto _ : S) {
    F(X.data(), Y.data(), static_cast<int>(N), DX.data(), DY.data());
    benchmark::ClobberMemory();
  }
  // Reads x, d_y, d_x; writes y, d_y, d_x.
  S.SetBytesProcessed(S.iterations() * 6 * N * sizeof(float));
}

using UFwd = void (*)(const float *, float *, int);
using UVjp = void (*)(const float *, float *, int, float *, float *);
constexpr UFwd ReluF = &nn::relu, SigmoidF = &nn::sigmoid, TanhF = &nn::tanh,
               GeluF = &nn::gelu;
constexpr UVjp ReluB = &nn::relu_vjp, SigmoidB = &nn::sigmoid_vjp,
               TanhB = &nn::tanh_vjp, GeluB = &nn::gelu_vjp;
BENCHMARK_TEMPLATE(BM_Forward, ReluF)->Name("relu")->Apply(sizes);
BENCHMARK_TEMPLATE(BM_Vjp, ReluB)->Name("relu_vjp")->Apply(sizes);
BENCHMARK_TEMPLATE(BM_Forward, SigmoidF)->Name("sigmoid")->Apply(sizes);
BENCHMARK_TEMPLATE(BM_Vjp, SigmoidB)->Name("sigmoid_vjp")->Apply(sizes);
BENCHMARK_TEMPLATE(BM_Forward, TanhF)->Name("tanh")->Apply(sizes);
BENCHMARK_TEMPLATE(BM_Vjp, TanhB)->Name("tanh_vjp")->Apply(sizes);
BENCHMARK_TEMPLATE(BM_Forward, GeluF)->Name("gelu")->Apply(sizes);
BENCHMARK_TEMPLATE(BM_Vjp, GeluB)->Name("gelu_vjp")->Apply(sizes);

constexpr int Batch = 256, In = 512, Out = 512;

/// The three GEMMs a hand-written linear layer calls (forward, d_x, d_W)
/// plus nothing else: the floor for linear + linear_vjp.
void BM_LinearBareGemm(benchmark::State &S) {
  auto X = randomFloats(Batch * In, -1, 1), W = randomFloats(Out * In, -1, 1);
  std::vector<float> Y(Batch * Out), DX(Batch * In), DW(Out * In);
  auto DY = randomFloats(Batch * Out, -1, 1);
  for (auto _ : S) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Batch, Out, In, 1,
                X.data(), In, W.data(), In, 0, Y.data(), Out);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Batch, In, Out, 1,
                DY.data(), Out, W.data(), In, 1, DX.data(), In);
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Out, In, Batch, 1,
                DY.data(), Out, X.data(), In, 1, DW.data(), In);
    benchmark::ClobberMemory();
  }
  S.SetItemsProcessed(S.iterations() * 6LL * Batch * In * Out);
}
BENCHMARK(BM_LinearBareGemm)->Name("linear_fwd_bwd/bare_gemm");

/// linear_vjp (which performs the forward too) with a bias.
void BM_LinearVjp(benchmark::State &S) {
  auto X = randomFloats(Batch * In, -1, 1), W = randomFloats(Out * In, -1, 1);
  auto B = randomFloats(Out, -1, 1), Seed = randomFloats(Batch * Out, -1, 1);
  std::vector<float> Y(Batch * Out), DX(Batch * In), DW(Out * In), DB(Out),
      DY(Batch * Out);
  for (auto _ : S) {
    S.PauseTiming();
    DY = Seed;
    S.ResumeTiming();
    nn::linear_vjp(X.data(), W.data(), B.data(), Y.data(), Batch, In, Out,
                   DX.data(), DW.data(), DB.data(), DY.data());
    benchmark::ClobberMemory();
  }
  S.SetItemsProcessed(S.iterations() * 6LL * Batch * In * Out);
}
BENCHMARK(BM_LinearVjp)->Name("linear_fwd_bwd/chainrule");

constexpr int Rows = 256, Cols = 1000;

void BM_SoftmaxScalar(benchmark::State &S) {
  auto X = randomFloats(Rows * Cols, -5, 5);
  std::vector<float> Y(Rows * Cols);
  for (auto _ : S) {
    baseline::softmax(X.data(), Y.data(), Rows, Cols);
    benchmark::ClobberMemory();
  }
  S.SetItemsProcessed(S.iterations() * Rows * Cols);
}
BENCHMARK(BM_SoftmaxScalar)->Name("softmax/scalar_O3_native");

void BM_Softmax(benchmark::State &S) {
  auto X = randomFloats(Rows * Cols, -5, 5);
  std::vector<float> Y(Rows * Cols);
  for (auto _ : S) {
    nn::softmax(X.data(), Y.data(), Rows, Cols);
    benchmark::ClobberMemory();
  }
  S.SetItemsProcessed(S.iterations() * Rows * Cols);
}
BENCHMARK(BM_Softmax)->Name("softmax/chainrule");

std::vector<int> targets() {
  std::vector<int> T(Rows);
  for (int R = 0; R < Rows; ++R)
    T[R] = (R * 37) % Cols;
  return T;
}

void BM_CrossEntropyScalar(benchmark::State &S) {
  auto X = randomFloats(Rows * Cols, -5, 5);
  const auto T = targets();
  for (auto _ : S)
    benchmark::DoNotOptimize(
        baseline::crossEntropy(X.data(), T.data(), Rows, Cols));
  S.SetItemsProcessed(S.iterations() * Rows * Cols);
}
BENCHMARK(BM_CrossEntropyScalar)->Name("cross_entropy/scalar_O3_native");

void BM_CrossEntropy(benchmark::State &S) {
  auto X = randomFloats(Rows * Cols, -5, 5);
  const auto T = targets();
  for (auto _ : S)
    benchmark::DoNotOptimize(nn::cross_entropy(X.data(), T.data(), Rows, Cols));
  S.SetItemsProcessed(S.iterations() * Rows * Cols);
}
BENCHMARK(BM_CrossEntropy)->Name("cross_entropy/chainrule");

void BM_CrossEntropyGrad(benchmark::State &S) {
  auto X = randomFloats(Rows * Cols, -5, 5);
  const auto T = targets();
  std::vector<float> D(Rows * Cols);
  for (auto _ : S)
    benchmark::DoNotOptimize(
        nn::cross_entropy_grad(X.data(), T.data(), Rows, Cols, D.data()));
  S.SetItemsProcessed(S.iterations() * Rows * Cols);
}
BENCHMARK(BM_CrossEntropyGrad)->Name("cross_entropy_grad/chainrule");

constexpr int NormCols = 1024;

void BM_LayerNormScalar(benchmark::State &S) {
  auto X = randomFloats(Rows * NormCols, -3, 3);
  auto G = randomFloats(NormCols, 0.5, 2), B = randomFloats(NormCols, -1, 1);
  std::vector<float> Y(Rows * NormCols);
  for (auto _ : S) {
    baseline::layerNorm(X.data(), G.data(), B.data(), Y.data(), Rows, NormCols,
                        1e-5f);
    benchmark::ClobberMemory();
  }
  S.SetItemsProcessed(S.iterations() * Rows * NormCols);
}
BENCHMARK(BM_LayerNormScalar)->Name("layer_norm/scalar_O3_native");

void BM_LayerNorm(benchmark::State &S) {
  auto X = randomFloats(Rows * NormCols, -3, 3);
  auto G = randomFloats(NormCols, 0.5, 2), B = randomFloats(NormCols, -1, 1);
  std::vector<float> Y(Rows * NormCols);
  for (auto _ : S) {
    nn::layer_norm(X.data(), G.data(), B.data(), Y.data(), Rows, NormCols,
                   1e-5f);
    benchmark::ClobberMemory();
  }
  S.SetItemsProcessed(S.iterations() * Rows * NormCols);
}
BENCHMARK(BM_LayerNorm)->Name("layer_norm/chainrule");

} // namespace

BENCHMARK_MAIN();
