/** The body of POST /api/models/:id/arithmetic: `{terms: [{seeds: [1, 2, 3], sign: 1}, ...]}`. */
import * as z from "zod/mini";
import { SEED } from "../sampling/latents.ts";

const MAX_TERMS = 8;
const MAX_SEEDS = 64;

/** A field's message, after its path: "terms[0].sign must be 1 or -1". */
const must = (what: string) => ({ error: `must be ${what}` });
const SEEDS = must(`a list of 1 to ${MAX_SEEDS} seeds`), TERMS = must(`a list of 1 to ${MAX_TERMS} terms`);

const TERM = z.strictObject({
  seeds: z.array(SEED, SEEDS).check(z.minLength(1, SEEDS), z.maxLength(MAX_SEEDS, SEEDS)),
  sign: z.literal([1, -1], must("1 or -1")),
}, must("a JSON object"));

export const TERMS_BODY = z.strictObject({
  terms: z.array(TERM, TERMS).check(z.minLength(1, TERMS), z.maxLength(MAX_TERMS, TERMS)),
}, must("a JSON object"));
