/**
 * A semi-supervised D's error on the test split, measured at each epoch's end
 * as the paper's own training script prints it, so a run's progress as a
 * classifier shows while it trains.
 */
import type { Split } from "../data/mod.ts";
import { argmax, classProbabilities } from "../models/class_predictions.ts";
import type { Discriminator } from "../models/networks.ts";

/** The share of `test`'s images whose class D reads wrong. */
export async function testError(
  D: Discriminator,
  test: Split,
  shape: number[],
  classes: number,
): Promise<number> {
  const predicted = argmax(await classProbabilities(D, test.x, test.n, shape), classes);
  return predicted.reduce((errors, p, i) => errors + (p === test.labels![i] ? 0 : 1), 0) / test.n;
}
