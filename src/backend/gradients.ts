/**
 * Registers tfjs-core's gradients. Its main entry registers none, and its
 * register_all_gradients module cannot be imported by Deno (extension-less
 * relative imports), so esbuild bundles that module once into .cache/.
 * The few kernels that tfjs-core leaves without a gradient get one here, as
 * second derivatives need them: Conv2DBackpropFilter, and Greater, which
 * tfjs's own LeakyRelu gradient runs on its input.
 */
import * as tf from "@tensorflow/tfjs-core";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

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
    await writeFile(`${path}.${Deno.pid}.tmp`, outputFiles[0].text);
    await rename(`${path}.${Deno.pid}.tmp`, path);
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

/** A comparison is piecewise constant: its gradient is zero, as tfjs-core's GreaterEqual has it. */
const greaterGrad: tf.GradConfig = {
  kernelName: tf.Greater,
  inputsToSave: ["a", "b"],
  gradFunc: (_, [a, b]) => ({ a: () => tf.zerosLike(a), b: () => tf.zerosLike(b) }),
};

/** Registers every gradient of tfjs-core (once per process), and those it lacks. */
export function registerGradients(): Promise<void> {
  registered ??= (async () => {
    if (!(await stat(CACHE).catch(() => null))) await bundle();
    await import(CACHE.href);
    tf.registerGradient(conv2DBackpropFilterGrad);
    tf.registerGradient(greaterGrad);
  })();
  return registered;
}
