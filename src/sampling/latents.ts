/**
 * Latent vectors from seeds, drawn with our Rng so the same seed gives the
 * same z on the server and in the browser: the first vector of seed s is the
 * one that interpolation and arithmetic use for s, and the first cell of a
 * grid sampled with seed s.
 */
import { Rng } from "../random.ts";

export const SPACES = ["linear", "slerp"] as const;
export type Space = typeof SPACES[number];

/** The tightest truncation: below it, redrawing until a normal lands inside takes too long (or forever, at 0). */
export const MIN_TRUNCATION = 0.1;

/** `n` latent vectors of size `latent` from `seed`; values beyond ±`truncation` are redrawn from the same stream. */
export function seedLatents(seed: number, n: number, latent: number, truncation = Infinity): Float32Array {
  if (!(truncation >= MIN_TRUNCATION)) {
    throw new RangeError(`truncation ${truncation} is below ${MIN_TRUNCATION}`);
  }
  const rng = Rng.seeded(seed);
  const out = new Float32Array(n * latent);
  for (let i = 0; i < out.length; i++) {
    let value = rng.normal();
    while (Math.abs(value) > truncation) value = rng.normal();
    out[i] = value;
  }
  return out;
}

/** `steps` vectors from `a` to `b`, both included, evenly spaced in `space`. */
export function interpolate(a: Float32Array, b: Float32Array, steps: number, space: Space): Float32Array {
  const out = new Float32Array(steps * a.length);
  const angle = Math.acos(Math.min(1, Math.max(-1, dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b)))));
  // Slerp of (anti)parallel vectors has no plane to turn in: take the straight line.
  const curved = space === "slerp" && Math.sin(angle) > 1e-6;
  for (let step = 0; step < steps; step++) {
    const t = steps === 1 ? 0 : step / (steps - 1);
    const [wa, wb] = curved
      ? [Math.sin((1 - t) * angle) / Math.sin(angle), Math.sin(t * angle) / Math.sin(angle)]
      : [1 - t, t];
    for (let i = 0; i < a.length; i++) out[step * a.length + i] = wa * a[i] + wb * b[i];
  }
  return out;
}

export interface Term {
  seeds: number[];
  sign: 1 | -1;
}

/**
 * Latent arithmetic as in DCGAN's "man with glasses − man + woman": each
 * term's mean latent over its seeds, their signed sum, and the strip of
 * latents to draw: each mean, then the sum.
 */
export function combineTerms(
  terms: Term[],
  latent: number,
  truncation?: number,
): { means: Float32Array[]; result: Float32Array; strip: Float32Array } {
  const means = terms.map(({ seeds }) => {
    const mean = new Float32Array(latent);
    for (const seed of seeds) {
      const z = seedLatents(seed, 1, latent, truncation);
      for (let i = 0; i < latent; i++) mean[i] += z[i] / seeds.length;
    }
    return mean;
  });
  const result = new Float32Array(latent);
  means.forEach((mean, t) => mean.forEach((value, i) => result[i] += terms[t].sign * value));
  const strip = new Float32Array([...means, result].flatMap((mean) => Array.from(mean)));
  return { means, result, strip };
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
