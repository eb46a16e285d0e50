// Gathered GEMM: C = A·B, where A, B and C are read and written through
// offset tables instead of fixed strides. One kernel thus serves plain and
// transposed matrix products and, with im2col-style tables, convolutions and
// their gradients, without materialising im2col buffers.
//
//   A(i, p) = a[a_rows[i] + a_cols[p]]      i < m, p < k
//   B(p, j) = b[b_rows[p] + b_cols[j]]      p < k, j < n
//   C(i, j) = c[c_rows[i] + j]              columns of C are contiguous
//
// plus, where `bias` is set, bias[j] on every row (a convolution's bias),
// and, where `rectify` is set, a leaky ReLU of slope `slope` (0 <= slope <= 1)
// on the result, applied to each tile of C as its last slice is written.
//
// Blocking follows BLIS: KC-deep slices of A and B are packed into
// MR-row and NR-column panels, and a 4x8 register-blocked micro-kernel
// multiplies them with relaxed-SIMD fused multiply-adds.

#include <stdint.h>
#include <wasm_simd128.h>

enum { MR = 4, NR = 8, KC = 512, MC = 64, NC = 256 };

typedef struct {
  int32_t m, n, k;
  const float* a;
  const int32_t* a_rows;
  const int32_t* a_cols;
  const float* b;
  const int32_t* b_rows;
  const int32_t* b_cols;
  float* c;
  const int32_t* c_rows;
  float* scratch;  // GEMM_SCRATCH_FLOATS floats for each thread
  const float* bias;  // n floats added to each row of C, or null
  int32_t rectify;
  float slope;
} Gemm;

// Packing space per thread: an MC x KC panel of A, a KC x NC panel of B,
// one MR x NR edge tile and the NR bias values of an edge tile.
#define GEMM_SCRATCH_FLOATS (MC * KC + KC * NC + MR * NR + NR)

int32_t gemm_scratch_floats(void) { return GEMM_SCRATCH_FLOATS; }

static inline int32_t min32(int32_t a, int32_t b) { return a < b ? a : b; }

// Four rows (of A) or columns (of a transposed B), four consecutive values
// from offset k of each, into four k-major vectors `stride` floats apart: a
// 4x4 transpose in registers.
static void transpose4(float* dst, int32_t stride, const float* src, const int32_t* rows, int32_t k) {
  v128_t r0 = wasm_v128_load(src + rows[0] + k), r1 = wasm_v128_load(src + rows[1] + k);
  v128_t r2 = wasm_v128_load(src + rows[2] + k), r3 = wasm_v128_load(src + rows[3] + k);
  v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
  v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
  wasm_v128_store(dst, wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5));
  wasm_v128_store(dst + stride, wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7));
  wasm_v128_store(dst + 2 * stride, wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5));
  wasm_v128_store(dst + 3 * stride, wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7));
}

// dst[g][p][w] = src[grp[g*W + w] + kof[p]], zero where g*W + w >= count.
// Vector paths: a group whose W offsets are consecutive is copied as is; a
// full group is transposed, four rows or columns at a time, where four k offsets
// are consecutive (A read by rows, a transposed B read by columns).
static void pack(float* dst, const float* src, const int32_t* grp,
                 const int32_t* kof, int32_t count, int32_t kc, int32_t w) {
  for (int32_t g0 = 0; g0 < count; g0 += w, dst += kc * w) {
    const int32_t* o = grp + g0;
    int32_t live = min32(w, count - g0);
    int32_t consecutive = live == w;
    for (int32_t x = 1; x < live && consecutive; x++) consecutive = o[x] == o[0] + x;
    if (consecutive) {
      for (int32_t p = 0; p < kc; p++) {
        const float* s = src + o[0] + kof[p];
        for (int32_t x = 0; x < w; x += 4) wasm_v128_store(dst + p * w + x, wasm_v128_load(s + x));
      }
      continue;
    }
    for (int32_t p = 0; p < kc; p++) {
      if (live == w && p + 4 <= kc && kof[p + 3] == kof[p] + 3 && kof[p + 1] == kof[p] + 1 &&
          kof[p + 2] == kof[p] + 2) {
        for (int32_t x = 0; x < w; x += 4) transpose4(dst + p * w + x, w, src, o + x, kof[p]);
        p += 3;
        continue;
      }
      const float* s = src + kof[p];
      float* d = dst + p * w;
      int32_t x = 0;
      for (; x < live; x++) d[x] = s[o[x]];
      for (; x < w; x++) d[x] = 0.0f;
    }
  }
}

