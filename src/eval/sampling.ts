/** Many samples of a generator, a batch at a time (src/sampling/generator.ts runs one batch). */
import { drawCodes } from "../models/codes.ts";
import type { ModelConfig } from "../models/config.ts";
import type { Rng } from "../random.ts";
import type { Forward } from "../sampling/forward.ts";
import { generate } from "../sampling/generator.ts";

const BATCH = 500;

/**
 * `n` samples [n, ...config.shape] from z ~ N(0, 1) drawn from `rng`. A
 * conditional model's sample i is of class i % classes (requestedClasses):
 * generate() cycles through the classes within each call, and every batch
 * but the last is a whole number of cycles. An InfoGAN model's codes come
 * from their prior, but for the first categorical code, whose value for
 * sample i is i % values (requestedClasses), so that eval can read it as a classifier.
 */
export function sampleMany(G: Forward, config: ModelConfig, n: number, rng: Rng): Float32Array {
  const cycle = config.classes || config.codes.categorical[0] || 1;
  const batch = Math.max(1, Math.floor(BATCH / cycle)) * cycle;
  const size = config.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n * size);
  for (let first = 0; first < n; first += batch) {
    const count = Math.min(batch, n - first);
    const noise = rng.normals(count * config.latent);
    const codes = drawCodes(
      config.codes,
      count,
      rng,
      (i, k) => k === 0 && !config.classes ? (first + i) % cycle : undefined,
    );
    out.set(generate(G, config, noise, { codes }), first * size);
  }
  return out;
}

/**
 * The class of each of the `n` samples of a conditional model that sampleMany
 * draws, or the value of an InfoGAN model's first categorical code.
 */
export function requestedClasses(n: number, classes: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i % classes);
}
