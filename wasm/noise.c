// Gaussian noise added to a tensor, y = x + std·n, for the noise layers of
// the semi-supervised D (1.5 million normals an iteration). The normals come
// from four xoshiro128** streams side by side, one per SIMD lane, seeded by
// the caller for each call, and Box-Muller: lane l's k-th pair of uniforms
// (u1, u2) gives n[8k + 2l] = r·cos θ and n[8k + 2l + 1] = r·sin θ, with
// r = √(−2 ln u1) and θ = 2π·u2. src/backend/composite_kernels.ts draws the
// same numbers in JavaScript; log, cos and sin here are polynomials good to
// about 1e-7.

#include <stdint.h>
#include <wasm_simd128.h>

typedef struct {
  int32_t n;
  float std;
  const float* x;
  float* out;
  uint32_t seeds[16];  // lane l's state: seeds[4l .. 4l + 4)
} Noise;

static v128_t rotl(v128_t x, int k) { return wasm_v128_or(wasm_i32x4_shl(x, k), wasm_u32x4_shr(x, 32 - k)); }

// The next output of each lane's xoshiro128**, its state s[0..4) advanced.
static v128_t next(v128_t s[4]) {
  v128_t result = wasm_i32x4_mul(rotl(wasm_i32x4_mul(s[1], wasm_i32x4_splat(5)), 7), wasm_i32x4_splat(9));
  v128_t t = wasm_i32x4_shl(s[1], 9);
  s[2] = wasm_v128_xor(s[2], s[0]);
  s[3] = wasm_v128_xor(s[3], s[1]);
  s[1] = wasm_v128_xor(s[1], s[2]);
  s[0] = wasm_v128_xor(s[0], s[3]);
  s[2] = wasm_v128_xor(s[2], t);
  s[3] = rotl(s[3], 11);
  return result;
}

// The top 24 bits as a float in [0, 1), exactly.
static v128_t unit(v128_t bits) {
  return wasm_f32x4_mul(wasm_f32x4_convert_i32x4(wasm_u32x4_shr(bits, 8)), wasm_f32x4_splat(0x1p-24f));
}

// ln u for u in (0, 1]: u = m·2^e with m in [√½, √2), ln m = 2·atanh(t) with
// t = (m − 1)/(m + 1), |t| < 0.172, by its odd series to t^11.
static v128_t log4(v128_t u) {
  v128_t bits = u;
  v128_t e = wasm_i32x4_sub(wasm_u32x4_shr(bits, 23), wasm_i32x4_splat(127));
  v128_t m = wasm_v128_or(wasm_v128_and(bits, wasm_i32x4_splat(0x007fffff)), wasm_i32x4_splat(0x3f800000));
  v128_t big = wasm_f32x4_gt(m, wasm_f32x4_splat(1.41421356f));
  m = wasm_v128_bitselect(wasm_f32x4_mul(m, wasm_f32x4_splat(0.5f)), m, big);
  e = wasm_i32x4_sub(e, big);  // big is −1 where true
  v128_t t = wasm_f32x4_div(wasm_f32x4_sub(m, wasm_f32x4_splat(1.0f)), wasm_f32x4_add(m, wasm_f32x4_splat(1.0f)));
  v128_t t2 = wasm_f32x4_mul(t, t), p = wasm_f32x4_splat(2.0f / 11);
  static const float series[] = {2.0f / 9, 2.0f / 7, 2.0f / 5, 2.0f / 3, 2.0f};
  for (int k = 0; k < 5; k++) p = wasm_f32x4_add(wasm_f32x4_mul(p, t2), wasm_f32x4_splat(series[k]));
  return wasm_f32x4_add(wasm_f32x4_mul(wasm_f32x4_convert_i32x4(e), wasm_f32x4_splat(0.693147181f)),
                        wasm_f32x4_mul(p, t));
}

