/**
 * GAN training updates. `ganUpdate` is one iteration as PyTorch's DCGAN
 * example runs it: G makes one fake batch, D updates on it and a real batch,
 * then G updates through the updated D on that same fake batch. G's forward
 * pass is taped once and serves both updates. Stats are read asynchronously,
 * so GPU backends work too.
 */
import * as tf from "@tensorflow/tfjs-core";
import { codeWidth } from "../models/codes.ts";
import type { Gan } from "./gan.ts";
import { type DStats, meanSigmoid, readScalars, type UpdateStats } from "./update_stats.ts";
import { INFO_WEIGHTS, infoLoss, type InfoWeights } from "./info_loss.ts";
import { featureMatchingLoss } from "./losses.ts";
import {
  gradientPenalty,
  logitsAndGradNorms,
  NO_PENALTIES,
  type Penalties,
  zeroCentredPenalty,
} from "./penalties.ts";

export interface Batch {
  real: tf.Tensor;
  /** One-hot labels of the real samples, for conditional GANs. */
  realLabels?: tf.Tensor;
  /** G's latent vectors: noise, then InfoGAN's codes. */
  z: tf.Tensor;
  /** One-hot labels to generate, for conditional GANs. */
  fakeLabels?: tf.Tensor;
  /** WGAN-GP's interpolation weights, one per sample, shaped to broadcast over a sample. */
  mix?: tf.Tensor;
}

export interface UpdateOptions {
  /** Target for real samples; below 1 is one-sided label smoothing. */
  realTarget?: number;
  /** G matches D's mean features on real data (Salimans et al. 2016). */
  featureMatching?: boolean;
  /** Gradient penalties added to D's loss. */
  penalties?: Penalties;
  /** InfoGAN: the weights of the mutual-information term. */
  info?: InfoWeights;
}

interface Judged {
  logits: tf.Tensor;
  /** D's features, where they were computed outside a penalty's gradient. */
  features?: tf.Tensor;
  squaredNorms?: tf.Tensor1D;
}

/** D's logits, and the squared norms of their input gradients where a penalty needs them. */
function judge(gan: Gan, x: tf.Tensor, labels: tf.Tensor | undefined, withNorms: boolean): Judged {
  if (withNorms) return logitsAndGradNorms(gan.D, x, labels);
  const features = gan.D.features(x, labels, true);
  return { logits: gan.D.head(features, labels), features };
}

/**
 * f of several batches in one pass of their concatenation, the result's rows
 * split back by batch in proportion (PacGAN's D packs rows); each batch takes
 * the first's sample shape. For an f whose samples do not see each other, one
 * pass costs half the kernel calls, or fewer, and taller products.
 */
export function inOnePass(batches: tf.Tensor[], f: (x: tf.Tensor) => tf.Tensor): tf.Tensor[] {
  const shape = batches[0].shape.slice(1);
  const y = f(tf.concat(batches.map((x) => tf.reshape(x, [x.shape[0], ...shape]))));
  const rows = batches.reduce((n, x) => n + x.shape[0], 0);
  return tf.split(y, batches.map((x) => x.shape[0] * y.shape[0] / rows));
}

/** D's logits and features on the real and the fake batch, in one pass, for a D whose samples do not see each other. */
function judgeBoth(gan: Gan, b: Batch, fake: tf.Tensor): [Judged, Judged] {
  const labels = b.realLabels && b.fakeLabels ? tf.concat([b.realLabels, b.fakeLabels]) : undefined;
  const [real, faked] = inOnePass([b.real, fake], (x) => gan.D.features(x, labels, true));
  return [
    { logits: gan.D.head(real, b.realLabels), features: real },
    { logits: gan.D.head(faked, b.fakeLabels), features: faked },
  ];
}

/** ACGAN's auxiliary term: the cross-entropy of D's class logits against the labels; 0 for other Ds. */
function classLoss(gan: Gan, x: tf.Tensor, labels: tf.Tensor | undefined, features?: tf.Tensor): tf.Scalar[] {
  if (!gan.D.classify || !labels) return [];
  const f = features ?? gan.D.features(x, labels, true);
  return [tf.losses.softmaxCrossEntropy(labels, gan.D.classify(f, true)) as tf.Scalar];
}

/** InfoGAN's term for the codes in `b.z` and what D's Q head infers from `fake`; none for other Ds. */
function codeLoss(
  gan: Gan,
  b: Batch,
  fake: tf.Tensor,
  weights: InfoWeights,
  features?: tf.Tensor,
): tf.Scalar[] {
  if (!gan.D.infer) return [];
  const f = features ?? gan.D.features(fake, b.fakeLabels, true);
  const codes = tf.slice(b.z, [0, gan.config.latent], [-1, codeWidth(gan.config.codes)]);
  return [infoLoss(gan.config.codes, codes, gan.D.infer(f), weights)];
}

