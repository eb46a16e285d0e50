/**
 * Generators (and a semi-supervised model's discriminator) loaded from their checkpoints, the few most recently used kept
 * in memory (a DCGAN generator's variables take a few megabytes each).
 */
import * as tf from "@tensorflow/tfjs-core";
import { loadCheckpoint } from "../checkpoint/checkpoint.ts";
import type { Tensors } from "../checkpoint/tensors.ts";
import { assignVariables } from "../checkpoint/variables.ts";
import { kernelRuntime } from "../backend/select.ts";
import { buildDiscriminator, type Discriminator } from "../models/networks.ts";
import { Rng } from "../random.ts";
import { type Forward, forwardGenerator } from "../sampling/forward.ts";
import { generatorTensors } from "../sampling/generator.ts";
import type { ModelEntry } from "./registry.ts";

export interface LoadedModel {
  entry: ModelEntry;
  G: Forward;
  /** The generator's tensors, as the browser downloads them. */
  weights: Tensors;
  /** A semi-supervised model's discriminator, its classifier. */
  D?: Discriminator;
}

export class ModelCache {
  /** Least recently used first: a Map iterates in insertion order. */
  readonly #loaded = new Map<string, { modified: number; model: Promise<LoadedModel> }>();

  constructor(readonly capacity = 4) {}

  load(entry: ModelEntry): Promise<LoadedModel> {
    const hit = this.#loaded.get(entry.id);
    if (hit?.modified === entry.modified) {
      this.#loaded.delete(entry.id);
      this.#loaded.set(entry.id, hit); // now the most recently used
      return hit.model;
    }
    if (hit) this.#evict(entry.id);
    const model = load(entry);
    this.#loaded.set(entry.id, { modified: entry.modified, model });
    model.catch(() => { // load it again next time
      if (this.#loaded.get(entry.id)?.model === model) this.#loaded.delete(entry.id);
    });
    while (this.#loaded.size > this.capacity) this.#evict(this.#loaded.keys().next().value!);
    return model;
  }

  #evict(id: string): void {
    const { model } = this.#loaded.get(id)!;
    this.#loaded.delete(id);
    model.then(({ D }) => {
      if (D) tf.dispose([...D.params.all().values()]);
    }, () => {});
  }
}

async function load(entry: ModelEntry): Promise<LoadedModel> {
  const all = (await loadCheckpoint(entry.dir)).weights, weights = generatorTensors(all);
  const { model } = entry.record;
  const loaded: LoadedModel = { entry, G: forwardGenerator(model, weights, await kernelRuntime()), weights };
  if (model.classifies) {
    loaded.D = buildDiscriminator(model, Rng.seeded(0)); // the random initial values are overwritten at once
    assignVariables(loaded.D.params.all(), all);
  }
  return loaded;
}
