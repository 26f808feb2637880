//===- chainrule/nn.h - Neural-network operators and derivatives -*- C++ -*-===//
//
// Part of chainrule, a source-to-source automatic differentiation compiler.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The runtime of chainrule (docs/runtime/README.md): vectorised neural-network
/// operators with hand-written derivatives, library `chainrule_rt`.
///
/// Every operator has `float` and `double` overloads (real functions, so that
/// `nullptr` arguments resolve), row-major buffers and `int` sizes. Each
/// differentiable operator `f` has
///   - `f_vjp`: all parameters of `f`, then (for a value-returning `f`) the
///     cotangent `T d_ret` of the return value, then one shadow pointer per
///     active parameter, in parameter order (docs/user-guide.md);
///   - `f_grad` for a value-returning `f`: as `f_vjp` with the seed 1, no
///     `d_ret`, returning the primal value;
///   - `f_jvp`: all parameters of `f`, then one tangent per active parameter
///     (`const T* t_x` for inputs, `T t_s` for scalars, `T* t_y` for written
///     buffers, which receive the tangent of their final contents); returns
///     the tangent of the return value, or `void`.
///
/// Semantics shared by all derivatives:
///   - The primal side effects happen exactly as in a call of `f` (`f_vjp`
///     and `f_jvp` write `y`).
///   - Shadows of inputs accumulate (`+=`). The shadow `d_y` of a written
///     buffer holds, on entry, the cotangent of `y`'s final contents (the
///     seed); on return it holds the adjoint with respect to `y`'s contents on
///     entry, which is zero because every operator only overwrites `y`.
///   - A shadow of a read-only input or of a scalar parameter (`d_x`, `d_W`,
///     `d_b`, `d_gamma`, `d_slope`, `d_eps`, ...) may be `nullptr`: that
///     adjoint is then not wanted and not computed.
///   - A tangent of a read-only input (`t_x`, `t_W`, `t_b`, `t_gamma`,
///     `t_pred`, `t_logits`, `t_h`, `t_c`, ...) may be `nullptr`: that
///     input's tangent is zero, and the terms it would contribute are
///     skipped rather than computed from zeros. With every input tangent
///     null (and every scalar tangent 0) the written tangents are zero and
///     a returned tangent is 0. For finite arguments a null tangent gives
///     the same result as a buffer of zeros.
///   - Shadows and tangents of written buffers (`d_y`, `d_h_out`, `t_y`,
///     `t_C`, `t_h_out`, `t_c_out`, ...) are required.
///   - Scalar floating parameters (`slope`, `eps`) are active: they get a
///     shadow `T* d_slope` / `T* d_eps` and a tangent `T t_slope` / `T t_eps`.
///
/// Errors (checked in every build type, cheap checks only): a negative size,
/// a null pointer for a required buffer when its extent is non-zero, a
/// target index outside [0, cols), an empty mean (`rows == 0` for
/// cross_entropy, `n == 0` for mse_loss) or a negative or NaN `max_norm`
/// print `chainrule_rt: <operator>: <problem>` to stderr and call
/// `std::abort()`. Any other zero size is a no-op (pointers may then be
/// null). Elementwise operators accept exact in-place use (`y == x`, and then
/// `d_y == d_x` / `t_y == t_x`); other overlaps are not supported.
///
/// The derivatives are marked CHAINRULE_CUSTOM_DERIVATIVE: chainrule calls
/// them for every call of an operator in differentiated code.
///
/// Derivatives at kinks follow PyTorch: relu'(0) = 0, leaky_relu'(0) =
/// slope. The derivative of each operator, what its backward needs from the
/// forward pass and its numerical notes are in docs/runtime/.
///
//===----------------------------------------------------------------------===//

#ifndef CHAINRULE_NN_H
#define CHAINRULE_NN_H

#include <chainrule/chainrule.h>

