/**
 * The options of a training run (`deno task train`'s flags, a job's JSON
 * fields) and the run configuration they resolve to. A RunConfig holds every
 * setting that shapes the numbers a run produces; it is saved in each
 * checkpoint, so a resumed run trains with the same ones.
 */
import * as z from "zod/mini";
import {
  ARCHS,
  type Conditioning,
  CONDITIONINGS,
  D_NORMS,
  type ModelConfig,
  referenceConfig,
} from "../models/config.ts";
import { CODES, type Codes, hasCodes, NO_CODES } from "../models/codes.ts";
import { TOYS } from "../data/toy.ts";
import { OptionError } from "../options/option_error.ts";
import { countList, int, number, option } from "../options/options.ts";
import { ADAM_EPS } from "./adam.ts";
import { REFERENCE_OPTIMIZER } from "./gan.ts";
import { LOSSES } from "./losses.ts";
import type { Penalties } from "./penalties.ts";
import { INFO_WEIGHTS } from "./info_loss.ts";
import { lengthOptions, runLength } from "./run_length.ts";

/** Optimiser settings where the user gives none: the reference DCGAN's, or WGAN-GP's paper's. */
const OPTIMIZER_DEFAULTS = {
  reference: { ...REFERENCE_OPTIMIZER, dUpdates: 1 },
  "wgan-gp": { lr: 1e-4, beta1: 0, beta2: 0.9, dUpdates: 5 },
};
const WGAN_GP = OPTIMIZER_DEFAULTS["wgan-gp"], REFERENCE = OPTIMIZER_DEFAULTS.reference;

/** WGAN-GP's λ where the user gives none: the paper's. */
const GP_WEIGHT = 10;

/**
 * Images: the recipe that gave the best samples per CPU-minute in deno task
 * ablation (README, Training): the reference DCGAN at half its width (4x
 * fewer FLOPs per iteration, 3.3x more iterations a minute), an EMA of G,
 * lazy R1 (γ 1 every 16 D updates, not with wgan-gp's own penalty) and a
 * learning rate of 2e-3 (10x the reference). The reference DCGAN of the
 * benchmarks undoes it: REFERENCE_DCGAN in scripts/runs.ts.
 */
const IMAGE_RECIPE = { dcganWidth: 32, r1: 1, r1Every: 16, lr: 2e-3 };

/**
 * The decay of G's moving average, for every network but PacGAN's (whose
 * table keeps its paper's settings): on images it is part of the recipe
 * above; on ring8 (--pack 2, 5 minutes) it lifts the high-quality share
 * from 69% to 90% (README, Mode collapse on the toys): the toys' modes are
 * narrow, and the average smooths the jitter of G's last Adam updates.
 */
const EMA = 0.999;

/**
 * The semi-supervised GAN's settings in Salimans et al.'s released MNIST code,
 * whose test error is read from a moving average of D, as ours is (--ema).
 * Their Adam divides by √(v̂ + 1e-8), ε inside the root, which floors the
 * divisor near 1e-4; with PyTorch's 1e-8 outside it, G's feature matching blew
 * up here (D told every sample of G apart) in 4 of 5 runs by iteration 4,000,
 * with 1e-4 outside it in neither of 2 (seeds that had blown up at 3,800 and 1,140).
 */
const SEMI_SUPERVISED = { lr: 3e-3, batch: 100, eps: 1e-4 };
const DEFAULT_BATCH = 64;
/** Labelled samples where none are given: the paper's headline setting. */
const SEMI_SUPERVISED_LABELS = 100;

/**
 * InfoGAN on images: its paper's MNIST networks (D: convolutions of 64 and 128
 * channels and a hidden layer of 1024; G the mirror), latent (62 noise
 * values beside the codes) and learning rates (D 2e-4, G 1e-3), without the
 * image recipe's R1, and λ 0.1 for the continuous codes (at 1 they took the
 * digit from the categorical code). The categorical code matched the digits
 * with 2.6% error at 1,900 iterations and 0.3% at 4,000 (seed 3; seed 4: 20.8%
 * at 1,900, 17.2% at 4,000); with the image recipe's half-width networks, lr 2e-3 and R1, two
 * code values shared the 4s and 9s on every seed (9.7 to 25%; README, InfoGAN).
 */
