/**
 * GAN objectives on discriminator logits. `realTarget` below 1 is one-sided
 * label smoothing (Salimans et al. 2016): only real targets are softened.
 */
import * as tf from "@tensorflow/tfjs-core";

export const LOSSES = ["nonsaturating", "minimax", "lsgan", "hinge", "wgan-gp"] as const;
export type LossName = typeof LOSSES[number];

export interface GanLoss {
  discriminator(real: tf.Tensor, fake: tf.Tensor, realTarget: number): tf.Scalar;
  generator(fake: tf.Tensor): tf.Scalar;
}

/** Binary cross-entropy of logits x against target t: softplus(x) - t·x. */
function bce(x: tf.Tensor, t: number): tf.Scalar {
  return tf.mean(t === 0 ? tf.softplus(x) : tf.sub(tf.softplus(x), tf.mul(x, t)));
}

const crossEntropyD = (real: tf.Tensor, fake: tf.Tensor, t: number) =>
  tf.add(bce(real, t), bce(fake, 0)) as tf.Scalar;

export const GAN_LOSSES: Record<LossName, GanLoss> = {
  // Goodfellow et al. 2014, with the generator maximising log D(G(z)).
  nonsaturating: { discriminator: crossEntropyD, generator: (fake) => bce(fake, 1) },
  // The original minimax game: the generator minimises log(1 - D(G(z))).
  minimax: { discriminator: crossEntropyD, generator: (fake) => tf.neg(bce(fake, 0)) },
  // Mao et al. 2017: least squares with targets 0 (fake) and 1 (real).
  lsgan: {
    discriminator: (real, fake, t) =>
      tf.mul(0.5, tf.add(tf.mean(tf.square(tf.sub(real, t))), tf.mean(tf.square(fake)))) as tf.Scalar,
    generator: (fake) => tf.mul(0.5, tf.mean(tf.square(tf.sub(fake, 1)))) as tf.Scalar,
  },
  // Lim & Ye 2017 / Miyato et al. 2018: hinge on the margin of `realTarget`.
  hinge: {
    discriminator: (real, fake, t) =>
      tf.add(tf.mean(tf.relu(tf.sub(t, real))), tf.mean(tf.relu(tf.add(1, fake)))) as tf.Scalar,
    generator: (fake) => tf.neg(tf.mean(fake)),
  },
  // Arjovsky et al. 2017: the critic estimates the Wasserstein-1 distance; the
  // gradient penalty that keeps it 1-Lipschitz (Gulrajani et al. 2017) is added
  // by D's update (src/train/updates.ts, src/train/penalties.ts).
  "wgan-gp": {
    discriminator: (real, fake) => tf.sub(tf.mean(fake), tf.mean(real)) as tf.Scalar,
    generator: (fake) => tf.neg(tf.mean(fake)),
  },
};

/**
 * Feature matching (Salimans et al. 2016): the squared distance between the
 * mean of D's features on G's samples and `target`, their mean on real data.
 */
export function featureMatchingLoss(fakeFeatures: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.sub(tf.mean(fakeFeatures, 0), target)));
}
