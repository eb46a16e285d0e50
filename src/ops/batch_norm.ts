/**
 * Training-mode batch normalisation over all axes but the last, as one op
 * with a hand-written gradient. On a backend with our fused kernels (wasm)
 * it runs two kernels instead of the dozen small ops, tiles and transposed
 * reductions that tfjs's moments + batchNorm and their gradients take.
 */
import * as tf from "@tensorflow/tfjs-core";

export const BATCH_NORM = "EdgeganBatchNorm"; // x, gamma, beta → y, mean, variance
export const BATCH_NORM_GRAD = "EdgeganBatchNormGrad"; // dy, x, mean, variance, gamma → dx, dgamma, dbeta

/** Receives the batch mean and (biased) variance while they are alive, e.g. for running averages. */
export type StatsCallback = (mean: tf.Tensor1D, variance: tf.Tensor1D) => void;

export function batchNormTraining(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number,
  onStats: StatsCallback,
): tf.Tensor {
  const channels = x.shape[x.rank - 1];
  if (!tf.getKernel(BATCH_NORM, tf.getBackend()) || channels % 4 !== 0) {
    const { mean, variance } = tf.moments(x, x.shape.map((_, i) => i).slice(0, -1));
    onStats(mean as tf.Tensor1D, variance as tf.Tensor1D);
    return tf.batchNorm(x, mean, variance, beta, gamma, eps);
  }
  const run = (kernel: string, inputs: tf.NamedTensorMap) =>
    tf.engine().runKernel(kernel, inputs, { eps }) as tf.Tensor[];
  const op = tf.customGrad(
    ((x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, save: tf.GradSaveFunc) => {
      const [y, mean, variance] = run(BATCH_NORM, { x, gamma, beta });
      save([x, mean, variance, gamma]);
      onStats(mean as tf.Tensor1D, variance as tf.Tensor1D);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor, [x, mean, variance, gamma]: tf.Tensor[]) =>
          run(BATCH_NORM_GRAD, { dy, x, mean, variance, gamma }),
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0],
  );
  return op(x, gamma, beta);
}
