/**
 * The kernels that edgegan adds to tfjs-core's, by name, with their inputs,
 * outputs and attributes: the one contract that ops, gradients and every
 * backend's implementation share, as tfjs-core's kernel_names.ts is for its own;
 * and what of tfjs's own FusedConv2D our kernel and its gradient take.
 */
import type { FusedConv2DAttrs } from "@tensorflow/tfjs-core";

/**
 * tfjs's FusedConv2D as our kernel and its gradient take it: no activation, a
 * ReLU or a leaky ReLU whose slope is 0 to 1 (so the output's sign is its
 * input's). Returns that slope, undefined for no activation; any other is an
 * error that names it.
 */
export function fusedConv2DSlope({ activation, leakyreluAlpha }: FusedConv2DAttrs): number | undefined {
  if (activation === "linear") return undefined;
  if (activation === "relu") return 0;
  const alpha = leakyreluAlpha ?? 0.2; // tfjs's default
  if (activation === "leakyrelu" && alpha >= 0 && alpha <= 1) return alpha;
  throw new Error(
    `FusedConv2D: the fused activation ${activation}` +
      (activation === "leakyrelu" ? ` with alpha ${alpha} (outside [0, 1])` : "") +
      " is not supported; apply it as an op",
  );
}

/** dy, x → dx = dy · (x > 0 ? 1 : alpha): leaky ReLU's gradient as one kernel. */
export const LEAKY_RELU_GRAD = "EdgeganLeakyReluGrad";
export interface LeakyReluGradAttrs {
  alpha: number;
}

/**
 * x, gamma, beta → y, mean, variance: training-mode batch normalisation over
 * every axis but the last, with the batch mean and biased variance per channel.
 */
export const BATCH_NORM = "EdgeganBatchNorm";
/** dy, x, mean, variance, gamma → dx, dgamma, dbeta: BATCH_NORM's gradient, mean and variance as functions of x. */
export const BATCH_NORM_GRAD = "EdgeganBatchNormGrad";
export interface BatchNormAttrs {
  eps: number;
}

/**
 * x → y: maxout over the last axis, whose values come in runs of `pieces`
 * (one run per unit): each unit's output is the largest of its run.
 */
export const MAXOUT = "EdgeganMaxout";
/** dy, x → dx: MAXOUT's gradient, dy routed to each unit's first largest piece. */
export const MAXOUT_GRAD = "EdgeganMaxoutGrad";
export interface MaxoutAttrs {
  pieces: number;
}

/** x → y: the sum of x² over every axis but the last, one value per channel (weight norm's ‖v‖²). */
export const SUM_OF_SQUARES = "EdgeganSumOfSquares";

/** y, dy → dx = dy · (1 − y²): tanh's gradient as one kernel, from its output y = tanh(x). */
export const TANH_GRAD = "EdgeganTanhGrad";

/**
 * x → y = x + std·n, n standard normals by Box-Muller from four xoshiro128**
 * streams seeded by `seeds` (four words a stream), each giving one pair of
 * every eight elements; wasm/noise.c says exactly which draw lands where.
 */
export const GAUSSIAN_NOISE = "EdgeganGaussianNoise";
export interface GaussianNoiseAttrs {
  std: number;
  /** 16 uint32 words: stream l's state is seeds[4l .. 4l + 4). */
  seeds: number[];
}

/** p, g, m, v → p', m', v': one Adam update of a parameter (never differentiated). */
export const ADAM = "EdgeganAdam";
export interface AdamAttrs {
  beta1: number;
  beta2: number;
  /** lr · √(1 − β2ᵗ) / (1 − β1ᵗ): the bias corrections folded into the step. */
  size: number;
  /** eps · √(1 − β2ᵗ), for the same folding. */
  eps: number;
}
