/** Leaky ReLU, its gradient and row sums: wasm/elementwise.c. */
import type { KernelRuntime } from "./runtime.ts";

/** out = x > 0 ? x : alpha·x, or with `dy`, the gradient: x > 0 ? dy : alpha·dy. */
export function leakyRelu(
  rt: KernelRuntime,
  alpha: number,
  x: Float32Array,
  out: Float32Array,
  dy?: Float32Array,
): void {
  rt.reset();
  const y = rt.alloc(out.byteLength);
  const task = rt.struct([x.length, { f32: alpha }, rt.put(x), dy ? rt.put(dy) : 0, y]);
  rt.pool.run(dy ? "leaky_relu_grad_run" : "leaky_relu_run", task);
  out.set(rt.f32(y, out.length));
}

/** out[j] = Σ_i x[i, j] for x[m, c]. */
export function sumRows(rt: KernelRuntime, m: number, c: number, x: Float32Array, out: Float32Array): void {
  rt.reset();
  const y = rt.alloc(c * 4);
  rt.pool.run("sum_rows_run", rt.struct([m, c, rt.put(x), y]));
  out.set(rt.f32(y, c));
}
