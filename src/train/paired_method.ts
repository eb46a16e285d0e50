/**
 * pix2pix and SRGAN as the translation loop trains them: batches of pairs in
 * the epoch's order, one D and one G update each (src/train/translation_iteration.ts).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { PairedDataset } from "../data/paired.ts";
import { CLASSIFIED_DATA, loadClassifier } from "../models/classifier_store.ts";
import { type Classifier, CLASSIFIER_SHAPE } from "../models/classifier.ts";
import { buildPatchDiscriminator, buildTranslator } from "../models/translation_networks.ts";
import type { TranslationModel } from "../models/translation_config.ts";
import { OptionError } from "../options/option_error.ts";
import { Rng } from "../random.ts";
import { Adam } from "./adam.ts";
import { epochOrder, gather } from "./batches.ts";
import type { TranslationMethod } from "./translation_method.ts";
import { translationRecord, type TranslationRun } from "./translation_record.ts";
import { contentLoss, translationIteration, type TranslationNets } from "./translation_iteration.ts";

/** Test pairs in each epoch's picture. */
const SHOWN = 8;

export async function pairedMethod(run: TranslationRun, data: PairedDataset): Promise<TranslationMethod> {
  if (data.train.n < run.batch) {
    throw new OptionError(`{batch} ${run.batch} exceeds the ${data.train.n} training pairs`);
  }
  const classifier = run.content === "features" ? await contentClassifier(data) : undefined;
  const content = contentLoss(run, classifier?.maps);
  const model: TranslationModel = {
    arch: run.model,
    input: data.shapeA as TranslationModel["input"],
    output: data.shapeB as TranslationModel["output"],
    width: run.width,
  };
  const record = translationRecord(run, model, data);
  const nets = buildNets(model, run);
  const { G, D, optG, optD } = nets;
  const weights = new Map([...G.params.all(), ...(D?.params.all() ?? [])]);
  let order: { seed: number; order: Int32Array } | undefined;
  return {
    record,
    perEpoch: Math.floor(data.train.n / run.batch),
    weights,
    optimizers: { G: optG, ...(optD ? { D: optD } : {}) },
    iterate: async (index, orderSeed) => {
      if (order?.seed !== orderSeed) order = { seed: orderSeed, order: epochOrder(data.train.n, orderSeed) };
      const [first, { a, b }] = [index * run.batch, data.train];
      const batch = {
        a: gather(a, order.order, first, run.batch, data.shapeA),
        b: gather(b, order.order, first, run.batch, data.shapeB),
      };
      const stats = await translationIteration(nets, batch, content, run.adversarialWeight);
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
      tf.dispose([
        ...weights.values(),
        ...optG.moments().values(),
        ...(optD?.moments().values() ?? []),
        ...(classifier?.params.all().values() ?? []),
      ]),
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

/** The targets' classifier, whose feature maps a `features` content term compares. */
async function contentClassifier({ to, shapeB }: PairedDataset): Promise<Classifier> {
  if (!(CLASSIFIED_DATA as readonly string[]).includes(to) || shapeB.join() !== CLASSIFIER_SHAPE.join()) {
    throw new OptionError(
      `{content} features compares a classifier's feature maps: the targets must be ${
        CLASSIFIED_DATA.join(" or ")
      } at 28x28, not ${to}`,
    );
  }
  return (await loadClassifier(to)).classifier;
}
