/**
 * A generator's layers as data, in order: training builds them as tfjs
 * layers, with gradients (src/models/layers.ts), and sampling runs them
 * forward on our kernels alone (src/sampling/forward.ts). The names are the
 * weights' names in checkpoints, under "G/".
 */
import { latentWidth, type ModelConfig } from "./config.ts";

/** Weight init of a layer: DCGAN's N(0, 0.02), or PyTorch's default. */
export type WeightInit = "dcgan" | "default";

export type GeneratorLayer =
  | { op: "dense"; name: string; inputs: number; units: number; init: WeightInit }
  /** Salimans & Kingma's weight normalisation: kernel = direction / ‖direction‖ · length, per unit. */
  | { op: "weightNormDense"; name: string; inputs: number; units: number }
  /** Transposed convolution with PyTorch's (kernel, stride, padding): out = (in − 1)·stride − 2·padding + kernel. */
  | {
    op: "conv2dTranspose";
    name: string;
    inputs: number;
    outputs: number;
    kernel: number;
    stride: number;
    padding: number;
    init: WeightInit;
  }
  /** `scale: false`: the scale stays 1 (a stat, saved but not trained), as in Salimans et al.'s G. */
  | { op: "batchNorm"; name: string; channels: number; init: WeightInit; scale?: false }
  /** Each sample normalised with the statistics of a fixed reference batch and itself (Salimans et al. 2016). */
  | { op: "virtualBatchNorm"; name: string; channels: number; references: number }
  | { op: "reshape"; shape: number[] }
  | { op: "relu" }
  | { op: "tanh" }
  /** 2σ(x) − 1: a sigmoid output for pixels in [0, 1], as Salimans et al.'s G has, mapped to ours in [−1, 1]. */
  | { op: "sigmoidPixels" }
  | { op: "softplus" };

/** Batch norm's and virtual batch norm's ε, PyTorch's. */
export const BATCH_NORM_EPSILON = 1e-5;

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Salimans et al.'s semi-supervised MNIST generator: hidden units per layer. */
const SSGAN_UNITS = [500, 500];

/** PacGAN's toy generator (their released code): 4 hidden layers of 400. */
const PACGAN_G = { layers: 4, units: 400 };

/** A transposed convolution's output side for an input side: (in − 1)·stride − 2·padding + kernel. */
export function transposedSide(side: number, { kernel, stride, padding }: TransposeGeometry): number {
  return (side - 1) * stride - 2 * padding + kernel;
}

type TransposeGeometry = { kernel: number; stride: number; padding: number };

/**
 * G's input rows: each row of `z` (latentWidth(c) values: the noise, then
 * the codes) and, for a conditional G, the one-hot class `classOf(i)` after it.
 */
export function generatorInputs(
  c: ModelConfig,
  z: Float32Array,
  classOf: (i: number) => number,
): Float32Array {
  if (!c.classes) return z;
  const width = latentWidth(c), row = width + c.classes, n = z.length / width;
  const out = new Float32Array(n * row);
  for (let i = 0; i < n; i++) {
    out.set(z.subarray(i * width, (i + 1) * width), i * row);
    out[i * row + width + classOf(i)] = 1;
  }
  return out;
}

/** Number of stride-2 stages of the DCGAN for an image side. */
export function stages(side: number): number {
  if (side === 28 || side === 32) return 2;
  if (side === 64) return 4;
  throw new Error(`dcgan: image size must be 28, 32 or 64, got ${side}`);
}

/** G's layers for `c`; its input is [n, latentWidth(c) + c.classes]: z, the codes, then one-hot labels. */
export function generatorLayers(c: ModelConfig): GeneratorLayer[] {
  if (c.arch === "ssgan") return ssganLayers(c);
  if (c.arch === "pacgan") return pacganLayers(c);
  return c.arch === "mlp" ? mlpLayers(c) : dcganLayers(c);
}

