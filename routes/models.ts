/**
 * GET /api/models and /api/models/:id: the shipped models and finished
 * runs, with their configs and, where `deno task eval` measured them, its report.
 */
import { Hono } from "hono";
import { requireEntry } from "../src/serve/model_param.ts";
import type { ModelSource } from "../src/serve/model_source.ts";
import { modelView } from "../src/serve/model_view.ts";
import type { Entry } from "../src/serve/model_entry.ts";

export function modelsRoutes(ctx: ModelSource): Hono {
  const view = async (entry: Entry) => modelView(entry, await ctx.evaluation(entry));
  return new Hono()
    .get(
      "/api/models",
      async (c) => c.json({ models: await Promise.all((await ctx.registry.list()).map(view)) }),
    )
    .get("/api/models/:id", async (c) => c.json(await view(await requireEntry(c, ctx))));
}
