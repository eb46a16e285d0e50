/**
 * A generator's forward pass on our kernels alone, without tfjs: how every
 * sample is drawn, on the server, in eval, in the edge worker and in the
 * browser. Training runs the same layers (src/models/generator_layers.ts) on
 * tfjs, where they have gradients. Dense layers and transposed convolutions
 * run on our GEMM (src/kernels); the rest are plain loops, cheap beside them.
 * Skipping tfjs's op machinery is what makes a cold start and a single sample
 * fast: no tensors, no kernel dispatch, no tfjs to import.
 */
import type { Tensors } from "../checkpoint/tensors.ts";
import { conv2dBackpropInput, type ConvGeometry } from "../kernels/conv.ts";
import { batchMatMul } from "../kernels/matmul.ts";
import type { KernelRuntime } from "../kernels/runtime.ts";
import { latentWidth, type ModelConfig } from "../models/config.ts";
import { BATCH_NORM_EPSILON, type GeneratorLayer, generatorLayers } from "../models/generator_layers.ts";

/** G's samples [n, ...config.shape] for its inputs [n, latentWidth + classes]: z, the codes, one-hot labels. */
export type Forward = (inputs: Float32Array, n: number) => Float32Array;

/**
 * One layer on n samples. A step may overwrite its input: every input but
 * the first layer's is an array an earlier step made.
 */
type Step = (x: Float32Array, n: number) => Float32Array;

/** The prefix of the generator to sample in checkpoints (its moving average where there is one). */
export const GENERATOR_PREFIX = "G/";

/** The generator of `config` with the G/... tensors of `weights`, on the kernels of `rt`. */
export function forwardGenerator(config: ModelConfig, weights: Tensors, rt: KernelRuntime): Forward {
  const tensor = (name: string) => {
    const found = weights[GENERATOR_PREFIX + name];
    if (!found) throw new Error(`the weights have no ${GENERATOR_PREFIX}${name}`);
    return found.data;
  };
  let shape = [latentWidth(config) + config.classes];
  const steps = generatorLayers(config).map((layer) => {
    const step = compile(layer, shape, tensor, rt);
    shape = outputShape(layer, shape);
    return step;
  });
  const forward: Forward = (inputs, n) => steps.reduce((x, step) => step(x, n), inputs);
  // A virtual batch norm's reference batch goes through first, alone: each such layer keeps its statistics.
  if (config.vbn) forward(tensor("vbn/reference"), config.vbn);
  return forward;
}

/** One sample's shape after `layer`, from `shape` before it. */
function outputShape(layer: GeneratorLayer, shape: number[]): number[] {
  switch (layer.op) {
    case "dense":
    case "weightNormDense":
      return [layer.units];
    case "conv2dTranspose": {
      const side = (s: number) => (s - 1) * layer.stride - 2 * layer.padding + layer.kernel;
      return [side(shape[0]), side(shape[1]), layer.outputs];
    }
    case "reshape":
      return layer.shape;
    default:
      return shape;
  }
}

function compile(
  layer: GeneratorLayer,
  shape: number[],
  tensor: (name: string) => Float32Array,
  rt: KernelRuntime,
): Step {
  switch (layer.op) {
    case "dense":
      return dense(
        rt,
        tensor(`${layer.name}/kernel`),
        tensor(`${layer.name}/bias`),
        layer.inputs,
        layer.units,
      );
    case "weightNormDense": {
      const kernel = weightNormKernel(tensor(`${layer.name}/direction`), tensor(`${layer.name}/length`));
      return dense(rt, kernel, tensor(`${layer.name}/bias`), layer.inputs, layer.units);
    }
    case "conv2dTranspose":
      return conv2dTranspose(rt, layer, shape, tensor(`${layer.name}/kernel`), tensor(`${layer.name}/bias`));
    case "batchNorm":
      return batchNorm(
        tensor(`${layer.name}/gamma`),
        tensor(`${layer.name}/beta`),
        tensor(`${layer.name}/running_mean`),
        tensor(`${layer.name}/running_var`),
      );
    case "virtualBatchNorm":
      return virtualBatchNorm(
        tensor(`${layer.name}/gamma`),
        tensor(`${layer.name}/beta`),
        shape,
        layer.references,
      );
    case "reshape":
      return (x) => x;
    case "relu":
      return relu;
    case "tanh":
      return tanh;
    case "softplus":
      return softplus;
  }
}

// The elementwise steps are plain loops in place: a typed array's map() with a callback costs
// about 20 ns an element here, ten times a loop's.
function relu(x: Float32Array): Float32Array {
  for (let i = 0; i < x.length; i++) x[i] = x[i] > 0 ? x[i] : 0; // a select, not a branch that mispredicts
  return x;
}

function tanh(x: Float32Array): Float32Array {
  for (let i = 0; i < x.length; i++) x[i] = Math.tanh(x[i]);
  return x;
}

function softplus(x: Float32Array): Float32Array {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    x[i] = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
  }
  return x;
}

