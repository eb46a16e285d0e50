// Elementwise and reduction kernels the GAN layers spend time in: leaky
// ReLU and its gradient, sums over rows (the gradient of a bias), and maxout
// and its gradient.

#include <stdint.h>
#include <wasm_simd128.h>

typedef struct {
  int32_t n;
  float alpha;
  const float* x;
  const float* dy;  // gradient only
  float* out;
} LeakyRelu;

typedef struct {
  int32_t m, c;
  const float* x;
  float* out;
} SumRows;

typedef struct {
  int32_t units, pieces;  // units: outputs in all (rows × units per row)
  const float* x;         // units × pieces: each unit's pieces side by side
  const float* dy;        // gradient only
  float* out;
} Maxout;

// y = x > 0 ? x : alpha·x
void leaky_relu(const LeakyRelu* g) {
  int32_t i = 0, hi = g->n;
  v128_t a = wasm_f32x4_splat(g->alpha), zero = wasm_f32x4_splat(0.0f);
  for (; i + 4 <= hi; i += 4) {
    v128_t x = wasm_v128_load(g->x + i);
    wasm_v128_store(g->out + i, wasm_v128_bitselect(x, wasm_f32x4_mul(x, a), wasm_f32x4_gt(x, zero)));
  }
  for (; i < hi; i++) g->out[i] = g->x[i] > 0.0f ? g->x[i] : g->alpha * g->x[i];
}

// dx = x > 0 ? dy : alpha·dy
void leaky_relu_grad(const LeakyRelu* g) {
  int32_t i = 0, hi = g->n;
  v128_t a = wasm_f32x4_splat(g->alpha), zero = wasm_f32x4_splat(0.0f);
  for (; i + 4 <= hi; i += 4) {
    v128_t x = wasm_v128_load(g->x + i), dy = wasm_v128_load(g->dy + i);
    wasm_v128_store(g->out + i, wasm_v128_bitselect(dy, wasm_f32x4_mul(dy, a), wasm_f32x4_gt(x, zero)));
  }
  for (; i < hi; i++) g->out[i] = g->x[i] > 0.0f ? g->dy[i] : g->alpha * g->dy[i];
}

// out[j] = Σ_i x[i, j]
void sum_rows(const SumRows* g) {
  int32_t lo = 0, hi = g->c;
  for (int32_t j = lo; j < hi; j++) g->out[j] = 0.0f;
  for (int32_t i = 0; i < g->m; i++) {
    const float* x = g->x + (int64_t)i * g->c;
    int32_t j = lo;
    for (; j + 4 <= hi; j += 4)
      wasm_v128_store(g->out + j, wasm_f32x4_add(wasm_v128_load(g->out + j), wasm_v128_load(x + j)));
    for (; j < hi; j++) g->out[j] += x[j];
  }
}

// The index of unit u's first largest piece.
static int32_t argmax_piece(const Maxout* g, int32_t u) {
  const float* x = g->x + (int64_t)u * g->pieces;
  int32_t best = 0;
  for (int32_t k = 1; k < g->pieces; k++)
    if (x[k] > x[best]) best = k;
  return best;
}

// out[u] = max_k x[u, k]
void maxout(const Maxout* g) {
  for (int32_t u = 0; u < g->units; u++) g->out[u] = g->x[(int64_t)u * g->pieces + argmax_piece(g, u)];
}

// dx[u, k] = dy[u] for unit u's first largest piece k, 0 for the others
void maxout_grad(const Maxout* g) {
  for (int32_t u = 0; u < g->units; u++) {
    float* dx = g->out + (int64_t)u * g->pieces;
    for (int32_t k = 0; k < g->pieces; k++) dx[k] = 0.0f;
    dx[argmax_piece(g, u)] = g->dy[u];
  }
}
