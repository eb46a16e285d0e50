/**
 * The flags of `deno task train` and the run configuration they resolve to.
 * A RunConfig holds every setting that shapes the numbers a run produces; it
 * is saved in each checkpoint, so a resumed run trains with the same ones.
 */
import type { BackendOptions } from "../backend/select.ts";
import { BACKEND_FLAGS, backendOptions } from "../cli/backend_flags.ts";
import { type Flag, FlagError, parseFlags } from "../cli/flags.ts";
import { D_NORMS, type DNorm, type ModelConfig, referenceConfig } from "../models/config.ts";
import { TOYS } from "../data/toy.ts";
import { REFERENCE_OPTIMIZER } from "./gan.ts";
import { LOSSES, type LossName } from "./losses.ts";
import type { Penalties } from "./penalties.ts";

/** Passes over the data where no length is given: the toys' and tables' length. */
const DEFAULT_EPOCHS = 15;

/**
 * The time budget where no length is given, so that the default run ends
 * within ten minutes on a 2-core machine whatever the data (on MNIST's
 * 60,000 digits, 15 epochs would take about 50).
 */
const DEFAULT_MINUTES = 9;

/** Optimiser settings where the user gives none: the reference DCGAN's, or WGAN-GP's paper's. */
const OPTIMIZER_DEFAULTS = {
  reference: { ...REFERENCE_OPTIMIZER, dSteps: 1 },
  "wgan-gp": { lr: 1e-4, beta1: 0, beta2: 0.9, dSteps: 5 },
};
const WGAN_GP = OPTIMIZER_DEFAULTS["wgan-gp"], REFERENCE = OPTIMIZER_DEFAULTS.reference;

/** WGAN-GP's λ where the user gives none: the paper's. */
const GP_WEIGHT = 10;

/**
 * Images: the recipe that gave the best samples per CPU-minute in deno task
 * ablation (README, Training): the reference DCGAN at half its width, 4x
 * fewer FLOPs per iteration and 3.3x more iterations a minute, with an EMA
 * of G. `--width 64 --ema 0` is the reference DCGAN of the benchmarks.
 */
const IMAGE_RECIPE = { dcganWidth: 32, ema: 0.999 };

/** Toys and tables: a small latent and a deeper MLP than the image reference. */
const VECTOR_DEFAULTS = { latent: 8, depth: 2 };

