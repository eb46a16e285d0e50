/**
 * Training-mode batch normalisation over all axes but the last, as one op
 * with a hand-written gradient. On a backend with our fused kernels (wasm)
 * it runs two kernels instead of the dozen small ops, tiles and transposed
 * reductions that tfjs's moments + batchNorm and their gradients take.
 * The gradient kernel has a gradient of its own (composite ops), so
 * penalties on D's input gradient (WGAN-GP, R1) differentiate through it.
 */
import * as tf from "@tensorflow/tfjs-core";

export const BATCH_NORM = "EdgeganBatchNorm"; // x, gamma, beta → y, mean, variance
export const BATCH_NORM_GRAD = "EdgeganBatchNormGrad"; // dy, x, mean, variance, gamma → dx, dgamma, dbeta

export interface BatchNormAttrs {
  eps: number;
}

/**
 * The gradient of BATCH_NORM_GRAD, as composite ops. Per channel, over the
 * N rows: x̂ = (x − μ)·r with r = (σ² + eps)^-½, a = dy·γ, and
 * dx = r·(a − mean(a) − x̂·mean(a·x̂)), dγ = Σ dy·x̂, dβ = Σ dy.
 * Given cotangents u, p, q of dx, dγ, dβ, the chain rule through a, x̂ and
 * r (μ and σ² count as functions of x, not as inputs of their own) gives the
 * cotangents of dy, x and γ below.
 */
function batchNormGradGrad(
  [u, p, q]: tf.Tensor[],
  [dy, x, mean, variance, gamma]: tf.Tensor[],
  eps: number,
) {
  const axes = x.shape.map((_, i) => i).slice(0, -1);
  const n = x.size / x.shape[x.rank - 1];
  const avg = (t: tf.Tensor) => tf.mean(t, axes);
  const sum = (t: tf.Tensor) => tf.sum(t, axes);
  const r = tf.rsqrt(tf.add(variance, eps));
  const xhat = tf.mul(tf.sub(x, mean), r);
  const a = tf.mul(dy, gamma);
  const meanA = avg(a), meanAX = avg(tf.mul(a, xhat));
  const meanU = avg(u), meanUX = avg(tf.mul(u, xhat));
  // dx is linear in a, with the same projection as itself applied to u.
  const aBar = tf.mul(r, tf.sub(tf.sub(u, meanU), tf.mul(xhat, meanUX)));
  const xhatBar = tf.sub(tf.mul(p, dy), tf.mul(r, tf.add(tf.mul(meanAX, u), tf.mul(a, meanUX))));
  const rBar = tf.add(
    sum(tf.mul(u, tf.sub(tf.sub(a, meanA), tf.mul(xhat, meanAX)))),
    tf.div(sum(tf.mul(xhatBar, xhat)), r),
  );
  return {
    dy: () => tf.add(tf.add(tf.mul(aBar, gamma), tf.mul(p, xhat)), q),
    x: () =>
      tf.sub(
        tf.mul(r, tf.sub(xhatBar, avg(xhatBar))),
        tf.mul(tf.div(tf.mul(tf.square(r), rBar), n), xhat),
      ),
    mean: () => tf.zerosLike(mean),
    variance: () => tf.zerosLike(variance),
    gamma: () => sum(tf.mul(aBar, dy)),
  };
}

tf.registerGradient({
  kernelName: BATCH_NORM_GRAD,
  inputsToSave: ["dy", "x", "mean", "variance", "gamma"],
  gradFunc: (dys, saved, attrs) =>
    batchNormGradGrad(dys as tf.Tensor[], saved, (attrs as unknown as BatchNormAttrs).eps),
});

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
