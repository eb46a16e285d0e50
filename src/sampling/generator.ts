/**
 * A trained generator, rebuilt from its config and weights, and run on
 * latent vectors. The server and the browser both sample through here, so
 * the same z gives the same values wherever tfjs runs.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Tensors } from "../checkpoint/tensors.ts";
import { assignVariables } from "../checkpoint/variables.ts";
import type { ModelConfig } from "../models/config.ts";
import { buildGenerator, type Generator } from "../models/networks.ts";
import { Rng } from "../random.ts";
import { oneHot } from "../models/labels.ts";

/** The generator's prefix in checkpoints: `G/...` is the one to sample (the moving average when there is one). */
const GENERATOR_PREFIX = "G/";

/** The generator with the `G/...` tensors of `weights` in its variables. */
export function loadGenerator(config: ModelConfig, weights: Tensors): Generator {
  const G = buildGenerator(config, Rng.seeded(0)); // the random initial values are overwritten at once
  assignVariables(G.params.all(), weights);
  return G;
}

/** Only the generator's tensors: what sampling needs of a checkpoint. */
export function generatorTensors(weights: Tensors): Tensors {
  return Object.fromEntries(Object.entries(weights).filter(([name]) => name.startsWith(GENERATOR_PREFIX)));
}

/**
 * Samples [n, ...config.shape] for the latent rows of `z`. A conditional
 * model draws every row as `label`, or, with none given, cycles through the
 * classes so a grid shows them all.
 */
export async function generate(
  G: Generator,
  config: ModelConfig,
  z: Float32Array,
  label?: number,
): Promise<Float32Array> {
  const n = z.length / config.latent;
  const out = tf.tidy(() => {
    const labels = config.classes
      ? oneHot(Int32Array.from({ length: n }, (_, i) => label ?? i % config.classes), config.classes)
      : undefined;
    return G.apply(tf.tensor2d(z, [n, config.latent]), labels, false);
  });
  const values = await out.data() as Float32Array;
  out.dispose();
  return values;
}

/**
 * The one label for samples that belong together (an interpolation, the
 * terms of an arithmetic): the one asked for, else a conditional model's
 * first class.
 */
export function sharedLabel(config: ModelConfig, label?: number): number | undefined {
  return label ?? (config.classes ? 0 : undefined);
}

export function disposeGenerator(G: Generator): void {
  tf.dispose([...G.params.all().values()]);
}