namespace chainrule {
namespace nn {

//===----------------------------------------------------------------------===//
// linear and matmul (OpenBLAS GEMM)
//===----------------------------------------------------------------------===//

/// y = x W^T + b: x is batch x in, W is out x in, b has out entries (or is
/// nullptr: no bias), y is batch x out.
void linear(const float *x, const float *W, const float *b, float *y,
            int batch, int in, int out);
/// \copydoc linear(const float*,const float*,const float*,float*,int,int,int)
void linear(const double *x, const double *W, const double *b, double *y,
            int batch, int in, int out);

/// Reverse mode of linear: writes y; d_x += d_y W, d_W += d_y^T x,
/// d_b += column sums of d_y (d_b is ignored when b is nullptr); zeroes d_y.
CHAINRULE_CUSTOM_DERIVATIVE
void linear_vjp(const float *x, const float *W, const float *b, float *y,
                int batch, int in, int out, float *d_x, float *d_W,
                float *d_b, float *d_y);
/// \copydoc linear_vjp(const float*,const float*,const float*,float*,int,int,int,float*,float*,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void linear_vjp(const double *x, const double *W, const double *b, double *y,
                int batch, int in, int out, double *d_x, double *d_W,
                double *d_b, double *d_y);

/// Forward mode of linear: writes y and t_y = t_x W^T + x t_W^T + t_b; the
/// GEMM or bias term of a null t_x, t_W or t_b is skipped (t_b is ignored
/// when b is nullptr), and t_y = 0 when none remains.
CHAINRULE_CUSTOM_DERIVATIVE
void linear_jvp(const float *x, const float *W, const float *b, float *y,
                int batch, int in, int out, const float *t_x,
                const float *t_W, const float *t_b, float *t_y);
/// \copydoc linear_jvp(const float*,const float*,const float*,float*,int,int,int,const float*,const float*,const float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void linear_jvp(const double *x, const double *W, const double *b, double *y,
                int batch, int in, int out, const double *t_x,
                const double *t_W, const double *t_b, double *t_y);

/// C = A B: A is m x k, B is k x n, C is m x n.
void matmul(const float *A, const float *B, float *C, int m, int k, int n);
/// \copydoc matmul(const float*,const float*,float*,int,int,int)
void matmul(const double *A, const double *B, double *C, int m, int k, int n);

/// Reverse mode of matmul: writes C; d_A += d_C B^T, d_B += A^T d_C; zeroes
/// d_C.
CHAINRULE_CUSTOM_DERIVATIVE
void matmul_vjp(const float *A, const float *B, float *C, int m, int k, int n,
                float *d_A, float *d_B, float *d_C);
/// \copydoc matmul_vjp(const float*,const float*,float*,int,int,int,float*,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void matmul_vjp(const double *A, const double *B, double *C, int m, int k,
                int n, double *d_A, double *d_B, double *d_C);

/// Forward mode of matmul: writes C and t_C = t_A B + A t_B; the GEMM of a
/// null t_A or t_B is skipped, and t_C = 0 when both are null.
CHAINRULE_CUSTOM_DERIVATIVE
void matmul_jvp(const float *A, const float *B, float *C, int m, int k, int n,
                const float *t_A, const float *t_B, float *t_C);
/// \copydoc matmul_jvp(const float*,const float*,float*,int,int,int,const float*,const float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void matmul_jvp(const double *A, const double *B, double *C, int m, int k,
                int n, const double *t_A, const double *t_B, double *t_C);

//===----------------------------------------------------------------------===//
// Elementwise operators (Highway, runtime CPU dispatch)
//===----------------------------------------------------------------------===//

/// y = a + b (a residual connection), n entries.
void add(const float *a, const float *b, float *y, int n);
/// \copydoc add(const float*,const float*,float*,int)
void add(const double *a, const double *b, double *y, int n);
/// Reverse mode of add: writes y; d_a += d_y, d_b += d_y; zeroes d_y.
CHAINRULE_CUSTOM_DERIVATIVE
void add_vjp(const float *a, const float *b, float *y, int n, float *d_a,
             float *d_b, float *d_y);
/// \copydoc add_vjp(const float*,const float*,float*,int,float*,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void add_vjp(const double *a, const double *b, double *y, int n, double *d_a,
             double *d_b, double *d_y);
/// Forward mode of add: writes y and t_y = t_a + t_b.
CHAINRULE_CUSTOM_DERIVATIVE
void add_jvp(const float *a, const float *b, float *y, int n,
             const float *t_a, const float *t_b, float *t_y);
