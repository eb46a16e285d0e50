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
  /** Adam's ε, added to √v̂; ADAM_EPS where not given. */
  eps?: number;
  loss: LossName;
}

/** The reference settings: Adam(2e-4, 0.5, 0.999), non-saturating loss. */
export const REFERENCE_OPTIMIZER: OptimizerConfig = {
  lr: 2e-4,
  beta1: 0.5,
  beta2: 0.999,
  loss: "nonsaturating",
};

export function createGan(config: ModelConfig, opt: OptimizerConfig, rng: Rng): Gan {
  const G = buildGenerator(config, rng), D = buildDiscriminator(config, rng);
  const { lr, lrG, beta1, beta2, eps } = opt;
  return {
    config,
    G,
    D,
    optG: new Adam(G.params.trainable, { lr: lrG ?? lr, beta1, beta2, eps }),
    optD: new Adam(D.params.trainable, { lr, beta1, beta2, eps }),
    loss: GAN_LOSSES[opt.loss],
  };
}
