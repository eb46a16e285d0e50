// ganUpdate tapes G's forward pass once for both updates; it must equal the
// plain sequence: a D update, then a G update through the updated D.
import * as tf from "@tensorflow/tfjs-core";
import { assert } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { type ModelConfig, referenceConfig } from "../src/models/config.ts";
import { Rng } from "../src/random.ts";
import { createGan, type Gan, REFERENCE_OPTIMIZER } from "../src/train/gan.ts";
import { type Batch, discriminatorUpdate, ganUpdate } from "../src/train/updates.ts";
import { featureMatchingLoss } from "../src/train/losses.ts";
import { modelConfig } from "../src/train/run_config.ts";
import { config as runConfigOf } from "./run_options.ts";

await initBackend({ threads: 2, log: false });

const config: ModelConfig = { ...referenceConfig("dcgan"), width: 8, latent: 10 };

function batches(n: number): Batch[] {
  const rng = Rng.seeded(11);
  return Array.from({ length: n }, () => ({
    real: tf.tensor(rng.normals(8 * 28 * 28).map(Math.tanh), [8, 28, 28, 1]),
    z: tf.tensor(rng.normals(8 * 10), [8, 10]),
  }));
}

async function plainUpdates(gan: Gan, b: Batch) {
  const d = await discriminatorUpdate(gan, b);
  const loss = tf.tidy(() =>
    gan.optG.minimize(() =>
      gan.loss.generator(
        gan.D.head(gan.D.features(gan.G.apply(b.z, undefined, true), undefined, true), undefined),
      )
    )
  );
  return { ...d, lossG: (await loss.data())[0] };
}

const weights = (gan: Gan) =>
  [...gan.G.params.trainable.values(), ...gan.D.params.trainable.values()].map((v) => v.dataSync());

Deno.test("ganUpdate equals a D update followed by a G update through the updated D", async () => {
  const fused = createGan(config, { ...REFERENCE_OPTIMIZER, lr: 0.05 }, Rng.seeded(1));
  const plain = createGan(config, { ...REFERENCE_OPTIMIZER, lr: 0.05 }, Rng.seeded(1));
  for (const b of batches(3)) {
    const a = await ganUpdate(fused, b), p = await plainUpdates(plain, b);
    for (const k of ["lossD", "lossG", "dReal", "dFake"] as const) {
      assert(Math.abs(a[k] - p[k]) < 1e-5, `${k}: ${a[k]} vs ${p[k]}`);
    }
  }
  const wa = weights(fused), wp = weights(plain);
  wa.forEach((w, i) => w.forEach((x, j) => assert(Math.abs(x - wp[i][j]) < 1e-5, `weight ${i}[${j}]`)));
  assert(fused.optG.updates === 3 && fused.optD.updates === 3);
});

Deno.test("ganUpdate leaks no tensors", async () => {
  const gan = createGan(config, REFERENCE_OPTIMIZER, Rng.seeded(2));
  const [b] = batches(1);
  await ganUpdate(gan, b);
  const before = tf.memory().numTensors;
  await ganUpdate(gan, b, { realTarget: 0.9, featureMatching: true });
  await ganUpdate(gan, b);
  assert(tf.memory().numTensors === before, `${tf.memory().numTensors} tensors, ${before} before`);
});

Deno.test("G's own learning rate applies to G alone: 0 freezes G, D updates as before", async () => {
  const frozenG = createGan(config, { ...REFERENCE_OPTIMIZER, lr: 0.05, lrG: 0 }, Rng.seeded(3));
  const same = createGan(config, { ...REFERENCE_OPTIMIZER, lr: 0.05 }, Rng.seeded(3));
  const gBefore = [...frozenG.G.params.trainable.values()].map((v) => v.dataSync().slice());
  const [b] = batches(1);
  await ganUpdate(frozenG, b);
  await ganUpdate(same, b);
  const moved = (gan: Gan) =>
    [...gan.G.params.trainable.values()].some((v, i) => v.dataSync().some((x, j) => x !== gBefore[i][j]));
  assert(!moved(frozenG), "G moved with lrG 0");
  assert(moved(same), "G did not move with lrG unset");
  const dA = [...frozenG.D.params.trainable.values()], dB = [...same.D.params.trainable.values()];
  dA.forEach((v, i) =>
    v.dataSync().forEach((x, j) => assert(x === dB[i].dataSync()[j], `D weight ${i}[${j}]`))
  );
});

