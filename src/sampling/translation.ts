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
  /** CycleGAN's F, which translates back, from the output domain to the input one. */
  F?: Translator;
  iterations: number;
}

/** Which way to translate: G's (from the input domain), or a CycleGAN's F's (back from the output domain). */
export type Direction = "forward" | "backward";

/** The translation model in checkpoint directory `dir`; an error if it holds some other model. */
export async function loadTranslation(dir: string): Promise<TrainedTranslation> {
  const checkpoint = await loadCheckpoint(dir);
  const record = asTranslationRecord(checkpoint.config);
  if (!record) throw new Error(`${dir} holds no translation model`);
  // Every initial weight is overwritten; weights of other networks in the checkpoint (D, history) are left.
  const G = buildTranslator(record.model, Rng.seeded(0));
  assignVariables(G.params.all(), checkpoint.weights);
  const F = record.model.arch === "cyclegan" ? buildTranslator(record.model, Rng.seeded(0), "F") : undefined;
  if (F) assignVariables(F.params.all(), checkpoint.weights);
  return { record, G, ...(F ? { F } : {}), iterations: checkpoint.state.iterations };
}

/** The outputs for `n` inputs laid out in `x`, NHWC in [-1, 1]: G's, or F's going `backward`. */
export async function translate(
  { record, G, F }: TrainedTranslation,
  x: Float32Array,
  n: number,
  direction: Direction = "forward",
): Promise<Float32Array> {
  const net = direction === "forward" ? G : F;
  if (!net) throw new Error(`a ${record.model.arch} model translates forward only`);
  const [from, to] = direction === "forward"
    ? [record.model.input, record.model.output]
    : [record.model.output, record.model.input];
  const [inSize, outSize] = [from, to].map((s) => s[0] * s[1] * s[2]);
  const out = new Float32Array(n * outSize);
  for (let first = 0; first < n; first += BATCH) {
    const count = Math.min(BATCH, n - first);
    const y = tf.tidy(() =>
      net.apply(tf.tensor(x.subarray(first * inSize, (first + count) * inSize), [count, ...from]), false)
    );
    out.set(await y.data(), first * outSize);
    y.dispose();
  }
  return out;
}
