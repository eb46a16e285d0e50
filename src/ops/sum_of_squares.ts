/**
 * The sum of x² over every axis but the last, one value per channel, as one
 * kernel (SUM_OF_SQUARES): one pass over x, where tf.sum(tf.square(x)) takes
 * two and its gradient four. Weight norm takes each unit's ‖v‖² with it.
 */
import * as tf from "@tensorflow/tfjs-core";
import { SUM_OF_SQUARES } from "../backend/kernel_names.ts";

export function sumOfSquares(x: tf.Tensor): tf.Tensor1D {
  return tf.engine().runKernel(SUM_OF_SQUARES, { x }, {}) as tf.Tensor1D;
}