/// \copydoc add_jvp(const float*,const float*,float*,int,const float*,const float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void add_jvp(const double *a, const double *b, double *y, int n,
             const double *t_a, const double *t_b, double *t_y);

/// y = max(x, 0).
void relu(const float *x, float *y, int n);
/// \copydoc relu(const float*,float*,int)
void relu(const double *x, double *y, int n);
/// Reverse mode of relu: writes y; d_x += d_y where y > 0; zeroes d_y.
CHAINRULE_CUSTOM_DERIVATIVE
void relu_vjp(const float *x, float *y, int n, float *d_x, float *d_y);
/// \copydoc relu_vjp(const float*,float*,int,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void relu_vjp(const double *x, double *y, int n, double *d_x, double *d_y);
/// Forward mode of relu: writes y and t_y = (y > 0) t_x.
CHAINRULE_CUSTOM_DERIVATIVE
void relu_jvp(const float *x, float *y, int n, const float *t_x, float *t_y);
/// \copydoc relu_jvp(const float*,float*,int,const float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void relu_jvp(const double *x, double *y, int n, const double *t_x,
              double *t_y);

/// y = x for x > 0, slope * x otherwise.
void leaky_relu(const float *x, float *y, int n, float slope);
/// \copydoc leaky_relu(const float*,float*,int,float)
void leaky_relu(const double *x, double *y, int n, double slope);
/// Reverse mode of leaky_relu: writes y; d_x += d_y * (x > 0 ? 1 : slope),
/// *d_slope += sum of d_y * (x > 0 ? 0 : x); zeroes d_y.
CHAINRULE_CUSTOM_DERIVATIVE
void leaky_relu_vjp(const float *x, float *y, int n, float slope, float *d_x,
                    float *d_y, float *d_slope);
/// \copydoc leaky_relu_vjp(const float*,float*,int,float,float*,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void leaky_relu_vjp(const double *x, double *y, int n, double slope,
                    double *d_x, double *d_y, double *d_slope);
/// Forward mode of leaky_relu: writes y and
/// t_y = (x > 0 ? t_x : slope * t_x + t_slope * x).
CHAINRULE_CUSTOM_DERIVATIVE
void leaky_relu_jvp(const float *x, float *y, int n, float slope,
                    const float *t_x, float *t_y, float t_slope);
/// \copydoc leaky_relu_jvp(const float*,float*,int,float,const float*,float*,float)
CHAINRULE_CUSTOM_DERIVATIVE
void leaky_relu_jvp(const double *x, double *y, int n, double slope,
                    const double *t_x, double *t_y, double t_slope);

/// y = 1 / (1 + exp(-x)), evaluated by sign so that exp never overflows.
void sigmoid(const float *x, float *y, int n);
/// \copydoc sigmoid(const float*,float*,int)
void sigmoid(const double *x, double *y, int n);
/// Reverse mode of sigmoid: writes y; d_x += d_y * y * (1 - y); zeroes d_y.
CHAINRULE_CUSTOM_DERIVATIVE
void sigmoid_vjp(const float *x, float *y, int n, float *d_x, float *d_y);
/// \copydoc sigmoid_vjp(const float*,float*,int,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void sigmoid_vjp(const double *x, double *y, int n, double *d_x, double *d_y);
/// Forward mode of sigmoid: writes y and t_y = y (1 - y) t_x.
CHAINRULE_CUSTOM_DERIVATIVE
void sigmoid_jvp(const float *x, float *y, int n, const float *t_x,
                 float *t_y);
/// \copydoc sigmoid_jvp(const float*,float*,int,const float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void sigmoid_jvp(const double *x, double *y, int n, const double *t_x,
                 double *t_y);

