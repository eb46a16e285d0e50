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
  lr: number;
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

export function createGan(config: ModelConfig, opt: OptimizerConfig, rng: Rng): Gan {
  const G = buildGenerator(config, rng), D = buildDiscriminator(config, rng);
  return {
    config,
    G,
    D,
    optG: new Adam(G.params.trainable, opt),
    optD: new Adam(D.params.trainable, opt),
    loss: GAN_LOSSES[opt.loss],
  };
}
