/**
 * Leaky ReLU's gradient as one kernel (LEAKY_RELU_GRAD) instead of tfjs's
 * greater + multiply + select, and that kernel's own gradient, so that
 * penalties on D's input gradient (WGAN-GP, R1) differentiate through it.
 */
import * as tf from "@tensorflow/tfjs-core";
import { LEAKY_RELU_GRAD, type LeakyReluGradAttrs } from "./kernel_names.ts";

const leakyReluGrad = (dy: tf.Tensor, x: tf.Tensor, attrs: LeakyReluGradAttrs) =>
  tf.engine().runKernel(LEAKY_RELU_GRAD, { dy, x }, { ...attrs }) as tf.Tensor;

/** Replaces tfjs-core's gradient of LeakyRelu. */
export const leakyReluGradConfig: tf.GradConfig = {
  kernelName: tf.LeakyRelu,
  inputsToSave: ["x"],
  gradFunc: (dy, [x], attrs) => ({
    x: () => leakyReluGrad(dy as tf.Tensor, x, attrs as unknown as LeakyReluGradAttrs),
  }),
};

/** dx = dy · (x > 0 ? 1 : alpha) is linear in dy and piecewise constant in x. */
export const leakyReluGradGradConfig: tf.GradConfig = {
  kernelName: LEAKY_RELU_GRAD,
  inputsToSave: ["x"],
  gradFunc: (ddx, [x], attrs) => ({
    dy: () => leakyReluGrad(ddx as tf.Tensor, x, attrs as unknown as LeakyReluGradAttrs),
    x: () => tf.zerosLike(x),
  }),
};