const INFOGAN = { width: 64, hidden: 1024, latent: 62, lr: 2e-4, lrG: 1e-3, r1: 0, continuousWeight: 0.1 };

/** Toys and tables: a small latent and a deeper MLP than the image reference. */
const VECTOR_DEFAULTS = { latent: 8, depth: 2 };

/**
 * PacGAN's settings for its toy networks, from its released code: 2-D
 * Gaussian noise, Adam 1e-4 with beta1 0.8, and batches of 100 packs (so
 * 100·m samples); the record's width and depth describe G (the networks'
 * sizes are fixed: src/models/generator_layers.ts and networks.ts).
 */
const PACGAN = { latent: 2, lr: 1e-4, beta1: 0.8, packs: 100, width: 400, depth: 4 };

/** The options that shape a run, by name; where the process runs it and saves it is the caller's. */
export const RUN_OPTIONS = z.strictObject({
  model: option(
    z.enum(ARCHS),
    "architecture; default dcgan for images, mlp for ring8, grid25 and .csv, ssgan (Salimans et al.'s " +
      "MLPs) for --semi-supervised; pacgan: PacGAN's networks for points (G: 4 layers of 400 with batch norm; " +
      `D: 3 maxout layers of 200), with its settings (latent ${PACGAN.latent}, lr ${PACGAN.lr}, beta1 ` +
      `${PACGAN.beta1}, ${PACGAN.packs} packs of --pack samples per batch) where none are given; pix2pix, ` +
      "srgan and cyclegan train image-to-image models instead, with flags of their own (--model pix2pix --help)",
  ),
  data: option(
    z.string(),
    "mnist, fashion-mnist, stacked-mnist, ring8, grid25, a folder of .png images, or a .csv file",
    "mnist",
  ),
  conditional: option(
    z.enum(["none", ...CONDITIONINGS]).check(z.meta({ bare: "concat", negated: "none" })),
    "condition both networks on the class labels; D takes them as input planes (concat, the bare flag), " +
      "through an auxiliary classifier (acgan) or a projection of its features (projection); default " +
      "projection for the image recipe on mnist and fashion-mnist, none otherwise",
  ),
  loss: option(
    z.enum(LOSSES),
    "GAN objective; wgan-gp: Wasserstein with a gradient penalty, " +
      `${WGAN_GP.dUpdates} D updates per iteration, lr ${WGAN_GP.lr}, betas ${WGAN_GP.beta1} and ${WGAN_GP.beta2}`,
    "nonsaturating",
  ),
  "gp-weight": option(
    number(0),
    `wgan-gp: weight λ of the gradient penalty on interpolates; default ${GP_WEIGHT}`,
  ),
  r1: option(
    number(0),
    "R1 penalty γ/2·E‖∇D(x)‖² on real samples, any loss; 0 is off; " +
      `default ${IMAGE_RECIPE.r1} for images (but with wgan-gp), 0 otherwise`,
  ),
  r2: option(number(0), "R2: the same penalty on fake samples; 0 is off", 0),
  "r1-every": option(
    int(1),
    "lazy regularisation: R1 and R2 every N D updates, weighted by N (StyleGAN2 uses 16); " +
      `default ${IMAGE_RECIPE.r1Every} for images (but with wgan-gp), 1 otherwise`,
  ),
  ...lengthOptions("passes over the training split"),
  batch: option(
    int(1),
    `samples per batch; default ${DEFAULT_BATCH}, or ${SEMI_SUPERVISED.batch} for --semi-supervised`,
  ),
  lr: option(
    number(0),
    `Adam learning rate of D, and of G unless --lr-g is given; default ${IMAGE_RECIPE.lr} for images, ${REFERENCE.lr} otherwise, ` +
      `${WGAN_GP.lr} for wgan-gp, ${INFOGAN.lr} for InfoGAN on images, ${SEMI_SUPERVISED.lr} for --semi-supervised, ` +
      `or ${PACGAN.lr} for --model pacgan`,
  ),
  "lr-g": option(
    number(0),
    "G's own Adam learning rate, where it should differ from D's --lr; default --lr, or " +
      `${INFOGAN.lrG} for InfoGAN on images where --lr is not given either (its paper's)`,
  ),
  beta1: option(number(0, 0.999), `Adam beta1; default ${REFERENCE.beta1}, or ${WGAN_GP.beta1} for wgan-gp`),
  beta2: option(number(0, 0.9999), `Adam beta2; default ${REFERENCE.beta2}, or ${WGAN_GP.beta2} for wgan-gp`),
  latent: option(int(1), `size of z; default 100 for images (${INFOGAN.latent} for InfoGAN), 8 otherwise`),
  width: option(
    int(1),
    `dcgan: channels of the widest layer, default ${IMAGE_RECIPE.dcganWidth} (${INFOGAN.width} for InfoGAN; ` +
      "the reference: 64); " +
      "mlp: hidden units, default 128",
  ),
  depth: option(int(1), "mlp: hidden layers per network; default 1 for images, 2 otherwise"),
  hidden: option(
    int(0),
    "dcgan: units of a fully connected layer between z and G's first feature map and after D's last " +
      `convolution, as InfoGAN's MNIST networks have; 0 is none; default ${INFOGAN.hidden} for InfoGAN, else 0`,
  ),
  "image-size": option(z.literal([28, 32, 64]), "side of the training images", 28),
  channels: option(
    z.literal([1, 3]),
    "image channels; default 1, or 3 for stacked-mnist or a folder of colour images",
  ),
  "d-norm": option(
    z.enum(D_NORMS),
    "dcgan: D's normalisation; default batch, or layer for wgan-gp, whose per-sample penalty " +
      "batch norm breaks (batch is refused there)",
  ),
  seed: option(int(0), "seeds the weights, the data order and all noise", 0),
  "d-updates": option(
    int(1),
    `discriminator updates per iteration (each iteration ends with one generator update); ` +
      `default ${REFERENCE.dUpdates}, or ${WGAN_GP.dUpdates} for wgan-gp`,
  ),
  "label-smoothing": option(
    number(0, 1),
    "D's target for real samples: one-sided label smoothing below 1, e.g. 0.9",
    1,
  ),
  "feature-matching": option(z.boolean(), "G matches the mean D features of real batches", false),
  "minibatch-std": option(z.boolean(), "add the minibatch standard deviation to D's features", false),
  ema: option(
    number(0, 0.9999),
    `decay of an EMA copy of G for samples and the saved model (and, with --semi-supervised, of D for the ` +
      `saved classifier); 0 is off; default ${EMA}, or 0 for --model pacgan (its paper's settings)`,
  ),
  pack: option(int(1), "PacGAN: D judges this many samples at once", 1),
  vbn: option(
    z.boolean(),
    "dcgan: virtual batch norm in G (Salimans et al. 2016), each sample normalised with a reference " +
      "batch of --batch inputs drawn at the start and saved with the weights, instead of with its own batch",
    false,
  ),
  "semi-supervised": option(
    z.boolean(),
    "the semi-supervised GAN (Salimans et al. 2016): D classifies --labels labelled samples into their K " +
      "classes and tells the unlabelled rest from G's samples, which G makes by feature matching",
    false,
  ),
  labels: option(
    int(1),
    `semi-supervised: labelled training samples, as many of each class, drawn with --seed; default ${SEMI_SUPERVISED_LABELS}`,
  ),
  unlabelled: option(
    z.boolean(),
    "semi-supervised: train on the unlabelled samples and G's too; --no-unlabelled trains D as a plain " +
      "classifier of the labelled ones, the baseline",
    true,
  ),
  "info-categorical": option(
    countList("value counts"),
    "InfoGAN: categorical codes, each given by its number of values, e.g. 10 (one code of 10 values) or 10,4",
  ),
  "info-continuous": option(int(0), "InfoGAN: continuous codes, each uniform on [-1, 1]", 0),
  "info-weight": option(
    number(0),
    `InfoGAN: weight λ of the categorical codes' mutual-information term; default ${INFO_WEIGHTS.categorical}`,
  ),
  "info-continuous-weight": option(
    number(0),
    "InfoGAN: weight λ of the continuous codes' term (a unit-variance Gaussian's likelihood); " +
      `default ${INFOGAN.continuousWeight} for images, else ${INFO_WEIGHTS.continuous}`,
  ),
});
export type RunOptions = z.output<typeof RUN_OPTIONS>;

