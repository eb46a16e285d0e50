/**
 * The options of an image-to-image run (`deno task train --model pix2pix`),
 * the run configuration they resolve to, and the record its checkpoints
 * carry: enough to rebuild the networks, translate and continue the run.
 */
import * as z from "zod/mini";
import { EDGES2FASHION } from "../data/paired.ts";
import { TRANSLATION_MODEL } from "../models/pix2pix.ts";
import { OptionError } from "../options/option_error.ts";
import { int, number, option } from "../options/options.ts";

/** The paper's settings: λ = 100 on L1, Adam 2e-4 with betas 0.5 and 0.999. */
const PIX2PIX = { l1Weight: 100, lr: 2e-4, beta1: 0.5, beta2: 0.999 };
const DEFAULTS = { batch: 32, width: 32, epochs: 15, minutes: 9 };

export const TRANSLATION_OPTIONS = z.strictObject({
  model: option(z.literal("pix2pix"), "pix2pix: a U-Net G and a PatchGAN D (Isola et al. 2017)"),
  data: option(
    z.string(),
    `paired images: ${EDGES2FASHION} (Fashion-MNIST from its edge maps), or a folder holding A/ and B/ ` +
      "whose .png files pair by name",
    EDGES2FASHION,
  ),
  "l1-weight": option(
    number(0),
    "weight λ of the L1 distance from G's output to the target",
    PIX2PIX.l1Weight,
  ),
  adversarial: option(
    z.boolean(),
    "train G against the PatchGAN D as well as on L1; --no-adversarial is the L1-only baseline",
    true,
  ),
  epochs: option(
    int(1),
    `passes over the training pairs; default ${DEFAULTS.epochs}, cut short by the default --minutes`,
  ),
  minutes: option(
    number(0),
    `stop after this many minutes of training; default ${DEFAULTS.minutes} where neither --epochs nor ` +
      "--iterations is given, else none",
  ),
  iterations: option(int(1), "stop after this many iterations in all; default: when the epochs are done"),
  batch: option(int(1), "pairs per batch", DEFAULTS.batch),
  lr: option(number(0), "Adam learning rate of both networks", PIX2PIX.lr),
  beta1: option(number(0, 0.999), "Adam beta1", PIX2PIX.beta1),
  beta2: option(number(0, 0.9999), "Adam beta2", PIX2PIX.beta2),
  width: option(int(1), "channels of the first layer of both networks", DEFAULTS.width),
  seed: option(int(0), "seeds the weights and the data order", 0),
  "checkpoint-every": option(
    int(1),
    "save a checkpoint every N iterations (and at the end); default: at each epoch's end",
  ),
});
export type TranslationOptions = z.output<typeof TRANSLATION_OPTIONS>;

export const TRANSLATION_RUN = z.object({
  data: z.string(),
  l1Weight: z.number(),
  adversarial: z.boolean(),
  epochs: z.int(),
  minutes: z.nullable(z.number()),
  /** Iterations after which this process stops; null: when the epochs are done. */
  iterations: z.nullable(z.int()),
  batch: z.int(),
  lr: z.number(),
  beta1: z.number(),
  beta2: z.number(),
  width: z.int(),
  seed: z.int(),
  checkpointEvery: z.nullable(z.int()),
});
export type TranslationRun = z.output<typeof TRANSLATION_RUN>;

/** A translation checkpoint's config. `kind` tells it from a GAN's run record. */
export const TRANSLATION_RECORD = z.object({
  kind: z.literal("translation"),
  run: TRANSLATION_RUN,
  model: TRANSLATION_MODEL,
  /** What the inputs and outputs show, for people (e.g. "edges" to "fashion-mnist"). */
  from: z.string(),
  to: z.string(),
  /** The targets' class names, where the data has them (edges2fashion). */
  classes: z.optional(z.array(z.string())),
});
export type TranslationRecord = z.output<typeof TRANSLATION_RECORD>;

export function translationRun(options: TranslationOptions): TranslationRun {
  if (options["l1-weight"] === 0 && !options.adversarial) {
    throw new OptionError("{l1-weight} 0 with {no-adversarial} leaves G nothing to learn from");
  }
  return {
    data: options.data,
    l1Weight: options["l1-weight"],
    adversarial: options.adversarial,
    epochs: options.epochs ?? DEFAULTS.epochs,
    minutes: options.minutes ??
      (options.epochs === undefined && options.iterations === undefined ? DEFAULTS.minutes : null),
    iterations: options.iterations ?? null,
    batch: options.batch,
    lr: options.lr,
    beta1: options.beta1,
    beta2: options.beta2,
    width: options.width,
    seed: options.seed,
    checkpointEvery: options["checkpoint-every"] ?? null,
  };
}

/** A checkpoint's config as a TranslationRecord, or undefined when it is some other model's. */
export function asTranslationRecord(config: unknown): TranslationRecord | undefined {
  const parsed = TRANSLATION_RECORD.safeParse(config);
  return parsed.success ? parsed.data : undefined;
}
