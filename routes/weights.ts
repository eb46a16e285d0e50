/**
 * GET /api/models/:id/weights: the generator's tensors as safetensors, for
 * sampling in the browser. They are encoded once per loaded model, and a
 * browser holding this checkpoint's (its ETag) gets a 304 without a load.
 */
import { Hono } from "hono";
import { encodeTensors } from "../src/checkpoint/tensors.ts";
import type { LoadedModel } from "../src/serve/model_cache.ts";
import { requireGanEntry } from "../src/serve/model_param.ts";
import type { ModelSource } from "../src/serve/model_source.ts";

/** Each loaded model's safetensors: 13 MB for dcgan-mnist, sent on every visit to the site that samples it. */
const encoded = new WeakMap<LoadedModel, Uint8Array<ArrayBuffer>>();

export function weightsRoute(ctx: ModelSource): Hono {
  return new Hono().get("/api/models/:id/weights", async (c) => {
    const entry = await requireGanEntry(c, ctx);
    // A new checkpoint of the run changes its config's time, and so the tag.
    const tag = `"${entry.id}-${entry.modified}"`;
    const headers = { etag: tag, "cache-control": "no-cache" }; // no-cache: ask each time, with the tag
    if (c.req.header("if-none-match") === tag) return c.body(null, 304, headers);
    const loaded = await ctx.models.load(entry);
    let bytes = encoded.get(loaded);
    if (!bytes) encoded.set(loaded, bytes = encodeTensors(loaded.weights) as Uint8Array<ArrayBuffer>);
    return c.body(bytes, 200, {
      ...headers,
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename="${entry.id}.safetensors"`,
    });
  });
}
