/**
 * One iteration of the semi-supervised GAN (Salimans et al. 2016, their
 * released MNIST code): D is a classifier of K classes whose "fake" class
 * has its logit fixed at 0, so that D(x) = Z / (Z + 1) with Z = Σ exp(l_k).
 * D minimises the cross-entropy of its labelled batch plus, with unlabelled
 * data, −½E log D(x) − ½E log(1 − D(G(z))) on unlabelled and generated
 * batches; then G, on noise of its own, matches the mean of the updated D's
 * features on an unlabelled batch of its own.
 * Without unlabelled data, D is trained as a plain classifier, the baseline.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Gan } from "./gan.ts";
import { featureMatchingLoss } from "./losses.ts";
import { type Batch, inOnePass } from "./updates.ts";
import { meanSigmoid, readScalars, type UpdateStats } from "./update_stats.ts";

export interface SemiSupervisedBatch extends Batch {
  labelled: tf.Tensor;
  /** One-hot labels of `labelled`. */
  labels: tf.Tensor;
  /** G's noise for its own update, drawn apart from D's, as the reference's code draws it. */
  zG: tf.Tensor;
  /** The unlabelled batch whose features G matches: drawn apart from D's, as the reference's code draws it. */
  matched: tf.Tensor;
}

/** The unsupervised part of D's loss, from its real logits on unlabelled and generated samples. */
export function unlabelledLoss(real: tf.Tensor, fake: tf.Tensor): tf.Scalar {
  // −log D(x) = softplus(l) − l and −log(1 − D(G(z))) = softplus(l), each halved as in the paper's code.
  const onReal = tf.sub(tf.mean(tf.softplus(real)), tf.mean(real));
  return tf.mul(0.5, tf.add(onReal, tf.mean(tf.softplus(fake)))) as tf.Scalar;
}

export async function semiSupervisedIteration(
  gan: Gan,
  b: SemiSupervisedBatch,
  unlabelled: boolean,
): Promise<UpdateStats> {
  const D = gan.D;
  const features = (x: tf.Tensor) => D.features(x, undefined, true);
  const logits = (x: tf.Tensor) => D.classify!(features(x), true);
  const labelledLoss = (l: tf.Tensor) => tf.losses.softmaxCrossEntropy(b.labels, l) as tf.Scalar;
  const tensors = tf.tidy(() => {
    if (!unlabelled) {
      const lossD = gan.optD.minimize(() => labelledLoss(logits(b.labelled)));
      return [tf.scalar(0), lossD, tf.scalar(0), tf.scalar(0)];
    }
    let d!: tf.Tensor[];
    const lossD = gan.optD.minimize(() => {
      // D has no batch statistics: its three batches go through it in one pass.
      const [labelled, real, fake] = inOnePass(
        [b.labelled, b.real, gan.G.apply(b.z, undefined, true)],
        logits,
      );
      // With the fake class's logit at 0, log Σ exp(l_k) is the logit of "real".
      const [realLogit, fakeLogit] = [real, fake].map((l) => tf.logSumExp(l, 1));
      d = [tf.keep(meanSigmoid(realLogit)), tf.keep(meanSigmoid(fakeLogit))];
      return tf.add(labelledLoss(labelled), unlabelledLoss(realLogit, fakeLogit)) as tf.Scalar;
    });
    // A constant to G: computed off the tape, so that G's backward pass does not run through it.
    const target = tf.mean(features(b.matched), 0);
    const lossG = gan.optG.minimize(() =>
      featureMatchingLoss(features(gan.G.apply(b.zG, undefined, true)), target)
    );
    return [lossG, lossD, ...d];
  });
  const [lossG, lossD, dReal, dFake] = await readScalars(tensors);
  return { lossG, lossD, dReal, dFake };
}
