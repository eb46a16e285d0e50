// The semi-supervised GAN: its labelled samples (balanced, seeded,
// recorded), its losses on a tiny batch, and its flags.
import * as tf from "@tensorflow/tfjs-core";
import { join } from "node:path";
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { loadCheckpoint } from "../src/checkpoint/checkpoint.ts";
import { FLAG_SURFACE } from "../src/cli/command_line.ts";
import { type ModelConfig, referenceConfig } from "../src/models/config.ts";
import { OptionError } from "../src/options/option_error.ts";
import { Rng } from "../src/random.ts";
import { noiseBatch } from "../src/train/batches.ts";
import { createGan, REFERENCE_OPTIMIZER } from "../src/train/gan.ts";
import { chooseLabelled, labelledBatch } from "../src/train/labelled.ts";
import { RUN_CONFIG } from "../src/train/run_config.ts";
import { readRunRecord } from "../src/train/run_record.ts";
import { semiSupervisedIteration, unlabelledLoss } from "../src/train/semi_supervised_iteration.ts";
import { train } from "../src/train/trainer.ts";
import { testError } from "../src/train/test_error.ts";
import type { Discriminator } from "../src/models/networks.ts";
import type { UpdateStats } from "../src/train/update_stats.ts";
import { oneHot } from "../src/models/labels.ts";
import { weightNormDense } from "../src/models/layers.ts";
import { Params } from "../src/models/params.ts";
import { config, configError } from "./run_options.ts";
import { withTempDir } from "./temp_dir.ts";
import { classifierReport, confusionImage } from "../src/eval/semi_supervised.ts";
import type { Split } from "../src/data/types.ts";

await initBackend({ threads: 2, log: false });

/** A semi-supervised run small enough for a test: 20 labels, batches of 10. */
const TINY_RUN = ["--semi-supervised", "--labels", "20", "--batch", "10"];

const close = (a: number, b: number, what: string) => assert(Math.abs(a - b) < 1e-5, `${what}: ${a} vs ${b}`);

Deno.test("labelled samples: as many of each class, the same for a seed, others for another", () => {
  const labels = Int32Array.from({ length: 600 }, (_, i) => (i * 7) % 3);
  const chosen = chooseLabelled(labels, 30, 3, 5);
  assertEquals(chosen.length, 30);
  assertEquals([0, 1, 2].map((c) => chosen.filter((i) => labels[i] === c).length), [10, 10, 10]);
  assertEquals(new Set(chosen).size, 30);
  assertEquals(chooseLabelled(labels, 30, 3, 5), chosen);
  assert(chooseLabelled(labels, 30, 3, 6).join() !== chosen.join(), "another seed, other samples");
});

Deno.test("labelled batches: the labelled set tiled, each tile shuffled, so each sample comes once a tile", () => {
  const n = 50, split = { n, x: Float32Array.from({ length: n }, (_, i) => i), labels: new Int32Array(n) };
  const labelled = Int32Array.of(3, 8, 20, 33, 41);
  const drawn = (size: number) =>
    Array.from(labelledBatch(split, labelled, Rng.seeded(1), size, 2).labelled.dataSync());
  assertEquals([...drawn(5)].sort((a, b) => a - b), [3, 8, 20, 33, 41]);
  const twice = drawn(12);
  assertEquals([...twice.slice(0, 10)].sort((a, b) => a - b), [3, 3, 8, 8, 20, 20, 33, 33, 41, 41]);
  assert(new Set(twice.slice(10)).size === 2, "the third tile's first two are two samples");
  assert(drawn(5).join() !== "3,8,20,33,41", "the tile is shuffled");
});

Deno.test("unlabelled loss: ½(−log D(x)) + ½(−log(1 − D(G(z)))) with D = Z/(Z + 1)", () => {
  const real = tf.tensor1d([0.5, -1]), fake = tf.tensor1d([2, -0.5]);
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const expected = 0.5 * (-(Math.log(sigmoid(0.5)) + Math.log(sigmoid(-1))) / 2) +
    0.5 * (-(Math.log(1 - sigmoid(2)) + Math.log(1 - sigmoid(-0.5))) / 2);
  close(unlabelledLoss(real, fake).dataSync()[0], expected, "loss");
});

const TINY: ModelConfig = {
  ...referenceConfig("mlp"),
  arch: "ssgan",
  shape: [4, 4, 1],
  latent: 8,
  classifies: 3,
};

function batch(rng: Rng) {
  return {
    real: tf.tensor(rng.normals(6 * 16), [6, 4, 4, 1]),
    labelled: tf.tensor(rng.normals(6 * 16), [6, 16]),
    labels: oneHot([0, 1, 2, 0, 1, 2], 3),
    ...noiseBatch(rng, 6, TINY),
    zG: noiseBatch(rng, 6, TINY).z,
    matched: tf.tensor(rng.normals(6 * 16), [6, 4, 4, 1]),
  };
}

