// The portable backend (edge and browser): tfjs's cpu backend with our single-threaded WASM SIMD
// kernels (wasm/gemm_single.wasm, unshared memory) registered in place of its
// own matMul and convolutions, and our elementwise loops in place of its
// ReLU, tanh, add and batch norm, against the cpu backend's own kernels.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { startPortableBackend } from "../src/backend/portable.ts";
import { KernelRuntime } from "../src/kernels/runtime.ts";
import { compileKernels } from "../src/kernels/threaded_runtime.ts";

const kernels = await WebAssembly.compile(
  await Deno.readFile(new URL("../wasm/gemm_single.wasm", import.meta.url)),
);

const CASES: [string, () => tf.Tensor][] = [
  ["matMul, dcgan G's dense", () => tf.matMul(tensor([16, 100], 1), tensor([100, 1568], 2))],
  ["matMul, transposed and odd", () => tf.matMul(tensor([7, 5], 3), tensor([3, 7], 4), true, true)],
  [
    "conv2dTranspose, dcgan G's upsampling",
    () =>
      tf.conv2dTranspose(
        tensor([16, 7, 7, 64], 5) as tf.Tensor4D,
        tensor([4, 4, 32, 64], 6) as tf.Tensor4D,
        [16, 14, 14, 32],
        2,
        1,
      ),
  ],
  [
    "conv2d, 3x3 same",
    () =>
      tf.conv2d(tensor([3, 9, 11, 5], 7) as tf.Tensor4D, tensor([3, 3, 5, 6], 8) as tf.Tensor4D, 1, "same"),
  ],
];

function tensor(shape: number[], seed: number): tf.Tensor {
  let s = seed;
  const values = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 1073741824 - 1;
  });
  return tf.tensor(values, shape);
}

const run = (make: () => tf.Tensor) => tf.tidy(() => make().dataSync() as Float32Array);

Deno.test("portable backend: our kernels replace the cpu backend's, with its results", async () => {
  tf.env().set("PROD", true); // as the edge backend sets it: no per-op checks, no notice to install tfjs-node
  await tf.setBackend("cpu");
  const names = ["BatchMatMul", "Conv2DBackpropInput", "Relu", "Tanh", "Add", "FusedBatchNorm"];
  const own = names.map((name) => tf.getKernel(name, "cpu")!.kernelFunc);
  const want = CASES.map(([, make]) => run(make));
  await startPortableBackend(kernels);
  assertEquals(tf.getBackend(), "cpu");
  names.forEach((name, i) =>
    assert(tf.getKernel(name, "cpu")!.kernelFunc !== own[i], `the cpu backend's own ${name} still runs`)
  );
  CASES.forEach(([name, make], i) => {
    const got = run(make);
    assertEquals(got.length, want[i].length, name);
    let err = 0, scale = 0;
    got.forEach((x, j) => {
      err = Math.max(err, Math.abs(x - want[i][j]));
      scale = Math.max(scale, Math.abs(want[i][j]));
    });
    assert(err <= 2e-6 * Math.max(1, scale), `${name}: max error ${err} at scale ${scale}`);
  });
});

Deno.test("gemm_single.wasm runs over an unshared memory, as edge runtimes need; the threaded gemm.wasm cannot", async () => {
  assertEquals(KernelRuntime.single(kernels).threads, 1);
  const threaded = await compileKernels("gemm.wasm");
  assertThrows(() => KernelRuntime.single(threaded));
});
