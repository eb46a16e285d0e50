// Backend selection: what initBackend starts, whatever backend tfjs runs on.
import * as tf from "@tensorflow/tfjs-core";
import { assertEquals, assertThrows } from "./assert.ts";
import { initBackend, kernelRuntime } from "../src/backend/select.ts";

Deno.test("under the cpu backend, sampling's kernels take the threads initBackend was given, each time", async () => {
  // 3: neither this machine's cores nor a likely $EDGEGAN_THREADS, which the kernels took before.
  await initBackend({ backend: "cpu", threads: 3, log: false });
  assertEquals((await kernelRuntime()).threads, 3);
  // Asked again with other threads, the runtime gives way.
  await initBackend({ backend: "cpu", threads: 1, log: false });
  assertEquals((await kernelRuntime()).threads, 1);
});

Deno.test("a runtime still starting when initBackend asks for other threads gives way too", async () => {
  await initBackend({ backend: "cpu", threads: 3, log: false }); // no runtime yet: cpu starts one on demand
  const pending = kernelRuntime(); // starts one of 3 threads
  await initBackend({ backend: "cpu", threads: 2, log: false });
  assertEquals((await kernelRuntime()).threads, 2);
  assertEquals((await pending).pool.fault, "the kernels' threads were stopped");
});

Deno.test("kernels bound to a stopped runtime refuse at once, rather than wait for its threads", async () => {
  await initBackend({ backend: "wasm", threads: 2, log: false });
  await initBackend({ backend: "cpu", threads: 3, log: false });
  await tf.setBackend("wasm"); // past initBackend: its kernels still hold the 2-thread runtime
  assertThrows(() => tf.matMul(tf.ones([64, 100]), tf.ones([100, 64])).dataSync(), /threads were stopped/);
  await initBackend({ backend: "wasm", threads: 2, log: false });
  assertEquals(tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).arraySync(), [[3, 3], [3, 3]]);
});
