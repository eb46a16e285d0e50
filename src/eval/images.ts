/**
 * The image metrics of a set of images, in a classifier's feature space,
 * against a reference set of real images (the training split):
 * classifier-FID on the penultimate features, the classifier score, the
 * share of confident predictions, the histogram of predicted classes, and
 * k-NN precision and recall.
 */
import { classifierScore } from "./classifier_score.ts";
import { FEATURES } from "../models/classifier.ts";
import type { Embedding } from "./embedding.ts";
import { frechetDistance, type Moments, moments } from "./frechet.ts";
import { type ModeCoverage, modeCoverage } from "./modes.ts";
import { precisionRecall } from "./precision_recall.ts";
import { argmax } from "../models/class_predictions.ts";

export interface ImageMetrics {
  images: number;
  fid: number;
  score: number;
  /** The share of images whose top class the classifier gives p > CONFIDENT: recognisable ones. */
  confident: number;
  /** The predicted classes. */
  coverage: ModeCoverage;
  precision: number;
  recall: number;
}

/** The real images that sets are measured against, with their feature statistics computed once. */
export interface Reference {
  embedding: Embedding;
  moments: Moments;
}

/** The probability above which a prediction counts as confident. */
export const CONFIDENT = 0.9;

/** The share of rows of `probs` ([n, classes]) whose largest probability exceeds CONFIDENT. */
export function confidentShare(probs: Float32Array, classes: number): number {
  const n = probs.length / classes;
  let confident = 0;
  for (let i = 0; i < n; i++) {
    if (Math.max(...probs.subarray(i * classes, (i + 1) * classes)) > CONFIDENT) confident++;
  }
  return confident / n;
}

export function reference(embedding: Embedding): Reference {
  return { embedding, moments: moments(embedding.features, embedding.n, FEATURES) };
}

export async function imageMetrics(set: Embedding, ref: Reference): Promise<ImageMetrics> {
  // Precision and recall compare sets of one size: a ball's radius shrinks as its set grows.
  const realPoints = ref.embedding.features.subarray(0, Math.min(set.n, ref.embedding.n) * FEATURES);
  return {
    images: set.n,
    fid: frechetDistance(moments(set.features, set.n, FEATURES), ref.moments),
    score: classifierScore(set.probs, set.classes),
    confident: confidentShare(set.probs, set.classes),
    coverage: modeCoverage(argmax(set.probs, set.classes), set.classes),
    ...(await precisionRecall(realPoints, set.features, FEATURES)),
  };
}
