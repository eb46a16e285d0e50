/** A classifier scored on a labelled split. */
import type { Split } from "../data/mod.ts";
import { accuracy, argmax } from "../models/class_predictions.ts";
import type { Classifier } from "../models/classifier.ts";
import { embed } from "./embedding.ts";

/** The classifier's accuracy on the first `n` labelled images of `split`. */
export async function splitAccuracy(classifier: Classifier, split: Split, n = split.n): Promise<number> {
  const { probs } = await embed(classifier, split.x, n);
  return accuracy(argmax(probs, classifier.classes), split.labels!.subarray(0, n));
}