Deno.test("semi-supervised iteration: D learns the labelled batch; without unlabelled data G is left alone", async () => {
  for (const unlabelled of [true, false]) {
    const gan = createGan(
      TINY,
      { lr: 0.003, beta1: 0.5, beta2: 0.999, loss: "nonsaturating" },
      Rng.seeded(1),
    );
    const b = batch(Rng.seeded(2));
    const G0 = Array.from(gan.G.params.all().get("G/dense1/kernel")!.dataSync());
    // D's noise makes each loss noisy: compare the means of the first and the last few updates.
    const losses: UpdateStats[] = [];
    for (let i = 0; i < 40; i++) losses.push(await semiSupervisedIteration(gan, b, unlabelled));
    const mean = (part: UpdateStats[]) => part.reduce((sum, s) => sum + s.lossD, 0) / part.length;
    const [first, later] = [mean(losses.slice(0, 5)), mean(losses.slice(-5))];
    assert(later < first, `unlabelled ${unlabelled}: D's loss ${first} → ${later}`);
    const last = losses.at(-1)!;
    const G1 = Array.from(gan.G.params.all().get("G/dense1/kernel")!.dataSync());
    assertEquals(G1.join() === G0.join(), !unlabelled, `G trained: ${unlabelled}`);
    if (!unlabelled) assertEquals([last.lossG, last.dFake], [0, 0]);
    tf.dispose(Object.values(b));
  }
});

Deno.test("semi-supervised flags: mistakes name the flag", () => {
  assert(
    configError("--labels", "100").includes(
      "--labels and --no-unlabelled apply to --semi-supervised runs only",
    ),
  );
  assert(configError("--semi-supervised", "--data", "ring8").includes("--data mnist or fashion-mnist"));
  assert(configError("--semi-supervised", "--model", "dcgan").includes("trains --model ssgan"));
  assert(configError("--model", "ssgan").includes("--model ssgan is the --semi-supervised GAN's"));
  assert(configError("--semi-supervised", "--loss", "hinge").includes("it takes no --loss"));
  assert(configError("--semi-supervised", "--r1", "1").includes("it takes no --r1"));
  const run = config("--semi-supervised", "--labels", "20");
  assertEquals([run.model, run.labels, run.batch, run.lr, run.unlabelled], ["ssgan", 20, 100, 0.003, true]);
  assertEquals(config("--semi-supervised", "--no-unlabelled").unlabelled, false);
});

Deno.test("a semi-supervised run records its labelled samples, and a resumed run keeps them", async () => {
  await withTempDir(async (out) => {
    const run = config(...TINY_RUN, "--iterations", "2", "--seed", "3");
    await train(run, { out, log: false });
    const { config: saved } = await loadCheckpoint(join(out, "checkpoint"));
    const labelled = readRunRecord(saved, out).labelled!;
    assertEquals(labelled.length, 20);
    // The resumed run must take the recorded set, not draw one again: record another, which no draw of
    // this seed gives.
    const checkpoint = await loadCheckpoint(join(out, "checkpoint"));
    const recorded = labelled.map((i) => i + 1);
    (checkpoint.config as { labelled: number[] }).labelled = recorded;
    await train({ ...run, iterations: 3 }, { out, log: false, resume: checkpoint });
    assertEquals(
      readRunRecord((await loadCheckpoint(join(out, "checkpoint"))).config, out).labelled,
      recorded,
    );
  });
  await withTempDir(async (out) => {
    let refused = "";
    await train(config("--semi-supervised", "--labels", "15", "--out", out), { out, log: false }).catch((e) =>
      refused = (e as OptionError).render(FLAG_SURFACE)
    );
    assert(refused.includes("--labels 15: 15 labelled samples do not split evenly into 10 classes"), refused);
  });
});

Deno.test("a semi-supervised run resumed halfway ends with the weights of one run straight through", async () => {
  await withTempDir(async (dir) => {
    const run = config(...TINY_RUN, "--iterations", "6", "--seed", "1");
    const [straight, broken] = [join(dir, "straight"), join(dir, "broken")];
    await train(run, { out: straight, log: false });
    await train({ ...run, iterations: 3 }, { out: broken, log: false });
    await train(run, { out: broken, log: false, resume: await loadCheckpoint(join(broken, "checkpoint")) });
    const [a, b] = [
      await loadCheckpoint(join(straight, "checkpoint")),
      await loadCheckpoint(join(broken, "checkpoint")),
    ];
    assertEquals(b.state.iterations, 6);
    for (
      const name of ["D/dense1/direction", "raw/D/dense1/direction", "G/dense1/kernel", "raw/G/dense1/kernel"]
    ) {
      assertEquals(Array.from(b.weights[name].data), Array.from(a.weights[name].data), name);
    }
    // D/ is the classifier the run saves: the moving average of the raw D it trains.
    const [averaged, raw] = [a.weights["D/logits/direction"].data, a.weights["raw/D/logits/direction"].data];
    assert(averaged.some((v, i) => v !== raw[i]), "the saved D must be the average, not the raw D");
  });
});