/** Records from before the discriminator's updates were named by what they count call them dSteps. */
function dUpdatesFromDSteps(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || !("dSteps" in raw)) return raw;
  const { dSteps, ...run } = raw;
  return { dUpdates: dSteps, ...run };
}

const RUN_CONFIG_FIELDS = z.object({
  data: z.string(),
  model: z.enum(ARCHS),
  /** Older records say true (concat) or false (none). */
  conditional: z.pipe(
    z.union([z.boolean(), z.enum(["none", ...CONDITIONINGS])]),
    z.transform((c) => c === true ? "concat" : c === false ? "none" : c),
  ),
  loss: z.enum(LOSSES),
  /** WGAN-GP's λ (used with loss wgan-gp only). */
  gpWeight: z._default(z.number(), GP_WEIGHT),
  /** R1 and R2 weights γ (0: off), applied every `r1Every` D updates. */
  r1: z._default(z.number(), 0),
  r2: z._default(z.number(), 0),
  r1Every: z._default(z.int(), 1),
  /** dcgan: D's normalisation layers. */
  dNorm: z._default(z.enum(D_NORMS), "batch"),
  epochs: z.int(),
  /** Minutes of training (over every process of the run) after which to stop; null: no budget. */
  minutes: z._default(z.nullable(z.number()), null),
  /** Iterations after which this process stops; null: when the epochs are done. */
  iterations: z._default(z.nullable(z.int()), null),
  /** The last epochs, over which both learning rates fall linearly to 0 (src/train/lr_schedule.ts). */
  decayEpochs: z._default(z.int(), 0),
  batch: z.int(),
  /** D's learning rate, and G's where `lrG` is null. */
  lr: z.number(),
  lrG: z._default(z.nullable(z.number()), null),
  beta1: z.number(),
  beta2: z.number(),
  /** Adam's ε; runs saved before it was recorded used 1e-8, and keep it when resumed. */
  eps: z._default(z.number(), ADAM_EPS),
  latent: z.int(),
  width: z.int(),
  depth: z.int(),
  /** dcgan: the fully connected layer's units in both networks (0: none). */
  hidden: z._default(z.int(), 0),
  imageSize: z.literal([28, 32, 64]),
  channels: z.nullable(z.literal([1, 3])),
  seed: z.int(),
  /** Discriminator updates per iteration; the iteration's generator update follows the last. */
  dUpdates: z.int(),
  /** D's target for real samples (label smoothing below 1). */
  realTarget: z.number(),
  featureMatching: z.boolean(),
  minibatchStd: z.boolean(),
  /** Decay of the generator's moving average; 0: no average. */
  ema: z.number(),
  pack: z.int(),
  /** Iterations between checkpoints; null: at each epoch's end. */
  checkpointEvery: z.nullable(z.int()),
  /** The semi-supervised GAN: labelled samples (null: a GAN), and whether the unlabelled ones train D too. */
  labels: z._default(z.nullable(z.int()), null),
  unlabelled: z._default(z.boolean(), true),
  /** Virtual batch norm in G instead of batch norm. */
  vbn: z._default(z.boolean(), false),
  /** InfoGAN's codes (none: a plain GAN) and the weights of their terms. */
  codes: z._default(CODES, NO_CODES),
  infoWeights: z._default(z.object({ categorical: z.number(), continuous: z.number() }), INFO_WEIGHTS),
});

