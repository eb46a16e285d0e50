/**
 * The gradients of MAXOUT (the MAXOUT_GRAD kernel) and of MAXOUT_GRAD
 * itself, so that penalties on D's input gradient (WGAN-GP, R1) differentiate
 * through maxout. tfjs's gradient of max compares x with the broadcast
 * maximum, which the wasm backend does ~18x slower than a same-shape compare.
 */
import * as tf from "@tensorflow/tfjs-core";
import { MAXOUT, MAXOUT_GRAD, type MaxoutAttrs } from "./kernel_names.ts";

const maxoutGrad = (dy: tf.Tensor, x: tf.Tensor, attrs: MaxoutAttrs) =>
  tf.engine().runKernel(MAXOUT_GRAD, { dy, x }, { ...attrs }) as tf.Tensor;

export const maxoutGradConfig: tf.GradConfig = {
  kernelName: MAXOUT,
  inputsToSave: ["x"],
  gradFunc: (dy, [x], attrs) => ({
    x: () => maxoutGrad(dy as tf.Tensor, x, attrs as unknown as MaxoutAttrs),
  }),
};

/**
 * dx is linear in dy and piecewise constant in x: dy's cotangent reads ddx
 * where dx routed dy, each unit's first largest piece.
 */
export const maxoutGradGradConfig: tf.GradConfig = {
  kernelName: MAXOUT_GRAD,
  inputsToSave: ["dy", "x"],
  gradFunc: (ddx, [dy, x], attrs) => ({
    dy: () => {
      const { pieces } = attrs as unknown as MaxoutAttrs;
      const routed = tf.mul(ddx as tf.Tensor, maxoutGrad(tf.onesLike(dy), x, { pieces }));
      return tf.sum(tf.reshape(routed, [...dy.shape, pieces]), -1);
    },
    x: () => tf.zerosLike(x),
  }),
};
