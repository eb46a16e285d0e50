// Our Adam matches tfjs's (same formula as PyTorch's) step for step.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { ADAM } from "../src/backend/kernel_names.ts";
import { Adam } from "../src/train/adam.ts";
import { ownedVariable } from "../src/models/params.ts";

await initBackend({ threads: 2, log: false });

for (const backend of ["cpu", "wasm"]) {
  Deno.test(`Adam follows tf.train.adam on a least-squares problem (${backend}: ${backend === "wasm" ? "fused kernel" : "composite ops"})`, async () => {
    await tf.setBackend(backend);
    assert(tf.getKernel(ADAM, backend), `${ADAM} is registered on ${backend}`);
    // 14 weights: the fused kernel's 4-wide loop and its tail.
    const a = tf.tensor2d([[1, 2], [3, 4], [5, -6]]), b = tf.tensor2d([1, 0, 2, -1, 3, 0.5, -2], [1, 7]);
    const loss = (w: tf.Tensor) => () =>
      tf.mean(tf.square(tf.sub(tf.matMul(a, w as tf.Tensor2D), b))) as tf.Scalar;
    const ours = tf.variable(tf.tensor2d([0.5, -0.5, 1, 2, -1, 0, 0.25, 3, -2, 1, 0.5, 0, -1, 2], [2, 7]));
    const theirs = tf.variable(ours.clone());
    const adam = new Adam(new Map([["w", ours]]), { lr: 0.1, beta1: 0.5, beta2: 0.999 });
    const reference = tf.train.adam(0.1, 0.5, 0.999, 1e-8);
    for (let i = 0; i < 20; i++) {
      adam.minimize(loss(ours)).dispose();
      reference.minimize(loss(theirs), false, [theirs]);
    }
    const got = ours.dataSync(), want = theirs.dataSync();
    for (let i = 0; i < got.length; i++) {
      assert(Math.abs(got[i] - want[i]) < 1e-5, `w[${i}]: ${got[i]} vs ${want[i]}`);
    }
    assert(adam.updates === 20);
    assert(Math.abs(got[0] - 0.5) > 0.1, "the weights moved");
  });
}

Deno.test("Adam on wasm: a gradient whose square overflows float32 still takes the finite step of double arithmetic", async () => {
  await tf.setBackend("wasm");
  const g = [1e25, -3e30, 2, 1e-3, 4e20], n = g.length;
  const attrs = { beta1: 0.5, beta2: 0.999, size: 0.1, eps: 1e-8 };
  const [p1] = tf.engine().runKernel(ADAM, {
    p: tf.ones([n]),
    g: tf.tensor(g),
    m: tf.zeros([n]),
    v: tf.zeros([n]),
  }, attrs) as tf.Tensor[];
  const got = p1.dataSync();
  g.forEach((gi, i) => {
    const m = 0.5 * gi, v = 0.001 * gi * gi, want = Math.fround(1 - 0.1 * m / (Math.sqrt(v) + 1e-8));
    assert(Math.abs(got[i] - want) <= 1e-6 * Math.abs(want), `p'[${i}] = ${got[i]}, not ${want}`);
  });
});

Deno.test("Adam's moments own their data: disposing them and the weights frees every tensor they made", () => {
  const tensors = tf.memory().numTensors;
  const w = ownedVariable(tf.ones([3]), true);
  const adam = new Adam(new Map([["w", w]]), { lr: 0.1, beta1: 0.5, beta2: 0.999 });
  adam.minimize(() => tf.sum(tf.square(w)) as tf.Scalar).dispose();
  tf.dispose([w, ...adam.moments().values()]);
  assertEquals(tf.memory().numTensors, tensors);
});
