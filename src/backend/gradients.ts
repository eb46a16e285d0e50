/**
 * Registers tfjs-core's gradients. Its main entry registers none, and its
 * register_all_gradients module cannot be imported by Deno (extension-less
 * relative imports), so esbuild bundles that module once into .cache/.
 * Then ours: the gradients of our kernels (kernel_names.ts), LeakyRelu's,
 * Relu's and Tanh's replaced by our fused kernels, Conv2DBackpropFilter's,
 * which tfjs-core lacks and second derivatives need, and FusedConv2D's as
 * ops/conv2d_with_bias.ts runs it (tfjs-core's fused op brings its own).
 */
import * as tf from "@tensorflow/tfjs-core";
import { mkdir, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../checkpoint/atomic.ts";
import { batchNormGradConfig, batchNormGradGradConfig } from "./batch_norm_gradients.ts";
import { gaussianNoiseGradConfig } from "./gaussian_noise_gradients.ts";
import { fusedConv2DSlope } from "./kernel_names.ts";
import { sumOfSquaresGradConfig } from "./sum_of_squares_gradients.ts";
import {
  leakyReluGrad,
  leakyReluGradConfig,
  leakyReluGradGradConfig,
  reluGradConfig,
} from "./leaky_relu_gradients.ts";
import { maxoutGradConfig, maxoutGradGradConfig } from "./maxout_gradients.ts";
import { tanhGradConfig, tanhGradGradConfig } from "./tanh_gradients.ts";

export const CACHE = new URL(`../../.cache/tfjs-core-${tf.version_core}-gradients.js`, import.meta.url);
let registered: Promise<void> | undefined;

async function bundle(): Promise<void> {
  const esbuild = await import("esbuild");
  const entry = fileURLToPath(
    new URL("register_all_gradients.js", import.meta.resolve("@tensorflow/tfjs-core")),
  );
  try {
    const { outputFiles } = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      logLevel: "error",
    });
    const path = fileURLToPath(CACHE);
    await mkdir(new URL(".", CACHE), { recursive: true });
    await writeFileAtomic(path, outputFiles[0].text);
  } finally {
    await esbuild.stop();
  }
}

/** dW = Σ x ⋆ dy is bilinear: its cotangent G gives x̄ = conv2dTranspose(dy, G), dȳ = conv2d(x, G). */
const conv2DBackpropFilterGrad: tf.GradConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  inputsToSave: ["x", "dy"],
  gradFunc: (g, [x, dy], attrs) => {
    const { strides, pad, dataFormat, dimRoundingMode } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
    const filter = g as tf.Tensor4D;
    return {
      x: () =>
        tf.conv2dTranspose(
          dy as tf.Tensor4D,
          filter,
          x.shape as tf.Tensor4D["shape"],
          strides,
          pad,
          dimRoundingMode,
        ),
      dy: () => tf.conv2d(x as tf.Tensor4D, filter, strides, pad, dataFormat, 1, dimRoundingMode),
    };
  },
};

/**
 * A convolution plus bias, then no activation, a ReLU or a leaky ReLU: each
 * input's derivative is computed only if asked for. The rectifier's derivative
 * is read from the output y, whose sign is its input's; it is constant in y
 * wherever it is defined, so the tape's not linking a saved y to this op loses
 * no term of a second derivative.
 */
const fusedConv2DGrad: tf.GradConfig = {
  kernelName: tf.FusedConv2D,
  inputsToSave: ["x", "filter"],
  outputsToSave: [true],
  gradFunc: (dyOut, [x, filter, y], attrs) => {
    const fused = attrs as unknown as tf.FusedConv2DAttrs;
    const { strides, pad, dimRoundingMode, dilations } = fused;
    const slope = fusedConv2DSlope(fused);
    if ([dilations].flat().some((d) => d !== 1)) throw new Error("FusedConv2D: no gradient with dilations");
    const dy4 =
      (slope === undefined ? dyOut : leakyReluGrad(dyOut as tf.Tensor, y, { alpha: slope })) as tf.Tensor4D;
    return {
      x: () =>
        tf.conv2dTranspose(
          dy4,
          filter as tf.Tensor4D,
          x.shape as tf.Tensor4D["shape"],
          strides,
          pad,
          dimRoundingMode,
        ),
      filter: () =>
        tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy: dy4 }, {
          strides,
          pad,
          dataFormat: "NHWC",
          dimRoundingMode,
          filterShape: filter.shape,
        } as unknown as tf.NamedAttrMap) as tf.Tensor,
      bias: () => tf.sum(dy4, [0, 1, 2]),
    };
  },
};

/** Registers every gradient of tfjs-core (once per process), then ours. */
export function registerGradients(): Promise<void> {
  registered ??= (async () => {
    if (!(await stat(CACHE).catch(() => null))) await bundle();
    await import(CACHE.href);
    for (
      const config of [
        conv2DBackpropFilterGrad,
        fusedConv2DGrad,
        leakyReluGradConfig,
        leakyReluGradGradConfig,
        reluGradConfig,
        tanhGradConfig,
        tanhGradGradConfig,
        gaussianNoiseGradConfig,
        sumOfSquaresGradConfig,
        batchNormGradConfig,
        batchNormGradGradConfig,
        maxoutGradConfig,
        maxoutGradGradConfig,
      ]
    ) tf.registerGradient(config);
  })();
  return registered;
}
