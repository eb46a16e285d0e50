// The generator's forward pass on our kernels alone (src/sampling/forward.ts),
// against the same generator's tfjs layers on the cpu backend, for every
// architecture and input that G takes; and the single-threaded kernels that
// the edge and the browser run it on.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { registerCompositeKernels } from "../src/backend/composite_kernels.ts";
import { readVariables } from "../src/checkpoint/variables.ts";
import { KernelRuntime } from "../src/kernels/runtime.ts";
import { compileKernels, startKernelRuntime } from "../src/kernels/threaded_runtime.ts";
import { latentWidth, type ModelConfig, referenceConfig } from "../src/models/config.ts";
import { buildGenerator } from "../src/models/networks.ts";
import { Rng } from "../src/random.ts";
import { forwardGenerator } from "../src/sampling/forward.ts";

tf.env().set("PROD", true); // no notice to install tfjs-node
await tf.setBackend("cpu");
registerCompositeKernels("cpu"); // our kernels' cpu forms, which some layers use (weight norm's SUM_OF_SQUARES)
const single = KernelRuntime.single(await compileKernels("gemm_single.wasm"));

const DCGAN = { ...referenceConfig("dcgan"), width: 8, latent: 6 };
const CASES: [string, ModelConfig][] = [
  ["mlp on points", { ...referenceConfig("mlp"), shape: [2], width: 16, depth: 2, latent: 3 }],
  ["mlp on images, conditional", { ...referenceConfig("mlp"), width: 16, latent: 5, classes: 3 }],
  ["dcgan 28", DCGAN],
  ["dcgan 32 in colour, conditional", { ...DCGAN, shape: [32, 32, 3], classes: 4 }],
  ["dcgan 64", { ...DCGAN, shape: [64, 64, 1], width: 4 }],
  ["dcgan with a hidden layer and InfoGAN codes", {
    ...DCGAN,
    hidden: 12,
    codes: { categorical: [3], continuous: 2 },
  }],
  ["dcgan with virtual batch norm", { ...DCGAN, hidden: 10, vbn: 5 }],
  ["ssgan", { ...referenceConfig("mlp"), arch: "ssgan", latent: 7, classifies: 10 }],
  ["pacgan on points", { ...referenceConfig("mlp"), arch: "pacgan", shape: [2], latent: 2 }],
];

/** G's weights, with batch norm's running statistics moved off 0 and 1 so that they count. */
async function weightsOf(G: ReturnType<typeof buildGenerator>, rng: Rng) {
  for (const [name, v] of G.params.all()) {
    const normals = () => tf.tensor(rng.normals(v.size), v.shape);
    if (name.endsWith("running_mean")) v.assign(tf.mul(normals(), 0.3));
    if (name.endsWith("running_var")) v.assign(tf.add(tf.square(normals()), 0.5));
  }
  return await readVariables(G.params.all());
}

for (const [name, config] of CASES) {
  Deno.test(`forward: ${name} gives tfjs's samples`, async () => {
    const rng = Rng.seeded(1);
    const G = buildGenerator(config, rng);
    const weights = await weightsOf(G, rng);
    const n = 3, width = latentWidth(config) + config.classes;
    const inputs = rng.normals(n * width);
    const labels = config.classes
      ? tf.oneHot(tf.tensor1d([0, 2, 1].map((k) => k % config.classes), "int32"), config.classes)
      : undefined;
    const z = tf.slice(tf.tensor2d(inputs, [n, width]), [0, 0], [n, latentWidth(config)]);
    if (labels) inputs.set(tf.concat([z, labels], 1).dataSync()); // the labels' one-hot rows after z
    const want = G.apply(z, labels, false).dataSync();
    const got = forwardGenerator(config, weights, single)(inputs, n);
    assertEquals(got.length, want.length);
    const scale = Math.max(1, ...Array.from(want, Math.abs));
    const err = Math.max(...Array.from(got, (v, i) => Math.abs(v - want[i])));
    assert(err <= 1e-5 * scale, `max error ${err} at scale ${scale}`);
    tf.dispose([...G.params.all().values()]);
  });
}

Deno.test("forward: the server's threaded kernels give the single thread's samples, batch by batch", async () => {
  const G = buildGenerator(DCGAN, Rng.seeded(2));
  const weights = await readVariables(G.params.all());
  const threaded = await startKernelRuntime(2);
  try {
    const inputs = Rng.seeded(3).normals(64 * DCGAN.latent);
    const all = forwardGenerator(DCGAN, weights, threaded)(inputs, 64);
    assertEquals(all, forwardGenerator(DCGAN, weights, single)(inputs, 64));
    const first = forwardGenerator(DCGAN, weights, single)(inputs.subarray(0, DCGAN.latent), 1);
    assertEquals(first, all.subarray(0, first.length));
  } finally {
    await threaded.pool.terminate();
  }
});

Deno.test("forward: missing weights, or weights of another size than the config makes, are named", async () => {
  assertThrows(() => forwardGenerator(DCGAN, {}, single), { message: "the weights have no G/dense1/kernel" });
  const G = buildGenerator(DCGAN, Rng.seeded(2));
  const weights = await weightsOf(G, Rng.seeded(3));
  tf.dispose([...G.params.all().values()]);
  assertThrows(
    () => forwardGenerator({ ...DCGAN, width: 16 }, weights, single),
    /G\/dense1\/kernel holds \d+ values where the model's config makes \d+/,
  );
});

Deno.test("gemm_single.wasm runs over an unshared memory, as edge runtimes need; the threaded gemm.wasm cannot", async () => {
  assertEquals(single.threads, 1);
  const threaded = await compileKernels("gemm.wasm");
  assertThrows(() => KernelRuntime.single(threaded));
});
