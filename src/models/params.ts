/**
 * The variables of one network, by name, created from our seeded RNG so that
 * the same seed gives the same initial weights on every backend.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../random.ts";

export type Init =
  | { normal: number; mean?: number } // N(mean, std²): DCGAN's N(0, 0.02)
  | { uniform: number } // U(-a, a): PyTorch's default for linear and conv layers
  | { constant: number }
  | { values: Float32Array }; // given outright, e.g. a virtual batch norm's reference batch

/**
 * A variable that owns `initial`'s data: tf.variable shares the data and keeps
 * `initial` counted, so without this the data outlives the variable's dispose.
 */
export function ownedVariable(initial: tf.Tensor, trainable: boolean): tf.Variable {
  const v = tf.variable(initial, trainable);
  initial.dispose();
  return v;
}

export class Params {
  /** Trained by the optimizer. */
  readonly trainable = new Map<string, tf.Variable>();
  /** Updated by the forward pass itself (batch norm's running averages). */
  readonly stats = new Map<string, tf.Variable>();

  constructor(readonly prefix: string, readonly rng: Rng) {}

  weight(name: string, shape: number[], init: Init): tf.Variable {
    return this.#add(this.trainable, name, shape, init, true);
  }

  stat(name: string, shape: number[], init: Init): tf.Variable {
    return this.#add(this.stats, name, shape, init, false);
  }

  /** Every variable, trainable or not, by its full name. */
  all(): Map<string, tf.Variable> {
    return new Map([...this.trainable, ...this.stats]);
  }

  #add(into: Map<string, tf.Variable>, name: string, shape: number[], init: Init, trainable: boolean) {
    const full = `${this.prefix}/${name}`;
    if (into.has(full)) throw new Error(`parameter ${full} defined twice`);
    // tfjs names variables globally; ours live in this map, so two models can coexist.
    const v = ownedVariable(tf.tensor(this.#values(shape, init), shape), trainable);
    into.set(full, v);
    return v;
  }

  #values(shape: number[], init: Init): Float32Array {
    const n = shape.reduce((a, b) => a * b, 1);
    if ("constant" in init) return new Float32Array(n).fill(init.constant);
    if ("values" in init) return init.values;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      out[i] = "normal" in init
        ? (init.mean ?? 0) + init.normal * this.rng.normal()
        : (2 * this.rng.float() - 1) * init.uniform;
    }
    return out;
  }
}
