/**
 * A conditional generator's fidelity to its labels: the classifier's
 * accuracy on the samples of each requested class. The floor beside it is
 * the classifier's own accuracy on each class of the real test split.
 */
import { accuracy } from "./predictions.ts";

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
