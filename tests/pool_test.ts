// The thread pool: workers really run their share, and failures surface.
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { gemm, strided } from "../src/kernels/gemm.ts";
import type { KernelRuntime } from "../src/kernels/runtime.ts";
import { startKernelRuntime } from "../src/kernels/threaded_runtime.ts";

// An 8x8 product with k large enough to be split (over gemm.ts's 2M multiply-adds): rows 0-3 go to thread 0,
// rows 4-7 to thread 1 (wasm/gemm.c balances the split dimension).
const K = 34_000;

function product(rt: KernelRuntime, badRows: number[]) {
  rt.reset();
  const m = 8, n = 8, k = K;
  const a = rt.put(new Float32Array(m * k).fill(1)), b = rt.put(new Float32Array(k * n).fill(2));
  const rows = strided(m, k);
  for (const r of badRows) rows[r] = 2 ** 28; // 1 GiB in: beyond the memory's current size
  const c = rt.alloc(m * n * 4);
  gemm(rt, { ptr: a, rows, cols: strided(k, 1) }, { ptr: b, rows: strided(k, n), cols: strided(n, 1) }, {
    ptr: c,
    rows: strided(m, n),
  });
  return rt.f32(c, m * n);
}

Deno.test("a worker thread runs its share: a fault in its rows only is reported", async () => {
  const rt = await startKernelRuntime(2);
  try {
    assertThrows(() => product(rt, [5]), /failed on a worker thread/);
    assertThrows(() => product(rt, [1]), /out of bounds/); // this thread's own share
    // The pool is still in step after both failures.
    assertEquals(Array.from(product(rt, [])), new Array(64).fill(2 * K));
  } finally {
    await rt.pool.terminate();
  }
});

Deno.test("one thread runs everything itself", async () => {
  const rt = await startKernelRuntime(1);
  assert(rt.threads === 1);
  assertThrows(() => product(rt, [5]), /out of bounds/);
  assertEquals(Array.from(product(rt, [])), new Array(64).fill(2 * K));
  await rt.pool.terminate();
});

Deno.test("terminate stops the workers; a job they leave unfinished stops the pool, serial jobs too", async () => {
  const rt = await startKernelRuntime(2, 200);
  assertEquals(rt.pool.fault, undefined);
  await rt.pool.terminate(); // the worker dies; the pool still hands it a share
  assertThrows(() => product(rt, []), /1 worker thread\(s\) did not finish in 0.2 s/);
  assert(rt.pool.fault?.includes("take no more work"));
  assertThrows(() => rt.pool.run("gemm_run", 0, true), /did not finish in 0.2 s/);
});
