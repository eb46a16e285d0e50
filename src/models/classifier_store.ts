/**
 * The shipped classifiers: models/classifier-<data>/, a checkpoint with
 * float16 weights, no optimizer state, and a config that records how the
 * classifier was trained and the test accuracy of exactly those weights.
 */
import { fileURLToPath } from "node:url";
import * as z from "zod/mini";
import { loadWeights, saveCheckpoint, type TrainState } from "../checkpoint/checkpoint.ts";
import { fromF16, toF16 } from "../checkpoint/safetensors.ts";
import { assignNewVariables, assignVariables, readVariables } from "../checkpoint/variables.ts";
import { Rng } from "../random.ts";
import { buildClassifier, type Classifier } from "./classifier.ts";

/** The datasets with a classifier, hence with image metrics. */
export const CLASSIFIED_DATA = ["mnist", "fashion-mnist"] as const;

/** How a classifier was trained and what it reached; read back through this schema. */
const CLASSIFIER_RECORD = z.object({
  data: z.string(),
  classes: z.array(z.string()),
  /** Accuracy of the saved weights on the whole test split of `data`. */
  testAccuracy: z.number(),
  testImages: z.int(),
  epochs: z.int(),
  batch: z.int(),
  lr: z.number(),
  /** Of the epochs, the last this many at lr / 10. */
  finalEpochs: z.int(),
  /** Augmentation: random shifts of up to this many pixels. */
  shift: z.int(),
  seed: z.int(),
  /** Wall-clock seconds of training, and on how many kernel threads. */
  trainSeconds: z.number(),
  threads: z.int(),
});
export type ClassifierRecord = z.output<typeof CLASSIFIER_RECORD>;

/** models/classifier-<data>/ in this repository, wherever the process runs from. */
export function classifierDir(data: string): string {
  return fileURLToPath(new URL(`../../models/classifier-${data}`, import.meta.url));
}

export async function loadClassifier(
  data: string,
  dir = classifierDir(data),
): Promise<{ classifier: Classifier; record: ClassifierRecord }> {
  const checkpoint = await loadWeights(dir);
  const parsed = CLASSIFIER_RECORD.safeParse(checkpoint.config);
  if (!parsed.success) {
    throw new Error(`${dir} holds no classifier record: ${parsed.error.issues[0].path.join(".")}`);
  }
  const record = parsed.data;
  // The seed is irrelevant: every weight is overwritten.
  const classifier = buildClassifier(record.classes.length, Rng.seeded(0));
  assignNewVariables(classifier.params.all(), checkpoint.weights);
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
