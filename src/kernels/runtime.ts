/**
 * The runtime of our compute-bound WASM SIMD kernels: one memory, one module
 * instance per thread, and a bump allocator for the buffers of a call. It
 * runs on a pool of threads over a shared memory (wasm/gemm.wasm,
 * src/kernels/threaded_runtime.ts), or on the calling thread alone over an
 * unshared one (wasm/gemm_single.wasm), as edge runtimes need: they have no
 * threads and no SharedArrayBuffer.
 *
 * Memory layout: [module data | per-thread stacks | per-thread packing
 * scratch | arena]. The arena is reset at the start of every kernel call.
 */
import { type Field, writeStruct } from "./struct.ts";

const PAGE = 65536;
export const STACK_BYTES = 64 * 1024;
const INITIAL_PAGES = 256;
const MAXIMUM_PAGES = 65536;

/** A kernel's share for thread `thread` of `threads`: every `*_run` export. */
export type ShareFn = (arg: number, thread: number, threads: number) => void;

/** Runs a kernel's shares: on a pool of threads, or all on this one. */
export interface Runner {
  readonly threads: number;
  /** Runs `fn` over all threads and returns when all are done; `serial` runs it on this thread alone. */
  run(fn: string, arg: number, serial?: boolean): void;
  /** Why the runner takes no more work, once it has failed for good. */
  readonly fault?: string;
  terminate(): Promise<unknown>;
}

interface Exports {
  __heap_base: WebAssembly.Global;
  __stack_pointer: WebAssembly.Global;
  gemm_scratch_floats(): number;
}

/** The module instantiated on this thread, and where each thread's stack and the arena lie. */
export interface Instantiated {
  local: Record<string, ShareFn>;
  stackTop: (thread: number) => number;
  scratch: number;
  arena: number;
}

/** A memory for the kernels: shared for the threaded module, unshared for the single-threaded one. */
export function kernelMemory(shared: boolean): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared });
}

/** Instantiates `module` over `memory` on this thread, with room for `threads` stacks and scratch. */
export function instantiate(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  threads: number,
): Instantiated {
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  const exports = instance.exports as unknown as Exports;
  const align = (n: number) => Math.ceil(n / 64) * 64;
  const stacks = align(exports.__heap_base.value as number);
  const stackTop = (t: number) => stacks + (t + 1) * STACK_BYTES;
  exports.__stack_pointer.value = stackTop(0);
  const scratch = stacks + threads * STACK_BYTES;
  const arena = align(scratch + threads * exports.gemm_scratch_floats() * 4);
  const local = Object.fromEntries(
    Object.entries(instance.exports).filter(([name]) => name.endsWith("_run")),
  ) as Record<string, ShareFn>;
  return { local, stackTop, scratch, arena };
}

/** Every share on the calling thread. */
class SerialRunner implements Runner {
  readonly threads = 1;
  constructor(readonly local: Record<string, ShareFn>) {}
  run(fn: string, arg: number): void {
    this.local[fn](arg, 0, 1);
  }
  terminate(): Promise<void> {
    return Promise.resolve();
  }
}

export class KernelRuntime {
  readonly memory: WebAssembly.Memory;
  readonly pool: Runner;
  readonly scratch: number; // base of the packing scratch of thread 0
  readonly #arenaBase: number;
  #top: number;

  /** The single-threaded kernels (wasm/gemm_single.wasm) on this thread, over an unshared memory. */
  static single(module: WebAssembly.Module): KernelRuntime {
    const memory = kernelMemory(false);
    const { local, scratch, arena } = instantiate(module, memory, 1);
    return new KernelRuntime(memory, new SerialRunner(local), scratch, arena);
  }

  constructor(memory: WebAssembly.Memory, pool: Runner, scratch: number, arena: number) {
    this.memory = memory;
    this.pool = pool;
    this.scratch = scratch;
    this.#arenaBase = this.#top = arena;
    this.#reserve(arena);
  }

  get threads(): number {
    return this.pool.threads;
  }

  /** Frees every arena allocation; called at the start of each kernel call. */
  reset(): void {
    this.#top = this.#arenaBase;
  }

  /** Allocates `bytes` (64-byte aligned) in the arena and returns the address. */
  alloc(bytes: number): number {
    const at = this.#top;
    this.#top = at + Math.ceil(bytes / 64) * 64;
    this.#reserve(this.#top);
    return at;
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }

  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }

  /** Copies `values` into a new arena allocation and returns its address. */
  put(values: Float32Array | Int32Array): number {
    const ptr = this.alloc(values.byteLength);
    (values instanceof Float32Array ? this.f32(ptr, values.length) : this.i32(ptr, values.length)).set(
      values,
    );
    return ptr;
  }

  /** Copies a task struct into the arena and returns its address. */
  struct(fields: Field[]): number {
    const ptr = this.alloc(fields.length * 4);
    writeStruct(this.memory.buffer, ptr, fields);
    return ptr;
  }

  #reserve(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / PAGE));
  }
}