#define MADD(a, b, c) __builtin_wasm_relaxed_madd_f32x4(a, b, c)

// c_r[0..8) (+)= sum_p a[p][r] * b[p][0..8) for the four rows r, starting
// from bias[0..8) where it is given.
static void micro(int32_t kc, const float* a, const float* b, float* c0,
                  float* c1, float* c2, float* c3, int32_t accumulate,
                  const float* bias) {
  v128_t x00 = wasm_f32x4_splat(0.0f), x01 = x00;
  if (bias) x00 = wasm_v128_load(bias), x01 = wasm_v128_load(bias + 4);
  v128_t x10 = x00, x11 = x01, x20 = x00, x21 = x01, x30 = x00, x31 = x01;
  for (int32_t p = 0; p < kc; p++, a += MR, b += NR) {
    v128_t b0 = wasm_v128_load(b), b1 = wasm_v128_load(b + 4);
    v128_t av = wasm_v128_load32_splat(a);
    x00 = MADD(av, b0, x00);
    x01 = MADD(av, b1, x01);
    av = wasm_v128_load32_splat(a + 1);
    x10 = MADD(av, b0, x10);
    x11 = MADD(av, b1, x11);
    av = wasm_v128_load32_splat(a + 2);
    x20 = MADD(av, b0, x20);
    x21 = MADD(av, b1, x21);
    av = wasm_v128_load32_splat(a + 3);
    x30 = MADD(av, b0, x30);
    x31 = MADD(av, b1, x31);
  }
  if (accumulate) {
    x00 = wasm_f32x4_add(x00, wasm_v128_load(c0));
    x01 = wasm_f32x4_add(x01, wasm_v128_load(c0 + 4));
    x10 = wasm_f32x4_add(x10, wasm_v128_load(c1));
    x11 = wasm_f32x4_add(x11, wasm_v128_load(c1 + 4));
    x20 = wasm_f32x4_add(x20, wasm_v128_load(c2));
    x21 = wasm_f32x4_add(x21, wasm_v128_load(c2 + 4));
    x30 = wasm_f32x4_add(x30, wasm_v128_load(c3));
    x31 = wasm_f32x4_add(x31, wasm_v128_load(c3 + 4));
  }
  wasm_v128_store(c0, x00);
  wasm_v128_store(c0 + 4, x01);
  wasm_v128_store(c1, x10);
  wasm_v128_store(c1 + 4, x11);
  wasm_v128_store(c2, x20);
  wasm_v128_store(c2 + 4, x21);
  wasm_v128_store(c3, x30);
  wasm_v128_store(c3 + 4, x31);
}

