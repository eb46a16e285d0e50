/**
 * Tanh's gradient as one kernel (TANH_GRAD) instead of tfjs's square +
 * subtract + multiply, and that kernel's own gradient, for second derivatives.
 */
import * as tf from "@tensorflow/tfjs-core";
import { TANH_GRAD } from "./kernel_names.ts";

const tanhGrad = (y: tf.Tensor, dy: tf.Tensor) => tf.engine().runKernel(TANH_GRAD, { y, dy }) as tf.Tensor;

/**
 * Replaces tfjs-core's gradient of Tanh. It saves x and recomputes y rather than
 * saving y: tfjs's tape does not link a saved output to the op that made it, so
 * a second derivative would miss the terms through y (as tfjs's own Tanh and Sigmoid do).
 */
export const tanhGradConfig: tf.GradConfig = {
  kernelName: tf.Tanh,
  inputsToSave: ["x"],
  gradFunc: (dy, [x]) => ({ x: () => tanhGrad(tf.tanh(x), dy as tf.Tensor) }),
};

/** dx = dy · (1 − y²): ∂/∂dy = 1 − y², ∂/∂y = −2y·dy. */
export const tanhGradGradConfig: tf.GradConfig = {
  kernelName: TANH_GRAD,
  inputsToSave: ["y", "dy"],
  gradFunc: (ddx, [y, dy]) => ({
    dy: () => tanhGrad(y, ddx as tf.Tensor),
    y: () => tf.mul(ddx as tf.Tensor, tf.mul(-2, tf.mul(y, dy))),
  }),
};