/// y = tanh(x).
void tanh(const float *x, float *y, int n);
/// \copydoc tanh(const float*,float*,int)
void tanh(const double *x, double *y, int n);
/// Reverse mode of tanh: writes y; d_x += d_y * (1 - y^2); zeroes d_y.
CHAINRULE_CUSTOM_DERIVATIVE
void tanh_vjp(const float *x, float *y, int n, float *d_x, float *d_y);
/// \copydoc tanh_vjp(const float*,float*,int,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void tanh_vjp(const double *x, double *y, int n, double *d_x, double *d_y);
/// Forward mode of tanh: writes y and t_y = (1 - y^2) t_x.
CHAINRULE_CUSTOM_DERIVATIVE
void tanh_jvp(const float *x, float *y, int n, const float *t_x, float *t_y);
/// \copydoc tanh_jvp(const float*,float*,int,const float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void tanh_jvp(const double *x, double *y, int n, const double *t_x,
              double *t_y);

/// y = x Phi(x) with the exact normal CDF Phi(x) = erfc(-x / sqrt 2) / 2.
void gelu(const float *x, float *y, int n);
/// \copydoc gelu(const float*,float*,int)
void gelu(const double *x, double *y, int n);
/// Reverse mode of gelu: writes y; d_x += d_y * (Phi(x) + x phi(x)) with
/// phi the normal density; zeroes d_y.
CHAINRULE_CUSTOM_DERIVATIVE
void gelu_vjp(const float *x, float *y, int n, float *d_x, float *d_y);
/// \copydoc gelu_vjp(const float*,float*,int,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void gelu_vjp(const double *x, double *y, int n, double *d_x, double *d_y);
/// Forward mode of gelu: writes y and t_y = (Phi(x) + x phi(x)) t_x.
CHAINRULE_CUSTOM_DERIVATIVE
void gelu_jvp(const float *x, float *y, int n, const float *t_x, float *t_y);
/// \copydoc gelu_jvp(const float*,float*,int,const float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void gelu_jvp(const double *x, double *y, int n, const double *t_x,
              double *t_y);

//===----------------------------------------------------------------------===//
// Softmax family and losses
//===----------------------------------------------------------------------===//

/// Row-wise softmax of the rows x cols matrix x: y = exp(x - max) / sum.
void softmax(const float *x, float *y, int rows, int cols);
/// \copydoc softmax(const float*,float*,int,int)
void softmax(const double *x, double *y, int rows, int cols);
/// Reverse mode of softmax: writes y; d_x += y * (g - <g, y>) per row with
/// g = d_y; zeroes d_y.
CHAINRULE_CUSTOM_DERIVATIVE
void softmax_vjp(const float *x, float *y, int rows, int cols, float *d_x,
                 float *d_y);
/// \copydoc softmax_vjp(const float*,float*,int,int,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void softmax_vjp(const double *x, double *y, int rows, int cols, double *d_x,
                 double *d_y);
/// Forward mode of softmax: writes y and t_y = y * (t_x - <t_x, y>).
CHAINRULE_CUSTOM_DERIVATIVE
void softmax_jvp(const float *x, float *y, int rows, int cols,
                 const float *t_x, float *t_y);
/// \copydoc softmax_jvp(const float*,float*,int,int,const float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void softmax_jvp(const double *x, double *y, int rows, int cols,
                 const double *t_x, double *t_y);

/// Row-wise log-softmax: y = x - max - log(sum exp(x - max)).
void log_softmax(const float *x, float *y, int rows, int cols);
/// \copydoc log_softmax(const float*,float*,int,int)
void log_softmax(const double *x, double *y, int rows, int cols);
/// Reverse mode of log_softmax: writes y; d_x += g - exp(y) * sum(g) per row
/// with g = d_y; zeroes d_y.
CHAINRULE_CUSTOM_DERIVATIVE
void log_softmax_vjp(const float *x, float *y, int rows, int cols, float *d_x,
                     float *d_y);
/// \copydoc log_softmax_vjp(const float*,float*,int,int,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void log_softmax_vjp(const double *x, double *y, int rows, int cols,
                     double *d_x, double *d_y);
/// Forward mode of log_softmax: writes y and t_y = t_x - <exp(y), t_x>.
CHAINRULE_CUSTOM_DERIVATIVE
void log_softmax_jvp(const float *x, float *y, int rows, int cols,
                     const float *t_x, float *t_y);
