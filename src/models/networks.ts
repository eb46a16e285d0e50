/**
 * The generator and discriminator of a GAN, built from a ModelConfig.
 * The discriminator is split into `features` (everything up to its last
 * layer, which feature matching compares) and `head` (the logit).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../random.ts";
import { codeWidth, drawCodes, hasCodes, withCodes } from "./codes.ts";
import { latentWidth, type ModelConfig } from "./config.ts";
import { Params } from "./params.ts";
import { generatorInputs, generatorLayers, stages } from "./generator_layers.ts";
import { semiSupervisedDiscriminator } from "./semi_supervised_networks.ts";
import {
  batchNorm,
  conv2d,
  dense,
  flatten,
  generatorLayer,
  type Layer,
  layerNorm,
  leakyRelu,
  maxout,
  sequential,
} from "./layers.ts";

export interface Generator {
  params: Params;
  /** Samples [n, ...config.shape] from latent vectors [n, latentWidth] (and one-hot labels [n, classes]). */
  apply(z: tf.Tensor, labels: tf.Tensor | undefined, training: boolean): tf.Tensor;
}

export interface Discriminator {
  params: Params;
  /** Features [n/pack, f] of x [n, ...shape], `pack` samples per row. */
  features(x: tf.Tensor, labels: tf.Tensor | undefined, training: boolean): tf.Tensor;
  /** Real/fake logits [n/pack, 1] from features (a projection D adds its labels' term). */
  head(features: tf.Tensor, labels: tf.Tensor | undefined): tf.Tensor;
  /** Class logits [n, classes] from features: an ACGAN D's, or a semi-supervised D's (noisy in training). */
  classify?(features: tf.Tensor, training: boolean): tf.Tensor;
  /** The random stream of D's noise layers, where it has any: a checkpoint saves its state. */
  noise?: Rng;
  /** InfoGAN's Q head: from features, each categorical code's logits, then each continuous code's mean. */
  infer?(features: tf.Tensor): tf.Tensor;
  /** Sets the initial weights from a batch of training samples, where D's layers take it (weight norm's). */
  initialise?(x: tf.Tensor): void;
  /** Whether a sample's logit depends on the others in its batch (batch norm, minibatch std). */
  batchDependent: boolean;
}

/** The label inputs of D: one per class where it takes them beside the sample (concat). */
const labelInputs = (c: ModelConfig) => c.conditioning === "concat" ? c.classes : 0;
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** D's layers up to its features, their width, and whether a sample's features depend on its batch. */
interface Features {
  layer: Layer;
  units: number;
  batchDependent: boolean;
}

function mlpFeatures(c: ModelConfig, p: Params): Features {
  const layers: Layer[] = [flatten];
  let inputs = (size(c.shape) + labelInputs(c)) * c.pack;
  for (let i = 0; i < c.depth; i++, inputs = c.width) {
    layers.push(dense(p, `dense${i + 1}`, inputs, c.width, "default"), leakyRelu(0.2));
  }
  return { layer: sequential(...layers), units: inputs, batchDependent: false };
}

/** PacGAN's toy D (their released code): 3 maxout layers of 200 units, 5 pieces each, N(0, 0.02) weights. */
const PACGAN_D = { layers: 3, units: 200, pieces: 5 };

function pacganFeatures(c: ModelConfig, p: Params): Features {
  const layers: Layer[] = [flatten];
  let inputs = (size(c.shape) + labelInputs(c)) * c.pack;
  for (let i = 0; i < PACGAN_D.layers; i++, inputs = PACGAN_D.units) {
    layers.push(maxout(p, `maxout${i + 1}`, inputs, PACGAN_D.units, PACGAN_D.pieces, "dcgan"));
  }
  return { layer: sequential(...layers), units: inputs, batchDependent: false };
}

function dcganFeatures(c: ModelConfig, p: Params): Features {
  const [side, , channels] = c.shape;
  const n = stages(side);
  const down = { kernel: 4, stride: 2, padding: 1 };
  let inputs = (channels + labelInputs(c)) * c.pack;
  const layers: Layer[] = [];
  const norm = c.dNorm;
  for (let i = 0; i < n; i++) {
    const ch = c.width << i;
    // A convolution with nothing between it and its activation applies the activation itself.
    const fused = i === 0 || norm === "none";
    layers.push(conv2d(p, `conv${i + 1}`, [inputs, ch], down, "dcgan", fused ? 0.2 : undefined));
    if (!fused) {
      layers.push(
        norm === "batch" ? batchNorm(p, `bn${i + 1}`, ch, "dcgan") : layerNorm(p, `ln${i + 1}`, ch),
        leakyRelu(0.2),
      );
    }
    inputs = ch;
  }
  layers.push(flatten);
  const last = side >> n, flat = last * last * inputs;
  const batchDependent = norm === "batch";
  if (!c.hidden) return { layer: sequential(...layers), units: flat, batchDependent };
  layers.push(dense(p, "hidden/dense", flat, c.hidden, "dcgan"));
  if (norm === "batch") layers.push(batchNorm(p, "hidden/bn", c.hidden, "dcgan"));
  if (norm === "layer") layers.push(layerNorm(p, "hidden/ln", c.hidden));
  layers.push(leakyRelu(0.2));
  return { layer: sequential(...layers), units: c.hidden, batchDependent };
}

