// Gradient penalties on tiny batches: R1's value against a hand computation,
// WGAN-GP's defaults, and lazy regularisation's schedule.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { type ModelConfig, referenceConfig } from "../src/models/config.ts";
import { Rng } from "../src/random.ts";
import { createGan, REFERENCE_OPTIMIZER } from "../src/train/gan.ts";
import { gradientPenalty, logitsAndGradNorms, zeroCentredPenalty } from "../src/train/penalties.ts";
import { penalties } from "../src/train/run_config.ts";
import { config } from "./run_options.ts";
import { ganUpdate } from "../src/train/updates.ts";

await initBackend({ threads: 2, log: false });

/** An MLP critic on 2-d points: D(x) = w2·leakyRelu(W1 x + b1) + b2. */
const toy: ModelConfig = { ...referenceConfig("mlp"), latent: 2, shape: [2], width: 4 };

function points(n: number, seed: number): tf.Tensor2D {
  return tf.tensor2d(Rng.seeded(seed).normals(2 * n), [n, 2]);
}

Deno.test("R1: the input gradient's squared norm is ‖W1ᵀ(mask · w2)‖² per sample, by hand", () => {
  const { D } = createGan(toy, REFERENCE_OPTIMIZER, Rng.seeded(1));
  const x = points(3, 2);
  const { squaredNorms } = logitsAndGradNorms(D, x, undefined);
  const W1 = D.params.trainable.get("D/dense1/kernel")!.arraySync() as number[][];
  const b1 = D.params.trainable.get("D/dense1/bias")!.arraySync() as number[];
  const w2 = (D.params.trainable.get("D/head/kernel")!.arraySync() as number[][]).map((r) => r[0]);
  const want = (x.arraySync() as number[][]).map((p) => {
    const slope = b1.map((b, j) => (p[0] * W1[0][j] + p[1] * W1[1][j] + b > 0 ? 1 : 0.2) * w2[j]);
    const g = [0, 1].map((i) => slope.reduce((s, v, j) => s + W1[i][j] * v, 0));
    return g[0] ** 2 + g[1] ** 2;
  });
  const got = squaredNorms.arraySync();
  want.forEach((w, i) => assert(Math.abs(got[i] - w) < 1e-6 * Math.max(1, w), `${got[i]} vs ${w}`));
  const r1 = zeroCentredPenalty(squaredNorms, 10).arraySync();
  assert(Math.abs(r1 - 5 * (want[0] + want[1] + want[2]) / 3) < 1e-5, `R1 ${r1}`);
});

Deno.test("WGAN-GP: interpolates at t = 1 are the real samples; a 1-Lipschitz slope costs nothing", () => {
  const { D } = createGan(toy, REFERENCE_OPTIMIZER, Rng.seeded(3));
  const real = points(4, 4), fake = points(4, 5), ones = tf.ones([4, 1]);
  const norms = logitsAndGradNorms(D, real, undefined).squaredNorms.arraySync().map(Math.sqrt);
  const want = 10 * norms.reduce((s, n) => s + (n - 1) ** 2, 0) / 4;
  const got = gradientPenalty(D, real, fake, ones, undefined, 10).arraySync();
  assert(Math.abs(got - want) < 1e-5 * Math.max(1, want), `${got} vs ${want}`);
  // Scale D's head so that every input gradient has norm 1 where the slopes agree: a linear critic.
  const W1 = D.params.trainable.get("D/dense1/kernel")!;
  W1.assign(tf.tensor2d([[1, 0, 0, 0], [0, 0, 0, 0]]));
  D.params.trainable.get("D/dense1/bias")!.assign(tf.fill([4], 100)); // every unit on its linear side
  D.params.trainable.get("D/head/kernel")!.assign(tf.tensor2d([[1], [0], [0], [0]]));
  assert(gradientPenalty(D, real, fake, tf.fill([4, 1], 0.3), undefined, 10).arraySync() < 1e-6);
});

