/**
 * The run configuration that a run's options resolve to. A RunConfig holds
 * every setting that shapes the numbers a run produces; it is saved in each
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
import { ADAM_EPS } from "./adam.ts";
import { LOSSES } from "./losses.ts";
import type { Penalties } from "./penalties.ts";
import { INFO_WEIGHTS } from "./info_loss.ts";
import { runLength } from "./run_length.ts";
import type { RunOptions } from "./run_options.ts";
import {
  DEFAULT_BATCH,
  DEFAULT_IMAGE_SIZE,
  EMA,
  GP_WEIGHT,
  IMAGE_RECIPE,
  INFOGAN,
  PACGAN,
  REFERENCE,
  SEMI_SUPERVISED,
  SEMI_SUPERVISED_LABELS,
  VECTOR_DEFAULTS,
  WGAN_GP,
} from "./run_defaults.ts";

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
  /**
   * The run's iteration (counted across resumes) at which this process stops;
   * a resume does not keep it. null: at the epochs' end.
   */
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
    imageSize: options["image-size"] ?? DEFAULT_IMAGE_SIZE,
    channels: options.channels ?? null,
    seed: options.seed,
    dUpdates: options["d-updates"] ?? optimizer.dUpdates,
    realTarget: options["label-smoothing"],
    featureMatching: options["feature-matching"],
    minibatchStd: options["minibatch-std"],
    ema: options.ema ?? (semi ? SEMI_SUPERVISED.ema : pacgan ? 0 : EMA),
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
  if (options.depth !== undefined && model !== "mlp") {
    throw new OptionError(`{depth} counts the hidden layers of {model} mlp; ${model} has its own`);
  }
  if (options.width !== undefined && (pacgan || model === "ssgan")) {
    throw new OptionError(`{model} ${model} has its paper's sizes: it takes no {width}`);
  }
  if (!image && (options.channels !== undefined || options["image-size"] !== undefined)) {
    throw new OptionError(`{channels} and {image-size} shape images; ${run.data} holds none`);
  }
  // Caught here rather than once the data is loaded (modelConfig), so that a job is refused at once.
  if (run.conditional !== "none" && Object.hasOwn(TOYS, run.data)) throw unlabelled(run);
  if (run.featureMatching && run.conditional === "projection") {
    throw new OptionError(
      "{feature-matching} cannot go with {conditional} projection: its features do not see the labels, " +
        "so G would not learn its classes; use {conditional} acgan or concat, or none",
    );
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
 * InfoGAN (whose codes learn without labels), semi-supervised, PacGAN or
 * feature matching (Salimans et al.'s, which matches features without labels).
 */
function labelledRecipe(options: RunOptions, model: RunConfig["model"]): boolean {
  return ["mnist", "fashion-mnist"].includes(options.data) && model === "dcgan" &&
    options.loss !== "wgan-gp" && !options["semi-supervised"] && options.pack === 1 &&
    !options["feature-matching"] &&
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
  if (wgan && run.pack > 1) {
    throw new OptionError(
      "{loss} wgan-gp takes no {pack}: its penalty holds each sample's gradient norm at 1, " +
        "where a packed critic's input is the whole pack",
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

const unlabelled = (run: RunConfig) =>
  new OptionError(`{conditional} needs labelled data; ${run.data} has no classes`);

/** The networks for a run on data of `shape`, with `classes` labels (conditional runs only). */
export function modelConfig(run: RunConfig, shape: number[], classes: number): ModelConfig {
  const conditional = run.conditional !== "none";
  if (conditional && classes === 0) throw unlabelled(run);
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
