/** The model a request's `:id` names: a well-formed id of a model in the registry, or a 4xx. */
import type { Context } from "hono";
import { HttpError } from "./http_error.ts";
import { MODEL_ID } from "./model_id.ts";
import type { LoadedModel } from "./model_cache.ts";
import { type Entry, isTranslator, type ModelEntry } from "./model_entry.ts";
import type { ModelSource } from "./model_source.ts";

export async function requireEntry(c: Context, { registry }: ModelSource): Promise<Entry> {
  const id = c.req.param("id") ?? "";
  if (!MODEL_ID.safeParse(id).success) {
    throw new HttpError(
      400,
      `model id must be 1 to 100 of a-z, 0-9, '.', '_', '-', got ${JSON.stringify(id)}`,
    );
  }
  const entry = await registry.find(id);
  if (!entry) throw new HttpError(404, `unknown model "${id}": GET /api/models lists them`);
  return entry;
}

/** The GAN a request names; a translation model is a 400 that points to its own route. */
export async function requireGanEntry(c: Context, ctx: ModelSource): Promise<ModelEntry> {
  const entry = await requireEntry(c, ctx);
  if (isTranslator(entry)) {
    const { from, to } = entry.translation;
    throw new HttpError(
      400,
      `model "${entry.id}" translates images (${from} to ${to}): POST /api/models/${entry.id}/translate`,
    );
  }
  return entry;
}

/** The GAN a request names, loaded. */
export async function requireModel(c: Context, ctx: ModelSource): Promise<LoadedModel> {
  return ctx.models.load(await requireGanEntry(c, ctx));
}
