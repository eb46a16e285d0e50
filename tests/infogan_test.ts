// InfoGAN: the codes in G's latent vectors, the mutual-information term on a
// tiny batch, its flags, and the categorical code read as a classifier.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { matchCodes } from "../src/eval/code_matching.ts";
import { codeWidth, drawCodes, encodeCodes, withCodes } from "../src/models/codes.ts";
import { latentWidth, type ModelConfig, referenceConfig } from "../src/models/config.ts";
import { Rng } from "../src/random.ts";
import { noiseBatch } from "../src/train/batches.ts";
import { createGan, REFERENCE_OPTIMIZER } from "../src/train/gan.ts";
import { infoLoss } from "../src/train/info_loss.ts";
import { modelConfig } from "../src/train/run_config.ts";
import { ganUpdate } from "../src/train/updates.ts";
import { config, configError } from "./run_options.ts";
import { join } from "node:path";
import { decodePng } from "../src/image/png.ts";
import { train } from "../src/train/trainer.ts";
import { withTempDir } from "./temp_dir.ts";

await initBackend({ threads: 1, log: false });

const CODES = { categorical: [3, 2], continuous: 2 };
const close = (a: number, b: number, what: string) => assert(Math.abs(a - b) < 1e-5, `${what}: ${a} vs ${b}`);

Deno.test("codes: one-hot categorical codes, then the continuous values, after each row's noise", () => {
  assertEquals(codeWidth(CODES), 7);
  const values = [{ categories: [2, 0], continuous: [0.5, -1] }, {
    categories: [0, 1],
    continuous: [0, 0.25],
  }];
  assertEquals(Array.from(encodeCodes(CODES, values)), [0, 0, 1, 1, 0, 0.5, -1, 1, 0, 0, 0, 1, 0, 0.25]);
  const z = withCodes(new Float32Array([9, 8, 7, 6]), 2, CODES, values);
  assertEquals(Array.from(z.subarray(0, 9)), [9, 8, 0, 0, 1, 1, 0, 0.5, -1]);
  assertEquals(Array.from(z.subarray(9, 11)), [7, 6]);
  const drawn = drawCodes(CODES, 500, Rng.seeded(1));
  assert(drawn.every((v) => v.categories[0] < 3 && v.categories[1] < 2), "categories within their values");
  assert(drawn.every((v) => v.continuous.every((c) => c >= -1 && c < 1)), "continuous codes on [-1, 1)");
  assertEquals(new Set(drawn.map((v) => v.categories[0])).size, 3);
});

Deno.test("codes: a model without them draws the same noise from the same seed as before", () => {
  const plain = referenceConfig("dcgan");
  const info: ModelConfig = { ...plain, codes: CODES };
  const a = noiseBatch(Rng.seeded(5), 4, plain), b = noiseBatch(Rng.seeded(5), 4, info);
  assertEquals(a.z.shape, [4, 100]);
  assertEquals(b.z.shape, [4, latentWidth(info)]);
  assertEquals(Array.from(a.z.dataSync()).slice(0, 100), Array.from(b.z.dataSync()).slice(0, 100));
  tf.dispose([a.z, b.z]);
});

Deno.test("info loss: cross-entropy per categorical code and ½(c − μ)² per continuous code, weighted", () => {
  const spec = { categorical: [3], continuous: 1 };
  const codes = tf.tensor2d([[1, 0, 0, 0.5], [0, 0, 1, -1]]);
  const inferred = tf.tensor2d([[2, 0, 0, 0], [0, 1, 1, 1]]);
  const ce = (logits: number[], k: number) =>
    Math.log(logits.reduce((s, l) => s + Math.exp(l), 0)) - logits[k];
  const categorical = (ce([2, 0, 0], 0) + ce([0, 1, 1], 2)) / 2;
  const continuous = (0.5 * 0.25 + 0.5 * 4) / 2;
  close(
    infoLoss(spec, codes, inferred, { categorical: 1, continuous: 1 }).dataSync()[0],
    categorical + continuous,
    "λ 1",
  );
  close(
    infoLoss(spec, codes, inferred, { categorical: 2, continuous: 0.1 }).dataSync()[0],
    2 * categorical + 0.1 * continuous,
    "λ 2 and 0.1",
  );
  tf.dispose([codes, inferred]);
});

Deno.test("info loss: training lowers it, through G and D's Q head together", async () => {
  const model: ModelConfig = {
    ...referenceConfig("mlp"),
    shape: [6],
    latent: 4,
    width: 16,
    codes: { categorical: [4], continuous: 1 },
  };
  const gan = createGan(model, { ...REFERENCE_OPTIMIZER, lr: 0.01 }, Rng.seeded(2));
  assert(gan.D.infer, "an InfoGAN D has a Q head");
  const rng = Rng.seeded(3);
  const measure = () =>
    tf.tidy(() => {
      const b = noiseBatch(Rng.seeded(99), 64, model);
      const fake = gan.G.apply(b.z, undefined, false);
      const codes = tf.slice(b.z, [0, model.latent], [-1, codeWidth(model.codes)]);
      return infoLoss(model.codes, codes, gan.D.infer!(gan.D.features(fake, undefined, false)), {
        categorical: 1,
        continuous: 1,
      }).dataSync()[0];
    });
  const before = measure();
  for (let i = 0; i < 60; i++) {
    const batch = { real: tf.tensor(rng.normals(32 * 6), [32, 6]), ...noiseBatch(rng, 32, model) };
    await ganUpdate(gan, batch);
    tf.dispose(Object.values(batch));
  }
  const after = measure();
  assert(after < 0.6 * before, `the term fell from ${before} to ${after}`);
});

