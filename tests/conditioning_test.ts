// The conditional discriminators: projection adds <embed(y), φ(x)> to the
// logit; ACGAN adds the cross-entropy of its class logits to both losses;
// and the flag that chooses them.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { type ModelConfig, referenceConfig } from "../src/models/config.ts";
import { buildDiscriminator } from "../src/models/networks.ts";
import { oneHot } from "../src/models/labels.ts";
import { Rng } from "../src/random.ts";
import { createGan, REFERENCE_OPTIMIZER } from "../src/train/gan.ts";
import { ganUpdate } from "../src/train/updates.ts";
import { config as runConfig } from "./run_options.ts";
import { modelConfig } from "../src/train/run_config.ts";

await initBackend({ threads: 2, log: false });

const mlp = (conditioning: ModelConfig["conditioning"]): ModelConfig => ({
  ...referenceConfig("mlp"),
  shape: [6],
  latent: 4,
  width: 8,
  classes: 3,
  conditioning,
});

const close = (a: number, b: number, what: string) => assert(Math.abs(a - b) < 1e-5, `${what}: ${a} vs ${b}`);

Deno.test("projection: the logit is the head's plus the class embedding's inner product with the features", () => {
  const D = buildDiscriminator(mlp("projection"), Rng.seeded(1));
  const x = tf.tensor(Rng.seeded(2).normals(4 * 6), [4, 6]), labels = oneHot([0, 2, 1, 2], 3);
  const f = D.features(x, labels, true);
  const got = D.head(f, labels).dataSync(), plain = D.head(f, undefined).dataSync();
  const embed = D.params.all().get("D/embed")!.arraySync() as number[][];
  const features = f.arraySync() as number[][];
  [0, 2, 1, 2].forEach((y, i) => {
    const dot = features[i].reduce((sum, v, j) => sum + v * embed[y][j], 0);
    close(got[i], plain[i] + dot, `sample ${i}`);
  });
  // Its input is the sample alone: the labels enter through the embedding only.
  assertEquals(D.params.all().get("D/dense1/kernel")!.shape, [6, 8]);
});

const REAL_LABELS = [0, 1, 2, 0, 1, 2, 0, 1], FAKE_LABELS = [2, 2, 1, 0, 0, 1, 2, 1];

Deno.test("acgan: D's loss gains the class cross-entropy of real and fake samples, each at its own labels", async () => {
  const gan = createGan(mlp("acgan"), REFERENCE_OPTIMIZER, Rng.seeded(3));
  // Class logits that are the bias alone, the same for every sample: class k costs logΣexp(b) − b_k.
  const kernel = gan.D.params.all().get("D/classes/kernel")!;
  kernel.assign(tf.zerosLike(kernel));
  const bias = [2, 0, -1];
  gan.D.params.all().get("D/classes/bias")!.assign(tf.tensor1d(bias));
  const crossEntropy = (labels: number[]) => {
    const logSumExp = Math.log(bias.reduce((s, b) => s + Math.exp(b), 0));
    return labels.reduce((s, k) => s + logSumExp - bias[k], 0) / labels.length;
  };
  const rng = Rng.seeded(4);
  const batch = {
    real: tf.tensor(rng.normals(8 * 6), [8, 6]),
    realLabels: oneHot(REAL_LABELS, 3),
    z: tf.tensor(rng.normals(8 * 4), [8, 4]),
    fakeLabels: oneHot(FAKE_LABELS, 3),
  };
  // The adversarial part alone, before the update, with the same networks.
  const adversarial = tf.tidy(() => {
    const judge = (x: tf.Tensor, y: tf.Tensor) => gan.D.head(gan.D.features(x, y, true), y);
    const fake = gan.G.apply(batch.z, batch.fakeLabels, true);
    return gan.loss.discriminator(judge(batch.real, batch.realLabels), judge(fake, batch.fakeLabels), 1)
      .dataSync()[0];
  });
  const { lossD } = await ganUpdate(gan, batch);
  // Had the fakes been judged at the real labels, or all samples at class 0, it would be 0.375 or 3.375 less.
  close(lossD, adversarial + crossEntropy(REAL_LABELS) + crossEntropy(FAKE_LABELS), "lossD");
  const trained = gan.D.params.all().get("D/classes/kernel")!.dataSync();
  assert(trained.some((v) => v !== 0), "the class head learns");
});

Deno.test("--conditional: bare is concat, or names acgan or projection; --no-conditional is none; labelled images default to projection", () => {
  const conditioning = (...args: string[]) => {
    const run = runConfig("--data", "mnist", ...args);
    return [run.conditional, modelConfig(run, [28, 28, 1], 10).conditioning];
  };
  assertEquals(conditioning(), ["projection", "projection"]);
  assertEquals(conditioning("--no-conditional"), ["none", "concat"]);
  // Without labels, and where the labels would fight the method, the default is none.
  for (
    const args of [["--data", "ring8"], ["--info-categorical", "10"], ["--pack", "2"], ["--loss", "wgan-gp"]]
  ) {
    assertEquals(runConfig(...args).conditional, "none", args.join(" "));
  }
  assertEquals(runConfig("--semi-supervised").conditional, "none");
  assertEquals(conditioning("--conditional"), ["concat", "concat"]);
  assertEquals(conditioning("--conditional", "--ema", "0"), ["concat", "concat"]);
  assertEquals(conditioning("--conditional", "acgan"), ["acgan", "acgan"]);
  assertEquals(conditioning("--conditional=projection"), ["projection", "projection"]);
  assertEquals(conditioning("--conditional", "acgan", "--no-conditional"), ["none", "concat"]);
});
