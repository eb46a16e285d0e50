/**
 * One iteration of an image-to-image GAN (pix2pix, SRGAN): D learns to tell
 * the target from G's output, patch by patch (beside the input, for pix2pix);
 * then G learns to fool the updated D, weighted, and to match the target by
 * its content term. G's forward pass is taped once and serves both updates,
 * as in src/train/updates.ts. Without D (the content-only baseline), G learns
 * from the content term alone.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Layer } from "../models/layers.ts";
import type { PatchDiscriminator, Translator } from "../models/translation_networks.ts";
import type { Adam } from "./adam.ts";
import { GAN_LOSSES } from "./losses.ts";
import type { TranslationRun } from "./translation_record.ts";
import { meanSigmoid, readScalars, type UpdateStats } from "./update_stats.ts";

export interface TranslationNets {
  G: Translator;
  optG: Adam;
  /** Absent in the content-only baseline. */
  D?: PatchDiscriminator;
  optD?: Adam;
}

export interface PairBatch {
  a: tf.Tensor;
  b: tf.Tensor;
}

/** G's loss against the target, without the GAN term. */
export type ContentLoss = (fake: tf.Tensor, target: tf.Tensor) => tf.Scalar;

export const meanAbsoluteError = (a: tf.Tensor, b: tf.Tensor): tf.Scalar => tf.mean(tf.abs(tf.sub(a, b)));

/** The run's content term; `features` needs the frozen feature maps it compares (a classifier's). */
export function contentLoss({ content, contentWeight }: TranslationRun, features?: Layer): ContentLoss {
  const distance = (a: tf.Tensor, b: tf.Tensor) =>
    content === "l1" ? meanAbsoluteError(a, b) : tf.mean(tf.squaredDifference(a, b));
  if (content !== "features") return (fake, target) => tf.mul(distance(fake, target), contentWeight);
  if (!features) throw new Error("a features content term needs the feature maps it compares");
  return (fake, target) => tf.mul(distance(features(fake, false), features(target, false)), contentWeight);
}

const { discriminator: lossD, generator: lossGan } = GAN_LOSSES.nonsaturating;

/** G's loss: the content term, plus the weighted non-saturating GAN term where there is a D. */
export function generatorLoss(
  content: tf.Scalar,
  adversarialWeight: number,
  fakeLogits?: tf.Tensor,
): tf.Scalar {
  return fakeLogits ? tf.add(content, tf.mul(lossGan(fakeLogits), adversarialWeight)) as tf.Scalar : content;
}

/** One D update (with a D) and one G update; the stats report D's patches as probabilities. */
export async function translationIteration(
  nets: TranslationNets,
  { a, b }: PairBatch,
  content: ContentLoss,
  adversarialWeight: number,
): Promise<UpdateStats> {
  const { G, optG, D, optD } = nets;
  const tensors = tf.tidy(() => {
    let dStats: tf.Tensor[] = [];
    const lossG = optG.minimize(() => {
      const fake = G.apply(a, true);
      if (!D || !optD) return content(fake, b);
      // D's update differentiates with respect to D's variables only: `fake` needs no detached copy.
      const lossOfD = optD.minimize(() => {
        const real = D.apply(a, b, true), faked = D.apply(a, fake, true);
        dStats = [meanSigmoid(real), meanSigmoid(faked)].map((t) => tf.keep(t));
        return lossD(real, faked, 1);
      });
      dStats.unshift(tf.keep(lossOfD));
      return generatorLoss(content(fake, b), adversarialWeight, D.apply(a, fake, true));
    });
    return [lossG, ...dStats];
  });
  const [lossG, lossDValue = 0, dReal = 0, dFake = 0] = await readScalars(tensors);
  return { lossG, lossD: lossDValue, dReal, dFake };
}
