/** GET /api/models/:id/samples: a grid of `n` samples from `seed`, as PNG or JSON. */
import { Hono } from "hono";
import * as z from "zod/mini";
import { int, option } from "../src/options/options.ts";
import { generate } from "../src/sampling/generator.ts";
import { requestedCodes } from "../src/sampling/codes.ts";
import { seedLatents } from "../src/sampling/latents.ts";
import { requireModel } from "../src/serve/model_param.ts";
import type { ModelSource } from "../src/serve/model_source.ts";
import { parseQuery } from "../src/serve/query.ts";
import { samplesResponse } from "../src/serve/render.ts";
import { SAMPLING_OPTIONS, samplingOptions, seed } from "../src/serve/sampling_query.ts";

export const SAMPLES_QUERY = z.strictObject({
  n: option(int(1, 256), "samples in the grid", 16),
  seed: seed(0, "seeds the latent vectors: the same seed gives the same samples"),
  columns: option(int(1, 256), "samples per row of the PNG; default: as square as possible"),
  ...SAMPLING_OPTIONS,
});

export function samplesRoute(ctx: ModelSource): Hono {
  return new Hono().get("/api/models/:id/samples", async (c) => {
    const { n, seed, columns, ...query } = parseQuery(c, SAMPLES_QUERY);
    const { entry, G } = await requireModel(c, ctx);
    const { label, truncation, format, codes } = samplingOptions(entry, query);
    const config = entry.record.model;
    const noise = seedLatents(seed, n, config.latent, truncation);
    const values = generate(G, config, noise, { label, codes: requestedCodes(config.codes, n, codes) });
    return samplesResponse(c, entry, values, format, columns, { seed });
  });
}
