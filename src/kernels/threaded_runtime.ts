/** Our kernels (wasm/gemm.wasm) on a pool of threads over a shared memory: the server's runtime. */
import { ThreadPool } from "./pool.ts";
import { instantiate, kernelMemory, KernelRuntime } from "./runtime.ts";

/** A kernels module read from wasm/ (gemm.wasm, gemm_single.wasm or inplace.wasm), compiled. */
export async function compileKernels(name = "gemm.wasm"): Promise<WebAssembly.Module> {
  return await WebAssembly.compile(await Deno.readFile(new URL(`../../wasm/${name}`, import.meta.url)));
}

/**
 * The kernels on `threads` threads: this one runs share 0, workers the rest.
 * A job that outlasts `stallMs` stops the pool (see pool.ts).
 */
export async function startKernelRuntime(threads: number, stallMs?: number): Promise<KernelRuntime> {
  const module = await compileKernels();
  const memory = kernelMemory(true);
  const { local, stackTop, scratch, arena } = instantiate(module, memory, threads);
  const pool = await ThreadPool.start(module, memory, local, stackTop, threads, stallMs);
  return new KernelRuntime(memory, pool, scratch, arena);
}
