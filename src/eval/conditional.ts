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
  /** The rows of `e` whose label in `of` is c: `of` may run past them (a reference split's labels). */
  const rowsOf = (e: Embedding, of: ArrayLike<number>, c: number) =>
    Array.from({ length: e.n }, (_, i) => i).filter((i) => of[i] === c);
  const momentsOf = (e: Embedding, rows: number[]) => {
    const features = new Float32Array(rows.length * FEATURES);
    rows.forEach((i, r) => features.set(e.features.subarray(i * FEATURES, (i + 1) * FEATURES), r * FEATURES));
    return moments(features, rows.length, FEATURES);
  };
  return Array.from({ length: classes }, (_, c) => {
    const [mine, theirs] = [rowsOf(set, labels, c), rowsOf(ref, refLabels, c)];
    // A class with fewer than 2 samples has no covariance: NaN, printed as n/a.
    if (mine.length < 2 || theirs.length < 2) return NaN;
    return frechetDistance(momentsOf(set, mine), momentsOf(ref, theirs));
  });
}
