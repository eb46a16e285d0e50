/** A GAN ready to train: both networks, their Adam optimizers and the loss. */
import type { ModelConfig } from "../models/config.ts";
import {
  buildDiscriminator,
  buildGenerator,
  type Discriminator,
  type Generator,
} from "../models/networks.ts";
import type { Rng } from "../random.ts";
import { GAN_LOSSES, type LossName } from "./losses.ts";
import type { GanLoss } from "./losses.ts";
import { Adam } from "./adam.ts";

export interface Gan {
  config: ModelConfig;
  G: Generator;
  D: Discriminator;
  optG: Adam;
  optD: Adam;
  loss: GanLoss;
}

export interface OptimizerConfig {
  /** The learning rate of D, and of G where `lrG` is not given. */
  lr: number;
  /** G's own learning rate (TTUR; InfoGAN's paper trains G 5x faster than D). */
  lrG?: number | null;
  beta1: number;
  beta2: number;
  loss: LossName;
}

/** The reference settings: Adam(2e-4, 0.5, 0.999), non-saturating loss. */
export const REFERENCE_OPTIMIZER: OptimizerConfig = {
  lr: 2e-4,
  beta1: 0.5,
  beta2: 0.999,
  loss: "nonsaturating",
};

/**
 * Adam's ε for the semi-supervised GAN. Salimans et al.'s code divides by
 * √(v̂ + 1e-8), ε inside the root, which floors the divisor near 1e-4; with
 * PyTorch's 1e-8 outside it (ours elsewhere) G's feature matching blew up
 * here (D told every sample of G apart) in 4 of 5 runs by iteration 4,000,
 * with 1e-4 outside in neither of 2 (seeds that had blown up at 3,800 and 1,140).
 */
export const SEMI_SUPERVISED_EPS = 1e-4;

export function createGan(config: ModelConfig, opt: OptimizerConfig, rng: Rng): Gan {
  const G = buildGenerator(config, rng), D = buildDiscriminator(config, rng);
  const { lr, lrG, beta1, beta2 } = opt;
  const eps = config.arch === "ssgan" ? SEMI_SUPERVISED_EPS : undefined;
  return {
    config,
    G,
    D,
    optG: new Adam(G.params.trainable, { lr: lrG ?? lr, beta1, beta2, eps }),
    optD: new Adam(D.params.trainable, { lr, beta1, beta2, eps }),
    loss: GAN_LOSSES[opt.loss],
  };
}
