/** Class predictions: read out of rows of probabilities, and scored against labels. */
import type { Split } from "../data/mod.ts";
import type { Classifier } from "../models/classifier.ts";
import { embed } from "./embedding.ts";

/** The most probable class of each of the `n` rows of `probs` ([n, classes]). */
export function argmax(probs: Float32Array, classes: number): Int32Array {
  const n = probs.length / classes;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (probs[i * classes + k] > probs[i * classes + best]) best = k;
    out[i] = best;
  }
  return out;
}

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
