// Parity of our WASM SIMD kernels with tfjs's cpu backend, over the shapes our
// models use and odd ones, run through tfjs's kernel registry.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { compileKernels, startKernelRuntime } from "../src/kernels/threaded_runtime.ts";
import { InPlaceKernels } from "../src/kernels/inplace.ts";
import { batchMatMul } from "../src/kernels/matmul.ts";

await initBackend({ threads: 2, log: false });

function random(shape: number[], seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => {
    s = (s * 1103515245 + 12345) % 2147483648; // LCG: inputs independent of tfjs
    return s / 1073741824 - 1;
  });
}

/** Runs `kernel` on both backends with the same inputs and compares. */
async function parity(
  kernel: string,
  inputs: Record<string, number[]>,
  attrs: Record<string, unknown>,
) {
  const data = Object.fromEntries(Object.entries(inputs).map(([k, shape], i) => [k, random(shape, 7 + i)]));
  const run = async (backend: string) => {
    await tf.setBackend(backend);
    const tensors = Object.fromEntries(
      Object.entries(inputs).map(([k, shape]) => [k, tf.tensor(data[k], shape)]),
    );
    const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    const result = { shape: out.shape, values: out.dataSync() as Float32Array };
    tf.dispose([out, ...Object.values(tensors)]);
    return result;
  };
  const want = await run("cpu"), got = await run("wasm");
  assertEquals(got.shape, want.shape);
  let err = 0, scale = 0;
  for (let i = 0; i < want.values.length; i++) {
    err = Math.max(err, Math.abs(got.values[i] - want.values[i]));
    scale = Math.max(scale, Math.abs(want.values[i]));
  }
  assert(
    err <= 2e-6 * Math.max(1, scale),
    `${kernel} ${JSON.stringify(inputs)}: max error ${err} at scale ${scale}`,
  );
}

const matmuls: [number[], number[], boolean, boolean][] = [
  [[64, 100], [100, 6272], false, false], // dcgan G dense
  [[64, 100], [64, 6272], true, false], // its weight gradient
  [[64, 6272], [1, 6272], false, true], // dcgan D dense input gradient
  [[64, 784], [784, 128], false, false], // mlp D
  [[1, 1], [1, 1], false, false],
  [[5, 7], [3, 7], false, true],
  [[7, 5], [3, 7], true, true],
  [[37, 300], [300, 1], false, false],
  [[64, 6272], [64, 1], true, false], // dcgan D dense weight gradient: in place, n = 1 and A transposed
  [[64, 1], [1, 6272], false, false], // an outer product: in place, k = 1
  [[1, 9], [5, 1], true, true], // k = 1 with both stored transposed
  [[5, 13], [1, 13], false, true], // n = 1, a dot product's tail
  [[1, 110], [110, 3137], false, false], // one sample through a G's dense layer: B read in place, a tail
  [[3, 40], [40, 50], false, false], // the most rows read in place
  [[2, 9], [20, 9], false, true], // few rows but a transposed B: packed
  [[3, 5, 7], [1, 7, 4], false, false], // batch broadcast
  [[2, 9, 6], [2, 6, 11], false, false],
];
for (const [a, b, transposeA, transposeB] of matmuls) {
  Deno.test(`BatchMatMul ${a} x ${b}${transposeA ? " tA" : ""}${transposeB ? " tB" : ""}`, async () => {
    const rank3 = (s: number[]) => (s.length === 2 ? [1, ...s] : s);
    await parity("BatchMatMul", { a: rank3(a), b: rank3(b) }, { transposeA, transposeB });
  });
}

