/**
 * Samples of a trained generator: its inputs made from latent vectors, a
 * class and codes, and run forward on our kernels (./forward.ts). The server,
 * eval, the edge worker and the browser all sample through here, so the same
 * z gives the same values everywhere.
 */
import type { Tensors } from "../checkpoint/tensors.ts";
import { type CodeValues, withCodes } from "../models/codes.ts";
import type { ModelConfig } from "../models/config.ts";
import { generatorInputs } from "../models/generator_layers.ts";
import { type CodeRequest, requestedCodes } from "./codes.ts";
import { type Forward, GENERATOR_PREFIX } from "./forward.ts";

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

/** Samples [n, ...config.shape] of G for the rows of `noise` ([n, config.latent]). */
export function generate(
  G: Forward,
  config: ModelConfig,
  noise: Float32Array,
  { label, codes }: Conditions = {},
): Float32Array {
  const n = noise.length / config.latent;
  const z = withCodes(noise, config.latent, config.codes, codes ?? requestedCodes(config.codes, n));
  return G(generatorInputs(config, z, (i) => label ?? i % config.classes), n);
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