function mlpLayers(c: ModelConfig): GeneratorLayer[] {
  const layers: GeneratorLayer[] = [];
  let inputs = latentWidth(c) + c.classes;
  for (let i = 0; i < c.depth; i++, inputs = c.width) {
    layers.push({ op: "dense", name: `dense${i + 1}`, inputs, units: c.width, init: "default" }, {
      op: "relu",
    });
  }
  layers.push({ op: "dense", name: `dense${c.depth + 1}`, inputs, units: size(c.shape), init: "default" });
  if (c.shape.length === 3) layers.push({ op: "tanh" });
  return [...layers, { op: "reshape", shape: c.shape }];
}

function dcganLayers(c: ModelConfig): GeneratorLayer[] {
  const [side, , channels] = c.shape;
  const n = stages(side), s0 = side >> n;
  let ch = c.width << (n - 1);
  const norm = (name: string, channels: number): GeneratorLayer =>
    c.vbn
      ? { op: "virtualBatchNorm", name: `v${name}`, channels, references: c.vbn }
      : { op: "batchNorm", name, channels, init: "dcgan" };
  let inputs = latentWidth(c) + c.classes;
  const layers: GeneratorLayer[] = [];
  if (c.hidden) {
    layers.push(
      { op: "dense", name: "hidden/dense", inputs, units: c.hidden, init: "dcgan" },
      norm("hidden/bn", c.hidden),
      { op: "relu" },
    );
    inputs = c.hidden;
  }
  layers.push(
    { op: "dense", name: "dense1", inputs, units: s0 * s0 * ch, init: "dcgan" },
    { op: "reshape", shape: [s0, s0, ch] },
    norm("bn1", ch),
    { op: "relu" },
  );
  const up = { kernel: 4, stride: 2, padding: 1, init: "dcgan" } as const;
  for (let i = 1; i < n; i++, ch >>= 1) {
    layers.push({ op: "conv2dTranspose", name: `deconv${i}`, inputs: ch, outputs: ch >> 1, ...up });
    layers.push(norm(`bn${i + 1}`, ch >> 1), { op: "relu" });
  }
  layers.push({ op: "conv2dTranspose", name: `deconv${n}`, inputs: ch, outputs: channels, ...up });
  return [...layers, { op: "tanh" }];
}

/**
 * Salimans et al.'s G: softplus layers with batch norm that learns a shift
 * but no scale (their `batch_norm(g=None)`), then a weight-normalised layer
 * to the pixels through a sigmoid. It takes no labels.
 */
function ssganLayers(c: ModelConfig): GeneratorLayer[] {
  const layers: GeneratorLayer[] = [];
  let inputs = latentWidth(c);
  SSGAN_UNITS.forEach((units, i) => {
    layers.push(
      { op: "dense", name: `dense${i + 1}`, inputs, units, init: "default" },
      { op: "batchNorm", name: `bn${i + 1}`, channels: units, init: "default", scale: false },
      { op: "softplus" },
    );
    inputs = units;
  });
  const pixels = size(c.shape);
  layers.push({ op: "weightNormDense", name: `dense${SSGAN_UNITS.length + 1}`, inputs, units: pixels });
  return [...layers, { op: "sigmoidPixels" }, { op: "reshape", shape: c.shape }];
}

/**
 * PacGAN's toy G: linear layers with N(0, 0.02) weights, each hidden one
 * followed by batch norm and ReLU. (Theirs has no bias before batch norm;
 * ours has one, which batch norm cancels exactly.)
 */
function pacganLayers(c: ModelConfig): GeneratorLayer[] {
  const layers: GeneratorLayer[] = [];
  let inputs = latentWidth(c) + c.classes;
  for (let i = 0; i < PACGAN_G.layers; i++, inputs = PACGAN_G.units) {
    layers.push(
      { op: "dense", name: `dense${i + 1}`, inputs, units: PACGAN_G.units, init: "dcgan" },
      { op: "batchNorm", name: `bn${i + 1}`, channels: PACGAN_G.units, init: "default" },
      { op: "relu" },
    );
  }
  layers.push({
    op: "dense",
    name: `dense${PACGAN_G.layers + 1}`,
    inputs,
    units: size(c.shape),
    init: "dcgan",
  });
  return [...layers, { op: "reshape", shape: c.shape }];
}
