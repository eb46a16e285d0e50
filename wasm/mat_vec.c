// Matrix products with a dimension of 1, which a blocked GEMM spends its
// time packing for: C[m, n] = A[m, k] · B[k, n] with n = 1 (a matrix times a
// vector: a dense layer with one output, and its weight gradient) or k = 1
// (an outer product: that layer's input gradient).

#include <stdint.h>
#include <wasm_simd128.h>

typedef struct {
  int32_t m, k, n;
  int32_t transpose_a;  // A stored as [k, m]
  const float* a;
  const float* b;  // a vector of k (n = 1) or n (k = 1) values, whichever way it is stored
  float* c;
} MatVec;

static float dot(const float* x, const float* y, int32_t k) {
  v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
  int32_t p = 0;
  for (; p + 8 <= k; p += 8) {
    s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(x + p), wasm_v128_load(y + p)));
    s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(wasm_v128_load(x + p + 4), wasm_v128_load(y + p + 4)));
  }
  s0 = wasm_f32x4_add(s0, s1);
  float sum = wasm_f32x4_extract_lane(s0, 0) + wasm_f32x4_extract_lane(s0, 1) +
              wasm_f32x4_extract_lane(s0, 2) + wasm_f32x4_extract_lane(s0, 3);
  for (; p < k; p++) sum += x[p] * y[p];
  return sum;
}

// y[0..len) += s · x[0..len)
static void axpy(float s, const float* x, float* y, int32_t len) {
  v128_t sv = wasm_f32x4_splat(s);
  int32_t j = 0;
  for (; j + 4 <= len; j += 4)
    wasm_v128_store(y + j, wasm_f32x4_add(wasm_v128_load(y + j), wasm_f32x4_mul(sv, wasm_v128_load(x + j))));
  for (; j < len; j++) y[j] += s * x[j];
}

void mat_vec(const MatVec* g) {
  int32_t m = g->m, k = g->k, n = g->n;
  if (k == 1) {  // c[i, :] = a[i] · b
    for (int32_t i = 0; i < m * n; i++) g->c[i] = 0.0f;
    for (int32_t i = 0; i < m; i++) axpy(g->a[i], g->b, g->c + (int64_t)i * n, n);
  } else if (!g->transpose_a) {  // c[i] = a[i, :] · b
    for (int32_t i = 0; i < m; i++) g->c[i] = dot(g->a + (int64_t)i * k, g->b, k);
  } else {  // c = Σ_p b[p] · a[p, :], A's rows being its columns
    for (int32_t i = 0; i < m; i++) g->c[i] = 0.0f;
    for (int32_t p = 0; p < k; p++) axpy(g->b[p], g->a + (int64_t)p * m, g->c, m);
  }
}
