/**
 * One call selects and initialises the tfjs backend:
 *   wasm   (default) tfjs-backend-wasm with SIMD, plus our multithreaded
 *          WASM SIMD kernels for matMul and convolutions (src/kernels);
 *   cpu    tfjs-backend-cpu: the fallback, and the numerical reference;
 *   webgpu tfjs-backend-webgpu, where navigator.gpu gives an adapter.
 * A backend that cannot start falls back to wasm and says why.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { type BackendWasm, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { WebGPUBackend } from "@tensorflow/tfjs-backend-webgpu";
import { InPlaceKernels } from "../kernels/inplace.ts";
import type { KernelRuntime } from "../kernels/runtime.ts";
import { compileKernels, startKernelRuntime } from "../kernels/threaded_runtime.ts";
import { registerGradients } from "./gradients.ts";
import { registerWasmKernels } from "./wasm/register.ts";
import { registerCompositeKernels } from "./composite_kernels.ts";

import { OptionError } from "../options/option_error.ts";
import { parseOptions } from "../options/options.ts";
import { BACKEND_ENV, type BackendName } from "./options.ts";

export interface BackendOptions {
  /** Default: $EDGEGAN_BACKEND, else wasm. */
  backend?: BackendName;
  /** Kernel threads for wasm. Default: $EDGEGAN_THREADS, else all cores. */
  threads?: number;
  /** Print the one-line summary (default true). */
  log?: boolean;
}

export interface BackendInfo {
  backend: BackendName;
  simd: boolean;
  threads: number;
  /** Why the requested backend was not used, if it was not. */
  fallback?: string;
}

interface EmscriptenModule {
  asm: { memory: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}

let runtime: KernelRuntime | undefined;
let starting: Promise<KernelRuntime> | undefined;
let inPlace: InPlaceKernels | undefined;
/** The threads initBackend was given, which the kernels' runtime takes under any backend. */
let threadsAsked: number | undefined;

/** $EDGEGAN_THREADS and $EDGEGAN_BACKEND, checked. */
function environment() {
  const env = Object.keys(BACKEND_ENV.shape).map((name) => [name, Deno.env.get(name)] as const);
  try {
    return parseOptions(BACKEND_ENV, Object.fromEntries(env.filter(([, v]) => v !== undefined)), {
      strings: true,
    });
  } catch (e) {
    if (e instanceof OptionError) throw new Error(e.render({ noun: "variable", name: (name) => name }));
    throw e;
  }
}

export function defaultThreads(): number {
  return environment().EDGEGAN_THREADS ?? navigator.hardwareConcurrency;
}

async function startWasm(threads: number): Promise<BackendInfo> {
  const kernels = await kernelRuntime();
  setWasmPaths(new URL("./", import.meta.resolve("@tensorflow/tfjs-backend-wasm")).href);
  if (!(await tf.setBackend("wasm"))) throw new Error("the tfjs wasm backend failed to start");
  // After the backend's start, which sets up the kernels ours fall back to
  // and makes the memory the in-place kernels work in.
  // Emscripten's module object, as tfjs-backend-wasm 4.22 builds it (pinned; tested).
  const wasm = (tf.backend() as BackendWasm).wasm as unknown as EmscriptenModule;
  inPlace ??= new InPlaceKernels(await compileKernels("inplace.wasm"), {
    memory: wasm.asm.memory,
    malloc: wasm._malloc,
    free: wasm._free,
  });
  registerWasmKernels(kernels, inPlace);
  return { backend: "wasm", simd: tf.env().getBool("WASM_HAS_SIMD_SUPPORT"), threads };
}

/**
 * Our kernels' runtime for what runs on them without tfjs (sampling,
 * src/sampling/forward.ts): the wasm backend's, or one of its own where tfjs
 * runs on another backend.
 */
export function kernelRuntime(): Promise<KernelRuntime> {
  if (runtime) return Promise.resolve(runtime);
  if (starting) return starting;
  const attempt: Promise<KernelRuntime> = startKernelRuntime(threadsAsked ?? defaultThreads()).then(
    (started) => runtime = started,
    (e) => {
      if (starting === attempt) starting = undefined; // the next call tries again
      throw e;
    },
  );
  return starting = attempt;
}

/** Why our kernels take no more work (a worker thread stalled, or they were stopped), if they have stopped. */
export function kernelFault(): string | undefined {
  return runtime?.pool.fault;
}

async function startWebGPU(): Promise<BackendInfo> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) throw new Error("navigator.gpu gives no adapter");
  await import("@tensorflow/tfjs-backend-webgpu");
  if (!(await tf.setBackend("webgpu"))) throw new Error("the tfjs webgpu backend failed to start");
  // tfjs reads GPU data synchronously (dataSync, arraySync) by drawing it on a
  // 2d OffscreenCanvas. Deno has none, and the read dies on a null context:
  // say why instead. Asynchronous reads (data, array) work.
  if (typeof OffscreenCanvas === "undefined" || !new OffscreenCanvas(1, 1).getContext("2d")) {
    const gpu = tf.backend() as WebGPUBackend;
    const readSync = gpu.readSync.bind(gpu);
    gpu.readSync = (dataId) => {
      const { values, complexTensorInfos } = gpu.tensorMap.get(dataId);
      if (values == null && complexTensorInfos == null) {
        throw new Error("webgpu cannot read tensors synchronously in Deno: use await data() or array()");
      }
      return readSync(dataId);
    };
  }
  return { backend: "webgpu", simd: false, threads: 1 };
}

/** Selects, initialises and reports the backend that tfjs runs on. */
export async function initBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  const requested = options.backend ?? environment().EDGEGAN_BACKEND ?? "wasm";
  const threads = threadsAsked = options.threads ?? defaultThreads();
  // A runtime started with other threads (by an earlier call) gives way, whatever the backend.
  const current = runtime ?? await starting?.catch(() => undefined); // a failed start is tried again below
  if (current && current.threads !== threads) {
    await current.pool.terminate();
    runtime = starting = undefined;
  }
  tf.env().set("PROD", true); // no per-op debug checks, no "install tfjs-node" banner
  await registerGradients();
  // Every backend runs our kernels: cpu and webgpu as composites (wasm: startWasm).
  for (const name of ["cpu", "webgpu"]) registerCompositeKernels(name);
  let info: BackendInfo;
  try {
    info = requested === "cpu"
      ? (await tf.setBackend("cpu"), { backend: "cpu", simd: false, threads: 1 })
      : requested === "webgpu"
      ? await startWebGPU()
      : await startWasm(threads);
  } catch (e) {
    if (requested === "wasm") throw e;
    info = { ...(await startWasm(threads)), fallback: `${requested}: ${(e as Error).message}` };
  }
  if (options.log ?? true) console.error(describe(info));
  return info;
}

function describe(info: BackendInfo): string {
  const detail = info.backend === "wasm"
    ? `SIMD ${info.simd ? "on" : "off"}, ${info.threads} thread${info.threads === 1 ? "" : "s"}`
    : info.backend === "webgpu"
    ? "GPU"
    : "reference JS";
  const fell = info.fallback ? ` (fell back from ${info.fallback})` : "";
  return `backend: ${info.backend} (${detail})${fell}`;
}