/** InfoGAN's Q: one hidden layer on D's features, as in the paper's MNIST network (without its batch norm). */
const Q_HIDDEN = 128;

function qHead(c: ModelConfig, p: Params, inputs: number): Layer {
  const kind = c.arch === "dcgan" ? "dcgan" : "default";
  return sequential(
    dense(p, "q/dense1", inputs, Q_HIDDEN, kind),
    leakyRelu(0.2),
    dense(p, "q/dense2", Q_HIDDEN, codeWidth(c.codes), kind),
  );
}

/** Appends the labels: as extra inputs for vectors, as constant planes for images. */
function withLabels(x: tf.Tensor, labels: tf.Tensor | undefined): tf.Tensor {
  if (!labels) return x;
  if (x.rank === 2) return tf.concat([x, labels], 1);
  const [n, h, w] = x.shape;
  const planes = tf.tile(tf.reshape(labels, [n, 1, 1, -1]), [1, h, w, 1]);
  return tf.concat([x, planes], 3);
}

/** Puts `pack` consecutive samples side by side along the last axis. */
function packed(x: tf.Tensor, pack: number): tf.Tensor {
  if (pack === 1) return x;
  const [n, ...rest] = x.shape;
  if (n % pack !== 0) throw new Error(`batch of ${n} does not split into packs of ${pack}`);
  if (rest.length === 1) return tf.reshape(x, [n / pack, pack * rest[0]]);
  const [h, w, c] = rest;
  const grouped = tf.transpose(tf.reshape(x, [n / pack, pack, h, w, c]), [0, 2, 3, 1, 4]);
  return tf.reshape(grouped, [n / pack, h, w, pack * c]);
}

/** Karras et al.'s minibatch standard deviation, appended as one more feature. */
function appendMinibatchStd(f: tf.Tensor): tf.Tensor {
  const { variance } = tf.moments(f, 0);
  const std = tf.mean(tf.sqrt(tf.add(variance, 1e-8)));
  return tf.concat([f, tf.tile(tf.reshape(std, [1, 1]), [f.shape[0], 1])], 1);
}

export function buildGenerator(c: ModelConfig, rng: Rng): Generator {
  const params = new Params("G", rng);
  const net = sequential(...generatorLayers(c).map((layer) => generatorLayer(params, layer)));
  const input = (z: tf.Tensor, labels?: tf.Tensor) => labels ? tf.concat([z, labels], 1) : z;
  if (!c.vbn) return { params, apply: (z, labels, training) => net(input(z, labels), training) };
  // Virtual batch norm: the reference batch's inputs, drawn once and saved with the weights, lead every batch.
  const reference = params.stat("vbn/reference", [c.vbn, latentWidth(c) + c.classes], {
    values: referenceInputs(c, rng),
  });
  return {
    params,
    apply: (z, labels, training) =>
      tf.slice(net(tf.concat([reference, input(z, labels)], 0), training), c.vbn),
  };
}

/** A virtual batch norm's reference batch: G's inputs for c.vbn samples as training draws them. */
function referenceInputs(c: ModelConfig, rng: Rng): Float32Array {
  const noise = rng.normals(c.vbn * c.latent);
  const z = withCodes(noise, c.latent, c.codes, drawCodes(c.codes, c.vbn, rng));
  return generatorInputs(c, z, () => rng.int(c.classes));
}

const FEATURES = { mlp: mlpFeatures, dcgan: dcganFeatures, pacgan: pacganFeatures };

export function buildDiscriminator(c: ModelConfig, rng: Rng): Discriminator {
  if (c.arch === "ssgan") return semiSupervisedDiscriminator(c, rng);
  const params = new Params("D", rng);
  const { layer, units, batchDependent } = FEATURES[c.arch](c, params);
  const kind = c.arch === "mlp" ? "default" : "dcgan";
  const width = units + (c.minibatchStd ? 1 : 0);
  const head = dense(params, "head", width, 1, kind);
  const conditioning = c.classes ? c.conditioning : undefined;
  // Projection: the logit gains <embed(y), φ(x)>, one learned vector per class.
  const embed = conditioning === "projection"
    ? params.weight("embed", [c.classes, width], { normal: 0.02 })
    : undefined;
  const classifier = conditioning === "acgan" ? dense(params, "classes", width, c.classes, kind) : undefined;
  const q = hasCodes(c.codes) ? qHead(c, params, units) : undefined;
  const last = (f: tf.Tensor) => c.minibatchStd ? appendMinibatchStd(f) : f;
  return {
    params,
    // An MLP takes labels as extra inputs, so it sees images flattened first.
    features: (x, labels, training) => {
      const flat = c.arch === "dcgan" ? x : flatten(x, false);
      return layer(packed(conditioning === "concat" ? withLabels(flat, labels) : flat, c.pack), training);
    },
    head: (features, labels) => {
      const f = last(features);
      const logits = head(f, true);
      if (!embed || !labels) return logits;
      return tf.add(logits, tf.sum(tf.mul(tf.matMul(labels as tf.Tensor2D, embed), f), 1, true));
    },
    ...(classifier ? { classify: (features: tf.Tensor) => classifier(last(features), true) } : {}),
    ...(q ? { infer: (features: tf.Tensor) => q(features, true) } : {}),
    batchDependent: batchDependent || c.minibatchStd,
  };
}
