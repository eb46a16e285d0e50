/**
 * Leaky ReLU's gradient as one kernel (LEAKY_RELU_GRAD) instead of tfjs's
 * greater + multiply + select, and ReLU's as the same kernel with α = 0
 * instead of tfjs's step + cast + multiply; and that kernel's own gradient,
 * so that penalties on D's input gradient (WGAN-GP, R1) differentiate through it.
 */
import * as tf from "@tensorflow/tfjs-core";
import { LEAKY_RELU_GRAD, type LeakyReluGradAttrs } from "./kernel_names.ts";

/** dy · (x > 0 ? 1 : alpha), as one kernel. */
export const leakyReluGrad = (dy: tf.Tensor, x: tf.Tensor, attrs: LeakyReluGradAttrs) =>
  tf.engine().runKernel(LEAKY_RELU_GRAD, { dy, x }, { ...attrs }) as tf.Tensor;

/** Replaces tfjs-core's gradient of LeakyRelu. */
export const leakyReluGradConfig: tf.GradConfig = {
  kernelName: tf.LeakyRelu,
  inputsToSave: ["x"],
  gradFunc: (dy, [x], attrs) => ({
    x: () => leakyReluGrad(dy as tf.Tensor, x, attrs as unknown as LeakyReluGradAttrs),
  }),
};

/** Replaces tfjs-core's gradient of Relu: a leaky ReLU's with α = 0. */
export const reluGradConfig: tf.GradConfig = {
  kernelName: tf.Relu,
  inputsToSave: ["x"],
  gradFunc: (dy, [x]) => ({ x: () => leakyReluGrad(dy as tf.Tensor, x, { alpha: 0 }) }),
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
