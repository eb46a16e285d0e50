/**
 * POST /api/models/:id/arithmetic: latent arithmetic, DCGAN's "man with
 * glasses − man + woman". The body lists terms of seeds and signs; the
 * answer shows each term's mean latent, then their signed sum. The body:
 * `{terms: [{seeds: [1, 2, 3], sign: 1}, ...]}`.
 */
import { Hono } from "hono";
import * as z from "zod/mini";
import { generate, sharedCodes, sharedLabel } from "../src/sampling/generator.ts";
import { combineTerms } from "../src/sampling/latents.ts";
import { SEED } from "../src/options/options.ts";
import { parseBody, readJson } from "../src/serve/json_body.ts";
import { requireModel } from "../src/serve/model_param.ts";
import type { ModelSource } from "../src/serve/model_source.ts";
import { parseQuery } from "../src/serve/query.ts";
import { samplesResponse } from "../src/serve/render.ts";
import { SAMPLING_QUERY, samplingOptions } from "../src/serve/sampling_query.ts";

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

export function arithmeticRoute(ctx: ModelSource): Hono {
  return new Hono().post("/api/models/:id/arithmetic", async (c) => {
    const query = parseQuery(c, SAMPLING_QUERY);
    const { terms } = parseBody(TERMS_BODY, await readJson(c));
    const { entry, G } = await requireModel(c, ctx);
    const { label, truncation, format, codes } = samplingOptions(entry, query);
    const config = entry.record.model;
    const { means, result, strip } = combineTerms(terms, config.latent, truncation);
    const values = generate(G, config, strip, {
      label: sharedLabel(config, label),
      codes: sharedCodes(config, terms.length + 1, codes),
    });
    return samplesResponse(c, entry, values, format, terms.length + 1, {
      terms: terms.map((term, t) => ({ ...term, mean: Array.from(means[t]) })),
      result: Array.from(result),
    });
  });
}
