/**
 * Our kernels (kernel_names.ts) as compositions of tfjs-core ops, so that
 * every backend runs them: the cpu and webgpu backends always, and the wasm
 * backend where its fused kernel cannot take a shape. Inside a kernel tfjs
 * records no gradients, so these compute values only; the gradients are
 * registered once per kernel name (gradients.ts).
 */
import * as tf from "@tensorflow/tfjs-core";
import {
  ADAM,
  type AdamAttrs,
  BATCH_NORM,
  BATCH_NORM_GRAD,
  type BatchNormAttrs,
  GAUSSIAN_NOISE,
  type GaussianNoiseAttrs,
  LEAKY_RELU_GRAD,
  type LeakyReluGradAttrs,
  MAXOUT,
  MAXOUT_GRAD,
  type MaxoutAttrs,
  SUM_OF_SQUARES,
  TANH_GRAD,
} from "./kernel_names.ts";
import { Rng } from "../random.ts";

type Inputs = Record<string, tf.Tensor>;
/** A kernel as a function of its inputs and attributes, returning its outputs (tidied). */
export type CompositeKernel<A> = (inputs: Inputs, attrs: A) => tf.Tensor | tf.Tensor[];

const leadingAxes = (x: tf.Tensor) => x.shape.map((_, i) => i).slice(0, -1);

const leakyReluGrad: CompositeKernel<LeakyReluGradAttrs> = ({ dy, x }, { alpha }) =>
  tf.tidy(() => tf.where(tf.greater(x, 0), dy, tf.mul(dy, alpha)));

const tanhGrad: CompositeKernel<never> = ({ y, dy }) => tf.tidy(() => tf.mul(dy, tf.sub(1, tf.square(y))));

/** x's last axis split into its units' runs of pieces: [..., units, pieces]. */
const runs = (x: tf.Tensor, pieces: number) =>
  tf.reshape(x, [...x.shape.slice(0, -1), x.shape[x.rank - 1] / pieces, pieces]);

const maxout: CompositeKernel<MaxoutAttrs> = ({ x }, { pieces }) =>
  tf.tidy(() => tf.max(runs(x, pieces), -1));

const maxoutGrad: CompositeKernel<MaxoutAttrs> = ({ dy, x }, { pieces }) =>
  tf.tidy(() => {
    const first = tf.cast(tf.oneHot(tf.argMax(runs(x, pieces), -1), pieces), "float32");
    return tf.reshape(tf.mul(first, tf.expandDims(dy, -1)), x.shape);
  });

export const batchNorm: CompositeKernel<BatchNormAttrs> = ({ x, gamma, beta }, { eps }) =>
  tf.tidy(() => {
    const { mean, variance } = tf.moments(x, leadingAxes(x));
    return [tf.batchNorm(x, mean, variance, beta, gamma, eps), mean, variance];
  });

/** dx = r·(a − mean(a) − x̂·mean(a·x̂)) with a = dy·γ, x̂ = (x − μ)·r, r = (σ² + eps)^-½. */
export const batchNormGrad: CompositeKernel<BatchNormAttrs> = ({ dy, x, mean, variance, gamma }, { eps }) =>
  tf.tidy(() => {
    const axes = leadingAxes(x);
    const r = tf.rsqrt(tf.add(variance, eps));
    const xhat = tf.mul(tf.sub(x, mean), r);
    const a = tf.mul(dy, gamma);
    const centred = tf.sub(tf.sub(a, tf.mean(a, axes)), tf.mul(xhat, tf.mean(tf.mul(a, xhat), axes)));
    return [tf.mul(r, centred), tf.sum(tf.mul(dy, xhat), axes), tf.sum(dy, axes)];
  });

const adam: CompositeKernel<AdamAttrs> = ({ p, g, m, v }, s) =>
  tf.tidy(() => {
    const m1 = tf.add(tf.mul(m, s.beta1), tf.mul(g, 1 - s.beta1));
    const v1 = tf.add(tf.mul(v, s.beta2), tf.mul(tf.square(g), 1 - s.beta2));
    return [tf.sub(p, tf.mul(tf.div(m1, tf.add(tf.sqrt(v1), s.eps)), s.size)), m1, v1];
  });

/** The normals of wasm/noise.c, in float64: stream l's k-th pair lands at 8k + 2l and 8k + 2l + 1. */
function noiseNormals(n: number, seeds: number[]): Float32Array {
  const streams = [0, 1, 2, 3].map((l) => Rng.restore({ s: seeds.slice(4 * l, 4 * l + 4), spare: null }));
  const out = new Float32Array(n);
  for (let block = 0; block < n; block += 8) {
    const u1 = streams.map((s) => 1 - (s.uint32() >>> 8) / 16777216);
    const u2 = streams.map((s) => (s.uint32() >>> 8) / 16777216);
    for (let l = 0; l < 4; l++) {
      const r = Math.sqrt(-2 * Math.log(u1[l])), theta = 2 * Math.PI * u2[l];
      if (block + 2 * l < n) out[block + 2 * l] = r * Math.cos(theta);
      if (block + 2 * l + 1 < n) out[block + 2 * l + 1] = r * Math.sin(theta);
    }
  }
  return out;
}

const gaussianNoise: CompositeKernel<GaussianNoiseAttrs> = ({ x }, { std, seeds }) =>
  tf.tidy(() => tf.add(x, tf.mul(tf.tensor(noiseNormals(x.size, seeds), x.shape), std)));

const sumOfSquares: CompositeKernel<never> = ({ x }) => tf.tidy(() => tf.sum(tf.square(x), leadingAxes(x)));

const COMPOSITES: Record<string, CompositeKernel<never>> = {
  [LEAKY_RELU_GRAD]: leakyReluGrad,
  [MAXOUT]: maxout,
  [MAXOUT_GRAD]: maxoutGrad,
  [TANH_GRAD]: tanhGrad,
  [BATCH_NORM]: batchNorm,
  [BATCH_NORM_GRAD]: batchNormGrad,
  [ADAM]: adam,
  [GAUSSIAN_NOISE]: gaussianNoise,
  [SUM_OF_SQUARES]: sumOfSquares,
};

/** Registers every composite kernel on `backendName`, one registration each. */
export function registerCompositeKernels(backendName: string): void {
  for (const [kernelName, kernel] of Object.entries(COMPOSITES)) {
    if (tf.getKernel(kernelName, backendName)) continue;
    tf.registerKernel({
      kernelName,
      backendName,
      // tfjs passes the op's tensors as inputs, and takes returned tensors as the outputs.
      kernelFunc: ({ inputs, attrs }) => kernel(inputs as Inputs, attrs as never) as unknown as tf.TensorInfo,
    });
  }
}
