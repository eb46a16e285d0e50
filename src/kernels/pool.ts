/**
 * A pool of worker threads that run our WASM kernels over one shared memory.
 *
 * tfjs calls kernels synchronously, so the calling thread hands each worker
 * its share through a SharedArrayBuffer, does share 0 itself, and blocks in
 * Atomics.wait until all are done: a round trip costs microseconds.
 */
import { Worker } from "node:worker_threads";
import type { Runner, ShareFn } from "./runtime.ts";

// Layout of the control block (Int32 slots).
const GENERATION = 0; // bumped once per job; workers wait on it
const PENDING = 1; // workers still running the current job
const FAILED = 2; // set by a worker whose share threw
const FUNCTION = 3; // index into the exported function names, or STOP
const ARG = 4; // the job's argument (a pointer)
const CONTROL_SLOTS = 5;
// The "function" that ends a worker's loop. Worker.terminate alone does not stop
// a thread that loops on Atomics.wait in Deno: the thread must return.
const STOP = -1;

// Waits are timed and re-check their condition: in Deno we have seen a
// thread sleep on after the notify meant for it (about once in 10^5 jobs).
const RECHECK_MS = 20;
// A job that takes this long has a dead worker: fail rather than hang. Each wait counts for at most
// twice its timeout, so that a process suspended mid-job (a laptop asleep, a SIGSTOP) does not look stalled.
const STALL_MS = 60_000;

export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: Int32Array;
  functions: string[];
  thread: number;
  threads: number;
  stackTop: number;
}

export class ThreadPool implements Runner {
  readonly threads: number;
  readonly #control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
  readonly #workers: Worker[] = [];
  readonly #functions: string[];
  /** Each function's index in #functions, looked up on every job. */
  readonly #indexOf: Map<string, number>;
  readonly #local: Record<string, ShareFn>;
  readonly #stallMs: number;
  /** Why the pool takes no more jobs: a worker that stalled may still write into the next job's output. */
  #fault: string | undefined;

  /** Workers 1..threads-1 instantiate `module`; share 0 runs on `local`. */
  static async start(
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    local: Record<string, ShareFn>,
    stackTop: (thread: number) => number,
    threads: number,
    stallMs = STALL_MS,
  ): Promise<ThreadPool> {
    const pool = new ThreadPool(local, threads, stallMs);
    const ready: Promise<void>[] = [];
    for (let t = 1; t < threads; t++) {
      const worker = new Worker(new URL("./pool_worker.ts", import.meta.url));
      const init: WorkerInit = {
        module,
        memory,
        control: pool.#control,
        functions: pool.#functions,
        thread: t,
        threads,
        stackTop: stackTop(t),
      };
      ready.push(
        new Promise((resolve, reject) => {
          worker.once("message", () => resolve());
          worker.once("error", reject);
        }),
      );
      worker.postMessage(init);
      pool.#workers.push(worker);
    }
    // A worker that failed to start leaves the others looping: stop them.
    await Promise.all(ready).catch(async (e) => {
      await pool.terminate();
      throw e;
    });
    // Idle workers must not keep the process alive.
    for (const w of pool.#workers) w.unref();
    return pool;
  }

  private constructor(local: Record<string, ShareFn>, threads: number, stallMs: number) {
    this.threads = threads;
    this.#stallMs = stallMs;
    this.#local = local;
    this.#functions = Object.keys(local);
    this.#indexOf = new Map(this.#functions.map((name, i) => [name, i]));
  }

  get fault(): string | undefined {
    return this.#fault;
  }

  /** The workers' thread ids: Deno names each worker's OS thread `worker-<id>`. */
  get threadIds(): number[] {
    return this.#workers.map((w) => w.threadId);
  }

  /**
   * Runs `fn(arg, t, threads)` for t = 0..threads-1 and returns when all are
   * done; `serial` runs the whole job on this thread instead.
   */
  run(fn: string, arg: number, serial = false): void {
    const c = this.#control;
    // Serial jobs too: a stalled worker that woke would write into their buffers.
    if (this.#fault) throw new Error(this.#fault);
    const index = this.#indexOf.get(fn);
    if (index === undefined) throw new Error(`kernel ${fn}: no such kernel in the pool's module`);
    if (serial || this.threads === 1) return this.#local[fn](arg, 0, 1);
    Atomics.store(c, FUNCTION, index);
    Atomics.store(c, ARG, arg);
    Atomics.store(c, PENDING, this.threads - 1);
    Atomics.add(c, GENERATION, 1);
    Atomics.notify(c, GENERATION);
    let failure: unknown;
    try {
      this.#local[fn](arg, 0, this.threads);
    } catch (e) {
      failure = e; // reported once the workers are done: the next job must not overlap them
    }
    this.#waitForWorkers(fn);
    const workerFailed = Atomics.exchange(c, FAILED, 0) !== 0;
    if (failure) throw failure;
    if (workerFailed) throw new Error(`kernel ${fn} failed on a worker thread`);
  }

  #waitForWorkers(fn: string): void {
    const c = this.#control;
    let waited = 0;
    for (let p; (p = Atomics.load(c, PENDING)) !== 0;) {
      const before = performance.now();
      Atomics.wait(c, PENDING, p, RECHECK_MS);
      waited += Math.min(performance.now() - before, 2 * RECHECK_MS);
      if (waited > this.#stallMs) {
        this.#fault = `kernel ${fn}: ${p} worker thread(s) did not finish in ${this.#stallMs / 1000} s; ` +
          "the kernels' threads take no more work";
        throw new Error(this.#fault);
      }
    }
  }

  /** Stops the workers, for good: a stalled one stops once its job is done, and the pool takes no more jobs. */
  terminate(): Promise<number[]> {
    this.#fault ??= "the kernels' threads were stopped";
    const c = this.#control;
    Atomics.store(c, FUNCTION, STOP);
    Atomics.add(c, GENERATION, 1);
    Atomics.notify(c, GENERATION);
    return Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/** The loop of a worker thread: wait for a job, run its share, report; until told to stop. */
export function serve(init: WorkerInit, exports: Record<string, ShareFn>): void {
  const c = init.control;
  const fns = init.functions.map((name) => exports[name]);
  let seen = 0; // no job runs before every worker is ready

  for (;;) {
    Atomics.wait(c, GENERATION, seen, RECHECK_MS);
    if (Atomics.load(c, GENERATION) === seen) continue;
    seen = Atomics.load(c, GENERATION);
    const fn = Atomics.load(c, FUNCTION);
    if (fn === STOP) return;
    try {
      fns[fn](Atomics.load(c, ARG), init.thread, init.threads);
    } catch (e) {
      console.error(`worker ${init.thread}:`, e);
      Atomics.store(c, FAILED, 1);
    }
    if (Atomics.sub(c, PENDING, 1) === 1) Atomics.notify(c, PENDING);
  }
}