Deno.test("D without batch dependence takes real and fake in one pass, with the same updates as two", async () => {
  const assertSame = async (c: ModelConfig, classes = 0) => {
    const joint = createGan(c, { ...REFERENCE_OPTIMIZER, lr: 0.05 }, Rng.seeded(3));
    const apart = createGan(c, { ...REFERENCE_OPTIMIZER, lr: 0.05 }, Rng.seeded(3));
    assert(!joint.D.batchDependent, `${c.arch} has no batch statistics`);
    apart.D.batchDependent = true; // judged one batch at a time
    const passes = [joint, apart].map((gan) => {
      const counted = { n: 0 }, features = gan.D.features;
      gan.D.features = (...args) => (counted.n++, features(...args));
      return counted;
    });
    const rng = Rng.seeded(4),
      labels = (n: number) =>
        tf.oneHot(tf.tensor1d([...Array(n).keys()].map((i) => i % classes), "int32"), classes);
    for (let i = 0; i < 3; i++) {
      const b: Batch = {
        real: tf.tensor(rng.normals(8 * 28 * 28).map(Math.tanh), [8, 28, 28, 1]),
        z: tf.tensor(rng.normals(8 * c.latent), [8, c.latent]),
        ...(classes ? { realLabels: labels(8), fakeLabels: tf.reverse(labels(8), 0) } : {}),
      };
      const a = await discriminatorUpdate(joint, b), p = await discriminatorUpdate(apart, b);
      for (const k of ["lossD", "dReal", "dFake"] as const) {
        assert(Math.abs(a[k] - p[k]) < 1e-5, `${c.arch} ${k}: ${a[k]} vs ${p[k]}`);
      }
    }
    const wa = weights(joint), wp = weights(apart);
    wa.forEach((w, i) => w.forEach((x, j) => assert(Math.abs(x - wp[i][j]) < 1e-5, `weight ${i}[${j}]`)));
    assert(passes[0].n === 3 && passes[1].n === 6, `passes through D: ${passes[0].n} and ${passes[1].n}`);
  };
  await assertSame({ ...config, dNorm: "none" });
  await assertSame({ ...referenceConfig("mlp"), latent: 10, classes: 3, conditioning: "projection" }, 3);
  assert(createGan(config, REFERENCE_OPTIMIZER, Rng.seeded(5)).D.batchDependent, "batch norm");
  const std = { ...config, dNorm: "none" as const, minibatchStd: true };
  assert(createGan(std, REFERENCE_OPTIMIZER, Rng.seeded(5)).D.batchDependent, "minibatch std");
});

Deno.test("feature matching keeps ACGAN's class term in G's loss", async () => {
  const c = modelConfig(
    runConfigOf("--model", "mlp", "--width", "16", "--conditional", "acgan"),
    [28, 28, 1],
    3,
  );
  const fused = createGan(c, { ...REFERENCE_OPTIMIZER, lr: 0.05 }, Rng.seeded(6));
  const plain = createGan(c, { ...REFERENCE_OPTIMIZER, lr: 0.05 }, Rng.seeded(6));
  const rng = Rng.seeded(7), labels = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], "int32"), 3);
  const b: Batch = {
    real: tf.tensor(rng.normals(8 * 28 * 28).map(Math.tanh), [8, 28, 28, 1]),
    z: tf.tensor(rng.normals(8 * c.latent), [8, c.latent]),
    realLabels: labels,
    fakeLabels: tf.reverse(labels, 0),
  };
  const { lossG } = await ganUpdate(fused, b, { featureMatching: true });
  await discriminatorUpdate(plain, b);
  const [matching, classes] = tf.tidy(() => {
    const D = plain.D, fake = plain.G.apply(b.z, b.fakeLabels, true);
    const features = D.features(fake, b.fakeLabels, true);
    const target = tf.mean(D.features(b.real, b.realLabels, true), 0);
    return [
      featureMatchingLoss(features, target),
      tf.losses.softmaxCrossEntropy(b.fakeLabels!, D.classify!(features, true)),
    ].map((t) => t.dataSync()[0]);
  });
  assert(classes > 0.01, `the class term is ${classes}`);
  assert(Math.abs(lossG - (matching + classes)) < 1e-5, `G's loss ${lossG}, terms ${matching} + ${classes}`);
});