// One MR x NR tile of C; tiles cut short at C's edges go through the edge tile. The bias is
// added with the first KC slice, the one that does not accumulate.
static void tile(const Gemm* g, int32_t kc, const float* ap, const float* bp,
                  int32_t i, int32_t j, int32_t rows, int32_t cols,
                  int32_t accumulate, float* edge) {
  const float* bias = g->bias && !accumulate ? g->bias + j : 0;
  if (rows == MR && cols == NR) {
    const int32_t* r = g->c_rows + i;
    float* c = g->c + j;
    micro(kc, ap, bp, c + r[0], c + r[1], c + r[2], c + r[3], accumulate, bias);
    return;
  }
  for (int32_t r = 0; r < rows; r++)
    for (int32_t x = 0; x < cols; x++) edge[r * NR + x] = g->c[g->c_rows[i + r] + j + x];
  float* edge_bias = edge + MR * NR;  // the live columns' bias, so no read passes the end of g->bias
  if (bias)
    for (int32_t x = 0; x < NR; x++) edge_bias[x] = x < cols ? bias[x] : 0.0f;
  micro(kc, ap, bp, edge, edge + NR, edge + 2 * NR, edge + 3 * NR, accumulate, bias ? edge_bias : 0);
  for (int32_t r = 0; r < rows; r++)
    for (int32_t x = 0; x < cols; x++) g->c[g->c_rows[i + r] + j + x] = edge[r * NR + x];
}

// max(x, slope·x), a leaky ReLU for 0 <= slope <= 1, on a rows x cols region of C.
static void rectify_region(const Gemm* g, int32_t i, int32_t j, int32_t rows, int32_t cols) {
  v128_t slope = wasm_f32x4_splat(g->slope);
  for (int32_t r = 0; r < rows; r++) {
    float* c = g->c + g->c_rows[i + r] + j;
    int32_t x = 0;
    for (; x + 4 <= cols; x += 4) {
      v128_t v = wasm_v128_load(c + x);
      wasm_v128_store(c + x, wasm_f32x4_pmax(v, wasm_f32x4_mul(v, slope)));
    }
    for (; x < cols; x++) c[x] = c[x] < g->slope * c[x] ? g->slope * c[x] : c[x];
  }
}

// A cache block's size (mc or nc) no larger than `max`, a multiple of `unit`, that cuts n into a
// whole number of blocks per thread (balanced to within one unit).
static int32_t balanced(int32_t n, int32_t max, int32_t unit, int32_t threads) {
  int32_t parts = (n + max * threads - 1) / (max * threads) * threads;
  int32_t block = (n + parts - 1) / parts;
  block = (block + unit - 1) / unit * unit;
  return block < unit ? unit : block;
}

typedef struct {
  int32_t mc, nc, split_m;
} Tiles;

// Tile sizes, the same on every thread. Threads split the larger of m and n,
// cut so that each thread gets the same number of blocks: each thread packs
// all of the other operand (k x n of B, or m x k of A), so the smaller one is
// the one packed twice.
static Tiles tiles(const Gemm* g, int32_t threads) {
  int32_t split_m = g->m >= g->n;
  Tiles t = {MC, NC, split_m};
  if (split_m) t.mc = balanced(g->m, MC, MR, threads);
  else t.nc = balanced(g->n, NC, NR, threads);
  return t;
}

// Whether B's columns lie side by side in memory (a plain, untransposed B).
static int32_t consecutive_columns(const Gemm* g) {
  for (int32_t j = 1; j < g->n; j++)
    if (g->b_cols[j] != g->b_cols[0] + j) return 0;
  return 1;
}

enum { FEW_ROWS_COLS = 16 };

