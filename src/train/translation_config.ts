/**
 * The options of an image-to-image run (`deno task train --model pix2pix`
 * or `--model srgan`), the run configuration they resolve to, and the record
 * its checkpoints carry: enough to rebuild the networks, translate and
 * continue the run.
 */
import * as z from "zod/mini";
import { loadLowResolution } from "../data/low_resolution.ts";
import { EDGES2FASHION, loadPaired, type PairedDataset } from "../data/paired.ts";
import { SR_FACTOR, TRANSLATION_ARCHS, TRANSLATION_MODEL } from "../models/translation_networks.ts";
import { OptionError } from "../options/option_error.ts";
import { int, number, option } from "../options/options.ts";

/**
 * What G's content term compares with the target: pixels by L1 (pix2pix),
 * pixels by squared error (SRGAN's MSE baseline), or the squared error of
 * the data's classifier's last feature maps (SRGAN's, with our classifier
 * in the place of VGG).
 */
export const CONTENTS = ["l1", "mse", "features"] as const;

/** Each paper's settings: data, content term and weights (pix2pix's λ = 100; SRGAN's 10⁻³ on the GAN term). */
const PAPERS = {
  pix2pix: { data: EDGES2FASHION, content: "l1", contentWeight: 100, adversarialWeight: 1 },
  srgan: { data: "mnist", content: "features", contentWeight: 1, adversarialWeight: 1e-3 },
} as const;
const DEFAULTS = { batch: 32, width: 32, epochs: 15, minutes: 9, lr: 2e-4, beta1: 0.5, beta2: 0.999 };

export const TRANSLATION_OPTIONS = z.strictObject({
  model: option(
    z.enum(TRANSLATION_ARCHS),
    "pix2pix: a U-Net G and a PatchGAN D (Isola et al. 2017); srgan: 4x super-resolution by a residual G " +
      "(Ledig et al. 2017)",
  ),
  data: option(
    z.string(),
    `pix2pix: paired images, ${EDGES2FASHION} (Fashion-MNIST from its edge maps, the default) or a folder ` +
      "holding A/ and B/ whose .png files pair by name; srgan: mnist (the default) or fashion-mnist, from 7x7 to 28x28",
  ),
  content: option(
    z.enum(CONTENTS),
    "G's content term against the target: l1 or mse on pixels, or features: the squared error of the data's " +
      "classifier's last feature maps; default l1 for pix2pix, features for srgan",
  ),
  "content-weight": option(number(0), "weight of the content term; default 100 for l1 (pix2pix's λ), else 1"),
  "adversarial-weight": option(
    number(0),
    "weight of the GAN term in G's loss; default 1 for pix2pix, 0.001 for srgan",
  ),
  adversarial: option(
    z.boolean(),
    "train G against a PatchGAN D as well as on the content term; --no-adversarial is the content-only baseline",
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
  lr: option(number(0), "Adam learning rate of both networks", DEFAULTS.lr),
  beta1: option(number(0, 0.999), "Adam beta1", DEFAULTS.beta1),
  beta2: option(number(0, 0.9999), "Adam beta2", DEFAULTS.beta2),
  width: option(int(1), "channels of the first layer of both networks", DEFAULTS.width),
  seed: option(int(0), "seeds the weights and the data order", 0),
  "checkpoint-every": option(
    int(1),
    "save a checkpoint every N iterations (and at the end); default: at each epoch's end",
  ),
});
export type TranslationOptions = z.output<typeof TRANSLATION_OPTIONS>;

export const TRANSLATION_RUN = z.object({
  model: z.enum(TRANSLATION_ARCHS),
  data: z.string(),
  content: z.enum(CONTENTS),
  contentWeight: z.number(),
  adversarialWeight: z.number(),
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
  /** The targets' class names, where the data has them. */
  classes: z.optional(z.array(z.string())),
});
export type TranslationRecord = z.output<typeof TRANSLATION_RECORD>;

export function translationRun(options: TranslationOptions): TranslationRun {
  const model = options.model ?? "pix2pix", paper = PAPERS[model];
  const content = options.content ?? paper.content;
  const run: TranslationRun = {
    model,
    data: options.data ?? paper.data,
    content,
    contentWeight: options["content-weight"] ?? (content === "l1" ? PAPERS.pix2pix.contentWeight : 1),
    adversarialWeight: options["adversarial-weight"] ?? paper.adversarialWeight,
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
  if (run.contentWeight === 0 && !run.adversarial) {
    throw new OptionError("{content-weight} 0 with {no-adversarial} leaves G nothing to learn from");
  }
  if (options["adversarial-weight"] !== undefined && !run.adversarial) {
    throw new OptionError("{adversarial-weight} weighs the GAN term, which {no-adversarial} leaves out");
  }
  return run;
}

/** A checkpoint's config as a TranslationRecord, or undefined when it is some other model's. */
export function asTranslationRecord(config: unknown): TranslationRecord | undefined {
  const parsed = TRANSLATION_RECORD.safeParse(config);
  return parsed.success ? parsed.data : undefined;
}

/** The run's pairs: paired images for pix2pix, images and their 4x smaller copies for SRGAN. */
export function translationData(
  { model, data, seed }: Pick<TranslationRun, "model" | "data" | "seed">,
): Promise<PairedDataset> {
  return model === "srgan" ? loadLowResolution(data, SR_FACTOR, seed) : loadPaired(data, seed);
}
