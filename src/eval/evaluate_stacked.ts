/**
 * A run on Stacked MNIST: the modes its samples capture and their reverse
 * KL to uniform, as VEEGAN and PacGAN count them, beside the same counts for
 * the test split (the floor), with the MNIST classifier reading each channel;
 * and the pictures: the map of modes, and samples beside their nearest
 * training images.
 */
import type { Dataset } from "../data/mod.ts";
import { STACKED_MODES } from "../data/stacked.ts";
import type { Rng } from "../random.ts";
import { loadClassifier } from "../models/classifier_store.ts";
import { type ModeCoverage, modeCoverage } from "./modes.ts";
import { modeMap } from "./mode_map.ts";
import { neighbourGrid } from "./neighbours.ts";
import { accuracy } from "../models/class_predictions.ts";
import type { Evaluation } from "./report.ts";
import type { TrainedRun } from "./run.ts";
import { sampleMany } from "./sampling.ts";
import { stackedModes } from "./stacked.ts";

export interface StackedReport {
  kind: "stacked";
  samples: ModeCoverage & { images: number };
  /** The floor: the same counts for the test split. */
  real: ModeCoverage & { images: number };
  /** How often the classifier reads a test image's mode right: all three digits. */
  modeAccuracy: number;
}

const NEIGHBOUR_ROWS = 8;

export async function evaluateStacked(
  run: TrainedRun,
  dataset: Dataset,
  n: number,
  rng: Rng,
): Promise<Evaluation<StackedReport>> {
  const { classifier } = await loadClassifier("mnist");
  const images = sampleMany(run.G, run.record.model, n, rng);
  const { test } = dataset, realN = Math.min(n, test.n);
  const realModes = await stackedModes(test.x, realN, classifier);
  const report: StackedReport = {
    kind: "stacked",
    samples: { images: n, ...modeCoverage(await stackedModes(images, n, classifier), STACKED_MODES) },
    real: { images: realN, ...modeCoverage(realModes, STACKED_MODES) },
    modeAccuracy: accuracy(realModes, test.labels!.subarray(0, realN)),
  };
  return {
    report,
    pictures: {
      "coverage.png": modeMap(report.samples.counts, report.real.counts),
      "neighbours.png": await neighbourGrid(
        images,
        Math.min(n, NEIGHBOUR_ROWS),
        dataset.train,
        dataset.shape,
      ),
    },
  };
}
