/** The model a request's `:id` names: a well-formed id of a model in the registry, or a 4xx. */
import type { Context } from "hono";
import { HttpError } from "./http_error.ts";
import type { LoadedModel } from "./model_cache.ts";
import type { ServerContext } from "./context.ts";
import { MODEL_ID, type ModelEntry } from "./registry.ts";

export async function requireEntry(c: Context, { registry }: ServerContext): Promise<ModelEntry> {
  const id = c.req.param("id") ?? "";
  if (!MODEL_ID.test(id)) {
    throw new HttpError(
      400,
      `model id must be 1 to 100 of a-z, 0-9, '.', '_', '-', got ${JSON.stringify(id)}`,
    );
  }
  const entry = await registry.find(id);
  if (!entry) throw new HttpError(404, `unknown model "${id}": GET /api/models lists them`);
  return entry;
}

export async function requireModel(c: Context, ctx: ServerContext): Promise<LoadedModel> {
  return ctx.models.load(await requireEntry(c, ctx));
}