export const FLAGS: readonly Flag[] = [
  {
    name: "model",
    type: "string",
    choices: ["mlp", "dcgan"],
    help: "architecture; default dcgan for images, mlp for ring8, grid25 and .csv",
  },
  {
    name: "data",
    type: "string",
    default: "mnist",
    help: "mnist, fashion-mnist, stacked-mnist, ring8, grid25, a folder of .png images, or a .csv file",
  },
  { name: "conditional", type: "boolean", help: "condition both networks on the class labels" },
  {
    name: "loss",
    type: "string",
    default: "nonsaturating",
    choices: LOSSES,
    help: `GAN objective; wgan-gp: Wasserstein with a gradient penalty, ${WGAN_GP.dSteps} D steps, ` +
      `lr ${WGAN_GP.lr}, betas ${WGAN_GP.beta1} and ${WGAN_GP.beta2}`,
  },
  {
    name: "gp-weight",
    type: "number",
    min: 0,
    help: `wgan-gp: weight λ of the gradient penalty on interpolates; default ${GP_WEIGHT}`,
  },
  {
    name: "r1",
    type: "number",
    default: 0,
    min: 0,
    help: "R1 penalty γ/2·E‖∇D(x)‖² on real samples, any loss; 0 is off (MNIST, in the README's ablation: 1)",
  },
  { name: "r2", type: "number", default: 0, min: 0, help: "R2: the same penalty on fake samples; 0 is off" },
  {
    name: "r1-every",
    type: "int",
    default: 1,
    min: 1,
    help: "lazy regularisation: R1 and R2 every N D updates, weighted by N (StyleGAN2 uses 16)",
  },
  {
    name: "epochs",
    type: "int",
    min: 1,
    help: `passes over the training split; default ${DEFAULT_EPOCHS}, cut short by the default --minutes`,
  },
  {
    name: "minutes",
    type: "number",
    min: 0,
    help: "stop after this many minutes of training, or when the epochs are done if sooner; " +
      `default ${DEFAULT_MINUTES} where neither --epochs nor --steps is given, else none`,
  },
  {
    name: "steps",
    type: "int",
    min: 1,
    help: "stop after this many iterations in all; default: when the epochs are done",
  },
  { name: "batch", type: "int", default: 64, min: 1, help: "samples per batch" },
  {
    name: "lr",
    type: "number",
    min: 0,
    help: `Adam learning rate of both networks; default ${REFERENCE.lr}, or ${WGAN_GP.lr} for wgan-gp`,
  },
  {
    name: "beta1",
    type: "number",
    min: 0,
    max: 0.999,
    help: `Adam beta1; default ${REFERENCE.beta1}, or ${WGAN_GP.beta1} for wgan-gp`,
  },
  {
    name: "beta2",
    type: "number",
    min: 0,
    max: 0.9999,
    help: `Adam beta2; default ${REFERENCE.beta2}, or ${WGAN_GP.beta2} for wgan-gp`,
  },
  { name: "latent", type: "int", min: 1, help: "size of z; default 100 for images, 8 otherwise" },
  {
    name: "width",
    type: "int",
    min: 1,
    help:
      "dcgan: channels of the widest layer, default 32 (the reference: 64); mlp: hidden units, default 128",
  },
  {
    name: "depth",
    type: "int",
    min: 1,
    help: "mlp: hidden layers per network; default 1 for images, 2 otherwise",
  },
  {
    name: "image-size",
    type: "string",
    default: "28",
    choices: ["28", "32", "64"],
    help: "side of the training images",
  },
  {
    name: "channels",
    type: "string",
    choices: ["1", "3"],
    help: "image channels; default 1, or 3 for stacked-mnist or a folder of colour images",
  },
  {
    name: "d-norm",
    type: "string",
    choices: D_NORMS,
    help: "dcgan: D's normalisation; default batch, or layer for wgan-gp, whose per-sample penalty " +
      "batch norm breaks (batch is refused there)",
  },
  { name: "seed", type: "int", default: 0, min: 0, help: "seeds the weights, the data order and all noise" },
  ...BACKEND_FLAGS,
  { name: "out", type: "string", help: "run directory; default runs/<timestamp>" },
  { name: "resume", type: "string", help: "continue the run in this directory from its checkpoint" },
  {
    name: "checkpoint-every",
    type: "int",
    min: 1,
    help: "save a checkpoint every N iterations (and at the end); default: at each epoch's end",
  },
  {
    name: "d-steps",
    type: "int",
    min: 1,
    help:
      `discriminator steps per generator step; default ${REFERENCE.dSteps}, or ${WGAN_GP.dSteps} for wgan-gp`,
  },
  {
    name: "label-smoothing",
    type: "number",
    default: 1,
    min: 0,
    max: 1,
    help: "D's target for real samples: one-sided label smoothing below 1, e.g. 0.9",
  },
  { name: "feature-matching", type: "boolean", help: "G matches the mean D features of real batches" },
  { name: "minibatch-std", type: "boolean", help: "add the minibatch standard deviation to D's features" },
  {
    name: "ema",
    type: "number",
    min: 0,
    max: 0.9999,
    help:
      `decay of an EMA copy of G for samples and the saved model; 0 is off; default ${IMAGE_RECIPE.ema} ` +
      "for images, 0 otherwise",
  },
  { name: "pack", type: "int", default: 1, min: 1, help: "PacGAN: D judges this many samples at once" },
];

