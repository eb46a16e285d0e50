/**
 * Adam (Kingma & Ba 2015) as PyTorch runs it, over a named set of variables,
 * with its whole state (update count, first and second moments) by
 * parameter name, so a checkpoint saves it and a resumed run continues
 * exactly.
 */
import * as tf from "@tensorflow/tfjs-core";
import { ADAM, type AdamAttrs } from "../backend/kernel_names.ts";
import { ownedVariable } from "../models/params.ts";

export interface AdamConfig {
  lr: number;
  beta1: number;
  beta2: number;
  eps?: number;
}

/** PyTorch's ε, where a config gives none. */
export const ADAM_EPS = 1e-8;

export class Adam {
  /** Updates made so far: Adam's t. */
  updates = 0;
  /** The step size of the next update; a schedule may change it between updates. */
  lr: number;
  readonly #params: Map<string, tf.Variable>;
  readonly #m = new Map<string, tf.Variable>();
  readonly #v = new Map<string, tf.Variable>();
  readonly #config: Required<Omit<AdamConfig, "lr">>;

  constructor(params: Map<string, tf.Variable>, config: AdamConfig) {
    this.#params = params;
    const { lr, ...rest } = config;
    this.lr = lr;
    this.#config = { ...rest, eps: rest.eps ?? ADAM_EPS };
    for (const [name, p] of params) {
      this.#m.set(name, ownedVariable(tf.zerosLike(p), false));
      this.#v.set(name, ownedVariable(tf.zerosLike(p), false));
    }
  }

  /** The ε added to √v̂. */
  get eps(): number {
    return this.#config.eps;
  }

  /** One update that lowers `loss`; returns the loss before it. */
  minimize(loss: () => tf.Scalar): tf.Scalar {
    const names = [...this.#params.keys()];
    const byTfName = new Map(names.map((n) => [this.#params.get(n)!.name, n]));
    const { value, grads } = tf.variableGrads(loss, [...this.#params.values()]);
    this.updates++;
    const { beta1, beta2, eps } = this.#config, lr = this.lr;
    // Bias corrections folded into the step size, as PyTorch does.
    const correction = Math.sqrt(1 - beta2 ** this.updates);
    const attrs: AdamAttrs = {
      beta1,
      beta2,
      size: lr * correction / (1 - beta1 ** this.updates),
      eps: eps * correction,
    };
    tf.tidy(() => {
      for (const [tfName, g] of Object.entries(grads)) {
        const name = byTfName.get(tfName)!;
        const p = this.#params.get(name)!, m = this.#m.get(name)!, v = this.#v.get(name)!;
        const [p1, m1, v1] = tf.engine().runKernel(ADAM, { p, g, m, v }, { ...attrs }) as tf.Tensor[];
        m.assign(m1);
        v.assign(v1);
        p.assign(p1);
      }
    });
    tf.dispose(Object.values(grads));
    return value;
  }

  /** The moments by `<param>/m` and `<param>/v`; the update count is saved apart. */
  moments(): Map<string, tf.Variable> {
    const out = new Map<string, tf.Variable>();
    for (const name of this.#params.keys()) {
      out.set(`${name}/m`, this.#m.get(name)!);
      out.set(`${name}/v`, this.#v.get(name)!);
    }
    return out;
  }
}
