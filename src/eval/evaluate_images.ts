/**
 * A run on MNIST or Fashion-MNIST, at any size, gray or RGB: the image
 * metrics of its samples beside those of the test split (the floor), both
 * against the training split, in the feature space of the data's shipped
 * classifier; for a conditional run, the classifier's accuracy on each
 * requested class; and the pictures.
 */
import type { Dataset } from "../data/mod.ts";
import type { Rng } from "../random.ts";
import { barChart } from "./bar_chart.ts";
import { loadClassifier } from "../models/classifier_store.ts";
import { type ClassAccuracy, classAccuracy, fidPerClass } from "./conditional.ts";
import { type CodeMatching, matchCodes } from "./code_matching.ts";
import { type ClassifierReport, classifierReport, confusionImage } from "./semi_supervised.ts";
import { toClassifierShape } from "./classifier_input.ts";
import { embed } from "./embedding.ts";
import { type ImageMetrics, imageMetrics, reference } from "./images.ts";
import { neighbourGrid } from "./neighbours.ts";
import { argmax } from "../models/class_predictions.ts";
import type { Evaluation } from "./report.ts";
import type { TrainedRun } from "./run.ts";
import { requestedClasses, sampleMany } from "./sampling.ts";

export interface ImageReport {
  kind: "image";
  /** The classifier's accuracy on the whole test split. */
  classifierAccuracy: number;
  samples: ImageMetrics;
  /** The floor: the same metrics of the test split. */
  real: ImageMetrics;
  /**
   * Conditional runs: accuracy on the samples of each requested class, and the
   * classifier's on real ones; the FID of each class's samples against that class's training images.
   */
  conditional?: { samples: ClassAccuracy; real: ClassAccuracy; fidPerClass: number[] };
  /** InfoGAN runs: the first categorical code read as a classifier, matched one to one to the classes. */
  categoricalCode?: CodeMatching;
  /** Semi-supervised runs: the discriminator as a classifier of the test split. */
  discriminator?: ClassifierReport;
}

/** Training images whose features are the reference: 10,000 of the 60,000, as many as the test split holds. */
const REFERENCE_IMAGES = 10_000;
/** Rows of the memorisation grid. */
const NEIGHBOUR_ROWS = 8;

export async function evaluateImages(
  run: TrainedRun,
  dataset: Dataset,
  n: number,
  rng: Rng,
): Promise<Evaluation<ImageReport>> {
  const { model } = run.record;
  const { classifier, record } = await loadClassifier(run.record.run.data);
  const images = sampleMany(run.G, model, n, rng);
  const labels = model.classes ? requestedClasses(n, model.classes) : undefined;
  const codeValues = model.codes.categorical[0];
  const code = codeValues && !model.classes ? requestedClasses(n, codeValues) : undefined;
  const { train, test } = dataset;
  const read = (x: Float32Array, count: number) =>
    embed(classifier, toClassifierShape(x, count, dataset.shape), count);
  const refImages = await read(train.x, Math.min(train.n, REFERENCE_IMAGES));
  const ref = reference(refImages);
  const [fake, real] = [await read(images, n), await read(test.x, Math.min(n, test.n))];
  const report: ImageReport = {
    kind: "image",
    classifierAccuracy: record.testAccuracy,
    samples: await imageMetrics(fake, ref),
    real: await imageMetrics(real, ref),
  };
  if (labels) {
    const classes = classifier.classes;
    report.conditional = {
      samples: classAccuracy(argmax(fake.probs, classes), labels, classes),
      real: classAccuracy(argmax(real.probs, classes), test.labels!.subarray(0, real.n), classes),
      fidPerClass: fidPerClass(fake, labels, refImages, train.labels!, classes),
    };
  }
  if (run.D) {
    const labels = run.record.labelled?.length ?? 0;
    report.discriminator = await classifierReport(run.D, test, dataset.shape, model.classifies, labels);
  }
  if (code) {
    report.categoricalCode = matchCodes(
      code,
      argmax(fake.probs, classifier.classes),
      codeValues,
      classifier.classes,
    );
  }
  return {
    report,
    pictures: {
      "coverage.png": barChart(report.samples.coverage.counts, report.real.coverage.counts),
      "neighbours.png": await neighbourGrid(images, Math.min(n, NEIGHBOUR_ROWS), train, dataset.shape),
      ...(report.discriminator ? { "confusion.png": confusionImage(report.discriminator.confusion) } : {}),
    },
  };
}
