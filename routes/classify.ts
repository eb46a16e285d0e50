/**
 * POST /api/models/:id/classify: a semi-supervised model's discriminator as
 * the classifier it was trained to be. The body is one PNG of the model's
 * size and channels, or JSON `{images}` (see src/serve/image_input.ts); the
 * answer is each image's class probabilities. The body is read before the
 * model is loaded, so that no other request's load can evict it meanwhile.
 */
import { Hono } from "hono";
import * as z from "zod/mini";
import { classProbabilities } from "../src/models/class_predictions.ts";
import { readImages } from "../src/serve/image_input.ts";
import { HttpError } from "../src/serve/http_error.ts";
import { requireGanEntry } from "../src/serve/model_param.ts";
import { parseQuery } from "../src/serve/query.ts";
import type { ModelSource } from "../src/serve/model_source.ts";

/** Classify takes no parameters: a misspelt one is refused, as on the other routes. */
const NO_PARAMETERS = z.strictObject({});

export function classifyRoute(ctx: ModelSource): Hono {
  return new Hono().post("/api/models/:id/classify", async (c) => {
    parseQuery(c, NO_PARAMETERS);
    const entry = await requireGanEntry(c, ctx);
    const { shape, classifies } = entry.record.model;
    if (!classifies) {
      throw new HttpError(
        400,
        `model "${entry.id}" is a generator only: classify takes a semi-supervised model`,
      );
    }
    const { x, n } = await readImages(c, shape);
    const { D } = await ctx.models.load(entry);
    const values = await classProbabilities(D!, x, n, shape);
    return c.json({
      classes: entry.record.classes ?? Array.from({ length: classifies }, (_, k) => String(k)),
      probabilities: Array.from(
        { length: n },
        (_, i) => Array.from(values.subarray(i * classifies, (i + 1) * classifies)),
      ),
    });
  });
}
