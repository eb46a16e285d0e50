/** Batch normalisation of x[m, c] over its rows: wasm/batch_norm.c. */
import type { KernelRuntime } from "./runtime.ts";

export interface BatchNormForward {
  y: Float32Array;
  mean: Float32Array;
  variance: Float32Array;
}

/** True when the kernels handle this channel count (whole SIMD vectors). */
export const batchNormSupports = (channels: number) => channels % 4 === 0;

export function batchNormForward(
  rt: KernelRuntime,
  m: number,
  c: number,
  eps: number,
  x: Float32Array,
  gamma: Float32Array,
  beta: Float32Array,
  out: BatchNormForward,
): void {
  rt.reset();
  const y = rt.alloc(m * c * 4), mean = rt.alloc(c * 4), variance = rt.alloc(c * 4);
  const task = rt.struct([
    m,
    c,
    { f32: eps },
    rt.put(x),
    rt.put(gamma),
    rt.put(beta),
    y,
    mean,
    variance,
    rt.alloc(2 * c * 4),
  ]);
  rt.pool.run("bn_forward_run", task);
  out.y.set(rt.f32(y, m * c));
  out.mean.set(rt.f32(mean, c));
  out.variance.set(rt.f32(variance, c));
}

export interface BatchNormGradients {
  dx: Float32Array;
  dgamma: Float32Array;
  dbeta: Float32Array;
}

export function batchNormBackward(
  rt: KernelRuntime,
  m: number,
  c: number,
  eps: number,
  inputs: {
    dy: Float32Array;
    x: Float32Array;
    mean: Float32Array;
    variance: Float32Array;
    gamma: Float32Array;
  },
  out: BatchNormGradients,
): void {
  rt.reset();
  const dx = rt.alloc(m * c * 4), dgamma = rt.alloc(c * 4), dbeta = rt.alloc(c * 4);
  const { dy, x, mean, variance, gamma } = inputs;
  const task = rt.struct([
    m,
    c,
    { f32: eps },
    rt.put(dy),
    rt.put(x),
    rt.put(mean),
    rt.put(variance),
    rt.put(gamma),
    dx,
    dgamma,
    dbeta,
    rt.alloc(3 * c * 4),
  ]);
  rt.pool.run("bn_backward_run", task);
  out.dx.set(rt.f32(dx, m * c));
  out.dgamma.set(rt.f32(dgamma, c));
  out.dbeta.set(rt.f32(dbeta, c));
}