/** What a run trains with, as its checkpoint saves it; older checkpoints lack the later settings. */
export const RUN_CONFIG = z.pipe(z.transform(dUpdatesFromDSteps), RUN_CONFIG_FIELDS);
export type RunConfig = z.output<typeof RUN_CONFIG>;

/** Whether `data` names images (everything but the toys and tables). */
function isImageData(data: string): boolean {
  return !Object.hasOwn(TOYS, data) && !data.toLowerCase().endsWith(".csv");
}

/** A new run's configuration from its options, with the defaults that depend on the data filled in. */
export function runConfig(options: RunOptions): RunConfig {
  const image = isImageData(options.data);
  const semi = options["semi-supervised"];
  const model = options.model ?? (semi ? "ssgan" : image ? "dcgan" : "mlp");
  const wgan = options.loss === "wgan-gp";
  const optimizer = wgan ? WGAN_GP : REFERENCE;
  const pacgan = model === "pacgan";
  // PacGAN's optimiser where its networks train its loss; wgan-gp keeps its paper's.
  const pacganAdam = pacgan && !wgan;
  const codes = infoCodes(options);
  // InfoGAN on images takes its paper's networks and learning rates where none are given.
  const info = image && model === "dcgan" && !wgan && hasCodes(codes);
  // The image recipe's optimiser and penalty; wgan-gp, InfoGAN and the semi-supervised GAN keep their papers'.
  const recipe = image && !wgan && !semi && !info;
  const run: RunConfig = {
    data: options.data,
    model,
    conditional: options.conditional ?? (labelledRecipe(options, model) ? "projection" : "none"),
    loss: options.loss,
    gpWeight: options["gp-weight"] ?? GP_WEIGHT,
    r1: options.r1 ?? (recipe ? IMAGE_RECIPE.r1 : info ? INFOGAN.r1 : 0),
    r2: options.r2,
    r1Every: options["r1-every"] ?? (recipe ? IMAGE_RECIPE.r1Every : 1),
    dNorm: options["d-norm"] ?? (wgan ? "layer" : "batch"),
    ...runLength(options),
    batch: options.batch ??
      (semi ? SEMI_SUPERVISED.batch : pacgan ? PACGAN.packs * options.pack : DEFAULT_BATCH),
    lr: options.lr ??
      (recipe
        ? IMAGE_RECIPE.lr
        : info
        ? INFOGAN.lr
        : semi
        ? SEMI_SUPERVISED.lr
        : pacganAdam
        ? PACGAN.lr
        : optimizer.lr),
    lrG: options["lr-g"] ?? (info && options.lr === undefined ? INFOGAN.lrG : null),
    beta1: options.beta1 ?? (pacganAdam ? PACGAN.beta1 : optimizer.beta1),
    beta2: options.beta2 ?? optimizer.beta2,
    eps: semi ? SEMI_SUPERVISED.eps : ADAM_EPS,
    latent: options.latent ??
      (info ? INFOGAN.latent : image ? 100 : pacgan ? PACGAN.latent : VECTOR_DEFAULTS.latent),
    width: pacgan ? PACGAN.width : options.width ??
      (info ? INFOGAN.width : model === "dcgan" ? IMAGE_RECIPE.dcganWidth : referenceConfig("mlp").width),
    depth: pacgan ? PACGAN.depth : options.depth ?? (image ? 1 : VECTOR_DEFAULTS.depth),
    hidden: options.hidden ?? (info ? INFOGAN.hidden : 0),
    imageSize: options["image-size"],
    channels: options.channels ?? null,
    seed: options.seed,
    dUpdates: options["d-updates"] ?? optimizer.dUpdates,
    realTarget: options["label-smoothing"],
    featureMatching: options["feature-matching"],
    minibatchStd: options["minibatch-std"],
    ema: options.ema ?? (pacgan ? 0 : EMA),
    pack: options.pack,
    labels: semi ? options.labels ?? SEMI_SUPERVISED_LABELS : null,
    unlabelled: options.unlabelled,
    vbn: options.vbn,
    codes,
    infoWeights: {
      categorical: options["info-weight"] ?? INFO_WEIGHTS.categorical,
      continuous: options["info-continuous-weight"] ??
        (info ? INFOGAN.continuousWeight : INFO_WEIGHTS.continuous),
    },
  };
  if (model === "dcgan" && !image) {
    throw new OptionError(`{model} dcgan needs images; ${run.data} is not: use {model} mlp`);
  }
  if (pacgan && image) {
    throw new OptionError(
      `{model} pacgan is for points and tables; ${run.data} holds images: use {model} dcgan`,
    );
  }
  if (pacgan && (options.width !== undefined || options.depth !== undefined)) {
    throw new OptionError("{model} pacgan has the paper's sizes: {width} and {depth} shape {model} mlp");
  }
  if (run.pack > 1 && (run.conditional === "acgan" || run.conditional === "projection")) {
    throw new OptionError(`{conditional} ${run.conditional} judges samples one by one: it takes no {pack}`);
  }
  checkSemiSupervised(run, options);
  const infoWeighted = options["info-weight"] !== undefined ||
    options["info-continuous-weight"] !== undefined;
  if (infoWeighted && !hasCodes(run.codes)) {
    throw new OptionError(
      "{info-weight} and {info-continuous-weight} weigh InfoGAN codes: give {info-categorical} or {info-continuous}",
    );
  }
  if (run.hidden && model !== "dcgan") {
    throw new OptionError("{hidden} adds a fully connected layer to the dcgan networks: {model} dcgan only");
  }
  if (run.vbn && model !== "dcgan") {
    throw new OptionError("{vbn} replaces batch norm in G: {model} dcgan only");
  }
  if (run.pack > 1 && hasCodes(run.codes)) {
    throw new OptionError(
      "InfoGAN's Q head infers each sample's codes: {info-categorical} and " +
        "{info-continuous} take no {pack}",
    );
  }
  if (run.batch % run.pack !== 0) {
    throw new OptionError(`{pack} ${run.pack} must divide {batch} ${run.batch}`);
  }
  checkPenalties(run, options);
  return run;
}

