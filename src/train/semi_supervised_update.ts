/**
 * One iteration of the semi-supervised GAN (Salimans et al. 2016, their
 * released MNIST code): D is a classifier of K classes whose "fake" class
 * has its logit fixed at 0, so that D(x) = Z / (Z + 1) with Z = Σ exp(l_k).
 * D minimises the cross-entropy of its labelled batch plus, with unlabelled
 * data, −½E log D(x) − ½E log(1 − D(G(z))) on unlabelled and generated
 * batches; then G, on noise of its own, matches the mean of the updated D's
 * features on the unlabelled batch.
 * Without unlabelled data, D is trained as a plain classifier, the baseline.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Gan } from "./gan.ts";
import type { Batch, UpdateStats } from "./updates.ts";

export interface SemiSupervisedBatch extends Batch {
  labelled: tf.Tensor;
  /** One-hot labels of `labelled`. */
  labels: tf.Tensor;
  /** G's noise for its own update, drawn apart from D's, as the reference's code draws it. */
  zG: tf.Tensor;
}

/** The log of Z = Σ exp(l_k): D's logit of "real", [n]. */
function realLogit(gan: Gan, x: tf.Tensor): tf.Tensor {
  return tf.squeeze(gan.D.head(gan.D.features(x, undefined, true), undefined), [1]);
}

/** The unsupervised part of D's loss, from its real logits on unlabelled and generated samples. */
export function unlabelledLoss(real: tf.Tensor, fake: tf.Tensor): tf.Scalar {
  // −log D(x) = softplus(l) − l and −log(1 − D(G(z))) = softplus(l), each halved as in the paper's code.
  const onReal = tf.sub(tf.mean(tf.softplus(real)), tf.mean(real));
  return tf.mul(0.5, tf.add(onReal, tf.mean(tf.softplus(fake)))) as tf.Scalar;
}

export async function semiSupervisedUpdate(
  gan: Gan,
  b: SemiSupervisedBatch,
  unlabelled: boolean,
): Promise<UpdateStats> {
  const D = gan.D;
  const tensors = tf.tidy(() => {
    const labelledLoss = () =>
      tf.losses.softmaxCrossEntropy(
        b.labels,
        D.classify!(D.features(b.labelled, undefined, true), true),
      ) as tf.Scalar;
    if (!unlabelled) {
      const lossD = gan.optD.minimize(labelledLoss);
      return [tf.scalar(0), lossD, tf.scalar(0), tf.scalar(0)];
    }
    let d!: tf.Tensor[];
    const lossD = gan.optD.minimize(() => {
      const fake = gan.G.apply(b.z, undefined, true);
      const [real, faked] = [realLogit(gan, b.real), realLogit(gan, fake)];
      d = [tf.keep(tf.mean(tf.sigmoid(real))), tf.keep(tf.mean(tf.sigmoid(faked)))];
      return tf.add(labelledLoss(), unlabelledLoss(real, faked)) as tf.Scalar;
    });
    const lossG = gan.optG.minimize(() => {
      const fake = gan.G.apply(b.zG, undefined, true);
      const target = tf.mean(D.features(b.real, undefined, true), 0);
      return tf.mean(tf.square(tf.sub(tf.mean(D.features(fake, undefined, true), 0), target)));
    });
    return [lossG, lossD, ...d];
  });
  const [lossG, lossD, dReal, dFake] = await Promise.all(tensors.map(async (t) => (await t.data())[0]));
  tf.dispose(tensors);
  return { lossG, lossD, dReal, dFake };
}
