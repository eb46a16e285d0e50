/**
 * The record an image-to-image run's checkpoints carry: its settings and
 * networks, and what they translate; enough to rebuild the networks,
 * translate and continue the run. Read back through its schema.
 */
import * as z from "zod/mini";
import { TRANSLATION_ARCHS, TRANSLATION_MODEL, type TranslationModel } from "../models/translation_config.ts";

/**
 * What G's content term compares with the target: pixels by L1 (pix2pix),
 * pixels by squared error (SRGAN's MSE baseline), or the squared error of
 * the data's classifier's last feature maps (SRGAN's, with our classifier
 * in the place of VGG).
 */
export const CONTENTS = ["l1", "mse", "features"] as const;

const TRANSLATION_RUN = z.object({
  model: z.enum(TRANSLATION_ARCHS),
  data: z.string(),
  content: z.enum(CONTENTS),
  contentWeight: z.number(),
  adversarialWeight: z.number(),
  adversarial: z.boolean(),
  /** CycleGAN's classes of the data (null: a folder, or another model), and its weights and history. */
  domains: z.nullable(z.string()),
  cycleWeight: z.number(),
  identityWeight: z.number(),
  history: z.int(),
  epochs: z.int(),
  minutes: z.nullable(z.number()),
  /**
   * The run's iteration (counted across resumes) at which this process stops;
   * a resume does not keep it. null: at the epochs' end.
   */
  iterations: z.nullable(z.int()),
  batch: z.int(),
  lr: z.number(),
  /** Epochs at the end over which the learning rate falls linearly to 0 (the papers' schedule); 0: constant. */
  decayEpochs: z._default(z.int(), 0),
  beta1: z.number(),
  beta2: z.number(),
  width: z.int(),
  seed: z.int(),
  checkpointEvery: z.nullable(z.int()),
});
export type TranslationRun = z.output<typeof TRANSLATION_RUN>;

/** A translation checkpoint's config. `kind` tells it from a GAN's run record. */
const TRANSLATION_RECORD = z.object({
  kind: z.literal("translation"),
  run: TRANSLATION_RUN,
  model: TRANSLATION_MODEL,
  /** What the inputs and outputs show, for people (e.g. "edges" to "fashion-mnist"). */
  from: z.string(),
  to: z.string(),
});
export type TranslationRecord = z.output<typeof TRANSLATION_RECORD>;

/** A checkpoint's config as a TranslationRecord, or undefined when it is some other model's. */
export function asTranslationRecord(config: unknown): TranslationRecord | undefined {
  const parsed = TRANSLATION_RECORD.safeParse(config);
  return parsed.success ? parsed.data : undefined;
}

/** The record of a run of `model` translating `from` to `to`. */
export function translationRecord(
  run: TranslationRun,
  model: TranslationModel,
  { from, to }: { from: string; to: string },
): TranslationRecord {
  return { kind: "translation", run, model, from, to };
}
