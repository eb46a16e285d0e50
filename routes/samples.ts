/** GET /api/models/:id/samples: a grid of `n` samples from `seed`, as PNG or JSON. */
import { Hono } from "hono";
import type { Flag } from "../src/cli/flags.ts";
import { generate } from "../src/sampling/generator.ts";
import { seedLatents } from "../src/sampling/latents.ts";
import { type ModelSource, requireModel } from "../src/serve/model_param.ts";
import { parseQuery } from "../src/serve/query.ts";
import { samplesResponse } from "../src/serve/render.ts";
import { SAMPLING_FLAGS, samplingOptions, seedFlag } from "../src/serve/sampling_query.ts";

export const SAMPLES_QUERY: readonly Flag[] = [
  { name: "n", type: "int", default: 16, min: 1, max: 256, help: "samples in the grid" },
  seedFlag("seed", 0, "seeds the latent vectors: the same seed gives the same samples"),
  {
    name: "columns",
    type: "int",
    min: 1,
    max: 256,
    help: "samples per row of the PNG; default: as square as possible",
  },
  ...SAMPLING_FLAGS,
];

export function samplesRoute(ctx: ModelSource): Hono {
  return new Hono().get("/api/models/:id/samples", async (c) => {
    const query = parseQuery(c, SAMPLES_QUERY);
    const { n, seed, columns } = query as { n: number; seed: number; columns?: number };
    const { entry, G } = await requireModel(c, ctx);
    const { label, truncation, format } = samplingOptions(entry, query);
    const config = entry.record.model;
    const values = await generate(G, config, seedLatents(seed, n, config.latent, truncation), label);
    return samplesResponse(c, entry, values, format, columns, { seed });
  });
}
