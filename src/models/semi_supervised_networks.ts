/**
 * The discriminator of Salimans et al.'s 2016 semi-supervised MNIST experiments
 * (their released code): D an MLP 1000-500-250-250-250 of weight-normalised
 * ReLU layers with Gaussian noise on its input (σ 0.3) and after each layer
 * (σ 0.5), ending in K class logits (the "fake" class's logit is fixed at
 * 0, so it has no weights). Its weight norm is initialised from a batch of
 * data as theirs is, to unit-variance layers; then, as in their code, only
 * the logits' lengths train and the hidden layers' stay fixed (trained, they
 * compound over five layers and D's features blow up). D's features, which
 * feature matching compares, are its last hidden layer. Their G is in
 * src/models/generator_layers.ts.
 */
import * as tf from "@tensorflow/tfjs-core";
import { Rng } from "../random.ts";
import type { ModelConfig } from "./config.ts";
import {
  type DataInit,
  flatten,
  gaussianNoise,
  type Layer,
  relu,
  sequential,
  weightNormDense,
} from "./layers.ts";
import type { Discriminator } from "./networks.ts";
import { Params } from "./params.ts";

const D_UNITS = [1000, 500, 250, 250, 250];
const INPUT_NOISE = 0.3, HIDDEN_NOISE = 0.5;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

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
    batchDependent: false,
    initialise(x) {
      dataInit.active = true;
      tf.tidy(() => classify(features(x, true), true));
      dataInit.active = false;
    },
  };
}
