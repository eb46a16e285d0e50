/**
 * Maxout (Goodfellow et al. 2013) as one kernel (MAXOUT) whose gradient is one
 * kernel too (MAXOUT_GRAD): x's last axis holds each unit's `pieces` values
 * side by side, and each unit outputs the largest of them.
 */
import * as tf from "@tensorflow/tfjs-core";
import { MAXOUT, type MaxoutAttrs } from "../backend/kernel_names.ts";

export function maxout(x: tf.Tensor, pieces: number): tf.Tensor {
  const attrs: MaxoutAttrs = { pieces };
  return tf.engine().runKernel(MAXOUT, { x }, { ...attrs }) as tf.Tensor;
}
