/**
 * Maxout (Goodfellow et al. 2013) as one kernel (MAXOUT) whose gradient is one
 * kernel too (MAXOUT_GRAD): x's last axis holds each unit's `pieces` values
 * side by side, and each unit outputs the largest of them.
 */
import * as tf from "@tensorflow/tfjs-core";
import { MAXOUT, type MaxoutAttrs } from "../backend/kernel_names.ts";

export function maxout(x: tf.Tensor, pieces: number): tf.Tensor {
  // The wasm kernel reads runs of `pieces` without looking at the shape: a remainder would shift every unit.
  const last = x.shape[x.rank - 1];
  if (!Number.isInteger(pieces) || pieces < 1 || last % pieces !== 0) {
    throw new Error(`maxout: x's last axis (${last}) is not a whole number of runs of ${pieces} pieces`);
  }
  const attrs: MaxoutAttrs = { pieces };
  return tf.engine().runKernel(MAXOUT, { x }, { ...attrs }) as tf.Tensor;
}
