/** The InfoGAN codes of samples asked for by value, as the sampling API and the demo ask for them. */
import type { Codes, CodeValues } from "../models/codes.ts";

export interface CodeRequest {
  /** A value for each categorical code; default: the first code's values in turn, the others' first. */
  category?: number[];
  /** A value for each continuous code; default: 0, the middle of the prior. */
  continuous?: number[];
}

/** The codes of `n` samples: the values asked for, else the defaults, so that a grid shows every category. */
export function requestedCodes(
  codes: Codes,
  n: number,
  { category, continuous }: CodeRequest = {},
): CodeValues[] {
  return Array.from({ length: n }, (_, i) => ({
    categories: category ?? codes.categorical.map((values, k) => k === 0 ? i % values : 0),
    continuous: continuous ?? new Array<number>(codes.continuous).fill(0),
  }));
}
