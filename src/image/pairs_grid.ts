/** Translations at a glance: a row of inputs, a row of the model's outputs and a row of targets. */
import { imageGrid } from "./grid.ts";
import type { Image } from "./image.ts";

/** One row: `n` images NHWC in [-1, 1], of `side` x `side` and `channels`. */
export interface Row {
  x: Float32Array;
  side: number;
  channels: number;
}

/**
 * Rows of `n` images each, every image scaled up (nearest) to the largest
 * side and gray ones replicated to colour where another row has colour.
 */
export function rowsGrid(rows: Row[], n: number): Image {
  const channels = Math.max(...rows.map((row) => row.channels)) as 1 | 3;
  const side = Math.max(...rows.map((row) => row.side)), pixels = side * side;
  const all = new Float32Array(rows.length * n * pixels * channels);
  rows.forEach(({ x, side: s, channels: c }, r) => {
    for (let i = 0; i < n; i++) {
      for (let y = 0; y < side; y++) {
        for (let w = 0; w < side; w++) {
          const from = ((i * s + Math.floor(y * s / side)) * s + Math.floor(w * s / side)) * c;
          const to = ((r * n + i) * pixels + y * side + w) * channels;
          for (let k = 0; k < channels; k++) all[to + k] = x[from + (c === 1 ? 0 : k)];
        }
      }
    }
  });
  return imageGrid(all, rows.length * n, side, side, channels, n);
}
