/**
 * A translation model's generators (pix2pix's, SRGAN's, CycleGAN's two) as
 * the eval and the server run them: built from its weights, and applied to a
 * batch of inputs. They run on tfjs's backend, not on the forward engine of
 * src/sampling/forward.ts, which covers the GANs' sequential generators.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Tensors } from "../checkpoint/tensors.ts";
import { assignNewVariables } from "../checkpoint/variables.ts";
import type { TranslationModel } from "../models/translation_config.ts";
import { buildTranslator, type Translator } from "../models/translation_networks.ts";
import { Rng } from "../random.ts";

/** Inputs per forward pass, to bound memory. */
const BATCH = 256;

export interface Translation {
  model: TranslationModel;
  G: Translator;
  /** CycleGAN's F, which translates back, from the output domain to the input one. */
  F?: Translator;
}

/** Which way to translate: G's (from the input domain), or a CycleGAN's F's (back from the output domain). */
export type Direction = "forward" | "backward";

/** The generators of `model` with the saved `weights` (other networks' weights among them are left). */
export function translationFrom(model: TranslationModel, weights: Tensors): Translation {
  const saved = (name: "G" | "F") => {
    const net = buildTranslator(model, Rng.seeded(0), name); // every initial weight is overwritten
    assignNewVariables(net.params.all(), weights);
    return net;
  };
  const G = saved("G");
  if (model.arch !== "cyclegan") return { model, G };
  try {
    return { model, G, F: saved("F") };
  } catch (e) {
    disposeTranslation({ model, G });
    throw e;
  }
}

/** The outputs for `n` inputs laid out in `x`, NHWC in [-1, 1]: G's, or F's going `backward`. */
export async function translate(
  { model, G, F }: Translation,
  x: Float32Array,
  n: number,
  direction: Direction = "forward",
): Promise<Float32Array> {
  const net = direction === "forward" ? G : F;
  if (!net) throw new Error(`a ${model.arch} model translates forward only`);
  const [from, to] = direction === "forward" ? [model.input, model.output] : [model.output, model.input];
  const [inSize, outSize] = [from, to].map((s) => s[0] * s[1] * s[2]);
  const out = new Float32Array(n * outSize);
  for (let first = 0; first < n; first += BATCH) {
    const count = Math.min(BATCH, n - first);
    const y = tf.tidy(() =>
      net.apply(tf.tensor(x.subarray(first * inSize, (first + count) * inSize), [count, ...from]), false)
    );
    try {
      out.set(await y.data(), first * outSize);
    } finally {
      y.dispose();
    }
  }
  return out;
}

/** Frees the generators' variables. */
export function disposeTranslation({ G, F }: Translation): void {
  tf.dispose([...G.params.all().values(), ...(F?.params.all().values() ?? [])]);
}
