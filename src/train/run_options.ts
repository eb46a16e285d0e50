/**
 * The options of a training run: `deno task train`'s flags and a job's JSON
 * fields, one schema for both. runConfig resolves them to a RunConfig.
 */
import * as z from "zod/mini";
import { ARCHS, CONDITIONINGS, D_NORMS } from "../models/config.ts";
import { countList, int, number, option, positive, SEED } from "../options/options.ts";
import { INFO_WEIGHTS } from "./info_loss.ts";
import { LOSSES } from "./losses.ts";
import { lengthOptions } from "./run_length.ts";
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
  WGAN_GP,
} from "./run_defaults.ts";

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
      "projection for the image recipe's dcgan on mnist and fashion-mnist (not with wgan-gp, --pack, " +
      "--feature-matching, InfoGAN's codes or --semi-supervised), none otherwise",
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
      `default ${IMAGE_RECIPE.r1} for the image recipe (images, but not wgan-gp, InfoGAN or --semi-supervised), ` +
      "0 otherwise",
  ),
  r2: option(number(0), "R2: the same penalty on fake samples; 0 is off", 0),
  "r1-every": option(
    int(1),
    "lazy regularisation: R1 and R2 every N D updates, weighted by N (StyleGAN2 uses 16); " +
      `default ${IMAGE_RECIPE.r1Every} for the image recipe (as --r1), 1 otherwise`,
  ),
  ...lengthOptions("passes over the training split"),
  batch: option(
    int(1),
    `samples per batch; default ${DEFAULT_BATCH}, or ${SEMI_SUPERVISED.batch} for --semi-supervised`,
  ),
  lr: option(
    positive(),
    `Adam learning rate of D, and of G unless --lr-g is given; default ${IMAGE_RECIPE.lr} for images, ${REFERENCE.lr} otherwise, ` +
      `${WGAN_GP.lr} for wgan-gp, ${INFOGAN.lr} for InfoGAN on images, ${SEMI_SUPERVISED.lr} for --semi-supervised, ` +
      `or ${PACGAN.lr} for --model pacgan`,
  ),
  "lr-g": option(
    positive(),
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
  "image-size": option(
    z.literal([28, 32, 64]),
    `side of the training images (images only); default ${DEFAULT_IMAGE_SIZE}`,
  ),
  channels: option(
    z.literal([1, 3]),
    "image channels (images only); default 1, or 3 for stacked-mnist or a folder of colour images",
  ),
  "d-norm": option(
    z.enum(D_NORMS),
    "dcgan: D's normalisation; default batch, or layer for wgan-gp, whose per-sample penalty " +
      "batch norm breaks (batch is refused there)",
  ),
  seed: option(SEED, "seeds the weights, the data order and all noise", 0),
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
  "feature-matching": option(
    z.boolean(),
    "G matches the mean of D's features on real batches (Salimans et al. 2016), which see no labels: " +
      "unconditional unless --conditional acgan (whose class term G keeps) or concat",
    false,
  ),
  "minibatch-std": option(z.boolean(), "add the minibatch standard deviation to D's features", false),
  ema: option(
    number(0, 0.9999),
    `decay of an EMA copy of G for samples and the saved model (and, with --semi-supervised, of D for the ` +
      `saved classifier); 0 is off; default ${EMA}, ${SEMI_SUPERVISED.ema} for --semi-supervised or 0 for ` +
      "--model pacgan (their papers' settings)",
  ),
  pack: option(int(1), "PacGAN: D judges this many samples at once (not with wgan-gp)", 1),
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
