/**
 * The defaults of a training run where its options give none, each with the
 * measurement or paper that chose it. The options' help cites them and
 * runConfig fills them in.
 */
import { REFERENCE_OPTIMIZER } from "./gan.ts";

/** Optimiser settings where the user gives none: the reference DCGAN's, or WGAN-GP's paper's. */
export const REFERENCE = { ...REFERENCE_OPTIMIZER, dUpdates: 1 };
export const WGAN_GP = { lr: 1e-4, beta1: 0, beta2: 0.9, dUpdates: 5 };

/** WGAN-GP's λ where the user gives none: the paper's. */
export const GP_WEIGHT = 10;

/**
 * Images: the recipe that gave the best samples per CPU-minute in deno task
 * ablation (README, Training): the reference DCGAN at half its width (4x
 * fewer FLOPs per iteration, 3.3x more iterations a minute), an EMA of G,
 * lazy R1 (γ 1 every 16 D updates, not with wgan-gp's own penalty) and a
 * learning rate of 2e-3 (10x the reference). The reference DCGAN of the
 * benchmarks undoes it: REFERENCE_DCGAN in scripts/runs.ts.
 */
export const IMAGE_RECIPE = { dcganWidth: 32, r1: 1, r1Every: 16, lr: 2e-3 };

/**
 * The decay of G's moving average, for every network but PacGAN's (whose
 * table keeps its paper's settings): on images it is part of the recipe
 * above; on ring8 (--pack 2, 5 minutes) it lifts the high-quality share
 * from 69% to 90% (README, Mode collapse on the toys): the toys' modes are
 * narrow, and the average smooths the jitter of G's last Adam updates.
 */
export const EMA = 0.999;

/**
 * The semi-supervised GAN's settings in Salimans et al.'s released MNIST code,
 * whose test error is read from a moving average of D that moves 1e-4 of the
 * way to D each iteration, as ours does (--ema 0.9999) once its warm-up ramp
 * (src/train/ema.ts) is past.
 * Their Adam divides by √(v̂ + 1e-8), ε inside the root, which floors the
 * divisor near 1e-4; with PyTorch's 1e-8 outside it, G's feature matching blew
 * up here (D told every sample of G apart) in 4 of 5 runs by iteration 4,000,
 * with 1e-4 outside it in neither of 2 (seeds that had blown up at 3,800 and 1,140).
 */
export const SEMI_SUPERVISED = { lr: 3e-3, batch: 100, eps: 1e-4, ema: 0.9999 };
export const DEFAULT_BATCH = 64;
/** MNIST's side. */
export const DEFAULT_IMAGE_SIZE = 28;
/** Labelled samples where none are given: the paper's headline setting. */
export const SEMI_SUPERVISED_LABELS = 100;

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
export const INFOGAN = {
  width: 64,
  hidden: 1024,
  latent: 62,
  lr: 2e-4,
  lrG: 1e-3,
  r1: 0,
  continuousWeight: 0.1,
};

/** Toys and tables: a small latent and a deeper MLP than the image reference. */
export const VECTOR_DEFAULTS = { latent: 8, depth: 2 };

/**
 * PacGAN's settings for its toy networks, from its released code: 2-D
 * Gaussian noise, Adam 1e-4 with beta1 0.8, and batches of 100 packs (so
 * 100·m samples); the record's width and depth describe G (the networks'
 * sizes are fixed: src/models/generator_layers.ts and networks.ts).
 */
export const PACGAN = { latent: 2, lr: 1e-4, beta1: 0.8, packs: 100, width: 400, depth: 4 };
