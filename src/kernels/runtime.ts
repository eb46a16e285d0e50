/**
 * The runtime of our compute-bound WASM SIMD kernels (wasm/gemm.wasm): one
 * shared memory, one module instance per thread, and a bump allocator for the
 * buffers of a call.
 *
 * Memory layout: [module data | per-thread stacks | per-thread packing
 * scratch | arena]. The arena is reset at the start of every kernel call.
 */
import { type ShareFn, ThreadPool } from "./pool.ts";
import { type Field, writeStruct } from "./struct.ts";

const PAGE = 65536;
const STACK_BYTES = 64 * 1024;

interface Exports {
  __heap_base: WebAssembly.Global;
  __stack_pointer: WebAssembly.Global;
  gemm_scratch_floats(): number;
}

/** The kernels' module, compiled once. Edge hosts may hand in their own. */
export async function compileKernels(): Promise<WebAssembly.Module> {
  const url = new URL("../../wasm/gemm.wasm", import.meta.url);
  return await WebAssembly.compile(await Deno.readFile(url));
}

export class KernelRuntime {
  readonly memory: WebAssembly.Memory;
  readonly pool: ThreadPool;
  readonly scratch: number; // base of the packing scratch of thread 0
  readonly #arenaBase: number;
  #top: number;

  static async create(threads: number, module?: WebAssembly.Module): Promise<KernelRuntime> {
    module ??= await compileKernels();
    const memory = new WebAssembly.Memory({ initial: 256, maximum: 65536, shared: true });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    const exports = instance.exports as unknown as Exports;
    const align = (n: number) => Math.ceil(n / 64) * 64;
    const stacks = align(exports.__heap_base.value as number);
    const stackTop = (t: number) => stacks + (t + 1) * STACK_BYTES;
    exports.__stack_pointer.value = stackTop(0);
    const scratch = stacks + threads * STACK_BYTES;
    const arena = align(scratch + threads * exports.gemm_scratch_floats() * 4);
    // Every `*_run(task, thread, threads)` export is a parallel kernel.
    const local = Object.fromEntries(
      Object.entries(instance.exports).filter(([name]) => name.endsWith("_run")),
    ) as Record<string, ShareFn>;
    const pool = await ThreadPool.start(module, memory, local, stackTop, threads);
    return new KernelRuntime(memory, pool, scratch, arena);
  }

  private constructor(memory: WebAssembly.Memory, pool: ThreadPool, scratch: number, arena: number) {
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
