/**
 * A conditional generator's fidelity to its labels: the classifier's
 * accuracy on the samples of each requested class. The floor beside it is
 * the classifier's own accuracy on each class of the real test split.
 */
import { FEATURES } from "../models/classifier.ts";
import type { Embedding } from "./embedding.ts";
import { frechetDistance, moments } from "./frechet.ts";
import { accuracy } from "../models/class_predictions.ts";

export interface ClassAccuracy {
  /** Accuracy on the samples of each class, in class order. */
  perClass: number[];
  /** Over all the samples. */
  mean: number;
}

/** How often `predicted` matches `wanted` (the requested or true labels), class by class. */
export function classAccuracy(predicted: Int32Array, wanted: Int32Array, classes: number): ClassAccuracy {
  const right = new Array<number>(classes).fill(0), total = new Array<number>(classes).fill(0);
  for (let i = 0; i < wanted.length; i++) {
    total[wanted[i]]++;
    if (predicted[i] === wanted[i]) right[wanted[i]]++;
  }
  return {
    perClass: right.map((r, c) => r / total[c]),
    mean: accuracy(predicted, wanted),
  };
}

/** The classifier-FID of each class: `set`'s samples of the class against `ref`'s images of it. */
export function fidPerClass(
  set: Embedding,
  labels: Int32Array,
  ref: Embedding,
  refLabels: ArrayLike<number>,
  classes: number,
): number[] {
  const ofClass = (e: Embedding, of: ArrayLike<number>, c: number) => {
    const rows = Array.from({ length: e.n }, (_, i) => i).filter((i) => of[i] === c);
    const features = new Float32Array(rows.length * FEATURES);
    rows.forEach((i, r) => features.set(e.features.subarray(i * FEATURES, (i + 1) * FEATURES), r * FEATURES));
    return moments(features, rows.length, FEATURES);
  };
  // A class with fewer than 2 samples has no covariance: NaN, printed as n/a.
  const count = (of: ArrayLike<number>, c: number) => Array.prototype.filter.call(of, (l) => l === c).length;
  return Array.from(
    { length: classes },
    (_, c) =>
      count(labels, c) < 2 || count(refLabels, c) < 2
        ? NaN
        : frechetDistance(ofClass(set, labels, c), ofClass(ref, refLabels, c)),
  );
}