/** Adds `bias` to each row of x, in place. */
function addBias(x: Float32Array, bias: Float32Array): Float32Array {
  const units = bias.length;
  for (let i = 0; i < x.length; i += units) {
    for (let j = 0; j < units; j++) x[i + j] += bias[j];
  }
  return x;
}

function dense(
  rt: KernelRuntime,
  kernel: Float32Array,
  bias: Float32Array,
  inputs: number,
  units: number,
): Step {
  return (x, n) => {
    const y = new Float32Array(n * units);
    const geometry = {
      batchA: 1,
      batchB: 1,
      m: n,
      k: inputs,
      n: units,
      transposeA: false,
      transposeB: false,
    };
    batchMatMul(rt, geometry, x, kernel, y);
    return addBias(y, bias);
  };
}

/** direction / ‖direction‖ · length, column by column: [inputs, units]. */
function weightNormKernel(direction: Float32Array, length: Float32Array): Float32Array {
  const units = length.length, norms = new Float32Array(units);
  direction.forEach((v, i) => norms[i % units] += v * v);
  return direction.map((v, i) => v / Math.sqrt(norms[i % units]) * length[i % units]);
}

/** The transpose of a convolution from the output [h', w', outputs] down to the input [h, w, inputs]. */
function conv2dTranspose(
  rt: KernelRuntime,
  layer: Extract<GeneratorLayer, { op: "conv2dTranspose" }>,
  [h, w]: number[],
  kernel: Float32Array,
  bias: Float32Array,
): Step {
  const { inputs, outputs, kernel: k, stride, padding } = layer;
  const side = (s: number) => (s - 1) * stride - 2 * padding + k;
  const geometry: Omit<ConvGeometry, "batchSize"> = {
    inHeight: side(h),
    inWidth: side(w),
    inChannels: outputs,
    outHeight: h,
    outWidth: w,
    outChannels: inputs,
    filterHeight: k,
    filterWidth: k,
    strideHeight: stride,
    strideWidth: stride,
    dilationHeight: 1,
    dilationWidth: 1,
    padInfo: { top: padding, left: padding },
  };
  return (x, n) => {
    const y = new Float32Array(n * side(h) * side(w) * outputs);
    conv2dBackpropInput(rt, { batchSize: n, ...geometry }, x, kernel, y);
    return addBias(y, bias);
  };
}

/** Inference batch norm: a scale and a shift per channel, the last axis. */
function batchNorm(
  gamma: Float32Array,
  beta: Float32Array,
  mean: Float32Array,
  variance: Float32Array,
): Step {
  const scale = gamma.map((g, c) => g / Math.sqrt(variance[c] + BATCH_NORM_EPSILON));
  const shift = beta.map((b, c) => b - mean[c] * scale[c]);
  return (x) => {
    const channels = scale.length;
    for (let i = 0; i < x.length; i += channels) {
      for (let c = 0; c < channels; c++) x[i + c] = x[i + c] * scale[c] + shift[c];
    }
    return x;
  };
}

/**
 * Virtual batch norm as src/models/layers.ts has it: each sample normalised
 * with the mean and mean square of the reference batch's and its own,
 * weighted R : 1. The first call is the reference batch itself, whose
 * statistics it keeps.
 */
function virtualBatchNorm(
  gamma: Float32Array,
  beta: Float32Array,
  shape: number[],
  references: number,
): Step {
  const channels = gamma.length, pixels = shape.length === 1 ? 1 : shape[0] * shape[1];
  const own = 1 / (references + 1);
  let reference: { mean: Float32Array; square: Float32Array } | undefined;
  /** Mean and mean square per channel of `rows` consecutive samples from sample `first`. */
  const moments = (x: Float32Array, first: number, rows: number) => {
    const mean = new Float32Array(channels), square = new Float32Array(channels);
    const start = first * pixels * channels, end = start + rows * pixels * channels;
    for (let i = start; i < end; i++) {
      mean[i % channels] += x[i];
      square[i % channels] += x[i] * x[i];
    }
    const count = rows * pixels;
    return { mean: mean.map((v) => v / count), square: square.map((v) => v / count) };
  };
  return (x, n) => {
    reference ??= moments(x, 0, n);
    const y = new Float32Array(x.length);
    for (let s = 0; s < n; s++) {
      const mine = pixels === 1 ? undefined : moments(x, s, 1);
      for (let i = s * pixels * channels; i < (s + 1) * pixels * channels; i++) {
        const c = i % channels;
        const [m, sq] = mine ? [mine.mean[c], mine.square[c]] : [x[i], x[i] * x[i]];
        const mean = reference.mean[c] * (1 - own) + m * own;
        const variance = reference.square[c] * (1 - own) + sq * own - mean * mean;
        y[i] = (x[i] - mean) / Math.sqrt(Math.max(variance, 0) + BATCH_NORM_EPSILON) * gamma[c] + beta[c];
      }
    }
    return y;
  };
}
