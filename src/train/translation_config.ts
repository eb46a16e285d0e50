/**
 * The options of an image-to-image run (`deno task train --model pix2pix`,
 * `srgan` or `cyclegan`), the run configuration they resolve to
 * (src/train/translation_record.ts), and the data it trains on.
 */
import * as z from "zod/mini";
import { loadLowResolution } from "../data/low_resolution.ts";
import { SOURCES } from "../data/mnist.ts";
import { EDGES2FASHION, loadPaired, type PairedDataset } from "../data/paired.ts";
import { DEFAULT_DOMAINS, loadUnpaired } from "../data/unpaired.ts";
import { SR_FACTOR, TRANSLATION_ARCHS } from "../models/translation_config.ts";
import { CONTENTS, type TranslationRun } from "./translation_record.ts";
import { OptionError } from "../options/option_error.ts";
import { lengthOptions, runLength } from "./run_length.ts";
import { int, number, option, positive, SEED } from "../options/options.ts";

/**
 * Each paper's settings: data, content term and weights (pix2pix's λ = 100;
 * SRGAN's 10⁻³ on the GAN term); CycleGAN's have no content term and a
 * history of 50 fakes.
 */
const PAPERS = {
  pix2pix: { data: EDGES2FASHION, content: "l1", contentWeight: 100, adversarialWeight: 1 },
  srgan: { data: "mnist", content: "features", contentWeight: 1, adversarialWeight: 1e-3 },
  cyclegan: { data: "fashion-mnist", content: "l1", contentWeight: 0, adversarialWeight: 1 },
} as const;
/**
 * CycleGAN's paper weighs the cycle λ = 10 and identity 0.5λ. Between shapes
 * as different as sneakers and boots, identity keeps a shoe as it is (7% of
 * boots read as sneakers) and a heavy cycle holds it back: λ = 2 without
 * identity turns 82-88% of boots into sneakers and 95% of sneakers into
 * boots (README, CycleGAN table).
 */
const CYCLEGAN = { cycleWeight: 2, identityWeight: 0, history: 50, width: 16 };
const CYCLEGAN_PAPER = { cycleWeight: 10, identityWeight: 0.5 };
const DEFAULTS = { batch: 32, width: 32, lr: 2e-4, beta1: 0.5, beta2: 0.999 };