/**
 * Whether a run with no --conditional conditions on the labels: the image
 * recipe on MNIST or Fashion-MNIST, where projection conditioning was the
 * largest gain per CPU-minute found (README, Training), unless the run is
 * InfoGAN (whose codes learn without labels), semi-supervised or PacGAN.
 */
function labelledRecipe(options: RunOptions, model: RunConfig["model"]): boolean {
  return ["mnist", "fashion-mnist"].includes(options.data) && model === "dcgan" &&
    options.loss !== "wgan-gp" && !options["semi-supervised"] && options.pack === 1 &&
    options["info-categorical"] === undefined && !options["info-continuous"];
}

/** The semi-supervised GAN takes its own networks and labelled images; its options mean nothing elsewhere. */
function checkSemiSupervised(run: RunConfig, options: RunOptions): void {
  const semi = options["semi-supervised"];
  if (!semi && (options.labels !== undefined || !options.unlabelled)) {
    throw new OptionError("{labels} and {no-unlabelled} apply to {semi-supervised} runs only");
  }
  if (!semi && run.model === "ssgan") throw new OptionError("{model} ssgan is the {semi-supervised} GAN's");
  if (semi && run.model !== "ssgan") {
    throw new OptionError(
      `{semi-supervised} trains {model} ssgan, Salimans et al.'s networks, not ${run.model}`,
    );
  }
  if (semi && !["mnist", "fashion-mnist"].includes(run.data)) {
    throw new OptionError(
      `{semi-supervised} needs labelled images: {data} mnist or fashion-mnist, not ${run.data}`,
    );
  }
  if (semi && (run.conditional !== "none" || hasCodes(run.codes) || run.pack > 1)) {
    throw new OptionError("{semi-supervised} takes no {conditional}, InfoGAN codes or {pack}");
  }
  // Its losses, updates and features are the paper's own: these options would be ignored.
  const ignored = Object.entries({
    loss: options.loss !== "nonsaturating",
    "d-updates": options["d-updates"] !== undefined,
    r1: options.r1 !== undefined,
    r2: options.r2 > 0,
    "label-smoothing": options["label-smoothing"] !== 1,
    "minibatch-std": options["minibatch-std"],
  }).find(([, given]) => given)?.[0];
  if (semi && ignored) {
    throw new OptionError(
      `{semi-supervised} trains with the paper's losses and updates: it takes no {${ignored}}`,
    );
  }
}

