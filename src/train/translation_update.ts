/**
 * One pix2pix iteration (Isola et al. 2017): D learns to tell the (input,
 * target) pair from the (input, G(input)) pair, patch by patch; then G learns
 * to fool the updated D and to stay within L1 of the target. G's forward pass
 * is taped once and serves both updates, as in src/train/updates.ts. Without
 * D (the L1-only baseline), G learns from the L1 term alone.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { PatchDiscriminator, Translator } from "../models/pix2pix.ts";
import type { Adam } from "./adam.ts";
import { GAN_LOSSES } from "./losses.ts";
import type { UpdateStats } from "./updates.ts";

export interface TranslationNets {
  G: Translator;
  optG: Adam;
  /** Absent in the L1-only baseline. */
  D?: PatchDiscriminator;
  optD?: Adam;
}

export interface PairBatch {
  a: tf.Tensor;
  b: tf.Tensor;
}

const { discriminator: lossD, generator: lossGan } = GAN_LOSSES.nonsaturating;

/** pix2pix's G loss: the adversarial term, where there is a D, plus λ·mean |G(a) − b|. */
export function translationLoss(
  fake: tf.Tensor,
  target: tf.Tensor,
  l1Weight: number,
  fakeLogits?: tf.Tensor,
): tf.Scalar {
  const l1 = tf.mul(tf.mean(tf.abs(tf.sub(fake, target))), l1Weight);
  return (fakeLogits ? tf.add(lossGan(fakeLogits), l1) : l1) as tf.Scalar;
}

/** One D update (with a D) and one G update; the stats report D's patches as probabilities. */
export async function translationUpdate(
  nets: TranslationNets,
  { a, b }: PairBatch,
  l1Weight: number,
): Promise<UpdateStats> {
  const { G, optG, D, optD } = nets;
  const tensors = tf.tidy(() => {
    let dStats: tf.Tensor[] = [];
    const lossG = optG.minimize(() => {
      const fake = G.apply(a, true);
      if (!D || !optD) return translationLoss(fake, b, l1Weight);
      // D's update differentiates with respect to D's variables only: `fake` needs no detached copy.
      const lossOfD = optD.minimize(() => {
        const real = D.apply(a, b, true), faked = D.apply(a, fake, true);
        dStats = [tf.mean(tf.sigmoid(real)), tf.mean(tf.sigmoid(faked))].map((t) => tf.keep(t));
        return lossD(real, faked, 1);
      });
      dStats.unshift(tf.keep(lossOfD));
      return translationLoss(fake, b, l1Weight, D.apply(a, fake, true));
    });
    return [lossG, ...dStats];
  });
  const [lossG, lossDValue = 0, dReal = 0, dFake = 0] = await Promise.all(
    tensors.map(async (t) => (await t.data())[0]),
  );
  tf.dispose(tensors);
  return { lossG, lossD: lossDValue, dReal, dFake };
}
