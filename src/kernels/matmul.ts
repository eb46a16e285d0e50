/** Batched matrix product with optional transposes and batch broadcasting. */
import { gemm, strided } from "./gemm.ts";
import type { KernelRuntime } from "./runtime.ts";

export interface MatMulGeometry {
  batchA: number; // 1 broadcasts over batchB
  batchB: number; // 1 broadcasts over batchA
  m: number;
  k: number;
  n: number;
  transposeA: boolean; // a holds [batchA, k, m] instead of [batchA, m, k]
  transposeB: boolean; // b holds [batchB, n, k] instead of [batchB, k, n]
}

/** out[batch, m, n] = a · b for each batch. */
export function batchMatMul(
  rt: KernelRuntime,
  g: MatMulGeometry,
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
): void {
  const { m, k, n, batchA, batchB } = g;
  if (batchA !== batchB && batchA !== 1 && batchB !== 1) {
    throw new Error(`batchMatMul: batch sizes ${batchA} and ${batchB} do not broadcast`);
  }
  rt.reset();
  const ap = rt.put(a), bp = rt.put(b);
  const batch = Math.max(batchA, batchB);
  const c = rt.alloc(batch * m * n * 4);
  const aCols = g.transposeA ? strided(k, m) : strided(k, 1);
  const bCols = g.transposeB ? strided(n, k) : strided(n, 1);
  for (let i = 0; i < batch; i++) {
    const aBase = (batchA === 1 ? 0 : i) * m * k, bBase = (batchB === 1 ? 0 : i) * k * n;
    gemm(
      rt,
      { ptr: ap, rows: g.transposeA ? strided(m, 1, aBase) : strided(m, k, aBase), cols: aCols },
      { ptr: bp, rows: g.transposeB ? strided(k, 1, bBase) : strided(k, n, bBase), cols: bCols },
      { ptr: c, rows: strided(m, n, i * m * n) },
    );
  }
  out.set(rt.f32(c, out.length));
}