/// \copydoc log_softmax_jvp(const float*,float*,int,int,const float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void log_softmax_jvp(const double *x, double *y, int rows, int cols,
                     const double *t_x, double *t_y);

/// Mean over the rows of -log softmax(logits)[row, target[row]]; logits is
/// rows x cols, target has rows entries in [0, cols); rows >= 1.
float cross_entropy(const float *logits, const int *target, int rows,
                    int cols);
/// \copydoc cross_entropy(const float*,const int*,int,int)
double cross_entropy(const double *logits, const int *target, int rows,
                     int cols);
/// Reverse mode of cross_entropy, fused: d_logits += (softmax(logits) -
/// onehot(target)) * d_ret / rows.
CHAINRULE_CUSTOM_DERIVATIVE
void cross_entropy_vjp(const float *logits, const int *target, int rows,
                       int cols, float d_ret, float *d_logits);
/// \copydoc cross_entropy_vjp(const float*,const int*,int,int,float,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void cross_entropy_vjp(const double *logits, const int *target, int rows,
                       int cols, double d_ret, double *d_logits);
/// cross_entropy_vjp with d_ret = 1; returns the loss.
CHAINRULE_CUSTOM_DERIVATIVE
float cross_entropy_grad(const float *logits, const int *target, int rows,
                         int cols, float *d_logits);
/// \copydoc cross_entropy_grad(const float*,const int*,int,int,float*)
CHAINRULE_CUSTOM_DERIVATIVE
double cross_entropy_grad(const double *logits, const int *target, int rows,
                          int cols, double *d_logits);
/// Forward mode of cross_entropy: returns the mean over rows of
/// <softmax(logits), t_logits> - t_logits[row, target[row]].
CHAINRULE_CUSTOM_DERIVATIVE
float cross_entropy_jvp(const float *logits, const int *target, int rows,
                        int cols, const float *t_logits);
/// \copydoc cross_entropy_jvp(const float*,const int*,int,int,const float*)
CHAINRULE_CUSTOM_DERIVATIVE
double cross_entropy_jvp(const double *logits, const int *target, int rows,
                         int cols, const double *t_logits);

/// Mean of (pred - target)^2 over n >= 1 entries.
float mse_loss(const float *pred, const float *target, int n);
/// \copydoc mse_loss(const float*,const float*,int)
double mse_loss(const double *pred, const double *target, int n);
/// Reverse mode of mse_loss: d_pred += 2 (pred - target) d_ret / n,
/// d_target -= the same.
CHAINRULE_CUSTOM_DERIVATIVE
void mse_loss_vjp(const float *pred, const float *target, int n, float d_ret,
                  float *d_pred, float *d_target);
/// \copydoc mse_loss_vjp(const float*,const float*,int,float,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void mse_loss_vjp(const double *pred, const double *target, int n,
                  double d_ret, double *d_pred, double *d_target);
/// mse_loss_vjp with d_ret = 1; returns the loss.
CHAINRULE_CUSTOM_DERIVATIVE
float mse_loss_grad(const float *pred, const float *target, int n,
                    float *d_pred, float *d_target);
/// \copydoc mse_loss_grad(const float*,const float*,int,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
double mse_loss_grad(const double *pred, const double *target, int n,
                     double *d_pred, double *d_target);
/// Forward mode of mse_loss: returns 2/n sum (pred - target)(t_pred -
/// t_target).
CHAINRULE_CUSTOM_DERIVATIVE
float mse_loss_jvp(const float *pred, const float *target, int n,
                   const float *t_pred, const float *t_target);
/// \copydoc mse_loss_jvp(const float*,const float*,int,const float*,const float*)
CHAINRULE_CUSTOM_DERIVATIVE
double mse_loss_jvp(const double *pred, const double *target, int n,
                    const double *t_pred, const double *t_target);

//===----------------------------------------------------------------------===//
// Normalisation
//===----------------------------------------------------------------------===//

/// Per row of the rows x cols matrix x: y = gamma * (x - mean) /
/// sqrt(var + eps) + beta with the biased variance; gamma and beta have cols
/// entries.
void layer_norm(const float *x, const float *gamma, const float *beta,
                float *y, int rows, int cols, float eps);
