/**
 * Generators (and a semi-supervised model's discriminator), and translation
 * models, loaded from their checkpoints for the server.
 */
import * as tf from "@tensorflow/tfjs-core";
import { loadWeights } from "../checkpoint/checkpoint.ts";
import type { Tensors } from "../checkpoint/tensors.ts";
import { assignNewVariables } from "../checkpoint/variables.ts";
import { kernelRuntime } from "../backend/select.ts";
import { buildDiscriminator, type Discriminator } from "../models/networks.ts";
import { Rng } from "../random.ts";
import { type Forward, forwardGenerator } from "../sampling/forward.ts";
import { generatorTensors } from "../sampling/generator.ts";
import { loadTranslation, type TrainedTranslation } from "../eval/translation_run.ts";
import { disposeTranslation } from "../sampling/translation.ts";
import { LoadCache } from "./load_cache.ts";
import type { ModelEntry, TranslatorEntry } from "./model_entry.ts";

export interface LoadedModel {
  entry: ModelEntry;
  G: Forward;
  /** The generator's tensors, as the browser downloads them. */
  weights: Tensors;
  /** A semi-supervised model's discriminator, its classifier. */
  D?: Discriminator;
}

/** The server's GANs, loaded on first use. */
export const modelCache = () =>
  new LoadCache<ModelEntry, LoadedModel>(load, ({ D }) => {
    if (D) tf.dispose([...D.params.all().values()]);
  });

async function load(entry: ModelEntry): Promise<LoadedModel> {
  const all = (await loadWeights(entry.dir)).weights, weights = generatorTensors(all);
  const { model } = entry.record;
  const loaded: LoadedModel = { entry, G: forwardGenerator(model, weights, await kernelRuntime()), weights };
  if (model.classifies) {
    loaded.D = buildDiscriminator(model, Rng.seeded(0)); // the random initial values are overwritten at once
    assignNewVariables(loaded.D.params.all(), all);
  }
  return loaded;
}

/** The server's translation models, loaded on first use; their variables are freed when they are evicted. */
export const translatorCache = () =>
  new LoadCache<TranslatorEntry, TrainedTranslation>(
    (entry) => loadTranslation(entry.dir),
    disposeTranslation,
    2,
  );
