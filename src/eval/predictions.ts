/** Class predictions scored against labels. */
import type { Split } from "../data/mod.ts";
import { argmax } from "../models/class_predictions.ts";
import type { Classifier } from "../models/classifier.ts";
import { embed } from "./embedding.ts";

/** The fraction of `predicted` equal to `labels`. */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[i]) right++;
  return right / predicted.length;
}

/** The classifier's accuracy on the first `n` labelled images of `split`. */
export async function splitAccuracy(classifier: Classifier, split: Split, n = split.n): Promise<number> {
  const { probs } = await embed(classifier, split.x, n);
  return accuracy(argmax(probs, classifier.classes), split.labels!.subarray(0, n));
}
