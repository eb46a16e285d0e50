// The webgpu backend against the cpu backend, where navigator.gpu gives an
// adapter (on CI: Mesa's lavapipe, a Vulkan driver that runs on the CPU), and
// the fallback to wasm where it gives none.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";

const adapter = await navigator.gpu?.requestAdapter();
const ignore = !adapter;
const info = adapter ? await initBackend({ backend: "webgpu", log: false }) : undefined;

/** Runs `fn` on the cpu and webgpu backends with the same random inputs and compares. */
async function parity(shapes: number[][], fn: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[]) {
  await tf.setBackend("cpu");
  const data = shapes.map((s, i) => tf.tidy(() => tf.randomUniform(s, -1, 1, "float32", i + 1).dataSync()));
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const xs = shapes.map((s, i) => tf.tensor(data[i], s));
    const outs = tf.tidy(() => [fn(...xs)].flat());
    // data(), not dataSync(): webgpu in Deno can only read asynchronously.
    const values = await Promise.all(outs.map((t) => t.data() as Promise<Float32Array>));
    const result = outs.map((t, i) => ({ shape: t.shape, values: values[i] }));
    tf.dispose([...xs, ...outs]);
    return result;
  };
  const want = await run("cpu"), got = await run("webgpu");
  assertEquals(got.length, want.length);
  want.forEach((w, i) => {
    assertEquals(got[i].shape, w.shape);
    let err = 0, scale = 0;
    for (let j = 0; j < w.values.length; j++) {
      err = Math.max(err, Math.abs(got[i].values[j] - w.values[j]));
      scale = Math.max(scale, Math.abs(w.values[j]));
    }
    assert(err <= 1e-3 * Math.max(1, scale), `output ${i}: max error ${err} at scale ${scale}`);
  });
}

Deno.test({
  name: "webgpu starts on the adapter",
  ignore,
  fn: () => assertEquals(info, { backend: "webgpu", simd: false, threads: 1 }),
});

Deno.test({
  name: "webgpu matMul matches the cpu backend",
  ignore,
  fn: async () => {
    await parity([[64, 100], [100, 6272]], (a, b) => tf.matMul(a, b)); // dcgan G dense
    await parity([[37, 300], [5, 300]], (a, b) => tf.matMul(a, b, false, true));
  },
});

Deno.test({
  name: "webgpu conv2d matches the cpu backend",
  ignore,
  fn: async () => {
    // dcgan D conv 1
    await parity(
      [[8, 28, 28, 1], [4, 4, 1, 64]],
      (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 2, 1),
    );
    await parity(
      [[3, 9, 11, 5], [3, 3, 5, 7]],
      (x, f) => tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, "same"),
    );
  },
});

Deno.test({
  name: "webgpu conv2dTranspose matches the cpu backend",
  ignore,
  fn: async () => {
    // dcgan G upsampling, 7x7x128 to 14x14x64
    await parity(
      [[8, 7, 7, 128], [4, 4, 64, 128]],
      (x, f) => tf.conv2dTranspose(x as tf.Tensor4D, f as tf.Tensor4D, [8, 14, 14, 64], 2, 1),
    );
  },
});

Deno.test({
  name: "webgpu gradients match the cpu backend",
  ignore,
  fn: async () => {
    // d/dx and d/dw of a conv then dense layer: conv backprop input and filter, matMul transposes
    const loss = (x: tf.Tensor, f: tf.Tensor, w: tf.Tensor) =>
      tf.sum(
        tf.sigmoid(tf.matMul(tf.reshape(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 2, 1), [4, -1]), w)),
      );
    await parity([[4, 14, 14, 8], [4, 4, 8, 16], [7 * 7 * 16, 3]], (x, f, w) => tf.grads(loss)([x, f, w]));
  },
});

Deno.test({
  name: "webgpu dataSync says to read asynchronously",
  ignore,
  fn: async () => {
    await tf.setBackend("webgpu");
    const t = tf.tidy(() => tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])));
    assertThrows(() => t.dataSync(), /use await data\(\)/);
    assertEquals(Array.from(await t.data()), [2, 2, 2, 2]);
    t.dispose();
  },
});

Deno.test("webgpu falls back to wasm without an adapter", async () => {
  // A machine with no GPU driver: Deno may use only Vulkan, and the Vulkan loader finds no driver.
  const code = `import { initBackend } from "${import.meta.resolve("../src/backend/select.ts")}";
    console.log(JSON.stringify(await initBackend({ backend: "webgpu", threads: 1, log: false })));`;
  const { code: status, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    cwd: new URL("..", import.meta.url),
    env: { DENO_WEBGPU_BACKEND: "vulkan", VK_ICD_FILENAMES: "/nonexistent" },
  }).output();
  assertEquals(status, 0, new TextDecoder().decode(stderr));
  const fell = JSON.parse(new TextDecoder().decode(stdout));
  assertEquals(fell.backend, "wasm");
  assertEquals(fell.fallback, "webgpu: navigator.gpu gives no adapter");
});
