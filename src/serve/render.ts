/** Generated samples as a response: a PNG grid, or the values as JSON. */
import type { Context } from "hono";
import { imageGrid } from "../image/grid.ts";
import { encodePng } from "../image/png.ts";
import type { ModelEntry } from "./model_entry.ts";
import type { Format } from "./sampling_query.ts";

/**
 * `values` holds whole samples; PNG tiles them `columns` to a row (by
 * default as square as possible, as the browser tiles them), JSON adds
 * `extra` to the values.
 */
export function samplesResponse(
  c: Context,
  entry: ModelEntry,
  values: Float32Array,
  format: Format,
  columns: number | undefined,
  extra: Record<string, unknown> = {},
): Response {
  const shape = entry.record.model.shape;
  const size = shape.reduce((a, b) => a * b, 1);
  const n = values.length / size;
  if (format === "json") {
    const samples = Array.from(
      { length: n },
      (_, i) => Array.from(values.subarray(i * size, (i + 1) * size)),
    );
    return c.json({ model: entry.id, shape, ...extra, samples });
  }
  const [height, width, channels] = shape;
  const png = encodePng(imageGrid(values, n, height, width, channels as 1 | 3, columns));
  return c.body(png as Uint8Array<ArrayBuffer>, 200, { "content-type": "image/png" });
}
