/**
 * Leaky ReLU whose gradient is one fused kernel where the backend has it
 * (wasm) instead of tfjs's greater + multiply + select.
 */
import * as tf from "@tensorflow/tfjs-core";

export const LEAKY_RELU_GRAD = "EdgeganLeakyReluGrad"; // dy, x → dx; attrs alpha

export function leakyRelu(x: tf.Tensor, alpha: number): tf.Tensor {
  if (!tf.getKernel(LEAKY_RELU_GRAD, tf.getBackend())) return tf.leakyRelu(x, alpha);
  const op = tf.customGrad(
    ((x: tf.Tensor, save: tf.GradSaveFunc) => {
      save([x]);
      return {
        value: tf.leakyRelu(x, alpha),
        gradFunc: (dy: tf.Tensor, [x]: tf.Tensor[]) =>
          tf.engine().runKernel(LEAKY_RELU_GRAD, { dy, x }, { alpha }) as tf.Tensor,
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0],
  );
  return op(x);
}
