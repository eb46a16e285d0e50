/**
 * A semi-supervised run's discriminator as the classifier it was trained to
 * be: its test error on the whole official test split, as a count and a
 * share, and its confusion matrix (a table and a picture).
 */
import type { Split } from "../data/mod.ts";
import type { Image } from "../image/image.ts";
import type { Discriminator } from "../models/networks.ts";
import { argmax, classProbabilities } from "../models/class_predictions.ts";

export interface ClassifierReport {
  /** Labelled training samples the run saw. */
  labels: number;
  testImages: number;
  errors: number;
  error: number;
  /** confusion[true][predicted]: test images of each class, by the class D read. */
  confusion: number[][];
}

export async function classifierReport(
  D: Discriminator,
  test: Split,
  shape: number[],
  classes: number,
  labels: number,
): Promise<ClassifierReport> {
  const predicted = argmax(await classProbabilities(D, test.x, test.n, shape), classes);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let errors = 0;
  predicted.forEach((p, i) => {
    confusion[test.labels![i]][p]++;
    if (p !== test.labels![i]) errors++;
  });
  return { labels, testImages: test.n, errors, error: errors / test.n, confusion };
}

const CELL = 24;

/** The confusion matrix as cells, true class down, predicted across: blue by share of the row, errors red. */
export function confusionImage(confusion: number[][]): Image {
  const k = confusion.length, side = k * CELL;
  const pixels = new Uint8Array(side * side * 3).fill(255);
  confusion.forEach((row, t) => {
    const total = Math.max(1, row.reduce((a, b) => a + b, 0));
    row.forEach((count, p) => {
      // Errors are rare: their red saturates at 5% of the row, the diagonal's blue at 100%.
      const share = Math.min(1, t === p ? count / total : (20 * count) / total);
      const colour = t === p
        ? [255 - 200 * share, 255 - 150 * share, 255]
        : [255, 255 - 215 * share, 255 - 215 * share];
      for (let y = 1; y < CELL - 1; y++) {
        for (let x = 1; x < CELL - 1; x++) pixels.set(colour, ((t * CELL + y) * side + p * CELL + x) * 3);
      }
    });
  });
  return { width: side, height: side, channels: 3, pixels };
}