export interface RunConfig {
  data: string;
  model: "mlp" | "dcgan";
  conditional: boolean;
  loss: LossName;
  /** WGAN-GP's λ (used with loss wgan-gp only). */
  gpWeight: number;
  /** R1 and R2 weights γ (0: off), applied every `r1Every` D updates. */
  r1: number;
  r2: number;
  r1Every: number;
  /** dcgan: D's normalisation layers. */
  dNorm: DNorm;
  epochs: number;
  /** Minutes of training (over every process of the run) after which to stop; null: no budget. */
  minutes: number | null;
  /** Iterations (generator steps) after which to stop; null: when the epochs are done. */
  steps: number | null;
  batch: number;
  lr: number;
  beta1: number;
  beta2: number;
  latent: number;
  width: number;
  depth: number;
  imageSize: 28 | 32 | 64;
  channels: 1 | 3 | null;
  seed: number;
  dSteps: number;
  /** D's target for real samples (label smoothing below 1). */
  realTarget: number;
  featureMatching: boolean;
  minibatchStd: boolean;
  /** Decay of the generator's moving average; 0: no average. */
  ema: number;
  pack: number;
  /** Iterations between checkpoints; null: at each epoch's end. */
  checkpointEvery: number | null;
}

/** Settings of this process only: they do not change what a run computes. */
export interface RuntimeOptions extends BackendOptions {
  out?: string;
  resume?: string;
}

/** What runs saved before penalties and D's normalisation were settings trained with. */
const BEFORE_PENALTIES: Partial<RunConfig> = {
  gpWeight: GP_WEIGHT,
  r1: 0,
  r2: 0,
  r1Every: 1,
  dNorm: "batch",
};

/** What a resumed run may change: how long it runs and how it is saved. */
const CHANGEABLE_ON_RESUME = new Set([
  "epochs",
  "minutes",
  "steps",
  "checkpoint-every",
  "threads",
  "backend",
  "resume",
]);

/** Whether `data` names images (everything but the toys and tables). */
function isImageData(data: string): boolean {
  return !Object.hasOwn(TOYS, data) && !data.toLowerCase().endsWith(".csv");
}

export function runtimeOptions(flags: Record<string, unknown>): RuntimeOptions {
  return {
    ...backendOptions(flags),
    out: flags.out as string | undefined,
    resume: flags.resume as string | undefined,
  };
}

/** A new run's configuration from parsed flags, with the defaults that depend on the data filled in. */
export function runConfig(flags: Record<string, unknown>): RunConfig {
  const image = isImageData(flags.data as string);
  const model = (flags.model as RunConfig["model"] | undefined) ?? (image ? "dcgan" : "mlp");
  const loss = flags.loss as LossName;
  const wgan = loss === "wgan-gp";
  const optimizer = wgan ? WGAN_GP : REFERENCE;
  const run: RunConfig = {
    data: flags.data as string,
    model,
    conditional: flags.conditional as boolean,
    loss,
    gpWeight: (flags["gp-weight"] as number | undefined) ?? GP_WEIGHT,
    r1: flags.r1 as number,
    r2: flags.r2 as number,
    r1Every: flags["r1-every"] as number,
    dNorm: (flags["d-norm"] as DNorm | undefined) ?? (wgan ? "layer" : "batch"),
    epochs: (flags.epochs as number | undefined) ?? DEFAULT_EPOCHS,
    minutes: (flags.minutes as number | undefined) ??
      (flags.epochs === undefined && flags.steps === undefined ? DEFAULT_MINUTES : null),
    steps: (flags.steps as number | undefined) ?? null,
    batch: flags.batch as number,
    lr: (flags.lr as number | undefined) ?? optimizer.lr,
    beta1: (flags.beta1 as number | undefined) ?? optimizer.beta1,
    beta2: (flags.beta2 as number | undefined) ?? optimizer.beta2,
    latent: (flags.latent as number | undefined) ?? (image ? 100 : VECTOR_DEFAULTS.latent),
    width: (flags.width as number | undefined) ??
      (model === "dcgan" ? IMAGE_RECIPE.dcganWidth : referenceConfig(model).width),
    depth: (flags.depth as number | undefined) ?? (image ? 1 : VECTOR_DEFAULTS.depth),
    imageSize: Number(flags["image-size"]) as RunConfig["imageSize"],
    channels: flags.channels ? Number(flags.channels) as 1 | 3 : null,
    seed: flags.seed as number,
    dSteps: (flags["d-steps"] as number | undefined) ?? optimizer.dSteps,
    realTarget: flags["label-smoothing"] as number,
    featureMatching: flags["feature-matching"] as boolean,
    minibatchStd: flags["minibatch-std"] as boolean,
    ema: (flags.ema as number | undefined) ?? (image ? IMAGE_RECIPE.ema : 0),
    pack: flags.pack as number,
    checkpointEvery: (flags["checkpoint-every"] as number | undefined) ?? null,
  };
  if (model === "dcgan" && !image) {
    throw new FlagError(`--model dcgan needs images; ${run.data} is not: use --model mlp`);
  }
  if (run.batch % run.pack !== 0) throw new FlagError(`--pack ${run.pack} must divide --batch ${run.batch}`);
  checkPenalties(run, flags);
  return run;
}