Deno.test("info flags: codes and weights reach the run and model configs; mistakes name the flag", () => {
  const run = config(
    "--info-categorical",
    "10,4",
    "--info-continuous",
    "2",
    "--info-continuous-weight",
    "0.5",
  );
  assertEquals(run.codes, { categorical: [10, 4], continuous: 2 });
  assertEquals(run.infoWeights, { categorical: 1, continuous: 0.5 });
  assertEquals(modelConfig(run, [28, 28, 1], 10).codes, run.codes);
  assertEquals(config().codes, { categorical: [], continuous: 0 });
  assert(configError("--info-categorical", "ten").includes("--info-categorical must be value counts"));
  assert(
    configError("--info-categorical", "10,1").includes(
      "--info-categorical 10,1: each code takes 2 to 1000 values",
    ),
  );
  assert(configError("--info-continuous=-1").includes("--info-continuous must be an integer ≥ 0"));
  assert(
    configError("--info-categorical", "10", "--data", "ring8", "--pack", "2").includes("take no --pack"),
  );
  assert(configError("--info-categorical", "10001").includes("each code takes 2 to 1000 values"));
  assert(
    configError("--info-weight", "2").includes(
      "--info-weight and --info-continuous-weight weigh InfoGAN codes",
    ),
  );
});

Deno.test("info defaults: InfoGAN on images takes its paper's networks and learning rates where none are given", () => {
  const paper = { width: 64, hidden: 1024, latent: 62, lr: 2e-4, lrG: 1e-3, r1: 0 };
  const pick = (r: ReturnType<typeof config>) => ({
    width: r.width,
    hidden: r.hidden,
    latent: r.latent,
    lr: r.lr,
    lrG: r.lrG,
    r1: r.r1,
  });
  const info = config("--info-categorical", "10", "--info-continuous", "2");
  assertEquals(pick(info), paper);
  assertEquals(info.infoWeights, { categorical: 1, continuous: 0.1 });
  // What the user gives wins; a D learning rate of their own is G's too, as without codes.
  const given = config(
    "--info-categorical",
    "10",
    "--width",
    "32",
    "--lr",
    "1e-3",
    "--r1",
    "1",
    "--hidden",
    "0",
  );
  assertEquals(pick(given), { ...paper, width: 32, lr: 1e-3, lrG: null, r1: 1, hidden: 0 });
  // Without codes, or on points, the image recipe and the toys' defaults stand.
  assertEquals(pick(config()), { width: 32, hidden: 0, latent: 100, lr: 2e-3, lrG: null, r1: 1 });
  assertEquals(config("--data", "ring8", "--info-continuous", "1").infoWeights.continuous, 1);
});

Deno.test("code matching: the best one-to-one matching of code values to classes, and its error", () => {
  // Value 0 reads as class 2, value 1 as class 0, value 2 as class 1, with some mistakes.
  const code = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
  const read = [2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1, 2];
  const { classOf, error, counts } = matchCodes(code, read, 3, 3);
  assertEquals(classOf, [2, 0, 1]);
  close(error, 3 / 12, "error");
  assertEquals(counts[0], [1, 0, 3]);
  // Greedy would give value 0 class 0 (its 3) and leave value 1 worse off: the optimum is one to one overall.
  const tricky = matchCodes([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], [0, 0, 0, 1, 1, 0, 0, 0, 0, 0], 2, 2);
  assertEquals(tricky.classOf, [1, 0]);
  close(tricky.error, 3 / 10, "tricky error");
  // More values than classes: the extra value matches none and counts as wrong.
  assertEquals(matchCodes([0, 1, 2], [0, 1, 1], 3, 2).classOf.filter((c) => c < 0).length, 1);
});

Deno.test("info grid: a row per category; without continuous codes, a z per column", async () => {
  await withTempDir(async (out) => {
    const run = config("--info-categorical", "3", "--width", "8", "--batch", "16", "--iterations", "2");
    await train(run, { out, log: false });
    const grid = decodePng(await Deno.readFile(join(out, "samples", "epoch-001.png")));
    assertEquals([grid.width, grid.height], [8 * 30 + 2, 3 * 30 + 2]); // 28 px cells, 2 px padding
    const cell = (row: number, column: number) =>
      Array.from({ length: 28 }, (_, y) => {
        const start = ((row * 30 + 2 + y) * grid.width + column * 30 + 2) * grid.channels;
        return grid.pixels.subarray(start, start + 28 * grid.channels).join();
      }).join();
    assert(cell(0, 0) !== cell(0, 1), "the columns of a row differ");
  });
});

Deno.test("--hidden: InfoGAN's fully connected layer in both dcgan networks; other models refuse it", async () => {
  const model = modelConfig(config("--hidden", "16", "--width", "8", "--no-conditional"), [28, 28, 1], 10);
  assertEquals(model.hidden, 16);
  const gan = createGan(model, REFERENCE_OPTIMIZER, Rng.seeded(4));
  assertEquals(gan.G.params.trainable.get("G/hidden/dense/kernel")!.shape, [latentWidth(model), 16]);
  assertEquals(gan.D.params.trainable.get("D/hidden/dense/kernel")!.shape, [7 * 7 * 16, 16]);
  const batch = { real: tf.zeros([4, 28, 28, 1]), ...noiseBatch(Rng.seeded(5), 4, model) };
  const stats = await ganUpdate(gan, batch);
  assert(Number.isFinite(stats.lossD) && Number.isFinite(stats.lossG), JSON.stringify(stats));
  assertEquals(gan.D.features(batch.real, undefined, false).shape, [4, 16]);
  tf.dispose(Object.values(batch));
  assert(configError("--data", "ring8", "--hidden", "8").includes("--hidden adds a fully connected layer"));
});
