/** The fixed train/test split rule and the order of samples within splits. */
import { Rng } from "../random.ts";
import type { Dataset, Split } from "./types.ts";

/** A constant, so the test split is in the same mixed order whatever seed a run uses. */
const TEST_ORDER_SEED = 0x7e57;

/** How many of `n` samples go to the test split: the last `fraction`, at least one when n > 1. */
export function testCount(n: number, fraction = 0.1): number {
  return n < 2 ? 0 : Math.max(1, Math.round(n * fraction));
}

/**
 * Shuffles the training split with `seed`, and the test split with a fixed seed, so
 * that loaders may return samples grouped by class and any prefix still mixes them.
 */
export function orderSplits(dataset: Dataset, seed: number): Dataset {
  const sampleSize = dataset.shape.reduce((a, b) => a * b, 1);
  return {
    ...dataset,
    train: permute(dataset.train, sampleSize, Rng.seeded(seed)),
    test: permute(dataset.test, sampleSize, Rng.seeded(TEST_ORDER_SEED)),
  };
}

function permute(split: Split, sampleSize: number, rng: Rng): Split {
  const order = rng.shuffle(Int32Array.from({ length: split.n }, (_, i) => i));
  const labels = split.labels;
  return {
    x: rowsAt(split.x, sampleSize, order),
    n: split.n,
    labels: labels && order.map((from) => labels[from]),
  };
}

/** The rows of `x` (each `sampleSize` numbers) at `indices`, one after another. */
export function rowsAt(x: Float32Array, sampleSize: number, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * sampleSize);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i];
    out.set(x.subarray(from * sampleSize, (from + 1) * sampleSize), i * sampleSize);
  }
  return out;
}
