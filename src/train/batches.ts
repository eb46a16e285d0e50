/**
 * Training batches: real samples in a fresh order each epoch, and the
 * generator's noise and labels. Everything random comes from our Rng (never
 * tf.random*), so a seed fixes a run and a saved Rng state resumes it.
 */
import * as tf from "@tensorflow/tfjs-core";
import { rowsAt, type Split } from "../data/mod.ts";
import { drawCodes, withCodes } from "../models/codes.ts";
import { latentWidth, type ModelConfig } from "../models/config.ts";
import { oneHot } from "../models/labels.ts";
import { Rng } from "../random.ts";

export interface RealBatch {
  real: tf.Tensor;
  realLabels?: tf.Tensor;
}

export interface NoiseBatch {
  z: tf.Tensor;
  fakeLabels?: tf.Tensor;
}

/**
 * The order of the training split for one epoch. It is a function of a seed
 * drawn at the epoch's start, so a checkpoint saves the order as one number.
 */
export function epochOrder(n: number, seed: number): Int32Array {
  return Rng.seeded(seed).shuffle(Int32Array.from({ length: n }, (_, i) => i));
}

/** Samples `order[first .. first + size)` of `x`, which holds samples of `shape` one after another. */
export function gather(
  x: Float32Array,
  order: Int32Array,
  first: number,
  size: number,
  shape: number[],
): tf.Tensor {
  const sampleSize = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(rowsAt(x, sampleSize, order.subarray(first, first + size)), [size, ...shape]);
}

/** Samples `order[first .. first + size)` of the split, with one-hot labels for conditional models. */
export function realBatch(
  split: Split,
  order: Int32Array,
  first: number,
  size: number,
  config: ModelConfig,
): RealBatch {
  const real = gather(split.x, order, first, size, config.shape);
  if (!config.classes) return { real };
  const labels = Int32Array.from({ length: size }, (_, i) => split.labels![order[first + i]]);
  return { real, realLabels: oneHot(labels, config.classes) };
}

/**
 * Latent vectors for `size` samples: noise ~ N(0, 1), then InfoGAN's codes
 * drawn from their prior; and uniformly drawn labels for conditional models.
 */
export function noiseBatch(rng: Rng, size: number, config: ModelConfig): NoiseBatch {
  const noise = rng.normals(size * config.latent);
  const z = tf.tensor(withCodes(noise, config.latent, config.codes, drawCodes(config.codes, size, rng)), [
    size,
    latentWidth(config),
  ]);
  if (!config.classes) return { z };
  const labels = Int32Array.from({ length: size }, () => rng.int(config.classes));
  return { z, fakeLabels: oneHot(labels, config.classes) };
}

/** WGAN-GP's interpolation weights t ~ U(0, 1), one per sample, shaped [size, 1, ...] to broadcast. */
export function mixBatch(rng: Rng, size: number, config: ModelConfig): tf.Tensor {
  const t = Float32Array.from({ length: size }, () => rng.float());
  return tf.tensor(t, [size, ...config.shape.map(() => 1)]);
}