/// \copydoc layer_norm(const float*,const float*,const float*,float*,int,int,float)
void layer_norm(const double *x, const double *gamma, const double *beta,
                double *y, int rows, int cols, double eps);
/// Reverse mode of layer_norm: writes y; with xhat the normalised input,
/// g = d_y and r = 1/sqrt(var + eps): d_beta += sum_rows g,
/// d_gamma += sum_rows g xhat, d_x += r (gamma g - mean(gamma g) -
/// xhat mean(gamma g xhat)), d_eps += -r^2/2 sum(gamma g xhat); zeroes d_y.
CHAINRULE_CUSTOM_DERIVATIVE
void layer_norm_vjp(const float *x, const float *gamma, const float *beta,
                    float *y, int rows, int cols, float eps, float *d_x,
                    float *d_gamma, float *d_beta, float *d_y, float *d_eps);
/// \copydoc layer_norm_vjp(const float*,const float*,const float*,float*,int,int,float,float*,float*,float*,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void layer_norm_vjp(const double *x, const double *gamma, const double *beta,
                    double *y, int rows, int cols, double eps, double *d_x,
                    double *d_gamma, double *d_beta, double *d_y,
                    double *d_eps);
/// Forward mode of layer_norm: writes y and t_y = t_gamma xhat + t_beta +
/// gamma (r (t_x - mean(t_x) - xhat mean(xhat t_x)) - xhat r^2 t_eps / 2).
CHAINRULE_CUSTOM_DERIVATIVE
void layer_norm_jvp(const float *x, const float *gamma, const float *beta,
                    float *y, int rows, int cols, float eps, const float *t_x,
                    const float *t_gamma, const float *t_beta, float *t_y,
                    float t_eps);
/// \copydoc layer_norm_jvp(const float*,const float*,const float*,float*,int,int,float,const float*,const float*,const float*,float*,float)
CHAINRULE_CUSTOM_DERIVATIVE
void layer_norm_jvp(const double *x, const double *gamma,
                    const double *beta, double *y, int rows, int cols,
                    double eps, const double *t_x, const double *t_gamma,
                    const double *t_beta, double *t_y, double t_eps);

/// Training-mode batch normalisation of the rows x cols matrix x (rows are
/// the batch): per column, y = gamma * (x - mean) / sqrt(var + eps) + beta
/// with the biased batch variance; gamma and beta have cols entries.
void batch_norm(const float *x, const float *gamma, const float *beta,
                float *y, int rows, int cols, float eps);
/// \copydoc batch_norm(const float*,const float*,const float*,float*,int,int,float)
void batch_norm(const double *x, const double *gamma, const double *beta,
                double *y, int rows, int cols, double eps);
/// Reverse mode of batch_norm: layer_norm_vjp's formulas with the means
/// taken over the rows of each column instead of over the columns of each
/// row.
CHAINRULE_CUSTOM_DERIVATIVE
void batch_norm_vjp(const float *x, const float *gamma, const float *beta,
                    float *y, int rows, int cols, float eps, float *d_x,
                    float *d_gamma, float *d_beta, float *d_y, float *d_eps);
/// \copydoc batch_norm_vjp(const float*,const float*,const float*,float*,int,int,float,float*,float*,float*,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void batch_norm_vjp(const double *x, const double *gamma, const double *beta,
                    double *y, int rows, int cols, double eps, double *d_x,
                    double *d_gamma, double *d_beta, double *d_y,
                    double *d_eps);
/// Forward mode of batch_norm (layer_norm_jvp's formula per column).
CHAINRULE_CUSTOM_DERIVATIVE
void batch_norm_jvp(const float *x, const float *gamma, const float *beta,
                    float *y, int rows, int cols, float eps, const float *t_x,
                    const float *t_gamma, const float *t_beta, float *t_y,
                    float t_eps);
/// \copydoc batch_norm_jvp(const float*,const float*,const float*,float*,int,int,float,const float*,const float*,const float*,float*,float)
CHAINRULE_CUSTOM_DERIVATIVE
void batch_norm_jvp(const double *x, const double *gamma,
                    const double *beta, double *y, int rows, int cols,
                    double eps, const double *t_x, const double *t_gamma,
                    const double *t_beta, double *t_y, double t_eps);

