/**
 * CycleGAN's history of generated images (Shrivastava et al. 2017; Zhu et
 * al. 2017): its D learns from a buffer of the last images G made, not only
 * from the newest. Until the buffer is full each new image goes in and is
 * used; after, each new image is used as it is half the time, and half the
 * time it replaces a random stored one, which is used instead. The buffer is
 * a tfjs variable, so checkpoints save it with the weights.
 */
import * as tf from "@tensorflow/tfjs-core";
import { ownedVariable } from "../models/params.ts";
import type { Rng } from "../random.ts";

export class History {
  /** [capacity, ...shape]; `count` of them filled. */
  readonly images: tf.Variable;
  readonly count: tf.Variable;

  constructor(readonly capacity: number, readonly shape: number[]) {
    this.images = ownedVariable(tf.zeros([Math.max(1, capacity), ...shape]), false);
    this.count = ownedVariable(tf.scalar(0), false);
  }

  /** The images to use in place of the `fakes` just made (laid out one after another), storing what it keeps. */
  async draw(fakes: Float32Array, rng: Rng): Promise<Float32Array> {
    if (this.capacity === 0) return fakes;
    const size = this.shape.reduce((a, b) => a * b, 1);
    const stored = (await this.images.data() as Float32Array).slice();
    let count = (await this.count.data())[0];
    const out = fakes.slice();
    for (let i = 0; i < fakes.length / size; i++) {
      const fake = fakes.subarray(i * size, (i + 1) * size);
      if (count < this.capacity) {
        stored.set(fake, count++ * size);
      } else if (rng.float() < 0.5) {
        const k = rng.int(this.capacity);
        out.set(stored.subarray(k * size, (k + 1) * size), i * size);
        stored.set(fake, k * size);
      }
    }
    tf.tidy(() => {
      this.images.assign(tf.tensor(stored, this.images.shape));
      this.count.assign(tf.scalar(count));
    });
    return out;
  }
}
