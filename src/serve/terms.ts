/** The body of POST /api/models/:id/arithmetic: `{terms: [{seeds: [1, 2, 3], sign: 1}, ...]}`. */
import type { Term } from "../sampling/latents.ts";
import { HttpError } from "./http_error.ts";
import { jsonObject } from "./json_body.ts";

export const MAX_TERMS = 8;
export const MAX_SEEDS = 64;

export function parseTerms(body: unknown): Term[] {
  const { terms } = jsonObject(body, ["terms"]);
  if (!Array.isArray(terms) || terms.length < 1 || terms.length > MAX_TERMS) {
    throw new HttpError(400, `terms must be a list of 1 to ${MAX_TERMS} terms`);
  }
  return terms.map((term, t) => {
    const { seeds, sign } = jsonObject(term, ["seeds", "sign"], `terms[${t}]`);
    if (!Array.isArray(seeds) || seeds.length < 1 || seeds.length > MAX_SEEDS) {
      throw new HttpError(400, `terms[${t}].seeds must be a list of 1 to ${MAX_SEEDS} seeds`);
    }
    seeds.forEach((seed, s) => {
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
        throw new HttpError(
          400,
          `terms[${t}].seeds[${s}] must be an integer from 0 to 4294967295, got ${JSON.stringify(seed)}`,
        );
      }
    });
    if (sign !== 1 && sign !== -1) {
      throw new HttpError(400, `terms[${t}].sign must be 1 or -1, got ${JSON.stringify(sign)}`);
    }
    return { seeds, sign };
  });
}
