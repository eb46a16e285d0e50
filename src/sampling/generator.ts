/**
 * A trained generator, rebuilt from its config and weights, and run on
 * latent vectors. The server and the browser both sample through here, so
 * the same z gives the same values wherever tfjs runs.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Tensors } from "../checkpoint/tensors.ts";
import { assignVariables } from "../checkpoint/variables.ts";
import { type CodeValues, withCodes } from "../models/codes.ts";
import { latentWidth, type ModelConfig } from "../models/config.ts";
import { buildGenerator, type Generator } from "../models/networks.ts";
import { Rng } from "../random.ts";
import { oneHot } from "../models/labels.ts";
import { type CodeRequest, requestedCodes } from "./codes.ts";

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

/** What samples are drawn as, beside their noise. */
export interface Conditions {
  /** A conditional model's class for every sample; default: the classes in turn, so a grid shows them all. */
  label?: number;
  /** An InfoGAN model's codes, one per sample; default: requestedCodes'. */
  codes?: CodeValues[];
}

/** Samples [n, ...config.shape] for the rows of `noise` ([n, config.latent]). */
export async function generate(
  G: Generator,
  config: ModelConfig,
  noise: Float32Array,
  { label, codes }: Conditions = {},
): Promise<Float32Array> {
  const n = noise.length / config.latent;
  const out = tf.tidy(() => {
    const labels = config.classes
      ? oneHot(Int32Array.from({ length: n }, (_, i) => label ?? i % config.classes), config.classes)
      : undefined;
    const z = withCodes(noise, config.latent, config.codes, codes ?? requestedCodes(config.codes, n));
    return G.apply(tf.tensor2d(z, [n, latentWidth(config)]), labels, false);
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

/** The one set of codes for `n` samples that belong together: the values asked for, else every code's first. */
export function sharedCodes(config: ModelConfig, n: number, request: CodeRequest = {}): CodeValues[] {
  const [first] = requestedCodes(config.codes, 1, request);
  return new Array(n).fill(first);
}

export function disposeGenerator(G: Generator): void {
  tf.dispose([...G.params.all().values()]);
}