const MAX_CODE_VALUES = 1000;

/** InfoGAN's codes from their options; a categorical code needs two values at least. */
function infoCodes(options: RunOptions): Codes {
  const categorical = options["info-categorical"]?.split(",").map(Number) ?? [];
  if (categorical.some((values) => values < 2 || values > MAX_CODE_VALUES)) {
    throw new OptionError(
      `{info-categorical} ${options["info-categorical"]}: each code takes 2 to ${MAX_CODE_VALUES} values`,
    );
  }
  return { categorical, continuous: options["info-continuous"] };
}

/** Combinations of loss, penalties and normalisation that cannot work, named by their options. */
function checkPenalties(run: RunConfig, options: RunOptions): void {
  const wgan = run.loss === "wgan-gp";
  if (options["gp-weight"] !== undefined && !wgan) {
    throw new OptionError(`{gp-weight} applies to {loss} wgan-gp only, not {loss} ${run.loss}`);
  }
  if (wgan && run.dNorm === "batch" && run.model === "dcgan") {
    throw new OptionError(
      "{d-norm} batch cannot go with {loss} wgan-gp: batch norm mixes the samples whose gradients " +
        "the penalty takes one by one; use {d-norm} layer or none",
    );
  }
  if (wgan && run.realTarget !== 1) {
    throw new OptionError("{label-smoothing} has no meaning for {loss} wgan-gp, whose critic has no targets");
  }
  if (options["d-norm"] !== undefined && run.model !== "dcgan") {
    throw new OptionError("{d-norm} applies to {model} dcgan only");
  }
  if (options["r1-every"] !== undefined && run.r1 === 0 && run.r2 === 0) {
    throw new OptionError("{r1-every} has no effect without {r1} or {r2}");
  }
}

/** The gradient penalties that a run's D updates add to its loss. */
export function penalties(run: RunConfig): Penalties {
  return { gp: run.loss === "wgan-gp" ? run.gpWeight : 0, r1: run.r1, r2: run.r2, every: run.r1Every };
}

/** The networks for a run on data of `shape`, with `classes` labels (conditional runs only). */
export function modelConfig(run: RunConfig, shape: number[], classes: number): ModelConfig {
  const conditional = run.conditional !== "none";
  if (conditional && classes === 0) {
    throw new OptionError(`{conditional} needs labelled data; ${run.data} has no classes`);
  }
  return {
    arch: run.model,
    latent: run.latent,
    shape,
    width: run.width,
    depth: run.depth,
    classes: conditional ? classes : 0,
    classifies: run.labels === null ? 0 : classes,
    pack: run.pack,
    minibatchStd: run.minibatchStd,
    dNorm: run.dNorm,
    conditioning: conditional ? run.conditional as Conditioning : "concat",
    vbn: run.vbn ? run.batch : 0,
    codes: run.codes,
    hidden: run.hidden,
  };
}