/** Combinations of loss, penalties and normalisation that cannot work, named by their flags. */
function checkPenalties(run: RunConfig, flags: Record<string, unknown>): void {
  const wgan = run.loss === "wgan-gp";
  if (flags["gp-weight"] !== undefined && !wgan) {
    throw new FlagError(`--gp-weight applies to --loss wgan-gp only, not --loss ${run.loss}`);
  }
  if (wgan && run.dNorm === "batch" && run.model === "dcgan") {
    throw new FlagError(
      "--d-norm batch cannot go with --loss wgan-gp: batch norm mixes the samples whose gradients " +
        "the penalty takes one by one; use --d-norm layer or none",
    );
  }
  if (wgan && run.realTarget !== 1) {
    throw new FlagError("--label-smoothing has no meaning for --loss wgan-gp, whose critic has no targets");
  }
  if (flags["d-norm"] !== undefined && run.model !== "dcgan") {
    throw new FlagError("--d-norm applies to --model dcgan only");
  }
  if (run.r1Every > 1 && run.r1 === 0 && run.r2 === 0) {
    throw new FlagError("--r1-every has no effect without --r1 or --r2");
  }
}

/** The gradient penalties that a run's D updates add to its loss. */
export function penalties(run: RunConfig): Penalties {
  return { gp: run.loss === "wgan-gp" ? run.gpWeight : 0, r1: run.r1, r2: run.r2, every: run.r1Every };
}

/**
 * The saved configuration of a run being resumed, with the few flags that may
 * change applied where `args` gives them. Any other flag given is an error
 * rather than silently ignored. `--steps` applies to this process only.
 */
export function resumedRunConfig(saved: RunConfig, args: readonly string[]): RunConfig {
  const given = givenFlags(args);
  const fixed = Object.keys(given).find((name) => !CHANGEABLE_ON_RESUME.has(name));
  if (fixed) {
    throw new FlagError(`--${fixed} cannot be given with --resume: the run keeps its saved settings`);
  }
  return {
    ...BEFORE_PENALTIES,
    ...saved,
    epochs: (given.epochs as number | undefined) ?? saved.epochs,
    minutes: (given.minutes as number | undefined) ?? saved.minutes ?? null,
    steps: (given.steps as number | undefined) ?? null,
    checkpointEvery: (given["checkpoint-every"] as number | undefined) ?? saved.checkpointEvery,
  };
}

/** The flags that `args` sets (booleans: to true), without defaults. */
function givenFlags(args: readonly string[]): Record<string, unknown> {
  const values = parseFlags(FLAGS.map((flag) => ({ ...flag, default: undefined })), args);
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined && value !== false),
  );
}

/** The networks for a run on data of `shape`, with `classes` labels (conditional runs only). */
export function modelConfig(run: RunConfig, shape: number[], classes: number): ModelConfig {
  if (run.conditional && classes === 0) {
    throw new FlagError(`--conditional needs labelled data; ${run.data} has no classes`);
  }
  return {
    arch: run.model,
    latent: run.latent,
    shape,
    width: run.width,
    depth: run.depth,
    classes: run.conditional ? classes : 0,
    pack: run.pack,
    minibatchStd: run.minibatchStd,
    dNorm: run.dNorm,
  };
}
