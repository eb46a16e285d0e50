/** Translations at a glance: a row of inputs, a row of the model's outputs and a row of targets. */
import { imageGrid } from "./grid.ts";
import type { Image } from "./image.ts";

/**
 * Rows of `n` images each, NHWC in [-1, 1], all of one side; gray rows are
 * replicated to colour where another row has colour.
 */
export function rowsGrid(rows: { x: Float32Array; channels: number }[], n: number, side: number): Image {
  const channels = Math.max(...rows.map((row) => row.channels)) as 1 | 3;
  const pixels = side * side;
  const all = new Float32Array(rows.length * n * pixels * channels);
  rows.forEach(({ x, channels: c }, r) => {
    for (let p = 0; p < n * pixels; p++) {
      for (let k = 0; k < channels; k++) {
        all[(r * n * pixels + p) * channels + k] = x[p * c + (c === 1 ? 0 : k)];
      }
    }
  });
  return imageGrid(all, rows.length * n, side, side, channels, n);
}
