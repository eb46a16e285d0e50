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
import {
  BATCH_NORM_EPSILON,
  type GeneratorLayer,
  generatorLayers,
  transposedSide,
} from "../models/generator_layers.ts";

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
  const tensor: TensorOf = (name, size) => {
    const found = weights[GENERATOR_PREFIX + name];
    if (!found) throw new Error(`the weights have no ${GENERATOR_PREFIX}${name}`);
    // A size the config does not make would have the kernels read past the tensor.
    if (found.data.length !== size) {
      throw new Error(
        `${GENERATOR_PREFIX}${name} holds ${found.data.length} values where the model's config makes ${size}`,
      );
    }
    return found.data;
  };
  const layers = generatorLayers(config), steps: Step[] = [];
  const inputs = latentWidth(config) + config.classes;
  let shape = [inputs];
  for (let i = 0; i < layers.length; i++) {
    const linear = product(layers[i], shape, tensor, rt);
    shape = outputShape(layers[i], shape);
    if (!linear) {
      steps.push(elementwise(layers[i], shape, tensor));
      continue;
    }
    // A product's bias and a batch norm after it (a reshape between moves no value) fold into one
    // scale and shift, applied in one pass over its output with a ReLU after them; another
    // activation takes a pass of its own.
    if (layers[i + 1]?.op === "reshape" && layers[i + 2]?.op === "batchNorm") {
      shape = outputShape(layers[++i], shape);
    }
    const { scale, shift } = layers[i + 1]?.op === "batchNorm"
      ? foldBatchNorm(linear.bias, batchNormAffine(layers[++i] as Channels, tensor))
      : { scale: new Float32Array(linear.bias.length).fill(1), shift: linear.bias };
    const next = layers[i + 1]?.op, relu = next === "relu", activation = relu ? undefined : ACTIVATIONS[next];
    if (relu || activation) i++;
    steps.push((x, n) => {
      const y = affine(linear.run(x, n), scale, shift, relu);
      return activation ? activation(y) : y;
    });
  }
  const forward: Forward = (inputs, n) => steps.reduce((x, step) => step(x, n), inputs);
  // A virtual batch norm's reference batch goes through first, alone: each such layer keeps its statistics.
  if (config.vbn) forward(tensor("vbn/reference", config.vbn * inputs), config.vbn);
  return forward;
}

type Channels = { name: string; channels: number };
/** The weight `name` of G, which must hold `size` values. */
type TensorOf = (name: string, size: number) => Float32Array;

/** One sample's shape after `layer`, from `shape` before it. */
function outputShape(layer: GeneratorLayer, shape: number[]): number[] {
  switch (layer.op) {
    case "dense":
    case "weightNormDense":
      return [layer.units];
    case "conv2dTranspose": {
      return [transposedSide(shape[0], layer), transposedSide(shape[1], layer), layer.outputs];
    }
    case "reshape":
      return layer.shape;
    default:
      return shape;
  }
}

/** A product layer's run without its bias, and the bias: one value per unit or output channel. */
interface Product {
  run: Step;
  bias: Float32Array;
}

/** A dense layer or transposed convolution; undefined for the other layers. */
function product(
  layer: GeneratorLayer,
  shape: number[],
  tensor: TensorOf,
  rt: KernelRuntime,
): Product | undefined {
  switch (layer.op) {
    case "dense":
      return dense(
        rt,
        tensor(`${layer.name}/kernel`, layer.inputs * layer.units),
        tensor(`${layer.name}/bias`, layer.units),
        layer.inputs,
        layer.units,
      );
    case "weightNormDense": {
      const kernel = weightNormKernel(
        tensor(`${layer.name}/direction`, layer.inputs * layer.units),
        tensor(`${layer.name}/length`, layer.units),
      );
      return dense(rt, kernel, tensor(`${layer.name}/bias`, layer.units), layer.inputs, layer.units);
    }
    case "conv2dTranspose":
      return conv2dTranspose(
        rt,
        layer,
        shape,
        tensor(`${layer.name}/kernel`, layer.kernel * layer.kernel * layer.inputs * layer.outputs),
        tensor(`${layer.name}/bias`, layer.outputs),
      );
  }
}

