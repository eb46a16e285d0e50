// One Adam update of a parameter: p, g, m and v in, p', m' and v' out, one
// pass over the seven arrays (tfjs's tensors are immutable, so no update in
// place). Four values at a time in float32; where g² or size·m overflows
// float32 (a diverging gradient), those four again in double, as JavaScript
// computed them, so that the step stays finite and the NaN guard stops the run
// on its loss.

#include <stdint.h>
#include <wasm_simd128.h>

typedef struct {
  int32_t n;
  float beta1, beta2;
  float rest1, rest2;  // 1 − β1 and 1 − β2, taken in double: 1 − 0.999f is off by 1.3e-5
  float size;          // lr · √(1 − β2ᵗ) / (1 − β1ᵗ): the bias corrections folded into the step
  float eps;           // eps · √(1 − β2ᵗ), for the same folding
  const float *p, *g, *m, *v;
  float *p1, *m1, *v1;
} Adam;

// m' = β1·m + (1 − β1)·g;  v' = β2·v + (1 − β2)·g²;  p' = p − size·m' / (√v' + eps)
static void update_double(const Adam* a, int32_t i) {
  double g = a->g[i];
  double m = a->beta1 * (double)a->m[i] + a->rest1 * g;
  double v = a->beta2 * (double)a->v[i] + a->rest2 * g * g;
  a->m1[i] = (float)m;
  a->v1[i] = (float)v;
  a->p1[i] = (float)(a->p[i] - a->size * m / (__builtin_sqrt(v) + a->eps));
}

static v128_t finite(v128_t x) { return wasm_f32x4_eq(wasm_f32x4_sub(x, x), wasm_f32x4_splat(0.0f)); }

void adam(const Adam* a) {
  int32_t i = 0, n = a->n;
  v128_t b1 = wasm_f32x4_splat(a->beta1), c1 = wasm_f32x4_splat(a->rest1);
  v128_t b2 = wasm_f32x4_splat(a->beta2), c2 = wasm_f32x4_splat(a->rest2);
  v128_t size = wasm_f32x4_splat(a->size), eps = wasm_f32x4_splat(a->eps);
  for (; i + 4 <= n; i += 4) {
    v128_t g = wasm_v128_load(a->g + i);
    v128_t m = wasm_f32x4_add(wasm_f32x4_mul(b1, wasm_v128_load(a->m + i)), wasm_f32x4_mul(c1, g));
    v128_t v = wasm_f32x4_add(wasm_f32x4_mul(b2, wasm_v128_load(a->v + i)),
                              wasm_f32x4_mul(c2, wasm_f32x4_mul(g, g)));
    v128_t step = wasm_f32x4_div(wasm_f32x4_mul(size, m), wasm_f32x4_add(wasm_f32x4_sqrt(v), eps));
    if (!wasm_i32x4_all_true(wasm_v128_and(finite(v), finite(step)))) {
      for (int32_t j = i; j < i + 4; j++) update_double(a, j);
      continue;
    }
    wasm_v128_store(a->m1 + i, m);
    wasm_v128_store(a->v1 + i, v);
    wasm_v128_store(a->p1 + i, wasm_f32x4_sub(wasm_v128_load(a->p + i), step));
  }
  for (; i < n; i++) update_double(a, i);
}
