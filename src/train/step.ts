/**
 * One discriminator update and one generator update, the two halves of a
 * GAN training iteration. Each returns plain numbers for logging, read
 * asynchronously so that GPU backends work too.
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

const meanSigmoid = (logits: tf.Tensor) => tf.mean(tf.sigmoid(logits));

/** Updates D on a real batch and a generated one; `realTarget` < 1 smooths labels. */
export async function discriminatorStep(gan: Gan, b: Batch, realTarget = 1): Promise<DStats> {
  const [loss, dReal, dFake] = tf.tidy(() => {
    const fake = gan.G.apply(b.z, b.fakeLabels, true);
    let dReal!: tf.Tensor, dFake!: tf.Tensor;
    const loss = gan.optD.minimize(() => {
      const real = gan.D.head(gan.D.features(b.real, b.realLabels, true));
      const faked = gan.D.head(gan.D.features(fake, b.fakeLabels, true));
      dReal = tf.keep(meanSigmoid(real));
      dFake = tf.keep(meanSigmoid(faked));
      return gan.loss.discriminator(real, faked, realTarget);
    });
    return [loss, dReal, dFake];
  });
  const [lossD, real, fake] = await Promise.all([loss, dReal, dFake].map((t) => t.data()));
  tf.dispose([loss, dReal, dFake]);
  return { lossD: lossD[0], dReal: real[0], dFake: fake[0] };
}

/**
 * Updates G through D. With `featureMatching`, G matches the mean D features
 * of the real batch instead (Salimans et al. 2016).
 */
export async function generatorStep(gan: Gan, b: Batch, featureMatching = false): Promise<number> {
  const loss = tf.tidy(() => {
    const target = featureMatching ? tf.mean(gan.D.features(b.real, b.realLabels, true), 0) : undefined;
    return gan.optG.minimize(() => {
      const f = gan.D.features(gan.G.apply(b.z, b.fakeLabels, true), b.fakeLabels, true);
      return target
        ? tf.mean(tf.square(tf.sub(tf.mean(f, 0), target))) as tf.Scalar
        : gan.loss.generator(gan.D.head(f));
    });
  });
  const value = (await loss.data())[0];
  loss.dispose();
  return value;
}
