/**
 * An exponential moving average of a network's weights (Yazıcı et al.
 * 2019; Polyak averaging): a second copy whose variables trail the trained
 * one's. G's draws the sample grids and is saved as the model; a
 * semi-supervised run's D's is saved as its classifier, as Salimans et al.'s
 * code reads its test error from an average of D. The raw networks keep
 * training.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Params } from "../models/params.ts";

export class Ema<N extends { params: Params }> {
  /** `net` is a network of the source's shape; its initial values are overwritten at once. */
  constructor(readonly net: N, source: N, readonly decay: number) {
    const from = source.params.all();
    for (const [name, v] of net.params.all()) v.assign(from.get(name)!);
  }

  /**
   * Moves the average towards `source` after `iterations` iterations (once
   * an iteration, however many updates D takes in it). The decay ramps up as
   * (1 + iterations) / (10 + iterations), as TensorFlow's
   * ExponentialMovingAverage does, so short runs are not dominated by the
   * random initial weights.
   */
  update(source: N, iterations: number): void {
    const decay = Math.min(this.decay, (1 + iterations) / (10 + iterations));
    const from = source.params.all();
    tf.tidy(() => {
      for (const [name, v] of this.net.params.all()) {
        v.assign(tf.add(tf.mul(v, decay), tf.mul(from.get(name)!, 1 - decay)));
      }
    });
  }
}
