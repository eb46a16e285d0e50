/**
 * The networks of Salimans et al.'s 2016 semi-supervised MNIST experiments
 * (their released code): D an MLP 1000-500-250-250-250 of weight-normalised
 * ReLU layers with Gaussian noise on its input (σ 0.3) and after each layer
 * (σ 0.5), ending in K class logits (the "fake" class's logit is fixed at
 * 0, so it has no weights). Its weight norm is initialised from a batch of
 * data as theirs is, to unit-variance layers; then, as in their code, only
 * the logits' lengths train and the hidden layers' stay fixed (trained, they
 * compound over five layers and D's features blow up). G an MLP 500-500 of
 * softplus layers with batch norm. D's features, which feature matching compares, are its last hidden
 * layer.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Rng } from "../random.ts";
import type { ModelConfig } from "./config.ts";
import { latentWidth } from "./config.ts";
import {
  batchNorm,
  type DataInit,
  dense,
  flatten,
  gaussianNoise,
  type Layer,
  relu,
  reshape,
  sequential,
  softplus,
  tanh,
  weightNormDense,
} from "./layers.ts";
import type { Discriminator, Generator } from "./networks.ts";
import { Params } from "./params.ts";

const D_UNITS = [1000, 500, 250, 250, 250];
const G_UNITS = [500, 500];
const INPUT_NOISE = 0.3, HIDDEN_NOISE = 0.5;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export function semiSupervisedGenerator(c: ModelConfig, rng: Rng): Generator {
  const p = new Params("G", rng);
  const layers: Layer[] = [];
  let inputs = latentWidth(c);
  G_UNITS.forEach((units, i) => {
    layers.push(
      dense(p, `dense${i + 1}`, inputs, units, "default"),
      batchNorm(p, `bn${i + 1}`, units, "default"),
    );
    layers.push(softplus);
    inputs = units;
  });
  // The paper's G ends in a weight-normalised sigmoid layer for pixels in [0, 1]; ours are in [-1, 1].
  layers.push(
    weightNormDense(p, `dense${G_UNITS.length + 1}`, inputs, size(c.shape)),
    tanh,
    reshape(c.shape),
  );
  const net = sequential(...layers);
  return { params: p, apply: (z, _labels, training) => net(z, training) };
}

export function semiSupervisedDiscriminator(c: ModelConfig, rng: Rng): Discriminator {
  const p = new Params("D", rng);
  // The noise layers draw from a stream of their own, seeded from the weights' seed and saved with checkpoints.
  const noise = Rng.seeded(rng.uint32());
  // The paper's noise is relative to pixels in [0, 1]; ours are in [-1, 1].
  const toUnit: Layer = (x) => tf.mul(tf.add(x, 1), 0.5);
  const dataInit: DataInit = { active: false };
  const layers: Layer[] = [flatten, toUnit, gaussianNoise(INPUT_NOISE, noise)];
  let inputs = size(c.shape);
  D_UNITS.forEach((units, i) => {
    layers.push(weightNormDense(p, `dense${i + 1}`, inputs, units, { dataInit, trainScale: false }), relu);
    if (i < D_UNITS.length - 1) layers.push(gaussianNoise(HIDDEN_NOISE, noise));
    inputs = units;
  });
  const features = sequential(...layers);
  const afterFeatures = gaussianNoise(HIDDEN_NOISE, noise);
  const logits = weightNormDense(p, "logits", inputs, c.classifies, { dataInit });
  const classify = (f: tf.Tensor, training: boolean) => logits(afterFeatures(f, training), training);
  return {
    params: p,
    noise,
    features: (x, _labels, training) => features(x, training),
    // Real or fake, in training: with the fake class's logit at 0, log(Σ exp(l_k)) is the logit of "real".
    head: (f) => tf.logSumExp(classify(f, true), 1, true),
    classify,
    initialise(x) {
      dataInit.active = true;
      tf.tidy(() => classify(features(x, true), true));
      dataInit.active = false;
    },
  };
}
