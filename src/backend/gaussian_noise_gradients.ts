/** The gradient of GAUSSIAN_NOISE: the noise does not depend on x, so dx = dy. */
import * as tf from "@tensorflow/tfjs-core";
import { GAUSSIAN_NOISE } from "./kernel_names.ts";

export const gaussianNoiseGradConfig: tf.GradConfig = {
  kernelName: GAUSSIAN_NOISE,
  gradFunc: (dy) => ({ x: () => tf.clone(dy as tf.Tensor) }),
};
