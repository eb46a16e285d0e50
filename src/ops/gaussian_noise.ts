/**
 * x plus Gaussian noise of standard deviation `std`, as one kernel
 * (GAUSSIAN_NOISE): the wasm backend draws the normals and adds them in one
 * pass, where drawing them here, a Box-Muller pair at a time in JavaScript,
 * took a quarter of a semi-supervised iteration. `rng` seeds the draw (16
 * words a call), so a resumed run draws what an unbroken one would have.
 */
import * as tf from "@tensorflow/tfjs-core";
import { GAUSSIAN_NOISE, type GaussianNoiseAttrs } from "../backend/kernel_names.ts";
import type { Rng } from "../random.ts";

export function gaussianNoise(x: tf.Tensor, std: number, rng: Rng): tf.Tensor {
  const attrs: GaussianNoiseAttrs = { std, seeds: Array.from({ length: 16 }, () => rng.uint32()) };
  return tf.engine().runKernel(GAUSSIAN_NOISE, { x }, { ...attrs }) as tf.Tensor;
}
