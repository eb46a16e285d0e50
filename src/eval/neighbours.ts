/**
 * The memorisation check: some samples, each beside its nearest training
 * images in pixel space. A sample that copies a training image shows its
 * twin in the first column after it.
 */
import type { Split } from "../data/mod.ts";
import { imageGrid } from "../image/grid.ts";
import type { Image } from "../image/image.ts";
import { kNearest } from "./knn.ts";

/** One row per sample: the sample, then its `k` nearest images of `train`, nearest first. */
export async function neighbourGrid(
  samples: Float32Array,
  rows: number,
  train: Split,
  [h, w, c]: number[],
  k = 5,
): Promise<Image> {
  const size = h * w * c;
  const { indices } = await kNearest(samples.subarray(0, rows * size), train.x, size, k);
  const tiles = new Float32Array(rows * (k + 1) * size);
  for (let row = 0; row < rows; row++) {
    tiles.set(samples.subarray(row * size, (row + 1) * size), row * (k + 1) * size);
    for (let j = 0; j < k; j++) {
      const from = indices[row * k + j] * size;
      tiles.set(train.x.subarray(from, from + size), (row * (k + 1) + 1 + j) * size);
    }
  }
  return imageGrid(tiles, rows * (k + 1), h, w, c as 1 | 3, k + 1);
}
