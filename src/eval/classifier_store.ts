/**
 * The shipped classifiers: models/classifier-<data>/, a checkpoint with
 * float16 weights, no optimizer state, and a config that records how the
 * classifier was trained and the test accuracy of exactly those weights.
 */
import { fileURLToPath } from "node:url";
import { loadCheckpoint, saveCheckpoint, type TrainState } from "../checkpoint/checkpoint.ts";
import { fromF16, toF16 } from "../checkpoint/safetensors.ts";
import { assignVariables, readVariables } from "../checkpoint/variables.ts";
import { Rng } from "../random.ts";
import { buildClassifier, type Classifier } from "./classifier.ts";

/** The datasets with a classifier, hence with image metrics. */
export const CLASSIFIED_DATA = ["mnist", "fashion-mnist"] as const;

export interface ClassifierRecord {
  data: string;
  classes: string[];
  /** Accuracy of the saved weights on the whole test split of `data`. */
  testAccuracy: number;
  testImages: number;
  epochs: number;
  batch: number;
  lr: number;
  /** Of the epochs, the last this many at lr / 10. */
  finalEpochs: number;
  /** Augmentation: random shifts of up to this many pixels. */
  shift: number;
  seed: number;
  /** Wall-clock seconds of training, and on how many kernel threads. */
  trainSeconds: number;
  threads: number;
}

/** models/classifier-<data>/ in this repository, wherever the process runs from. */
export function classifierDir(data: string): string {
  return fileURLToPath(new URL(`../../models/classifier-${data}`, import.meta.url));
}

export async function loadClassifier(
  data: string,
  dir = classifierDir(data),
): Promise<{ classifier: Classifier; record: ClassifierRecord }> {
  const checkpoint = await loadCheckpoint(dir);
  const record = checkpoint.config as unknown as ClassifierRecord;
  // The seed is irrelevant: every weight is overwritten.
  const classifier = buildClassifier(record.classes.length, Rng.seeded(0));
  assignVariables(classifier.params.all(), checkpoint.weights);
  return { classifier, record };
}

/** Rounds every weight to float16, as saved, so that accuracy measured next is the shipped one. */
export async function roundToF16(classifier: Classifier): Promise<void> {
  const weights = await readVariables(classifier.params.all());
  for (const tensor of Object.values(weights)) tensor.data = fromF16(toF16(tensor.data));
  assignVariables(classifier.params.all(), weights);
}

export async function saveClassifier(
  dir: string,
  classifier: Classifier,
  record: ClassifierRecord,
  state: TrainState,
): Promise<void> {
  const weights = await readVariables(classifier.params.all());
  await saveCheckpoint(dir, { config: { ...record }, state, weights, optimizer: {} }, { fp16: true });
}