/** Updates D on a real and a fake batch; returns kept [lossD, D(x), D(G(z))]. */
function updateDiscriminator(
  gan: Gan,
  b: Batch,
  fake: tf.Tensor,
  realTarget: number,
  p: Penalties,
  info: InfoWeights,
): tf.Tensor[] {
  // Lazy R1/R2: on every p.every-th D update, weighted by p.every.
  const scale = gan.optD.updates % p.every === 0 ? p.every : 0;
  const r1 = p.r1 * scale, r2 = p.r2 * scale;
  let stats!: tf.Tensor[];
  const loss = gan.optD.minimize(() => {
    const [real, faked] = r1 > 0 || r2 > 0 || gan.D.batchDependent
      ? [judge(gan, b.real, b.realLabels, r1 > 0), judge(gan, fake, b.fakeLabels, r2 > 0)]
      : judgeBoth(gan, b, fake);
    stats = [meanSigmoid(real.logits), meanSigmoid(faked.logits)].map((t) => tf.keep(t));
    const terms = [
      gan.loss.discriminator(real.logits, faked.logits, realTarget),
      ...classLoss(gan, b.real, b.realLabels, real.features),
      ...classLoss(gan, fake, b.fakeLabels, faked.features),
      ...codeLoss(gan, b, fake, info, faked.features),
    ];
    if (real.squaredNorms) terms.push(zeroCentredPenalty(real.squaredNorms, r1));
    if (faked.squaredNorms) terms.push(zeroCentredPenalty(faked.squaredNorms, r2));
    if (p.gp > 0) {
      if (!b.mix) throw new Error("a gradient penalty needs the batch's interpolation weights");
      const labels = b.realLabels && { real: b.realLabels, fake: b.fakeLabels! };
      terms.push(gradientPenalty(gan.D, b.real, fake, b.mix, labels, p.gp));
    }
    return tf.addN(terms) as tf.Scalar;
  });
  return [tf.keep(loss), ...stats];
}

function generatorLoss(
  gan: Gan,
  b: Batch,
  fake: tf.Tensor,
  featureMatching: boolean,
  info: InfoWeights,
): tf.Scalar {
  const features = gan.D.features(fake, b.fakeLabels, true);
  const head = featureMatching
    ? featureMatchingLoss(features, tf.mean(gan.D.features(b.real, b.realLabels, true), 0))
    : gan.loss.generator(gan.D.head(features, b.fakeLabels));
  // ACGAN's class term stays under feature matching too: the features alone would not teach G its classes.
  const classes = classLoss(gan, fake, b.fakeLabels, features);
  return tf.addN([head, ...classes, ...codeLoss(gan, b, fake, info, features)]) as tf.Scalar;
}

/** One D update and one G update on the same fake batch. */
export async function ganUpdate(gan: Gan, b: Batch, options: UpdateOptions = {}): Promise<UpdateStats> {
  const { realTarget = 1, featureMatching = false, penalties = NO_PENALTIES, info = INFO_WEIGHTS } = options;
  const tensors = tf.tidy(() => {
    let d!: tf.Tensor[];
    const lossG = gan.optG.minimize(() => {
      const fake = gan.G.apply(b.z, b.fakeLabels, true);
      // D's update needs no detached copy of `fake`: it differentiates with
      // respect to D's variables only, and their assignment ends every path
      // from it to G's loss.
      d = updateDiscriminator(gan, b, fake, realTarget, penalties, info);
      return generatorLoss(gan, b, fake, featureMatching, info);
    });
    return [lossG, ...d];
  });
  const [lossG, lossD, dReal, dFake] = await readScalars(tensors);
  return { lossG, lossD, dReal, dFake };
}

/** A D update alone, for the extra D updates of `k` D updates per G update. */
export async function discriminatorUpdate(gan: Gan, b: Batch, options: UpdateOptions = {}): Promise<DStats> {
  const { realTarget = 1, penalties = NO_PENALTIES, info = INFO_WEIGHTS } = options;
  const tensors = tf.tidy(() =>
    updateDiscriminator(gan, b, gan.G.apply(b.z, b.fakeLabels, true), realTarget, penalties, info)
  );
  const [lossD, dReal, dFake] = await readScalars(tensors);
  return { lossD, dReal, dFake };
}