Deno.test("test error: the share of test images whose most probable class is not their label", async () => {
  // A stand-in D whose class logits are its inputs: each row reads as its larger column.
  const D = {
    features: (x: tf.Tensor) => x,
    classify: (features: tf.Tensor) => features,
  } as unknown as Discriminator;
  const test = { x: Float32Array.from([3, 1, 0, 2, 5, 4]), labels: Int32Array.from([0, 1, 1]), n: 3 };
  close(await testError(D, test, [2], 2), 1 / 3, "test error");
});

Deno.test("weight norm's data-dependent init: the batch comes out at mean 0 and spread 1, and stays so", () => {
  const p = new Params("T", Rng.seeded(4)), dataInit = { active: false };
  const layer = weightNormDense(p, "dense", 6, 5, { dataInit, trainScale: false });
  const x = tf.tensor(Rng.seeded(5).normals(40 * 6).map((v) => 3 * v + 2), [40, 6]);
  dataInit.active = true;
  const first = layer(x, true);
  dataInit.active = false;
  const { mean, variance } = tf.moments(first, 0);
  mean.dataSync().forEach((m, j) => close(m, 0, `mean of unit ${j}`));
  variance.dataSync().forEach((v, j) => close(Math.sqrt(v), 1, `spread of unit ${j}`));
  // The pass set the length (fixed: not a trained weight) and the bias; an ordinary pass gives the same outputs.
  assert(!p.trainable.has("T/dense/length") && p.stats.has("T/dense/length"), "the length is fixed");
  const again = layer(x, true).dataSync();
  first.dataSync().forEach((v, i) => close(v, again[i], `output ${i}`));
});

Deno.test("Adam's ε: the released code's floor for the semi-supervised GAN, 1e-8 elsewhere and for runs saved without one", () => {
  const semi = config("--semi-supervised"), plain = config();
  assertEquals([semi.eps, plain.eps], [1e-4, 1e-8]);
  const { eps: _, ...savedBefore } = semi;
  assertEquals(RUN_CONFIG.parse(savedBefore).eps, 1e-8);
  const gan = createGan(TINY, semi, Rng.seeded(1));
  assertEquals([gan.optD.eps, gan.optG.eps], [1e-4, 1e-4]);
  const reference = createGan(TINY, REFERENCE_OPTIMIZER, Rng.seeded(1));
  assertEquals([reference.optD.eps, reference.optG.eps], [1e-8, 1e-8]);
});

Deno.test("D's moving average: the released code's 1e-4 of the way a step by default, as given otherwise", () => {
  assertEquals(config("--semi-supervised").ema, 0.9999);
  assertEquals(config("--semi-supervised", "--ema", "0.999").ema, 0.999);
  assertEquals(config().ema, 0.999);
});

Deno.test("classifier report: errors and the confusion matrix, true class down, predicted across; its picture", async () => {
  // A D whose class logits are its input rows: the test split says what it predicts.
  const D = {
    features: (x: tf.Tensor) => x,
    classify: (f: tf.Tensor) => tf.clone(f),
  } as unknown as Discriminator;
  const predicted = [0, 2, 2, 2, 1];
  const test: Split = {
    n: 5,
    x: Float32Array.from(predicted.flatMap((k) => [0, 1, 2].map((c) => c === k ? 5 : 0))),
    labels: Int32Array.of(0, 1, 2, 2, 1),
  };
  const report = await classifierReport(D, test, [3], 3, 30);
  assertEquals(report.confusion, [[1, 0, 0], [0, 1, 1], [0, 0, 2]]); // a 1 read as a 2
  assertEquals([report.errors, report.error, report.testImages, report.labels], [1, 0.2, 5, 30]);
  // One cell per count: the diagonal blue, an error red, an empty cell white.
  const image = confusionImage(report.confusion);
  const cell = (t: number, p: number) =>
    Array.from(image.pixels.subarray(((t * 24 + 12) * 72 + p * 24 + 12) * 3).slice(0, 3));
  assertEquals([image.width, image.height, image.channels], [72, 72, 3]);
  assert(cell(0, 0)[2] === 255 && cell(0, 0)[0] < 100, `${cell(0, 0)}`); // all of row 0 right: deep blue
  assert(cell(1, 2)[0] === 255 && cell(1, 2)[2] < 100, `${cell(1, 2)}`); // half of row 1 wrong: red
  assertEquals(cell(2, 1), [255, 255, 255]); // no 2 read as a 1
});
