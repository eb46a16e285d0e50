/**
 * POST /api/models/:id/translate: a translation model (pix2pix, SRGAN,
 * CycleGAN) applied to images. The body is one PNG of the model's input size
 * and channels, whose translation comes back as a PNG; or JSON `{images}`
 * (see src/serve/image_input.ts), whose translations come back as JSON, each
 * output's pixels in [0, 1], row by row, channels interleaved. A CycleGAN
 * model also translates back, with `?direction=backward`.
 */
import { Hono } from "hono";
import * as z from "zod/mini";
import { option } from "../src/options/options.ts";
import { encodePng } from "../src/image/png.ts";
import { translate } from "../src/sampling/translation.ts";
import type { ServerContext } from "../src/serve/context.ts";
import { HttpError } from "../src/serve/http_error.ts";
import { readImages } from "../src/serve/image_input.ts";
import { requireEntry } from "../src/serve/model_param.ts";
import { parseQuery } from "../src/serve/query.ts";
import { isTranslator } from "../src/serve/model_entry.ts";

export const TRANSLATE_QUERY = z.strictObject({
  direction: option(
    z.enum(["forward", "backward"]),
    "forward: from the model's input domain; backward: a CycleGAN model's way back",
    "forward",
  ),
});

export function translateRoute(ctx: ServerContext): Hono {
  return new Hono().post("/api/models/:id/translate", async (c) => {
    const entry = await requireEntry(c, ctx);
    if (!isTranslator(entry)) {
      throw new HttpError(
        400,
        `model "${entry.id}" is a GAN: translate takes a translation model (pix2pix, srgan, cyclegan)`,
      );
    }
    const { direction } = parseQuery(c, TRANSLATE_QUERY);
    const { arch } = entry.translation.model;
    if (direction === "backward" && arch !== "cyclegan") {
      throw new HttpError(400, `direction backward needs a cyclegan model; "${entry.id}" is ${arch}`);
    }
    const [input, output] = direction === "forward"
      ? [entry.translation.model.input, entry.translation.model.output]
      : [entry.translation.model.output, entry.translation.model.input];
    // The body first: no other request's load can evict the translator while it is read.
    const { x, n, png } = await readImages(c, input);
    const translator = await ctx.translators.load(entry);
    const y = await translate(translator, x, n, direction);
    const unit = Float32Array.from(y, (v) => (Math.max(-1, Math.min(1, v)) + 1) / 2); // pixels in [0, 1]
    if (png) {
      const pixels = Uint8Array.from(unit, (v) => Math.round(v * 255));
      const image = { width: output[1], height: output[0], channels: output[2] as 1 | 3, pixels };
      return c.body(encodePng(image) as Uint8Array<ArrayBuffer>, 200, { "content-type": "image/png" });
    }
    const size = output[0] * output[1] * output[2];
    return c.json({
      shape: output,
      images: Array.from({ length: n }, (_, i) => Array.from(unit.subarray(i * size, (i + 1) * size))),
    });
  });
}
