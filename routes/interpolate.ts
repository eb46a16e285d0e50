/** GET /api/models/:id/interpolate: a strip of samples between the latent vectors of two seeds. */
import { Hono } from "hono";
import * as z from "zod/mini";
import { int, option } from "../src/options/options.ts";
import { generate, sharedCodes, sharedLabel } from "../src/sampling/generator.ts";
import { interpolate, seedLatents, SPACES } from "../src/sampling/latents.ts";
import { requireModel } from "../src/serve/model_param.ts";
import type { ModelSource } from "../src/serve/model_source.ts";
import { parseQuery } from "../src/serve/query.ts";
import { samplesResponse } from "../src/serve/render.ts";
import { SAMPLING_OPTIONS, samplingOptions, seed } from "../src/serve/sampling_query.ts";

export const INTERPOLATE_QUERY = z.strictObject({
  from: seed(0, "seed of the first latent vector"),
  to: seed(1, "seed of the last latent vector"),
  steps: option(int(2, 64), "samples in the strip, both ends included", 8),
  space: option(
    z.enum(SPACES),
    "linear: a straight line; slerp: along the sphere, where most of a Gaussian's mass lies",
    "slerp",
  ),
  ...SAMPLING_OPTIONS,
});

export function interpolateRoute(ctx: ModelSource): Hono {
  return new Hono().get("/api/models/:id/interpolate", async (c) => {
    const { from, to, steps, space, ...query } = parseQuery(c, INTERPOLATE_QUERY);
    const { entry, G } = await requireModel(c, ctx);
    const { label, truncation, format, codes } = samplingOptions(entry, query);
    const config = entry.record.model;
    const ends = [from, to].map((seed) => seedLatents(seed, 1, config.latent, truncation));
    const values = generate(G, config, interpolate(ends[0], ends[1], steps, space), {
      label: sharedLabel(config, label),
      codes: sharedCodes(config, steps, codes),
    });
    return samplesResponse(c, entry, values, format, steps, { from, to, space });
  });
}
