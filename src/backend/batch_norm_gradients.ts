/**
 * The gradients of BATCH_NORM (the BATCH_NORM_GRAD kernel) and of
 * BATCH_NORM_GRAD itself (composite ops), so that penalties on D's input
 * gradient (WGAN-GP, R1) differentiate through batch norm.
 */
import * as tf from "@tensorflow/tfjs-core";
import { BATCH_NORM, BATCH_NORM_GRAD, type BatchNormAttrs } from "./kernel_names.ts";

/** Only y carries a gradient: the mean and variance outputs feed running averages. */
export const batchNormGradConfig: tf.GradConfig = {
  kernelName: BATCH_NORM,
  inputsToSave: ["x", "gamma"],
  outputsToSave: [false, true, true],
  gradFunc: (dys, [x, gamma, mean, variance], attrs) => {
    const dy = (dys as tf.Tensor[])[0];
    const [dx, dgamma, dbeta] = tf.engine().runKernel(
      BATCH_NORM_GRAD,
      { dy, x, mean, variance, gamma },
      { eps: (attrs as unknown as BatchNormAttrs).eps },
    ) as tf.Tensor[];
    return { x: () => dx, gamma: () => dgamma, beta: () => dbeta };
  },
};

/**
 * Per channel, over the N rows: x̂ = (x − μ)·r with r = (σ² + eps)^-½,
 * a = dy·γ, and dx = r·(a − mean(a) − x̂·mean(a·x̂)), dγ = Σ dy·x̂, dβ = Σ dy.
 * Given cotangents u, p, q of dx, dγ, dβ, the chain rule through a, x̂ and
 * r (μ and σ² count as functions of x, not as inputs of their own) gives the
 * cotangents of dy, x and γ below.
 */
function batchNormGradGrad(
  [u, p, q]: tf.Tensor[],
  [dy, x, mean, variance, gamma]: tf.Tensor[],
  eps: number,
) {
  const axes = x.shape.map((_, i) => i).slice(0, -1);
  const n = x.size / x.shape[x.rank - 1];
  const avg = (t: tf.Tensor) => tf.mean(t, axes);
  const sum = (t: tf.Tensor) => tf.sum(t, axes);
  const r = tf.rsqrt(tf.add(variance, eps));
  const xhat = tf.mul(tf.sub(x, mean), r);
  const a = tf.mul(dy, gamma);
  const meanA = avg(a), meanAX = avg(tf.mul(a, xhat));
  const meanU = avg(u), meanUX = avg(tf.mul(u, xhat));
  // dx is linear in a, with the same projection as itself applied to u.
  const aBar = tf.mul(r, tf.sub(tf.sub(u, meanU), tf.mul(xhat, meanUX)));
  const xhatBar = tf.sub(tf.mul(p, dy), tf.mul(r, tf.add(tf.mul(meanAX, u), tf.mul(a, meanUX))));
  const rBar = tf.add(
    sum(tf.mul(u, tf.sub(tf.sub(a, meanA), tf.mul(xhat, meanAX)))),
    tf.div(sum(tf.mul(xhatBar, xhat)), r),
  );
  return {
    dy: () => tf.add(tf.add(tf.mul(aBar, gamma), tf.mul(p, xhat)), q),
    x: () =>
      tf.sub(
        tf.mul(r, tf.sub(xhatBar, avg(xhatBar))),
        tf.mul(tf.div(tf.mul(tf.square(r), rBar), n), xhat),
      ),
    mean: () => tf.zerosLike(mean),
    variance: () => tf.zerosLike(variance),
    gamma: () => sum(tf.mul(aBar, dy)),
  };
}

export const batchNormGradGradConfig: tf.GradConfig = {
  kernelName: BATCH_NORM_GRAD,
  inputsToSave: ["dy", "x", "mean", "variance", "gamma"],
  gradFunc: (dys, saved, attrs) =>
    batchNormGradGrad(dys as tf.Tensor[], saved, (attrs as unknown as BatchNormAttrs).eps),
};
