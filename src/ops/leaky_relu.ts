/**
 * Leaky ReLU whose gradient is one fused kernel where the backend has it
 * (wasm) instead of tfjs's greater + multiply + select. The gradient kernel
 * has a gradient of its own, so penalties on D's input gradient (WGAN-GP,
 * R1) differentiate through it.
 */
import * as tf from "@tensorflow/tfjs-core";

export const LEAKY_RELU_GRAD = "EdgeganLeakyReluGrad"; // dy, x → dx; attrs alpha

export interface LeakyReluGradAttrs {
  alpha: number;
}

const leakyReluGrad = (dy: tf.Tensor, x: tf.Tensor, alpha: number) =>
  tf.engine().runKernel(LEAKY_RELU_GRAD, { dy, x }, { alpha }) as tf.Tensor;

// dx = dy · (x > 0 ? 1 : alpha) is linear in dy and piecewise constant in x:
// its gradient with respect to dy is the same kernel, and zero with respect to x.
tf.registerGradient({
  kernelName: LEAKY_RELU_GRAD,
  inputsToSave: ["x"],
  gradFunc: (ddx, [x], attrs) => ({
    dy: () => leakyReluGrad(ddx as tf.Tensor, x, (attrs as unknown as LeakyReluGradAttrs).alpha),
    x: () => tf.zerosLike(x),
  }),
});

export function leakyRelu(x: tf.Tensor, alpha: number): tf.Tensor {
  if (!tf.getKernel(LEAKY_RELU_GRAD, tf.getBackend())) return tf.leakyRelu(x, alpha);
  const op = tf.customGrad(
    ((x: tf.Tensor, save: tf.GradSaveFunc) => {
      save([x]);
      return {
        value: tf.leakyRelu(x, alpha),
        gradFunc: (dy: tf.Tensor, [x]: tf.Tensor[]) => leakyReluGrad(dy, x, alpha),
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0],
  );
  return op(x);
}