//===----------------------------------------------------------------------===//
// Recurrent cell
//===----------------------------------------------------------------------===//

/// One LSTM step for a batch: z = x W^T + h U^T + b (batch x 4 hidden, gate
/// blocks i, f, g, o), i, f, o = sigmoid, g = tanh, c_out = f c + i g,
/// h_out = o tanh(c_out). x is batch x in, h and c are batch x hidden, W is
/// 4 hidden x in, U is 4 hidden x hidden, b has 4 hidden entries. The
/// forward call may run in place (h_out == h, c_out == c).
void lstm_cell(const float *x, const float *h, const float *c, const float *W,
               const float *U, const float *b, float *h_out, float *c_out,
               int batch, int in, int hidden);
/// \copydoc lstm_cell(const float*,const float*,const float*,const float*,const float*,const float*,float*,float*,int,int,int)
void lstm_cell(const double *x, const double *h, const double *c,
               const double *W, const double *U, const double *b,
               double *h_out, double *c_out, int batch, int in, int hidden);
/// Reverse mode of lstm_cell: writes h_out and c_out, accumulates into
/// d_x, d_h, d_c, d_W, d_U, d_b from the seeds in d_h_out and d_c_out, and
/// zeroes those two. Outputs must not overlap inputs here.
CHAINRULE_CUSTOM_DERIVATIVE
void lstm_cell_vjp(const float *x, const float *h, const float *c,
                   const float *W, const float *U, const float *b,
                   float *h_out, float *c_out, int batch, int in, int hidden,
                   float *d_x, float *d_h, float *d_c, float *d_W, float *d_U,
                   float *d_b, float *d_h_out, float *d_c_out);
/// \copydoc lstm_cell_vjp(const float*,const float*,const float*,const float*,const float*,const float*,float*,float*,int,int,int,float*,float*,float*,float*,float*,float*,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void lstm_cell_vjp(const double *x, const double *h, const double *c,
                   const double *W, const double *U, const double *b,
                   double *h_out, double *c_out, int batch, int in, int hidden,
                   double *d_x, double *d_h, double *d_c, double *d_W,
                   double *d_U, double *d_b, double *d_h_out, double *d_c_out);
/// Forward mode of lstm_cell: writes h_out, c_out and their tangents.
/// Outputs must not overlap inputs here.
CHAINRULE_CUSTOM_DERIVATIVE
void lstm_cell_jvp(const float *x, const float *h, const float *c,
                   const float *W, const float *U, const float *b,
                   float *h_out, float *c_out, int batch, int in, int hidden,
                   const float *t_x, const float *t_h, const float *t_c,
                   const float *t_W, const float *t_U, const float *t_b,
                   float *t_h_out, float *t_c_out);
/// \copydoc lstm_cell_jvp(const float*,const float*,const float*,const float*,const float*,const float*,float*,float*,int,int,int,const float*,const float*,const float*,const float*,const float*,const float*,float*,float*)
CHAINRULE_CUSTOM_DERIVATIVE
void lstm_cell_jvp(const double *x, const double *h, const double *c,
                   const double *W, const double *U, const double *b,
                   double *h_out, double *c_out, int batch, int in, int hidden,
                   const double *t_x, const double *t_h, const double *t_c,
                   const double *t_W, const double *t_U, const double *t_b,
                   double *t_h_out, double *t_c_out);

//===----------------------------------------------------------------------===//
// Utilities (not differentiable)
//===----------------------------------------------------------------------===//

/// Scales grad (n entries) in place by max_norm / (norm + 1e-6) when its
/// Euclidean norm exceeds max_norm; returns the norm before clipping.
/// Not differentiable: it has no _vjp or _jvp.
CHAINRULE_NONDIFFERENTIABLE
float clip_grad_norm(float *grad, int n, float max_norm);
/// \copydoc clip_grad_norm(float*,int,float)
CHAINRULE_NONDIFFERENTIABLE
double clip_grad_norm(double *grad, int n, double max_norm);

} // namespace nn
} // namespace chainrule

#endif // CHAINRULE_NN_H
