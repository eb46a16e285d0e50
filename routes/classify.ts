/**
 * POST /api/models/:id/classify: a semi-supervised model's discriminator as
 * the classifier it was trained to be. The body is one grayscale PNG of the
 * model's size, or JSON `{images}` (see src/serve/image_input.ts); the
 * answer is each image's class probabilities.
 */
import { Hono } from "hono";
import { classProbabilities } from "../src/models/class_predictions.ts";
import { IMAGES_BODY, jsonInput, pngInput } from "../src/serve/image_input.ts";
import { HttpError } from "../src/serve/http_error.ts";
import { parseBody, readJson } from "../src/serve/json_body.ts";
import { type ModelSource, requireModel } from "../src/serve/model_param.ts";

export function classifyRoute(ctx: ModelSource): Hono {
  return new Hono().post("/api/models/:id/classify", async (c) => {
    const { entry, D } = await requireModel(c, ctx);
    if (!D) {
      throw new HttpError(
        400,
        `model "${entry.id}" is a generator only: classify takes a semi-supervised model`,
      );
    }
    const { shape, classifies } = entry.record.model;
    const pixels = shape.reduce((a, b) => a * b, 1);
    const png = c.req.header("content-type")?.startsWith("image/png");
    const x = png
      ? pngInput(new Uint8Array(await c.req.arrayBuffer()), shape[0])
      : jsonInput(parseBody(IMAGES_BODY, await readJson(c)).images, pixels);
    const n = x.length / pixels;
    const values = await classProbabilities(D, x, n, shape);
    return c.json({
      classes: entry.record.classes ?? Array.from({ length: classifies }, (_, k) => String(k)),
      probabilities: Array.from(
        { length: n },
        (_, i) => Array.from(values.subarray(i * classifies, (i + 1) * classifies)),
      ),
    });
  });
}