export const TRANSLATION_OPTIONS = z.strictObject({
  model: option(
    z.enum(TRANSLATION_ARCHS),
    "pix2pix: a U-Net G and a PatchGAN D (Isola et al. 2017); srgan: 4x super-resolution by a residual G " +
      "(Ledig et al. 2017); cyclegan: two residual Gs between two unpaired domains (Zhu et al. 2017)",
  ),
  data: option(
    z.string(),
    `pix2pix: paired images, ${EDGES2FASHION} (Fashion-MNIST from its edge maps, the default) or a folder ` +
      "holding A/ and B/ whose .png files pair by name; srgan: mnist (the default) or fashion-mnist, from 7x7 to " +
      "28x28; cyclegan: fashion-mnist (the default) or mnist, two classes of it (--domains), or a folder holding " +
      "A/ and B/ of unpaired .png images",
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
  domains: option(
    z.string(),
    `cyclegan: the two classes of --data to translate between, by index or name; default ${DEFAULT_DOMAINS} ` +
      "(Fashion-MNIST's sneakers and ankle boots)",
  ),
  "cycle-weight": option(
    number(0),
    `cyclegan: λ of the cycle-consistency term; default ${CYCLEGAN.cycleWeight} (the paper's: ${CYCLEGAN_PAPER.cycleWeight})`,
  ),
  "identity-weight": option(
    number(0),
    `cyclegan: weight of the identity term as a fraction of λ; default ${CYCLEGAN.identityWeight} (the paper's: ${CYCLEGAN_PAPER.identityWeight}, ` +
      "which suits translations that keep shapes, as photos to paintings)",
  ),
  history: option(int(0), `cyclegan: generated images kept for D to learn from; default ${CYCLEGAN.history}`),
  ...lengthOptions("passes over the training pairs (cyclegan: over the smaller domain)"),
  batch: option(int(1), "pairs per batch", DEFAULTS.batch),
  lr: option(positive(), "Adam learning rate of both networks", DEFAULTS.lr),
  beta1: option(number(0, 0.999), "Adam beta1", DEFAULTS.beta1),
  beta2: option(number(0, 0.9999), "Adam beta2", DEFAULTS.beta2),
  width: option(
    int(1),
    `channels of the first layer of every network; default ${DEFAULTS.width}, or ${CYCLEGAN.width} for cyclegan, ` +
      "whose two generators work at 2x this width through their residual blocks",
  ),
  seed: option(SEED, "seeds the weights and the data order", 0),
});
export type TranslationOptions = z.output<typeof TRANSLATION_OPTIONS>;

export function translationRun(options: TranslationOptions): TranslationRun {
  const model = options.model ?? "pix2pix", paper = PAPERS[model];
  const content = options.content ?? paper.content;
  const run: TranslationRun = {
    model,
    data: options.data ?? paper.data,
    content,
    contentWeight: options["content-weight"] ??
      (content === paper.content ? paper.contentWeight : content === "l1" ? PAPERS.pix2pix.contentWeight : 1),
    adversarialWeight: options["adversarial-weight"] ?? paper.adversarialWeight,
    adversarial: options.adversarial,
    domains: model === "cyclegan" && Object.hasOwn(SOURCES, options.data ?? paper.data)
      ? options.domains ?? DEFAULT_DOMAINS
      : null,
    cycleWeight: options["cycle-weight"] ?? CYCLEGAN.cycleWeight,
    identityWeight: options["identity-weight"] ?? CYCLEGAN.identityWeight,
    history: options.history ?? CYCLEGAN.history,
    ...runLength(options),
    batch: options.batch,
    lr: options.lr,
    beta1: options.beta1,
    beta2: options.beta2,
    width: options.width ?? (model === "cyclegan" ? CYCLEGAN.width : DEFAULTS.width),
    seed: options.seed,
  };
  checkModelOptions(model, options);
  if (options.domains !== undefined && run.domains === null) {
    throw new OptionError(
      `{domains} picks two classes of ${
        Object.keys(SOURCES).join(" or ")
      }; the domains of ${run.data} are its A/ and B/`,
    );
  }
  if (run.contentWeight === 0 && !run.adversarial) {
    throw new OptionError("{content-weight} 0 with {no-adversarial} leaves G nothing to learn from");
  }
  if (options["adversarial-weight"] !== undefined && !run.adversarial) {
    throw new OptionError("{adversarial-weight} weighs the GAN term, which {no-adversarial} leaves out");
  }
  return run;
}

/** Options that belong to another model are refused, not ignored. */
function checkModelOptions(model: TranslationRun["model"], options: TranslationOptions): void {
  const cycleOnly = ["domains", "cycle-weight", "identity-weight", "history"] as const;
  const others = ["content", "content-weight", "adversarial-weight"] as const;
  const given = (names: readonly (keyof TranslationOptions)[]) =>
    names.find((name) => options[name] !== undefined);
  const misplaced = model === "cyclegan"
    ? given(others) ?? (options.adversarial ? undefined : "no-adversarial")
    : given(cycleOnly);
  if (misplaced) {
    throw new OptionError(
      model === "cyclegan"
        ? `{${misplaced}} applies to {model} pix2pix and srgan, not cyclegan, whose G learns from its D and the cycle`
        : `{${misplaced}} applies to {model} cyclegan only`,
    );
  }
}

/** The run's pairs: paired images for pix2pix, images and their 4x smaller copies for SRGAN. */
export function pairedData(
  { model, data, seed }: Pick<TranslationRun, "model" | "data" | "seed">,
): Promise<PairedDataset> {
  return model === "srgan" ? loadLowResolution(data, SR_FACTOR, seed) : loadPaired(data, seed);
}

/** CycleGAN's two domains. */
export function unpairedData({ data, domains, seed }: Pick<TranslationRun, "data" | "domains" | "seed">) {
  return loadUnpaired(data, domains ?? DEFAULT_DOMAINS, seed);
}
