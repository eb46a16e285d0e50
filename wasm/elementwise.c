// Elementwise and reduction kernels the GAN layers spend time in: leaky
// ReLU and its gradient, tanh and its gradient, softplus, sums over rows (the
// gradient of a bias) and of squares, and maxout and its gradient.

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
  int32_t n;
  const float* x;   // x, or for tanh's gradient y = tanh(x)
  const float* dy;  // gradient only
  float* out;
} Unary;

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

// e^t for t ≤ 0 (t below -87 gives 0): t = n·ln2 + r with |r| ≤ ln2/2, e^r by
// its Taylor series to r⁶ (relative error under 2e-7), 2ⁿ through the exponent bits.
static v128_t exp_nonpositive(v128_t t) {
  t = wasm_f32x4_max(t, wasm_f32x4_splat(-87.0f));
  v128_t n = wasm_f32x4_nearest(wasm_f32x4_mul(t, wasm_f32x4_splat(1.44269504f)));
  v128_t r = wasm_f32x4_sub(t, wasm_f32x4_mul(n, wasm_f32x4_splat(0.693359375f)));  // ln2's high bits
  r = wasm_f32x4_sub(r, wasm_f32x4_mul(n, wasm_f32x4_splat(-2.12194440e-4f)));     // and the rest
  v128_t p = wasm_f32x4_splat(1.0f / 720);
  static const float taylor[] = {1.0f / 120, 1.0f / 24, 1.0f / 6, 0.5f, 1.0f, 1.0f};
  for (int k = 0; k < 6; k++) p = wasm_f32x4_add(wasm_f32x4_mul(p, r), wasm_f32x4_splat(taylor[k]));
  v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(n), wasm_i32x4_splat(127)), 23);
  return wasm_f32x4_mul(p, scale);
}

// Below this |x|, tanh's odd series to x¹³ (error under 1e-10); above it,
// (1 − e)/(1 + e) with e = e^(−2|x|) loses no precision to cancellation.
#define TANH_SERIES_BELOW 0.3f

static v128_t tanh4(v128_t x) {
  v128_t ax = wasm_f32x4_abs(x);
  v128_t e = exp_nonpositive(wasm_f32x4_mul(ax, wasm_f32x4_splat(-2.0f)));
  v128_t one = wasm_f32x4_splat(1.0f);
  v128_t far = wasm_f32x4_div(wasm_f32x4_sub(one, e), wasm_f32x4_add(one, e));
  far = wasm_v128_or(far, wasm_v128_and(x, wasm_f32x4_splat(-0.0f)));  // tanh's sign is x's
  static const float series[] = {21844.0f / 6081075, -1382.0f / 155925, 62.0f / 2835, -17.0f / 315,
                                 2.0f / 15, -1.0f / 3};
  v128_t x2 = wasm_f32x4_mul(x, x), p = wasm_f32x4_splat(series[0]);
  for (int k = 1; k < 6; k++) p = wasm_f32x4_add(wasm_f32x4_mul(p, x2), wasm_f32x4_splat(series[k]));
  v128_t near = wasm_f32x4_add(x, wasm_f32x4_mul(x, wasm_f32x4_mul(x2, p)));
  return wasm_v128_bitselect(near, far, wasm_f32x4_lt(ax, wasm_f32x4_splat(TANH_SERIES_BELOW)));
}

// log(1 + e) for 0 ≤ e ≤ 1, as 2·atanh(t) with t = e/(2 + e) ≤ 1/3: its odd
// series to t¹³ (error under 1e-8), exact as e goes to 0.
static v128_t log1p_unit(v128_t e) {
  v128_t t = wasm_f32x4_div(e, wasm_f32x4_add(wasm_f32x4_splat(2.0f), e)), t2 = wasm_f32x4_mul(t, t);
  static const float series[] = {1.0f / 11, 1.0f / 9, 1.0f / 7, 1.0f / 5, 1.0f / 3, 1.0f};
  v128_t p = wasm_f32x4_splat(1.0f / 13);
  for (int k = 0; k < 6; k++) p = wasm_f32x4_add(wasm_f32x4_mul(p, t2), wasm_f32x4_splat(series[k]));
  return wasm_f32x4_mul(wasm_f32x4_add(t, t), p);
}

// softplus(x) = log(1 + eˣ) = max(x, 0) + log(1 + e^(−|x|)): no overflow, and
// no precision lost to cancellation in either tail (below x = −87, where eˣ
// leaves float32's normal range, it gives e^−87, about 1.6e-38).
static v128_t softplus4(v128_t x) {
  v128_t e = exp_nonpositive(wasm_f32x4_neg(wasm_f32x4_abs(x)));
  return wasm_f32x4_add(wasm_f32x4_pmax(x, wasm_f32x4_splat(0.0f)), log1p_unit(e));
}

// out = f(x), four at a time; the tail through a zero-padded vector.
static inline void map4(const Unary* g, v128_t (*f)(v128_t)) {
  int32_t i = 0, hi = g->n;
  for (; i + 4 <= hi; i += 4) wasm_v128_store(g->out + i, f(wasm_v128_load(g->x + i)));
  if (i == hi) return;
  float in[4] = {0}, out[4];
  for (int32_t j = 0; i + j < hi; j++) in[j] = g->x[i + j];
  wasm_v128_store(out, f(wasm_v128_load(in)));
  for (int32_t j = 0; i + j < hi; j++) g->out[i + j] = out[j];
}

// y = tanh(x)
void tanh_forward(const Unary* g) { map4(g, tanh4); }

// y = softplus(x)
void softplus_forward(const Unary* g) { map4(g, softplus4); }

// dx = dy · (1 − y²), from y = tanh(x)
void tanh_grad(const Unary* g) {
  int32_t i = 0, hi = g->n;
  v128_t one = wasm_f32x4_splat(1.0f);
  for (; i + 4 <= hi; i += 4) {
    v128_t y = wasm_v128_load(g->x + i);
    wasm_v128_store(g->out + i, wasm_f32x4_mul(wasm_v128_load(g->dy + i), wasm_f32x4_sub(one, wasm_f32x4_mul(y, y))));
  }
  for (; i < hi; i++) g->out[i] = g->dy[i] * (1.0f - g->x[i] * g->x[i]);
}

// out[j] = Σ_i x[i, j], or Σ_i x[i, j]² where `square` (a constant where inlined).
static inline void sum_rows_of(const SumRows* g, int32_t square) {
  int32_t lo = 0, hi = g->c;
  for (int32_t j = lo; j < hi; j++) g->out[j] = 0.0f;
  for (int32_t i = 0; i < g->m; i++) {
    const float* x = g->x + (int64_t)i * g->c;
    int32_t j = lo;
    for (; j + 4 <= hi; j += 4) {
      v128_t v = wasm_v128_load(x + j);
      wasm_v128_store(g->out + j, wasm_f32x4_add(wasm_v128_load(g->out + j), square ? wasm_f32x4_mul(v, v) : v));
    }
    for (; j < hi; j++) g->out[j] += square ? x[j] * x[j] : x[j];
  }
}

void sum_rows(const SumRows* g) { sum_rows_of(g, 0); }
void sum_squares_rows(const SumRows* g) { sum_rows_of(g, 1); }

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
