/**
 * A trained translation model (pix2pix) as the eval and the server use it:
 * its record and U-Net from a checkpoint, and the outputs for a batch of
 * inputs. It runs on tfjs's backend, not on the forward engine of
 * src/sampling/forward.ts, which covers the GANs' sequential generators.
 */
import * as tf from "@tensorflow/tfjs-core";
import { loadCheckpoint } from "../checkpoint/checkpoint.ts";
import { assignVariables } from "../checkpoint/variables.ts";
import { buildTranslator, type Translator } from "../models/translation_networks.ts";
import { Rng } from "../random.ts";
import { asTranslationRecord, type TranslationRecord } from "../train/translation_config.ts";

/** Inputs per forward pass, to bound memory. */
const BATCH = 256;

export interface TrainedTranslation {
  record: TranslationRecord;
  G: Translator;
  iterations: number;
}

/** The translation model in checkpoint directory `dir`; an error if it holds some other model. */
export async function loadTranslation(dir: string): Promise<TrainedTranslation> {
  const checkpoint = await loadCheckpoint(dir);
  const record = asTranslationRecord(checkpoint.config);
  if (!record) throw new Error(`${dir} holds no translation model`);
  const G = buildTranslator(record.model, Rng.seeded(0)); // every initial weight is overwritten
  assignVariables(G.params.all(), checkpoint.weights);
  return { record, G, iterations: checkpoint.state.iterations };
}

/** G's outputs for `n` inputs laid out in `x`, NHWC in [-1, 1]. */
export async function translate(
  { record, G }: TrainedTranslation,
  x: Float32Array,
  n: number,
): Promise<Float32Array> {
  const [inSize, outSize] = [record.model.input, record.model.output].map((s) => s[0] * s[1] * s[2]);
  const out = new Float32Array(n * outSize);
  for (let first = 0; first < n; first += BATCH) {
    const count = Math.min(BATCH, n - first);
    const y = tf.tidy(() =>
      G.apply(
        tf.tensor(x.subarray(first * inSize, (first + count) * inSize), [count, ...record.model.input]),
        false,
      )
    );
    out.set(await y.data(), first * outSize);
    y.dispose();
  }
  return out;
}
