// Backend selection: what initBackend starts, whatever backend tfjs runs on.
import { assertEquals } from "./assert.ts";
import { initBackend, kernelRuntime } from "../src/backend/select.ts";

Deno.test("under the cpu backend, sampling's kernels take the threads initBackend was given, each time", async () => {
  // 3: neither this machine's cores nor a likely $EDGEGAN_THREADS, which the kernels took before.
  await initBackend({ backend: "cpu", threads: 3, log: false });
  assertEquals((await kernelRuntime()).threads, 3);
  // Asked again with other threads, the runtime gives way.
  await initBackend({ backend: "cpu", threads: 1, log: false });
  assertEquals((await kernelRuntime()).threads, 1);
});
