/**
 * Network layers as closures over their variables: `layer(x, training)`.
 * Shapes are NHWC; transposed convolutions follow PyTorch's (kernel, stride,
 * padding) convention so the reference architectures carry over exactly.
 */
import * as tf from "@tensorflow/tfjs-core";
import { batchNormTraining } from "../ops/batch_norm.ts";
import { conv2dWithBias } from "../ops/conv2d_with_bias.ts";
import { gaussianNoise as addGaussianNoise } from "../ops/gaussian_noise.ts";
import { maxout as maxoutOp } from "../ops/maxout.ts";
import { sumOfSquares } from "../ops/sum_of_squares.ts";
import type { Rng } from "../random.ts";
import {
  BATCH_NORM_EPSILON,
  type GeneratorLayer,
  transposedSide,
  type WeightInit,
} from "./generator_layers.ts";
import type { Init, Params } from "./params.ts";

export type Layer = (x: tf.Tensor, training: boolean) => tf.Tensor;

/** The init of a layer with `fanIn` inputs. */
function init(kind: WeightInit, fanIn: number): Init {
  return kind === "dcgan" ? { normal: 0.02 } : { uniform: 1 / Math.sqrt(fanIn) };
}

export function sequential(...layers: Layer[]): Layer {
  return (x, training) => layers.reduce((h, layer) => layer(h, training), x);
}

/** A layer's kernel and bias; the bias has one value per unit, the last axis of the kernel's output. */
function kernelAndBias(
  p: Params,
  name: string,
  shape: number[],
  units: number,
  fanIn: number,
  kind: WeightInit,
) {
  return {
    w: p.weight(`${name}/kernel`, shape, init(kind, fanIn)),
    b: p.weight(`${name}/bias`, [units], kind === "dcgan" ? { constant: 0 } : init(kind, fanIn)),
  };
}

export function dense(p: Params, name: string, inputs: number, units: number, kind: WeightInit): Layer {
  const { w, b } = kernelAndBias(p, name, [inputs, units], units, inputs, kind);
  return (x) => tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b);
}

/**
 * Maxout (Goodfellow et al. 2013): `units` outputs, each the largest of
 * `pieces` affine functions of the input.
 */
export function maxout(
  p: Params,
  name: string,
  inputs: number,
  units: number,
  pieces: number,
  kind: WeightInit,
): Layer {
  const affine = dense(p, name, inputs, units * pieces, kind);
  return (x, training) => maxoutOp(affine(x, training), pieces);
}

/**
 * Weight normalisation's data-dependent initialisation (Salimans & Kingma
 * 2016): while `active`, a forward pass sets each layer's length and bias so
 * that its outputs on that batch have mean 0 and standard deviation 1.
 */
export interface DataInit {
  active: boolean;
}

export interface WeightNormOptions {
  dataInit?: DataInit;
  /** Whether the optimiser trains the lengths g; if not, they keep what the data-dependent init set. */
  trainScale?: boolean;
}

/**
 * A dense layer with weight normalisation (Salimans & Kingma 2016): each unit's
 * weights are a direction v/‖v‖ and a length g, which decouples a unit's
 * scale from its direction and speeds up training.
 */
export function weightNormDense(
  p: Params,
  name: string,
  inputs: number,
  units: number,
  { dataInit, trainScale = true }: WeightNormOptions = {},
): Layer {
  // Salimans et al.'s layers draw directions from N(0, 0.1²): with Adam, a direction turns by about lr / ‖v‖.
  const v = p.weight(`${name}/direction`, [inputs, units], { normal: 0.1 });
  const g = trainScale
    ? p.weight(`${name}/length`, [units], { constant: 1 })
    : p.stat(`${name}/length`, [units], { constant: 1 });
  const b = p.weight(`${name}/bias`, [units], { constant: 0 });
  // x·(g·v/‖v‖) as (x·v)·(g/‖v‖): the scale applies to the batch's outputs, not to every weight,
  // and g/‖v‖ is one number per unit, so the outputs are multiplied once.
  const xv = (x: tf.Tensor) => tf.matMul(x as tf.Tensor2D, v as tf.Tensor2D);
  const inverseNorm = () => tf.rsqrt(sumOfSquares(v));
  return (x) => {
    if (dataInit?.active) {
      const { mean, variance } = tf.moments(tf.mul(xv(x), inverseNorm()), 0);
      const scale = tf.rsqrt(tf.add(variance, 1e-8));
      g.assign(scale as tf.Tensor1D);
      b.assign(tf.neg(tf.mul(mean, scale)) as tf.Tensor1D);
    }
    return tf.add(tf.mul(xv(x), tf.mul(g, inverseNorm())), b);
  };
}