// Fewer rows than the micro-kernel's: packing B would cost more than the
// product (one sample through a dense layer reads each weight once), so each
// row reads B where it lies, 16 consecutive columns (64 bytes) at a time.
// Threads split the columns.
static void few_rows(const Gemm* g, int32_t t, int32_t threads) {
  int32_t groups = (g->n + FEW_ROWS_COLS - 1) / FEW_ROWS_COLS;
  int32_t j_begin = groups * t / threads * FEW_ROWS_COLS;
  int32_t j_end = min32(g->n, groups * (t + 1) / threads * FEW_ROWS_COLS);
  const float* b = g->b + g->b_cols[0];
  for (int32_t i = 0; i < g->m; i++) {
    const float* a = g->a + g->a_rows[i];
    float* c = g->c + g->c_rows[i];
    int32_t j = j_begin;
    for (; j + FEW_ROWS_COLS <= j_end; j += FEW_ROWS_COLS) {
      v128_t x0 = wasm_f32x4_splat(0.0f), x1 = x0, x2 = x0, x3 = x0;
      if (g->bias) {
        x0 = wasm_v128_load(g->bias + j), x1 = wasm_v128_load(g->bias + j + 4);
        x2 = wasm_v128_load(g->bias + j + 8), x3 = wasm_v128_load(g->bias + j + 12);
      }
      for (int32_t p = 0; p < g->k; p++) {
        const float* row = b + g->b_rows[p] + j;
        v128_t av = wasm_f32x4_splat(a[g->a_cols[p]]);
        x0 = MADD(av, wasm_v128_load(row), x0);
        x1 = MADD(av, wasm_v128_load(row + 4), x1);
        x2 = MADD(av, wasm_v128_load(row + 8), x2);
        x3 = MADD(av, wasm_v128_load(row + 12), x3);
      }
      wasm_v128_store(c + j, x0);
      wasm_v128_store(c + j + 4, x1);
      wasm_v128_store(c + j + 8, x2);
      wasm_v128_store(c + j + 12, x3);
    }
    for (; j < j_end; j++) {
      float sum = g->bias ? g->bias[j] : 0.0f;
      for (int32_t p = 0; p < g->k; p++) sum += a[g->a_cols[p]] * b[g->b_rows[p] + j];
      c[j] = sum;
    }
    if (g->rectify) rectify_region(g, i, j_begin, 1, j_end - j_begin);
  }
}

// The share of thread `t` of `threads`. Each thread packs a KC x nc panel of
// B once and reuses it for all its rows.
void gemm_run(const Gemm* g, int32_t t, int32_t threads) {
  if (g->m < MR && consecutive_columns(g)) {
    few_rows(g, t, threads);
    return;
  }
  Tiles ts = tiles(g, threads);
  int32_t mc = ts.mc, nc = ts.nc, split_m = ts.split_m;
  float* ap = g->scratch + t * GEMM_SCRATCH_FLOATS;
  float* bp = ap + MC * KC;
  float* edge = bp + KC * NC;
  int32_t tm = (g->m + mc - 1) / mc, tn = (g->n + nc - 1) / nc;
  int32_t i_first = split_m ? t : 0, i_step = split_m ? threads : 1;
  int32_t j_first = split_m ? 0 : t, j_step = split_m ? 1 : threads;
  for (int32_t jt = j_first; jt < tn; jt += j_step) {
    int32_t j0 = jt * nc, nb = min32(nc, g->n - j0);
    if (g->k == 0) {
      for (int32_t it = i_first; it < tm; it += i_step)
        for (int32_t i = it * mc; i < min32(g->m, it * mc + mc); i++) {
          for (int32_t x = 0; x < nb; x++) g->c[g->c_rows[i] + j0 + x] = g->bias ? g->bias[j0 + x] : 0.0f;
          if (g->rectify) rectify_region(g, i, j0, 1, nb);
        }
      continue;
    }
    for (int32_t p0 = 0; p0 < g->k; p0 += KC) {
      int32_t kb = min32(KC, g->k - p0);
      pack(bp, g->b, g->b_cols + j0, g->b_rows + p0, nb, kb, NR);
      for (int32_t it = i_first; it < tm; it += i_step) {
        int32_t i0 = it * mc, mb = min32(mc, g->m - i0);
        pack(ap, g->a, g->a_rows + i0, g->a_cols + p0, mb, kb, MR);
        for (int32_t jr = 0; jr < nb; jr += NR)
          for (int32_t ir = 0; ir < mb; ir += MR) {
            int32_t rows = min32(MR, mb - ir), cols = min32(NR, nb - jr);
            tile(g, kb, ap + ir * kb, bp + jr * kb, i0 + ir, j0 + jr, rows, cols, p0 > 0, edge);
            if (g->rectify && p0 + kb == g->k) rectify_region(g, i0 + ir, j0 + jr, rows, cols);
          }
      }
    }
  }
}
