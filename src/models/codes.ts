/**
 * InfoGAN's latent codes (Chen et al. 2016): categorical codes, each one-hot
 * over its values, and continuous codes, each uniform in [-1, 1]. G takes
 * them beside z, and D's Q head infers them back from G's samples. In G's
 * input, and in every code vector here, the categorical codes come first in
 * order, then the continuous ones.
 */
import * as z from "zod/mini";
import type { Rng } from "../random.ts";

export const CODES = z.object({
  /** The number of values of each categorical code. */
  categorical: z.array(z.int().check(z.minimum(2))),
  /** How many continuous codes. */
  continuous: z.int().check(z.minimum(0)),
});
export type Codes = z.output<typeof CODES>;

export const NO_CODES: Codes = { categorical: [], continuous: 0 };

/** The continuous codes' prior is uniform on [-CONTINUOUS_RANGE, CONTINUOUS_RANGE]. */
export const CONTINUOUS_RANGE = 1;

/** One sample's codes: a value index per categorical code, a number per continuous one. */
export interface CodeValues {
  categories: number[];
  continuous: number[];
}

export const hasCodes = (codes: Codes) => codes.categorical.length + codes.continuous > 0;

/** Columns of a code vector: the categorical codes' one-hots, then one per continuous code. */
export const codeWidth = (codes: Codes) => codes.categorical.reduce((a, b) => a + b, 0) + codes.continuous;

/** The code vectors [n, codeWidth] of `values`, one row per sample. */
export function encodeCodes(codes: Codes, values: CodeValues[]): Float32Array {
  const width = codeWidth(codes);
  const out = new Float32Array(values.length * width);
  values.forEach(({ categories, continuous }, row) => {
    let column = row * width;
    codes.categorical.forEach((size, k) => {
      out[column + categories[k]] = 1;
      column += size;
    });
    out.set(continuous, column);
  });
  return out;
}

/** `n` samples' codes from the prior; categorical code k's value is `category(i, k)` where given. */
export function drawCodes(
  codes: Codes,
  n: number,
  rng: Rng,
  category?: (sample: number, code: number) => number | undefined,
): CodeValues[] {
  return Array.from({ length: n }, (_, i) => ({
    categories: codes.categorical.map((size, k) => category?.(i, k) ?? rng.int(size)),
    continuous: Array.from({ length: codes.continuous }, () => (2 * rng.float() - 1) * CONTINUOUS_RANGE),
  }));
}

/** Latent vectors: each row of `noise` ([n, latent]) followed by the code vector of its `values`. */
export function withCodes(
  noise: Float32Array,
  latent: number,
  codes: Codes,
  values: CodeValues[],
): Float32Array {
  if (!hasCodes(codes)) return noise;
  const width = codeWidth(codes), encoded = encodeCodes(codes, values);
  const out = new Float32Array(values.length * (latent + width));
  for (let i = 0; i < values.length; i++) {
    out.set(noise.subarray(i * latent, (i + 1) * latent), i * (latent + width));
    out.set(encoded.subarray(i * width, (i + 1) * width), i * (latent + width) + latent);
  }
  return out;
}
