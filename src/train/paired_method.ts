/**
 * pix2pix and SRGAN as the translation loop trains them: batches of pairs in
 * the epoch's order, one D and one G update each (src/train/translation_update.ts).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { PairedDataset, PairedSplit } from "../data/paired.ts";
import { CLASSIFIED_DATA, loadClassifier } from "../models/classifier_store.ts";
import { CLASSIFIER_SHAPE } from "../models/classifier.ts";
import type { Layer } from "../models/layers.ts";
import { buildPatchDiscriminator, buildTranslator } from "../models/translation_networks.ts";
import type { TranslationModel } from "../models/translation_config.ts";
import { OptionError } from "../options/option_error.ts";
import { Rng } from "../random.ts";
import { Adam } from "./adam.ts";
import { epochOrder } from "./batches.ts";
import type { TranslationMethod } from "./translation_method.ts";
import type { TranslationRecord, TranslationRun } from "./translation_record.ts";
import { contentLoss, type TranslationNets, translationUpdate } from "./translation_update.ts";

/** Test pairs in each epoch's picture. */
const SHOWN = 8;

export async function pairedMethod(run: TranslationRun, data: PairedDataset): Promise<TranslationMethod> {
  if (data.train.n < run.batch) {
    throw new OptionError(`{batch} ${run.batch} exceeds the ${data.train.n} training pairs`);
  }
  const content = contentLoss(run, run.content === "features" ? await featureMaps(data) : undefined);
  const model: TranslationModel = {
    arch: run.model,
    input: data.shapeA as TranslationModel["input"],
    output: data.shapeB as TranslationModel["output"],
    width: run.width,
  };
  const record: TranslationRecord = {
    kind: "translation",
    run,
    model,
    from: data.from,
    to: data.to,
    ...(data.classes ? { classes: data.classes } : {}),
  };
  const nets = buildNets(model, run);
  const { G, D, optG, optD } = nets;
  const weights = new Map([...G.params.all(), ...(D?.params.all() ?? [])]);
  let order: { seed: number; order: Int32Array } | undefined;
  return {
    record,
    perEpoch: Math.floor(data.train.n / run.batch),
    weights,
    optimizers: { G: optG, ...(optD ? { D: optD } : {}) },
    update: async (index, epochSeed) => {
      if (order?.seed !== epochSeed) order = { seed: epochSeed, order: epochOrder(data.train.n, epochSeed) };
      const batch = pairBatch(data, data.train, order.order, index * run.batch, run.batch);
      const stats = await translationUpdate(nets, batch, content, run.adversarialWeight);
      tf.dispose([batch.a, batch.b]);
      return stats;
    },
    pictureRows: async () => {
      const { shapeA, shapeB, test } = data, n = Math.min(SHOWN, test.n);
      const a = test.a.subarray(0, n * shapeA[0] * shapeA[1] * shapeA[2]);
      const fake = tf.tidy(() => G.apply(tf.tensor(a, [n, ...shapeA]), false));
      const outputs = await fake.data() as Float32Array;
      fake.dispose();
      return [
        { x: a, side: shapeA[0], channels: shapeA[2] },
        { x: outputs, side: shapeB[0], channels: shapeB[2] },
        { x: test.b, side: shapeB[0], channels: shapeB[2] },
      ];
    },
    dispose: () =>
      tf.dispose([...weights.values(), ...optG.moments().values(), ...(optD?.moments().values() ?? [])]),
  };
}

function buildNets(model: TranslationModel, run: TranslationRun): TranslationNets {
  const rng = Rng.seeded(run.seed), adam = { lr: run.lr, beta1: run.beta1, beta2: run.beta2 };
  const G = buildTranslator(model, rng);
  const D = run.adversarial ? buildPatchDiscriminator(model, rng) : undefined;
  return {
    G,
    optG: new Adam(G.params.trainable, adam),
    ...(D ? { D, optD: new Adam(D.params.trainable, adam) } : {}),
  };
}

/** The feature maps of the targets' classifier, which a `features` content term compares. */
async function featureMaps({ to, shapeB }: PairedDataset): Promise<Layer> {
  if (!(CLASSIFIED_DATA as readonly string[]).includes(to) || shapeB.join() !== CLASSIFIER_SHAPE.join()) {
    throw new OptionError(
      `{content} features compares a classifier's feature maps: the targets must be ${
        CLASSIFIED_DATA.join(" or ")
      } at 28x28, not ${to}`,
    );
  }
  return (await loadClassifier(to)).classifier.maps;
}

/** Pairs `order[first .. first + size)` of the split as tensors. */
function pairBatch(data: PairedDataset, split: PairedSplit, order: Int32Array, first: number, size: number) {
  const take = (x: Float32Array, shape: number[]) => {
    const sample = shape[0] * shape[1] * shape[2], out = new Float32Array(size * sample);
    for (let i = 0; i < size; i++) {
      out.set(x.subarray(order[first + i] * sample, (order[first + i] + 1) * sample), i * sample);
    }
    return tf.tensor(out, [size, ...shape]);
  };
  return { a: take(split.a, data.shapeA), b: take(split.b, data.shapeB) };
}
