// Virtual batch norm in G: each sample normalised with a fixed reference
// batch and itself, so no sample depends on its batch-mates; the reference
// batch is a saved variable; and the flag that turns it on.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals } from "./assert.ts";
import { initBackend, kernelRuntime } from "../src/backend/select.ts";
import { readVariables } from "../src/checkpoint/variables.ts";
import { type ModelConfig, referenceConfig } from "../src/models/config.ts";
import { virtualBatchNorm } from "../src/models/layers.ts";
import { buildGenerator } from "../src/models/networks.ts";
import { Params } from "../src/models/params.ts";
import { Rng } from "../src/random.ts";
import { forwardGenerator } from "../src/sampling/forward.ts";
import { noiseBatch } from "../src/train/batches.ts";
import { createGan, REFERENCE_OPTIMIZER } from "../src/train/gan.ts";
import { modelConfig } from "../src/train/run_config.ts";
import { ganUpdate } from "../src/train/updates.ts";
import { config, configError } from "./run_options.ts";

await initBackend({ threads: 1, log: false });

const VBN: ModelConfig = { ...referenceConfig("dcgan"), width: 8, latent: 6, vbn: 5 };
const near = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) =>
  Array.from(a).forEach((v, i) => assert(Math.abs(v - b[i]) < 1e-4, `${what}[${i}]: ${v} vs ${b[i]}`));

Deno.test("vbn layer: a sample normalised with the reference rows' mean and variance and its own; those rows with theirs", () => {
  const params = new Params("T", Rng.seeded(1));
  const layer = virtualBatchNorm(params, "vbn", 2, 3);
  const gamma = params.all().get("T/vbn/gamma")!;
  gamma.assign(tf.onesLike(gamma)); // drawn from N(1, 0.02): exactly 1 here, to compare with the formula
  const rows = [[1, 0], [2, 4], [3, 8], [10, -4]]; // 3 reference rows, then one sample
  const y = layer(tf.tensor2d(rows), true).arraySync() as number[][];
  for (const [row, channel] of [[3, 0], [3, 1], [0, 1]]) {
    // A reference row's statistics are the reference batch's alone (Salimans et al. 2016, section 3.4).
    const values = [rows[0], rows[1], rows[2], ...(row < 3 ? [] : [rows[row]])].map((r) => r[channel]);
    const mean = values.reduce((a, b) => a + b) / values.length;
    const variance = values.reduce((a, v) => a + v * v, 0) / values.length - mean * mean;
    near(
      [y[row][channel]],
      [(rows[row][channel] - mean) / Math.sqrt(variance + 1e-5)],
      `y[${row}][${channel}]`,
    );
  }
});

Deno.test("vbn: a sample's output is the same whatever batch it is in, in training too", () => {
  const G = buildGenerator(VBN, Rng.seeded(2));
  const z = tf.tensor2d(Rng.seeded(3).normals(4 * 6), [4, 6]);
  for (const training of [true, false]) {
    const alone = G.apply(tf.slice(z, 0, 1), undefined, training).dataSync();
    const inBatch = G.apply(z, undefined, training).dataSync();
    near(alone, inBatch.subarray(0, alone.length), `training ${training}`);
  }
});

Deno.test("vbn: the reference batch is saved with the weights and restores the same samples", async () => {
  const G = buildGenerator(VBN, Rng.seeded(4));
  const weights = await readVariables(G.params.all());
  assertEquals(weights["G/vbn/reference"].shape, [5, 6]);
  const restored = forwardGenerator(VBN, weights, await kernelRuntime());
  const z = Rng.seeded(5).normals(2 * 6);
  near(restored(z, 2), G.apply(tf.tensor2d(z, [2, 6]), undefined, false).dataSync(), "restored");
});

Deno.test("vbn: G trains through it; --vbn sets a reference batch of --batch inputs, for dcgan only", async () => {
  const gan = createGan(VBN, REFERENCE_OPTIMIZER, Rng.seeded(6));
  const gamma = gan.G.params.all().get("G/vbn1/gamma")!;
  const before = Array.from(gamma.dataSync());
  const rng = Rng.seeded(7);
  const batch = { real: tf.tensor(rng.normals(8 * 784), [8, 28, 28, 1]), ...noiseBatch(rng, 8, VBN) };
  await ganUpdate(gan, batch);
  assert(Array.from(gamma.dataSync()).join() !== before.join(), "G's vbn scale was updated");
  assertEquals(modelConfig(config("--vbn", "--batch", "32"), [28, 28, 1], 10).vbn, 32);
  assertEquals(modelConfig(config(), [28, 28, 1], 10).vbn, 0);
  assert(
    configError("--vbn", "--data", "ring8").includes("--vbn replaces batch norm in G: --model dcgan only"),
  );
});