/** A layer that is not a product, nor folded into one's pass; `shape` is its output's. */
function elementwise(layer: GeneratorLayer, shape: number[], tensor: TensorOf): Step {
  switch (layer.op) {
    case "batchNorm": {
      const { scale, shift } = batchNormAffine(layer, tensor);
      return (x) => affine(x, scale, shift, false);
    }
    case "virtualBatchNorm":
      return virtualBatchNorm(
        tensor(`${layer.name}/gamma`, layer.channels),
        tensor(`${layer.name}/beta`, layer.channels),
        shape,
        layer.references,
      );
    case "reshape":
      return (x) => x;
    default:
      return ACTIVATIONS[layer.op]!;
  }
}

// The elementwise steps are plain loops in place: a typed array's map() with a callback costs
// about 20 ns an element here, ten times a loop's.
const ACTIVATIONS: Partial<Record<GeneratorLayer["op"], (x: Float32Array) => Float32Array>> = {
  relu(x) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      x[i] = v > 0 ? v : 0; // a select, not a branch that mispredicts
    }
    return x;
  },
  tanh(x) {
    for (let i = 0; i < x.length; i++) x[i] = Math.tanh(x[i]);
    return x;
  },
  sigmoidPixels(x) {
    for (let i = 0; i < x.length; i++) x[i] = 2 / (1 + Math.exp(-x[i])) - 1;
    return x;
  },
  softplus(x) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      x[i] = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
    }
    return x;
  },
};

/** x·scale + shift in place, then max(0, ·) if `relu`; the vectors repeat along x (a value per unit or channel). */
function affine(x: Float32Array, scale: Float32Array, shift: Float32Array, relu: boolean): Float32Array {
  const period = scale.length;
  for (let i = 0; i < x.length; i += period) {
    if (relu) {
      for (let j = 0; j < period; j++) {
        const v = x[i + j] * scale[j] + shift[j];
        x[i + j] = v > 0 ? v : 0;
      }
    } else {
      for (let j = 0; j < period; j++) x[i + j] = x[i + j] * scale[j] + shift[j];
    }
  }
  return x;
}

/** Inference batch norm as a scale and a shift per channel. */
function batchNormAffine(
  { name, channels }: Channels,
  tensor: TensorOf,
): { scale: Float32Array; shift: Float32Array } {
  const [gamma, beta] = [tensor(`${name}/gamma`, channels), tensor(`${name}/beta`, channels)];
  const [mean, variance] = [
    tensor(`${name}/running_mean`, channels),
    tensor(`${name}/running_var`, channels),
  ];
  const scale = gamma.map((g, c) => g / Math.sqrt(variance[c] + BATCH_NORM_EPSILON));
  return { scale, shift: beta.map((b, c) => b - mean[c] * scale[c]) };
}

/** (x + bias)·bn.scale + bn.shift as x·scale + shift, per value of the bias (whose period the channels divide). */
function foldBatchNorm(bias: Float32Array, bn: { scale: Float32Array; shift: Float32Array }) {
  const channels = bn.scale.length;
  const scale = bias.map((_, u) => bn.scale[u % channels]);
  return { scale, shift: bias.map((b, u) => b * scale[u] + bn.shift[u % channels]) };
}

function dense(
  rt: KernelRuntime,
  kernel: Float32Array,
  bias: Float32Array,
  inputs: number,
  units: number,
): Product {
  const run: Step = (x, n) => {
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
    return y;
  };
  return { run, bias };
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
): Product {
  const { inputs, outputs, kernel: k, stride, padding } = layer;
  const side = (s: number) => transposedSide(s, layer);
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
  const run: Step = (x, n) => {
    const y = new Float32Array(n * side(h) * side(w) * outputs);
    conv2dBackpropInput(rt, { batchSize: n, ...geometry }, x, kernel, y);
    return y;
  };
  return { run, bias };
}

/**
 * Virtual batch norm as src/models/layers.ts has it: each sample normalised
 * with the mean and mean square of the reference batch's and its own,
 * weighted R : 1. The first call is the reference batch itself, normalised
 * with its own statistics alone, which it keeps.
 */
function virtualBatchNorm(
  gamma: Float32Array,
  beta: Float32Array,
  shape: number[],
  references: number,
): Step {
  const channels = gamma.length, pixels = shape.length === 1 ? 1 : shape[0] * shape[1];
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
    const own = reference ? 1 / (references + 1) : 0;
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
