// Batch normalisation over the rows of x[m, c] (channels last), forward and
// backward, in two or three streaming passes with SIMD across channels.
// They run on one thread, in the tfjs backend's own memory. Requires c % 4 == 0.

#include <stdint.h>
#include <wasm_simd128.h>

typedef struct {
  int32_t m, c;
  float eps;
  const float *x, *gamma, *beta;
  float *y, *mean, *var;
  float* tmp;  // 2c floats
} BnForward;

typedef struct {
  int32_t m, c;
  float eps;
  const float *dy, *x, *mean, *var, *gamma;
  float *dx, *dgamma, *dbeta;
  float* tmp;  // 3c floats
} BnBackward;

#define LOAD(p) wasm_v128_load(p)
#define STORE(p, v) wasm_v128_store(p, v)
#define ADD wasm_f32x4_add
#define SUB wasm_f32x4_sub
#define MUL wasm_f32x4_mul
#define SPLAT wasm_f32x4_splat

void bn_forward(const BnForward* g) {
  int32_t lo = 0, hi = g->c;
  float *scale = g->tmp, *shift = g->tmp + g->c;
  v128_t inv_m = SPLAT(1.0f / (float)g->m);
  for (int32_t j = lo; j < hi; j += 4) STORE(g->mean + j, SPLAT(0.0f)), STORE(g->var + j, SPLAT(0.0f));
  for (int32_t i = 0; i < g->m; i++) {
    const float* x = g->x + (int64_t)i * g->c;
    for (int32_t j = lo; j < hi; j += 4) STORE(g->mean + j, ADD(LOAD(g->mean + j), LOAD(x + j)));
  }
  for (int32_t j = lo; j < hi; j += 4) STORE(g->mean + j, MUL(LOAD(g->mean + j), inv_m));
  for (int32_t i = 0; i < g->m; i++) {
    const float* x = g->x + (int64_t)i * g->c;
    for (int32_t j = lo; j < hi; j += 4) {
      v128_t d = SUB(LOAD(x + j), LOAD(g->mean + j));
      STORE(g->var + j, ADD(LOAD(g->var + j), MUL(d, d)));
    }
  }
  for (int32_t j = lo; j < hi; j += 4) {
    v128_t var = MUL(LOAD(g->var + j), inv_m);
    STORE(g->var + j, var);
    v128_t s = MUL(LOAD(g->gamma + j), wasm_f32x4_div(SPLAT(1.0f), wasm_f32x4_sqrt(ADD(var, SPLAT(g->eps)))));
    STORE(scale + j, s);
    STORE(shift + j, SUB(LOAD(g->beta + j), MUL(LOAD(g->mean + j), s)));
  }
  for (int32_t i = 0; i < g->m; i++) {
    const float* x = g->x + (int64_t)i * g->c;
    float* y = g->y + (int64_t)i * g->c;
    for (int32_t j = lo; j < hi; j += 4) STORE(y + j, ADD(MUL(LOAD(x + j), LOAD(scale + j)), LOAD(shift + j)));
  }
}

// With x̂ = (x − mean)·inv:  dβ = Σ dy,  dγ = Σ dy·x̂,
// dx = γ·inv·(dy − dβ/m − x̂·dγ/m), rewritten as a·dy + e·x + f per channel.
void bn_backward(const BnBackward* g) {
  int32_t lo = 0, hi = g->c;
  float *a = g->tmp, *e = g->tmp + g->c, *f = g->tmp + 2 * g->c;
  v128_t inv_m = SPLAT(1.0f / (float)g->m);
  for (int32_t j = lo; j < hi; j += 4) {
    STORE(g->dbeta + j, SPLAT(0.0f));
    STORE(g->dgamma + j, SPLAT(0.0f));
    STORE(e + j, wasm_f32x4_div(SPLAT(1.0f), wasm_f32x4_sqrt(ADD(LOAD(g->var + j), SPLAT(g->eps)))));
  }
  for (int32_t i = 0; i < g->m; i++) {
    const float *x = g->x + (int64_t)i * g->c, *dy = g->dy + (int64_t)i * g->c;
    for (int32_t j = lo; j < hi; j += 4) {
      v128_t d = LOAD(dy + j);
      v128_t xhat = MUL(SUB(LOAD(x + j), LOAD(g->mean + j)), LOAD(e + j));
      STORE(g->dbeta + j, ADD(LOAD(g->dbeta + j), d));
      STORE(g->dgamma + j, ADD(LOAD(g->dgamma + j), MUL(d, xhat)));
    }
  }
  for (int32_t j = lo; j < hi; j += 4) {
    v128_t inv = LOAD(e + j), ga = MUL(LOAD(g->gamma + j), inv);
    v128_t ee = MUL(MUL(SUB(SPLAT(0.0f), MUL(ga, LOAD(g->dgamma + j))), inv_m), inv);
    v128_t ff = SUB(MUL(SUB(SPLAT(0.0f), MUL(ga, LOAD(g->dbeta + j))), inv_m), MUL(ee, LOAD(g->mean + j)));
    STORE(a + j, ga);
    STORE(e + j, ee);
    STORE(f + j, ff);
  }
  for (int32_t i = 0; i < g->m; i++) {
    const float *x = g->x + (int64_t)i * g->c, *dy = g->dy + (int64_t)i * g->c;
    float* dx = g->dx + (int64_t)i * g->c;
    for (int32_t j = lo; j < hi; j += 4)
      STORE(dx + j, ADD(ADD(MUL(LOAD(a + j), LOAD(dy + j)), MUL(LOAD(e + j), LOAD(x + j))), LOAD(f + j)));
  }
}