// cos and sin of 2π·v for v in [0, 1): v = q/4 + w with |w| ≤ 1/8, Taylor
// series of a = 2π·w (|a| ≤ π/4) to a^9 and a^10, then a quarter turn per q.
static void sincos4(v128_t v, v128_t* c, v128_t* s) {
  v128_t q = wasm_f32x4_nearest(wasm_f32x4_mul(v, wasm_f32x4_splat(4.0f)));
  v128_t a = wasm_f32x4_mul(wasm_f32x4_sub(v, wasm_f32x4_mul(q, wasm_f32x4_splat(0.25f))),
                            wasm_f32x4_splat(6.28318531f));
  v128_t a2 = wasm_f32x4_mul(a, a);
  static const float sin_series[] = {1.0f / 362880, -1.0f / 5040, 1.0f / 120, -1.0f / 6, 1.0f};
  static const float cos_series[] = {-1.0f / 3628800, 1.0f / 40320, -1.0f / 720, 1.0f / 24, -0.5f, 1.0f};
  v128_t sa = wasm_f32x4_splat(sin_series[0]), ca = wasm_f32x4_splat(cos_series[0]);
  for (int k = 1; k < 5; k++) sa = wasm_f32x4_add(wasm_f32x4_mul(sa, a2), wasm_f32x4_splat(sin_series[k]));
  for (int k = 1; k < 6; k++) ca = wasm_f32x4_add(wasm_f32x4_mul(ca, a2), wasm_f32x4_splat(cos_series[k]));
  sa = wasm_f32x4_mul(sa, a);
  // Turn by q quarters: q = 1 gives (−sin a, cos a), q = 2 (−cos a, −sin a), q = 3 (sin a, −cos a).
  v128_t qi = wasm_i32x4_trunc_sat_f32x4(q);
  v128_t odd = wasm_i32x4_eq(wasm_v128_and(qi, wasm_i32x4_splat(1)), wasm_i32x4_splat(1));
  v128_t cos_neg = wasm_i32x4_shl(wasm_v128_and(wasm_i32x4_add(qi, wasm_i32x4_splat(1)), wasm_i32x4_splat(2)), 30);
  v128_t sin_neg = wasm_i32x4_shl(wasm_v128_and(qi, wasm_i32x4_splat(2)), 30);
  *c = wasm_v128_xor(wasm_v128_bitselect(sa, ca, odd), cos_neg);
  *s = wasm_v128_xor(wasm_v128_bitselect(ca, sa, odd), sin_neg);
}

// Eight normals: lane l's pair at positions 2l and 2l + 1.
static void normals8(v128_t s[4], v128_t* lo, v128_t* hi) {
  v128_t u1 = wasm_f32x4_sub(wasm_f32x4_splat(1.0f), unit(next(s)));  // (0, 1]: ln u1 is finite
  v128_t u2 = unit(next(s));
  v128_t r = wasm_f32x4_sqrt(wasm_f32x4_mul(log4(u1), wasm_f32x4_splat(-2.0f)));
  v128_t c, sn;
  sincos4(u2, &c, &sn);
  c = wasm_f32x4_mul(r, c);
  sn = wasm_f32x4_mul(r, sn);
  *lo = wasm_i32x4_shuffle(c, sn, 0, 4, 1, 5);
  *hi = wasm_i32x4_shuffle(c, sn, 2, 6, 3, 7);
}

void gaussian_noise(const Noise* g) {
  v128_t s[4];
  for (int k = 0; k < 4; k++)
    s[k] = wasm_i32x4_make(g->seeds[k], g->seeds[4 + k], g->seeds[8 + k], g->seeds[12 + k]);
  v128_t std = wasm_f32x4_splat(g->std);
  int32_t i = 0;
  for (; i + 8 <= g->n; i += 8) {
    v128_t lo, hi;
    normals8(s, &lo, &hi);
    wasm_v128_store(g->out + i, wasm_f32x4_add(wasm_v128_load(g->x + i), wasm_f32x4_mul(std, lo)));
    wasm_v128_store(g->out + i + 4, wasm_f32x4_add(wasm_v128_load(g->x + i + 4), wasm_f32x4_mul(std, hi)));
  }
  if (i == g->n) return;
  float n[8];
  v128_t lo, hi;
  normals8(s, &lo, &hi);
  wasm_v128_store(n, lo);
  wasm_v128_store(n + 4, hi);
  for (int32_t j = 0; i + j < g->n; j++) g->out[i + j] = g->x[i + j] + g->std * n[j];
}
