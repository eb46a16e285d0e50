// The thread pool: workers really run their share, and failures surface.
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { gemm, strided } from "../src/kernels/gemm.ts";
import type { ThreadPool } from "../src/kernels/pool.ts";
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

/** Whether the OS thread of worker `id` still runs (tests run in parallel, so other modules have threads too). */
const threadRuns = (id: number) =>
  Array.from(Deno.readDirSync("/proc/self/task")).some((task) => {
    try {
      return Deno.readTextFileSync(`/proc/self/task/${task.name}/comm`).trim() === `worker-${id}`;
    } catch {
      return false; // a thread that ended between the listing and the read
    }
  });

Deno.test("terminate ends the worker threads, and the pool takes no more jobs", async () => {
  const rt = await startKernelRuntime(3);
  const ids = (rt.pool as ThreadPool).threadIds;
  assertEquals(ids.filter(threadRuns).length, 2);
  await rt.pool.terminate();
  // Deno's Worker.terminate alone left a thread that loops on Atomics.wait running for good.
  for (let waited = 0; ids.some(threadRuns) && waited < 10_000; waited += 50) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assertEquals(ids.filter(threadRuns), []);
  assertThrows(() => product(rt, []), /threads were stopped/);
});

Deno.test("a job its workers leave unfinished past the stall limit stops the pool, serial jobs too", async () => {
  // A limit of 0 ms: the worker starts its share after this thread starts its own, so it mostly finishes
  // later. Tries until it does: on a loaded machine this thread may be the one held up, many times over
  // (20 tries once failed beside two training runs and the rest of the suite).
  const rt = await startKernelRuntime(2, 0);
  try {
    let stalled = "";
    for (let tries = 0; tries < 2000 && !stalled; tries++) {
      try {
        product(rt, []);
      } catch (e) {
        stalled = (e as Error).message;
      }
    }
    assert(stalled.includes("1 worker thread(s) did not finish in 0 s"), stalled);
    assert(rt.pool.fault?.includes("take no more work"));
    assertThrows(() => rt.pool.run("gemm_run", 0, true), /did not finish in 0 s/);
  } finally {
    await rt.pool.terminate();
  }
});

Deno.test("a kernel the module lacks is refused, and the pool goes on", async () => {
  const rt = await startKernelRuntime(2);
  try {
    assertThrows(() => rt.pool.run("nope_run", 0), /kernel nope_run: no such kernel/);
    assertEquals(Array.from(product(rt, [])), new Array(64).fill(2 * K));
  } finally {
    await rt.pool.terminate();
  }
});

Deno.test("a pool whose worker fails to start stops the workers already started", async () => {
  // In a process of its own, which a worker left looping keeps from ever exiting.
  const src = (path: string) => JSON.stringify(new URL(`../src/kernels/${path}`, import.meta.url).href);
  const script = `
    import { ThreadPool } from ${src("pool.ts")};
    import { compileKernels } from ${src("threaded_runtime.ts")};
    import { instantiate, kernelMemory } from ${src("runtime.ts")};
    const module = await compileKernels();
    const memory = kernelMemory(true);
    const { local, stackTop } = instantiate(module, memory, 3);
    // Worker 2's stack pointer is a BigInt, which its i32 global refuses: worker 1 starts, worker 2 throws.
    const badStack = (t) => t === 2 ? 1n : stackTop(t);
    await ThreadPool.start(module, memory, local, badStack, 3).then(
      () => console.log("started"),
      (e) => console.log("refused:", e.message),
    );`;
  const child = new Deno.Command(Deno.execPath(), { args: ["eval", script], stdout: "piped", stderr: "null" })
    .spawn();
  const hung = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const { code, stdout } = await child.output();
  clearTimeout(hung);
  assertEquals(code, 0, "the process did not exit: a worker it started still runs");
  assertEquals(new TextDecoder().decode(stdout).trim(), "refused: Cannot convert a BigInt value to a number");
});
