/**
 * Penalties on the gradient of D's output with respect to its input, the
 * stabilisers of modern GAN training: WGAN-GP's on interpolates (Gulrajani
 * et al. 2017), and R1 on real and R2 on fake samples (Mescheder et al.
 * 2018). Each differentiates a gradient, so D's update takes second
 * derivatives (src/ops and src/backend/gradients.ts give every kernel one).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Discriminator } from "../models/networks.ts";

export interface Penalties {
  /** WGAN-GP's λ; 0: off. */
  gp: number;
  /** R1's γ on real samples; 0: off. */
  r1: number;
  /** R2's γ on fake samples; 0: off. */
  r2: number;
  /** Lazy regularisation (Karras et al. 2020): R1 and R2 every this many D updates, scaled up to match. */
  every: number;
}

export const NO_PENALTIES: Penalties = { gp: 0, r1: 0, r2: 0, every: 1 };

/**
 * D's logits for x, and the squared norm of their gradient with respect to
 * each sample of x. With packs, a pack's squared norm is the sum of its
 * samples', so R1 and R2, which average these, weigh the squared gradient
 * per sample: γ means the same at any --pack.
 */
export function logitsAndGradNorms(
  D: Discriminator,
  x: tf.Tensor,
  labels: tf.Tensor | undefined,
): { logits: tf.Tensor; squaredNorms: tf.Tensor1D } {
  const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => D.head(D.features(x, labels, true), labels))(x);
  const squaredNorms = tf.sum(tf.square(tf.reshape(grad, [x.shape[0], -1])), 1) as tf.Tensor1D;
  return { logits: value, squaredNorms };
}

/** γ/2 · E‖∇D(x)‖², R1 or R2 as Mescheder et al. define it. */
export function zeroCentredPenalty(squaredNorms: tf.Tensor1D, gamma: number): tf.Scalar {
  return tf.mul(gamma / 2, tf.mean(squaredNorms));
}

/**
 * λ · E(‖∇D(x̂)‖ − 1)² on x̂ = t·real + (1 − t)·fake, t ~ U(0, 1) per sample.
 * A conditional critic is judged at the labels mixed alike, ŷ = t·y_real +
 * (1 − t)·y_fake: the point between the two (image, label) pairs, as the
 * penalty means. Both critics take such labels: a concat critic's first
 * layer and a projection critic's head are linear in them.
 */
export function gradientPenalty(
  D: Discriminator,
  real: tf.Tensor,
  fake: tf.Tensor,
  t: tf.Tensor,
  labels: { real: tf.Tensor; fake: tf.Tensor } | undefined,
  lambda: number,
): tf.Scalar {
  const between = (a: tf.Tensor, b: tf.Tensor, w: tf.Tensor) => tf.add(b, tf.mul(w, tf.sub(a, b)));
  const mixed = between(real, fake, t);
  const mixedLabels = labels && between(labels.real, labels.fake, tf.reshape(t, [-1, 1]));
  // The small constant keeps the norm's gradient finite where ∇D vanishes.
  const norms = tf.sqrt(tf.add(logitsAndGradNorms(D, mixed, mixedLabels).squaredNorms, 1e-12));
  return tf.mul(lambda, tf.mean(tf.square(tf.sub(norms, 1))));
}