Deno.test("WGAN-GP: a conditional critic is judged at the labels mixed as the images are", () => {
  for (const conditioning of ["concat", "projection"] as const) {
    const { D } = createGan({ ...toy, classes: 3, conditioning }, REFERENCE_OPTIMIZER, Rng.seeded(6));
    const real = points(4, 7), fake = points(4, 8);
    const labels = { real: tf.oneHot([0, 1, 2, 0], 3), fake: tf.oneHot([2, 0, 1, 1], 3) };
    const penaltyAt = (x: tf.Tensor, y: tf.Tensor) => {
      const norms = logitsAndGradNorms(D, x, y).squaredNorms.arraySync().map(Math.sqrt);
      return 10 * norms.reduce((s, n) => s + (n - 1) ** 2, 0) / 4;
    };
    // At t = 0 the interpolates are the fakes, with the fakes' labels; halfway, half of each label.
    const atFakes = gradientPenalty(D, real, fake, tf.zeros([4, 1]), labels, 10).arraySync();
    const want = penaltyAt(fake, labels.fake);
    assert(Math.abs(atFakes - want) < 1e-5 * Math.max(1, want), `${conditioning}: ${atFakes} vs ${want}`);
    const half = tf.fill([4, 1], 0.5);
    const halfway = gradientPenalty(D, real, fake, half, labels, 10).arraySync();
    const wantHalfway = penaltyAt(
      tf.mul(0.5, tf.add(real, fake)),
      tf.mul(0.5, tf.add(labels.real, labels.fake)),
    );
    assert(Math.abs(halfway - wantHalfway) < 1e-5 * Math.max(1, wantHalfway), `${halfway} vs ${wantHalfway}`);
  }
});

Deno.test("wgan-gp takes the paper's settings where none are given, and layer norm in a dcgan critic", () => {
  const run = config("--loss", "wgan-gp");
  assertEquals([run.dUpdates, run.lr, run.beta1, run.beta2, run.gpWeight, run.dNorm], [
    5,
    1e-4,
    0,
    0.9,
    10,
    "layer",
  ]);
  assertEquals(penalties(run), { gp: 10, r1: 0, r2: 0, every: 1 });
  const given = config("--loss", "wgan-gp", "--lr", "3e-4", "--d-updates", "2");
  assertEquals([given.lr, given.dUpdates], [3e-4, 2]);
  assertEquals(penalties(config("--r1", "5")).gp, 0);
});

Deno.test("lazy R1: the penalty joins D's loss on every K-th D update only, weighted by K", async () => {
  // A learning rate of 0 keeps the weights, so each update sees the same D.
  const frozen = { ...REFERENCE_OPTIMIZER, lr: 0 };
  const batch = { real: points(8, 10), z: points(8, 11) };
  const lossD = async (r1: number) => {
    const gan = createGan(toy, frozen, Rng.seeded(7));
    const out: number[] = [];
    for (let i = 0; i < 3; i++) {
      out.push((await ganUpdate(gan, batch, { penalties: { gp: 0, r1, r2: 0, every: 2 } })).lossD);
    }
    return out;
  };
  const [p0, p1, p2] = await lossD(0), [l0, l1, l2] = await lossD(1);
  assert(p0 === p1 && p1 === p2, "frozen weights give the same loss");
  const { D } = createGan(toy, frozen, Rng.seeded(7));
  const r1 = zeroCentredPenalty(logitsAndGradNorms(D, batch.real, undefined).squaredNorms, 1).arraySync();
  assert(Math.abs(l0 - p0 - 2 * r1) < 1e-5 && r1 > 1e-4, `update 0: ${l0} = ${p0} + 2·${r1}`);
  assert(l1 === p1, `update 1 has no penalty: ${l1} vs ${p1}`);
  assert(l2 === l0, `update 2 has it again: ${l2} vs ${l0}`);
});
