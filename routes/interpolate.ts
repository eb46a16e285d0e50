/** GET /api/models/:id/interpolate: a strip of samples between the latent vectors of two seeds. */
import { Hono } from "hono";
import type { Flag } from "../src/cli/flags.ts";
import { generate, sharedLabel } from "../src/sampling/generator.ts";
import { interpolate, seedLatents, type Space, SPACES } from "../src/sampling/latents.ts";
import { type ModelSource, requireModel } from "../src/serve/model_param.ts";
import { parseQuery } from "../src/serve/query.ts";
import { samplesResponse } from "../src/serve/render.ts";
import { SAMPLING_FLAGS, samplingOptions, seedFlag } from "../src/serve/sampling_query.ts";

export const INTERPOLATE_QUERY: readonly Flag[] = [
  seedFlag("from", 0, "seed of the first latent vector"),
  seedFlag("to", 1, "seed of the last latent vector"),
  {
    name: "steps",
    type: "int",
    default: 8,
    min: 2,
    max: 64,
    help: "samples in the strip, both ends included",
  },
  {
    name: "space",
    type: "string",
    choices: SPACES,
    default: "slerp",
    help: "linear: a straight line; slerp: along the sphere, where most of a Gaussian's mass lies",
  },
  ...SAMPLING_FLAGS,
];

export function interpolateRoute(ctx: ModelSource): Hono {
  return new Hono().get("/api/models/:id/interpolate", async (c) => {
    const query = parseQuery(c, INTERPOLATE_QUERY);
    const { from, to, steps, space } = query as { from: number; to: number; steps: number; space: Space };
    const { entry, G } = await requireModel(c, ctx);
    const { label, truncation, format } = samplingOptions(entry, query);
    const config = entry.record.model;
    const ends = [from, to].map((seed) => seedLatents(seed, 1, config.latent, truncation));
    const values = await generate(
      G,
      config,
      interpolate(ends[0], ends[1], steps, space),
      sharedLabel(config, label),
    );
    return samplesResponse(c, entry, values, format, steps, { from, to, space });
  });
}
