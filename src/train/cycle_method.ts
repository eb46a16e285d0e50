/**
 * CycleGAN as the translation loop trains it: each iteration a batch of
 * each domain, in the epoch's order of each, for cycleIteration
 * (src/train/cycle_iteration.ts). An epoch is one pass over the smaller domain.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { UnpairedDataset } from "../data/unpaired.ts";
import { buildPatchDiscriminator, buildTranslator } from "../models/translation_networks.ts";
import type { TranslationModel } from "../models/translation_config.ts";
import { OptionError } from "../options/option_error.ts";
import { Rng } from "../random.ts";
import { Adam } from "./adam.ts";
import { epochOrder, gather } from "./batches.ts";
import { cycleIteration, type CycleNets } from "./cycle_iteration.ts";
import { History } from "./history.ts";
import type { TranslationMethod } from "./translation_method.ts";
import { translationRecord, type TranslationRun } from "./translation_record.ts";

/** Test images of each domain in each epoch's picture. */
const SHOWN = 8;

export function cycleMethod(run: TranslationRun, data: UnpairedDataset): TranslationMethod {
  const smaller = Math.min(data.a.train.n, data.b.train.n);
  if (smaller < run.batch) {
    throw new OptionError(
      `{batch} ${run.batch} exceeds the ${smaller} training images of the smaller domain`,
    );
  }
  const shape = data.shape as TranslationModel["input"];
  const model: TranslationModel = { arch: "cyclegan", input: shape, output: shape, width: run.width };
  const record = translationRecord(run, model, data);
  const rng = Rng.seeded(run.seed), adam = { lr: run.lr, beta1: run.beta1, beta2: run.beta2 };
  const [G, F] = [buildTranslator(model, rng, "G"), buildTranslator(model, rng, "F")];
  const [DA, DB] = [buildPatchDiscriminator(model, rng, "DA"), buildPatchDiscriminator(model, rng, "DB")];
  const nets: CycleNets = {
    G,
    F,
    DA,
    DB,
    optG: new Adam(new Map([...G.params.trainable, ...F.params.trainable]), adam),
    optD: new Adam(new Map([...DA.params.trainable, ...DB.params.trainable]), adam),
  };
  const history = { A: new History(run.history, shape), B: new History(run.history, shape) };
  const weights = new Map([
    ...[G, F, DA, DB].flatMap((net) => [...net.params.all()]),
    ["history/A/images", history.A.images],
    ["history/A/count", history.A.count],
    ["history/B/images", history.B.images],
    ["history/B/count", history.B.count],
  ]);
  let orders: { seed: number; a: Int32Array; b: Int32Array } | undefined;
  const cycleWeights = { cycle: run.cycleWeight, identity: run.identityWeight };
  return {
    record,
    perEpoch: Math.floor(smaller / run.batch),
    weights,
    optimizers: { G: nets.optG, D: nets.optD },
    iterate: async (index, orderSeed, rng) => {
      if (orders?.seed !== orderSeed) {
        orders = {
          seed: orderSeed,
          a: epochOrder(data.a.train.n, orderSeed),
          b: epochOrder(data.b.train.n, (orderSeed + 1) >>> 0),
        };
      }
      const first = index * run.batch;
      const batch = {
        a: gather(data.a.train.x, orders.a, first, run.batch, shape),
        b: gather(data.b.train.x, orders.b, first, run.batch, shape),
      };
      const stats = await cycleIteration(nets, batch, cycleWeights, history, rng);
      tf.dispose([batch.a, batch.b]);
      return stats;
    },
    pictureRows: async () => {
      const row = (x: Float32Array) => ({ x, side: shape[0], channels: shape[2] });
      const size = shape[0] * shape[1] * shape[2];
      const [a, b] = [data.a.test, data.b.test].map((split) => {
        const n = Math.min(SHOWN, split.n);
        return tf.tensor(split.x.subarray(0, n * size), [n, ...shape]);
      });
      const [toB, backA, toA, backB] = tf.tidy(() => {
        const fakeB = G.apply(a, false), fakeA = F.apply(b, false);
        return [fakeB, F.apply(fakeB, false), fakeA, G.apply(fakeA, false)];
      });
      const values = await Promise.all(
        [a, toB, backA, b, toA, backB].map((t) => t.data() as Promise<Float32Array>),
      );
      tf.dispose([a, b, toB, backA, toA, backB]);
      return values.map(row);
    },
    dispose: () =>
      tf.dispose([...weights.values(), ...nets.optG.moments().values(), ...nets.optD.moments().values()]),
  };
}
