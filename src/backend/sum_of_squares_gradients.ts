/** The gradient of SUM_OF_SQUARES: dx = 2·x·dy, dy broadcast over the leading axes; ops, so it has its own. */
import * as tf from "@tensorflow/tfjs-core";
import { SUM_OF_SQUARES } from "./kernel_names.ts";

export const sumOfSquaresGradConfig: tf.GradConfig = {
  kernelName: SUM_OF_SQUARES,
  inputsToSave: ["x"],
  gradFunc: (dy, [x]) => ({ x: () => tf.mul(x, tf.mul(dy as tf.Tensor, 2)) }),
};
