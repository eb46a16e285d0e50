// The image-to-image layers: each matches the cpu backend on wasm, values
// and gradients, and the reshaping ones match tfjs's own ops.
import * as tf from "@tensorflow/tfjs-core";
import { assert } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import type { Layer } from "../src/models/layers.ts";
import { Params } from "../src/models/params.ts";
import {
  instanceNorm,
  pixelShuffle,
  reflectionPad,
  residualBlock,
  skip,
} from "../src/models/translation_layers.ts";
import { Rng } from "../src/random.ts";

await initBackend({ threads: 2, log: false });

function close(got: tf.Tensor, want: tf.Tensor, what: string) {
  assert(got.shape.join() === want.shape.join(), `${what}: shape ${got.shape} vs ${want.shape}`);
  const g = got.dataSync(), w = want.dataSync();
  let err = 0, scale = 1;
  for (let i = 0; i < w.length; i++) {
    [err, scale] = [Math.max(err, Math.abs(g[i] - w[i])), Math.max(scale, Math.abs(w[i]))];
  }
  assert(err <= 1e-4 * scale, `${what}: max error ${err}`);
}

const SHAPE = [3, 6, 5, 8];

/** The layer's output and its gradients (input and weights) for one backend, from the same seeds. */
async function run(backend: string, make: (p: Params) => Layer, shape = SHAPE) {
  await tf.setBackend(backend);
  const p = new Params("T", Rng.seeded(1));
  const layer = make(p);
  const x = tf.tensor(Rng.seeded(2).normals(shape.reduce((a, b) => a * b)), shape);
  const weights = [...p.trainable.values()];
  // A loss that weighs each output differently, so that every output's gradient counts.
  const loss = () => {
    const y = layer(x, true);
    return tf.sum(tf.mul(y, tf.sin(tf.reshape(tf.range(0, y.size), y.shape)))) as tf.Scalar;
  };
  const grads = weights.length ? tf.variableGrads(loss, weights).grads : {};
  const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.square(layer(input, true))))(x);
  return { y: layer(x, true), dx, dw: weights.map((w) => grads[w.name]) };
}

const LAYERS: Record<string, (p: Params) => Layer> = {
  "instance norm": (p) => instanceNorm(p, "in", 8),
  "reflection pad": () => reflectionPad(2),
  "residual block": (p) => residualBlock(p, "res", 8),
  "U-Net skip": () => (x) => skip(x, tf.neg(x)),
  "pixel shuffle x2": () => pixelShuffle(2),
};

for (const [name, make] of Object.entries(LAYERS)) {
  Deno.test(`${name}: wasm matches cpu, values and gradients`, async () => {
    const want = await run("cpu", make), got = await run("wasm", make);
    close(got.y, want.y, "y");
    close(got.dx, want.dx, "dx");
    want.dw.forEach((w, i) => close(got.dw[i], w, `dw${i}`));
    await tf.setBackend("wasm");
  });
}

Deno.test("pixel shuffle and reflection pad are tfjs's depthToSpace and mirrorPad", async () => {
  await tf.setBackend("cpu");
  const x = tf.tensor(Rng.seeded(3).normals(2 * 3 * 4 * 8), [2, 3, 4, 8]) as tf.Tensor4D;
  close(pixelShuffle(2)(x, false), tf.depthToSpace(x, 2), "pixel shuffle");
  const padded = reflectionPad(1)(x, false);
  // Row 0 of the padded image is row 1 of the image: a mirror that does not repeat the edge.
  close(tf.slice(padded, [0, 0, 1, 0], [2, 1, 4, 8]), tf.slice(x, [0, 1, 0, 0], [2, 1, 4, 8]), "reflection");
  await tf.setBackend("wasm");
});
