/**
 * C = A·B on the gathered GEMM of wasm/gemm.c. Each operand is an address in
 * kernel memory plus offset tables (in floats):
 *   A(i, p) = a[aRows[i] + aCols[p]],  B(p, j) = b[bRows[p] + bCols[j]],
 *   C(i, j) = c[cRows[i] + j] (+ bias[j], where C has a bias),
 * then a leaky ReLU on C where it has a slope.
 */
import type { KernelRuntime } from "./runtime.ts";

export interface Gathered {
  ptr: number;
  rows: Int32Array;
  cols: Int32Array;
}

export interface Output {
  ptr: number;
  rows: Int32Array;
  /** The address of n floats added to every row. */
  bias?: number;
  /** A leaky ReLU's slope for negative values, 0 to 1 (0: a ReLU), applied to the result. */
  slope?: number;
}

/**
 * Products below this many multiply-adds run on the calling thread alone: waking the workers costs
 * more than a half-millisecond product gains. One sample of the half-width MNIST DCGAN on 2 threads:
 * 1.10 ms at 1 << 16, 0.82 ms at 1 << 20 and 0.55 ms here, measured side by side; training's products
 * are far larger.
 */
const SERIAL_MACS = 1 << 21;

export function gemm(rt: KernelRuntime, a: Gathered, b: Gathered, c: Output): void {
  const m = a.rows.length, k = a.cols.length, n = b.cols.length;
  if (b.rows.length !== k || c.rows.length !== m) {
    throw new Error(`gemm: shapes disagree (A ${m}x${k}, B ${b.rows.length}x${n}, C ${c.rows.length}x${n})`);
  }
  // The Gemm struct of wasm/gemm.c, field by field.
  const fields = [
    m,
    n,
    k,
    a.ptr,
    rt.put(a.rows),
    rt.put(a.cols),
    b.ptr,
    rt.put(b.rows),
    rt.put(b.cols),
    c.ptr,
    rt.put(c.rows),
    rt.scratch,
    c.bias ?? 0,
    c.slope === undefined ? 0 : 1,
    { f32: c.slope ?? 0 },
  ];
  const task = rt.struct(fields);
  rt.pool.run("gemm_run", task, m * n * k < SERIAL_MACS);
}

/** Offsets 0, step, 2·step, … (n of them), plus `base`. */
export function strided(n: number, step: number, base = 0): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = base + i * step;
  return out;
}