// [input NHWC, filter, strides, pad, dilations]
type Conv = [number[], number[], number | [number, number], "same" | "valid" | number, number];
const convs: Conv[] = [
  [[8, 28, 28, 1], [4, 4, 1, 64], 2, 1, 1], // dcgan D conv 1
  [[8, 14, 14, 64], [4, 4, 64, 128], 2, 1, 1], // dcgan D conv 2
  [[3, 16, 16, 32], [4, 4, 32, 64], 2, 1, 1], // dcgan at 32 and 64 px: more stages of the same
  [[3, 9, 11, 5], [3, 3, 5, 7], 1, "same", 1],
  [[2, 10, 7, 9], [5, 5, 9, 6], [3, 2], 2, 1], // input gradient by phases, uneven strides
  [[2, 9, 11, 5], [3, 3, 5, 7], 2, "valid", 1],
  [[2, 10, 7, 3], [5, 5, 3, 6], [3, 2], 2, 1],
  [[1, 8, 8, 2], [2, 3, 2, 9], 1, "same", 1],
  [[1, 5, 5, 1], [1, 1, 1, 1], 1, "valid", 1],
  [[3, 4, 4, 8], [4, 4, 8, 21], 1, "valid", 1], // 3 output rows read B in place: bias and activation there, a tail
];
for (const [x, filter, strides, pad, dilations] of convs) {
  const name = `${x} * ${filter} s${strides} p${pad}`;
  Deno.test(`Conv2D ${name}`, async () => {
    await parity("Conv2D", { x, filter }, { strides, pad, dilations, dataFormat: "NHWC" });
  });
  Deno.test(`FusedConv2D with bias, then none, a leaky ReLU or a ReLU ${name}`, async () => {
    for (const activation of ["linear", "leakyrelu", "relu"]) {
      await parity("FusedConv2D", { x, filter, bias: [filter[3]] }, {
        strides,
        pad,
        dilations,
        dataFormat: "NHWC",
        activation,
        leakyreluAlpha: 0.3,
      });
    }
  });
  const g = tf.backend_util.computeConv2DInfo(
    x as [number, number, number, number],
    filter as [number, number, number, number],
    strides,
    dilations,
    pad,
  );
  Deno.test(`Conv2DBackpropFilter ${name}`, async () => {
    await parity("Conv2DBackpropFilter", { x, dy: g.outShape }, {
      strides,
      pad,
      dataFormat: "NHWC",
      filterShape: filter,
    });
  });
  Deno.test(`Conv2DBackpropInput ${name}`, async () => {
    await parity("Conv2DBackpropInput", { dy: g.outShape, filter }, {
      strides,
      pad,
      dataFormat: "NHWC",
      inputShape: x,
    });
  });
}

Deno.test("dilated Conv2D matches the cpu backend", async () => {
  await parity("Conv2D", { x: [2, 11, 9, 3], filter: [3, 2, 3, 5] }, {
    strides: 1,
    pad: "same",
    dilations: 2,
    dataFormat: "NHWC",
  });
});

Deno.test("results do not depend on the thread count", async () => {
  // Packed panels, and one row reading B in place (above SERIAL_MACS), its columns split between the threads.
  const geometries = [
    { m: 301, k: 517, n: 203, transposeB: true },
    { m: 1, k: 1031, n: 2083, transposeB: false },
  ];
  for (const { m, k, n, transposeB } of geometries) {
    const g = { batchA: 1, batchB: 1, m, k, n, transposeA: false, transposeB };
    const a = random([m, k], 1), b = random([n, k], 2);
    const outs = [];
    for (const threads of [1, 2, 3]) {
      const rt = await startKernelRuntime(threads);
      const out = new Float32Array(m * n);
      batchMatMul(rt, g, a, b, out);
      outs.push(out);
      await rt.pool.terminate();
    }
    assertEquals(outs[1], outs[0]);
    assertEquals(outs[2], outs[0]);
    // And they are the product: k > 512 takes two slices of packed panels, 301 and 203 leave edge tiles.
    let worst = 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) sum += a[i * k + p] * (transposeB ? b[j * k + p] : b[p * n + j]);
        worst = Math.max(worst, Math.abs(outs[0][i * n + j] - sum));
      }
    }
    assert(worst < 1e-3, `${m}x${k}x${n}: off the product by up to ${worst}`);
  }
});

Deno.test("the in-place kernels refuse a heap that has no room, rather than write at address 0", async () => {
  const heap = { memory: new WebAssembly.Memory({ initial: 256 }), malloc: () => 0, free: () => {} };
  const module = await compileKernels("inplace.wasm");
  assertThrows(() => new InPlaceKernels(module, heap), Error, "the wasm backend's heap has no room for");
});
