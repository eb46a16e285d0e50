/**
 * GAN training steps. `trainStep` is one iteration as PyTorch's DCGAN example
 * runs it: G makes one fake batch, D updates on it and a real batch, then G
 * updates through the updated D on that same fake batch. G's forward pass is
 * taped once and serves both updates. Stats are read asynchronously, so GPU
 * backends work too.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Gan } from "./gan.ts";

export interface Batch {
  real: tf.Tensor;
  /** One-hot labels of the real samples, for conditional GANs. */
  realLabels?: tf.Tensor;
  z: tf.Tensor;
  /** One-hot labels to generate, for conditional GANs. */
  fakeLabels?: tf.Tensor;
}

export interface DStats {
  lossD: number;
  /** Mean D(x) and D(G(z)) as probabilities. */
  dReal: number;
  dFake: number;
}

export interface StepStats extends DStats {
  lossG: number;
}

export interface StepOptions {
  /** Target for real samples; below 1 is one-sided label smoothing. */
  realTarget?: number;
  /** G matches D's mean features on real data (Salimans et al. 2016). */
  featureMatching?: boolean;
}

const meanSigmoid = (logits: tf.Tensor) => tf.mean(tf.sigmoid(logits));

/** Updates D on a real and a fake batch; returns kept [lossD, D(x), D(G(z))]. */
function updateDiscriminator(gan: Gan, b: Batch, fake: tf.Tensor, realTarget: number): tf.Tensor[] {
  let stats!: tf.Tensor[];
  const loss = gan.optD.minimize(() => {
    const real = gan.D.head(gan.D.features(b.real, b.realLabels, true));
    const faked = gan.D.head(gan.D.features(fake, b.fakeLabels, true));
    stats = [meanSigmoid(real), meanSigmoid(faked)].map((t) => tf.keep(t));
    return gan.loss.discriminator(real, faked, realTarget);
  });
  return [tf.keep(loss), ...stats];
}

function generatorLoss(gan: Gan, b: Batch, fake: tf.Tensor, featureMatching: boolean): tf.Scalar {
  const features = gan.D.features(fake, b.fakeLabels, true);
  if (!featureMatching) return gan.loss.generator(gan.D.head(features));
  const target = tf.mean(gan.D.features(b.real, b.realLabels, true), 0);
  return tf.mean(tf.square(tf.sub(tf.mean(features, 0), target)));
}

async function read(tensors: tf.Tensor[]): Promise<number[]> {
  const values = await Promise.all(tensors.map((t) => t.data()));
  tf.dispose(tensors);
  return values.map((v) => v[0]);
}

/** One D update and one G update on the same fake batch. */
export async function trainStep(gan: Gan, b: Batch, options: StepOptions = {}): Promise<StepStats> {
  const { realTarget = 1, featureMatching = false } = options;
  const tensors = tf.tidy(() => {
    let d!: tf.Tensor[];
    const lossG = gan.optG.minimize(() => {
      const fake = gan.G.apply(b.z, b.fakeLabels, true);
      // D's update needs no detached copy of `fake`: it differentiates with
      // respect to D's variables only, and their assignment ends every path
      // from it to G's loss.
      d = updateDiscriminator(gan, b, fake, realTarget);
      return generatorLoss(gan, b, fake, featureMatching);
    });
    return [lossG, ...d];
  });
  const [lossG, lossD, dReal, dFake] = await read(tensors);
  return { lossG, lossD, dReal, dFake };
}

/** A D update alone, for the extra D steps of `k` D steps per G step. */
export async function discriminatorStep(gan: Gan, b: Batch, realTarget = 1): Promise<DStats> {
  const tensors = tf.tidy(() =>
    updateDiscriminator(gan, b, gan.G.apply(b.z, b.fakeLabels, true), realTarget)
  );
  const [lossD, dReal, dFake] = await read(tensors);
  return { lossD, dReal, dFake };
}
