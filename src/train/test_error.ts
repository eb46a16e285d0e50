/**
 * A semi-supervised D's error on the test split, measured at each epoch's end
 * as the paper's own training script prints it, so a run's progress as a
 * classifier shows while it trains.
 */
import type { Split } from "../data/mod.ts";
import { accuracy, argmax, classProbabilities } from "../models/class_predictions.ts";
import type { Discriminator } from "../models/networks.ts";

/** The share of `test`'s images whose class D reads wrong. */
export async function testError(
  D: Discriminator,
  test: Split,
  shape: number[],
  classes: number,
): Promise<number> {
  return 1 - accuracy(argmax(await classProbabilities(D, test.x, test.n, shape), classes), test.labels!);
}