/** Gaussian noise of standard deviation `std` added in training only, drawn from `rng`. */
export function gaussianNoise(std: number, rng: Rng): Layer {
  return (x, training) => training ? addGaussianNoise(x, std, rng) : x;
}

/**
 * Convolution with a square kernel, PyTorch's integer padding; then, where
 * `leakyReluAlpha` is given, a leaky ReLU in the same kernel (one pass over
 * the output fewer than a leakyRelu layer after it).
 */
export function conv2d(
  p: Params,
  name: string,
  [inC, outC]: [number, number],
  { kernel, stride, padding }: { kernel: number; stride: number; padding: number },
  kind: WeightInit,
  leakyReluAlpha?: number,
): Layer {
  const { w, b } = kernelAndBias(p, name, [kernel, kernel, inC, outC], outC, inC * kernel * kernel, kind);
  return (x) => conv2dWithBias(x as tf.Tensor4D, w as tf.Tensor4D, b, stride, padding, leakyReluAlpha);
}

/** Transposed convolution: out = (in - 1)·stride - 2·padding + kernel. */
export function conv2dTranspose(
  p: Params,
  name: string,
  [inC, outC]: [number, number],
  geometry: { kernel: number; stride: number; padding: number },
  kind: WeightInit,
): Layer {
  const { kernel, stride, padding } = geometry;
  // PyTorch takes the fan-in of a transposed conv from its weight's dim 1: outC.
  const { w, b } = kernelAndBias(p, name, [kernel, kernel, outC, inC], outC, outC * kernel * kernel, kind);
  return (x) => {
    const [n, h, wd] = x.shape;
    const y = tf.conv2dTranspose(
      x as tf.Tensor4D,
      w as tf.Tensor4D,
      [n, transposedSide(h, geometry), transposedSide(wd, geometry), outC],
      stride,
      padding,
    );
    return tf.add(y, b);
  };
}

/**
 * Batch normalisation over all axes but the last, as PyTorch's BatchNorm:
 * batch statistics in training (running averages updated with `momentum`),
 * running averages otherwise. Without `learnScale`, the scale stays 1.
 */
export function batchNorm(
  p: Params,
  name: string,
  channels: number,
  kind: WeightInit,
  learnScale = true,
): Layer {
  const gamma = learnScale
    ? p.weight(`${name}/gamma`, [channels], kind === "dcgan" ? { normal: 0.02, mean: 1 } : { constant: 1 })
    : p.stat(`${name}/gamma`, [channels], { constant: 1 });
  const beta = p.weight(`${name}/beta`, [channels], { constant: 0 });
  const runMean = p.stat(`${name}/running_mean`, [channels], { constant: 0 });
  const runVar = p.stat(`${name}/running_var`, [channels], { constant: 1 });
  const momentum = 0.1, epsilon = BATCH_NORM_EPSILON;
  return (x, training) => {
    if (!training) return tf.batchNorm(x, runMean, runVar, beta, gamma, epsilon);
    const n = x.size / channels;
    const y = batchNormTraining(
      x,
      gamma as tf.Tensor1D,
      beta as tf.Tensor1D,
      epsilon,
      (mean, variance) =>
        tf.tidy(() => {
          runMean.assign(tf.add(tf.mul(runMean, 1 - momentum), tf.mul(mean, momentum)));
          // PyTorch keeps the unbiased variance in its running average.
          runVar.assign(
            tf.add(tf.mul(runVar, 1 - momentum), tf.mul(variance, momentum * n / Math.max(1, n - 1))),
          );
        }),
    );
    return y;
  };
}

