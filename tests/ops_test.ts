// Our fused ops (src/ops) agree with tfjs's composite ops, values and gradients.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { BATCH_NORM, batchNormTraining } from "../src/ops/batch_norm.ts";
import { LEAKY_RELU_GRAD, leakyRelu } from "../src/ops/leaky_relu.ts";
import { Rng } from "../src/random.ts";

await initBackend({ threads: 2, log: false });

function close(got: tf.Tensor, want: tf.Tensor, what: string) {
  const g = got.dataSync(), w = want.dataSync();
  let err = 0, scale = 1;
  for (let i = 0; i < w.length; i++) {
    err = Math.max(err, Math.abs(g[i] - w[i]));
    scale = Math.max(scale, Math.abs(w[i]));
  }
  assert(err <= 1e-4 * scale, `${what}: max error ${err}`);
}

for (const shape of [[8, 7, 7, 128], [64, 12], [3, 5, 5, 4]]) {
  Deno.test(`batchNormTraining ${shape}: fused kernels match tfjs moments + batchNorm`, async () => {
    const rng = Rng.seeded(3);
    const c = shape[shape.length - 1];
    const data = rng.normals(shape.reduce((a, b) => a * b)).map((v, i) => 2 * v + (i % c));
    const gammaData = rng.normals(c), betaData = rng.normals(c), dyData = rng.normals(data.length);
    const run = async (backend: string) => {
      await tf.setBackend(backend);
      const x = tf.tensor(data, shape), gamma = tf.tensor1d(gammaData), beta = tf.tensor1d(betaData);
      const dy = tf.tensor(dyData, shape);
      let stats: tf.Tensor[] = [];
      const f = (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) =>
        batchNormTraining(x, gamma as tf.Tensor1D, beta as tf.Tensor1D, 1e-5, (m, v) => {
          stats = [tf.keep(m.clone()), tf.keep(v.clone())];
        });
      const y = f(x, gamma, beta);
      const grads = tf.grads(f)([x, gamma, beta], dy);
      return [y, ...stats, ...grads];
    };
    // cpu has no fused kernel: it takes the composite path, the reference.
    assert(tf.getKernel(BATCH_NORM, "wasm") && !tf.getKernel(BATCH_NORM, "cpu"));
    const want = await run("cpu");
    const got = await run("wasm");
    ["y", "mean", "variance", "dx", "dgamma", "dbeta"].forEach((name, i) => close(got[i], want[i], name));
  });
}

Deno.test("leakyRelu: fused gradient matches tfjs's", async () => {
  const data = Rng.seeded(5).normals(2 * 7 * 7 * 12), dyData = Rng.seeded(6).normals(data.length);
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const x = tf.tensor(data, [2, 7, 7, 12]), dy = tf.tensor(dyData, x.shape);
    return [leakyRelu(x, 0.2), tf.grad((x) => leakyRelu(x, 0.2))(x, dy)];
  };
  const want = await run("cpu");
  assert(tf.getKernel(LEAKY_RELU_GRAD, "wasm") && !tf.getKernel(LEAKY_RELU_GRAD, "cpu"));
  const got = await run("wasm");
  close(got[0], want[0], "y");
  close(got[1], want[1], "dx");
});

Deno.test("sum over leading axes (bias gradients) matches, other sums still work", async () => {
  const data = Rng.seeded(7).normals(3 * 5 * 6 * 10);
  const sums = async (backend: string) => {
    await tf.setBackend(backend);
    const x = tf.tensor(data, [3, 5, 6, 10]);
    return [tf.sum(x, [0, 1, 2]), tf.sum(x, [2, 0, 1], true), tf.sum(x, [1, 3]), tf.sum(x)];
  };
  const want = await sums("cpu"), got = await sums("wasm");
  want.forEach((w, i) => {
    assertEquals(got[i].shape, w.shape);
    close(got[i], w, `sum ${i}`);
  });
});
