/**
 * Training-mode batch normalisation over all axes but the last, as one
 * kernel (BATCH_NORM) whose gradient is one kernel too (BATCH_NORM_GRAD),
 * instead of the dozen small ops, tiles and transposed reductions that
 * tfjs's moments + batchNorm and their gradients take.
 */
import * as tf from "@tensorflow/tfjs-core";
import { BATCH_NORM, type BatchNormAttrs } from "../backend/kernel_names.ts";

/** Receives the batch mean and (biased) variance while they are alive, e.g. for running averages. */
export type StatsCallback = (mean: tf.Tensor1D, variance: tf.Tensor1D) => void;

export function batchNormTraining(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number,
  onStats: StatsCallback,
): tf.Tensor {
  const attrs: BatchNormAttrs = { eps };
  const [y, mean, variance] = tf.engine().runKernel(BATCH_NORM, { x, gamma, beta }, {
    ...attrs,
  }) as tf.Tensor[];
  onStats(mean as tf.Tensor1D, variance as tf.Tensor1D);
  return y;
}
