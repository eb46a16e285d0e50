/**
 * An exponential moving average of the generator's weights (Yazıcı et al.
 * 2019): a second generator whose variables trail the trained one's. It
 * draws the sample grids and is saved as the model; the raw generator keeps
 * training.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { ModelConfig } from "../models/config.ts";
import { buildGenerator, type Generator } from "../models/networks.ts";
import { Rng } from "../random.ts";

export class Ema {
  readonly G: Generator;

  constructor(config: ModelConfig, source: Generator, readonly decay: number) {
    // The initial values are overwritten at once; the seed only has to be some seed.
    this.G = buildGenerator(config, Rng.seeded(0));
    const from = source.params.all();
    for (const [name, v] of this.G.params.all()) v.assign(from.get(name)!);
  }

  /**
   * Moves the average towards `source` after `iterations` iterations (one
   * generator update each). The decay ramps up as
   * (1 + iterations) / (10 + iterations), as TensorFlow's
   * ExponentialMovingAverage does, so short runs are not dominated by the
   * random initial weights.
   */
  update(source: Generator, iterations: number): void {
    const decay = Math.min(this.decay, (1 + iterations) / (10 + iterations));
    const from = source.params.all();
    tf.tidy(() => {
      for (const [name, v] of this.G.params.all()) {
        v.assign(tf.add(tf.mul(v, decay), tf.mul(from.get(name)!, 1 - decay)));
      }
    });
  }
}