/**
 * Virtual batch normalisation (Salimans et al. 2016): the first `references`
 * rows of x are a reference batch fixed for the whole run, normalised with
 * its own statistics alone; each sample after them is normalised with the
 * statistics of that batch and itself, (R·μ_ref + x)/(R + 1), so that no
 * sample's output depends on the others in its batch. It behaves the same in
 * training and in inference.
 */
export function virtualBatchNorm(p: Params, name: string, channels: number, references: number): Layer {
  const gamma = p.weight(`${name}/gamma`, [channels], { normal: 0.02, mean: 1 });
  const beta = p.weight(`${name}/beta`, [channels], { constant: 0 });
  const epsilon = BATCH_NORM_EPSILON, own = 1 / (references + 1);
  const normalise = (x: tf.Tensor, mean: tf.Tensor, square: tf.Tensor) =>
    tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(tf.relu(tf.sub(square, tf.square(mean))), epsilon)));
  return (x) => {
    const axes = x.shape.map((_, i) => i).slice(0, -1), spatial = axes.slice(1);
    const reference = tf.slice(x, 0, references), samples = tf.slice(x, references);
    const [refMean, refSquare] = [tf.mean(reference, axes), tf.mean(tf.square(reference), axes)];
    const [ownMean, ownSquare] = spatial.length
      ? [tf.mean(samples, spatial, true), tf.mean(tf.square(samples), spatial, true)]
      : [samples, tf.square(samples)];
    const withReference = (ref: tf.Tensor, self: tf.Tensor) =>
      tf.add(tf.mul(ref, 1 - own), tf.mul(self, own));
    const normalised = tf.concat([
      normalise(reference, refMean, refSquare),
      normalise(samples, withReference(refMean, ownMean), withReference(refSquare, ownSquare)),
    ]);
    return tf.add(tf.mul(normalised, gamma), beta);
  };
}

/**
 * Layer normalisation of each sample over all its axes (Ba et al. 2016),
 * with a scale and shift per channel, as WGAN-GP's critic uses it.
 */
export function layerNorm(p: Params, name: string, channels: number): Layer {
  const gamma = p.weight(`${name}/gamma`, [channels], { constant: 1 });
  const beta = p.weight(`${name}/beta`, [channels], { constant: 0 });
  const epsilon = 1e-5;
  return (x) => {
    const { mean, variance } = tf.moments(x, x.shape.map((_, i) => i).slice(1), true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon))), gamma), beta);
  };
}

/** The tfjs layer of one of a generator's layers (src/models/generator_layers.ts), its weights in `p`. */
export function generatorLayer(p: Params, layer: GeneratorLayer): Layer {
  switch (layer.op) {
    case "dense":
      return dense(p, layer.name, layer.inputs, layer.units, layer.init);
    case "weightNormDense":
      return weightNormDense(p, layer.name, layer.inputs, layer.units);
    case "conv2dTranspose": {
      const { name, inputs, outputs, kernel, stride, padding, init } = layer;
      return conv2dTranspose(p, name, [inputs, outputs], { kernel, stride, padding }, init);
    }
    case "batchNorm":
      return batchNorm(p, layer.name, layer.channels, layer.init, layer.scale ?? true);
    case "virtualBatchNorm":
      return virtualBatchNorm(p, layer.name, layer.channels, layer.references);
    case "reshape":
      return reshape(layer.shape);
    case "relu":
      return relu;
    case "tanh":
      return tanh;
    case "softplus":
      return softplus;
    case "sigmoidPixels":
      return (x) => tf.sub(tf.mul(tf.sigmoid(x), 2), 1);
  }
}

export const relu: Layer = (x) => tf.relu(x);
export const tanh: Layer = (x) => tf.tanh(x);
export const softplus: Layer = (x) => tf.softplus(x);
export const leakyRelu = (alpha: number): Layer => (x) => tf.leakyRelu(x, alpha);
export const reshape = (shape: number[]): Layer => (x) => tf.reshape(x, [x.shape[0], ...shape]);
export const flatten: Layer = (x) => tf.reshape(x, [x.shape[0], -1]);
