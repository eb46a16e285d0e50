/**
 * What each of our in-place wasm kernels is written against: tfjs's kernel
 * arguments, our single-threaded kernels in the backend's memory, and the
 * wasm backend's own kernel of the same name for the cases ours leave to it;
 * with the helpers that read tensors in the backend's memory (and the store
 * through which our GEMM kernels read them).
 */
import type { KernelFunc, TensorInfo } from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import type { InPlaceKernels } from "../../kernels/inplace.ts";
import type { KernelRuntime } from "../../kernels/runtime.ts";
import type { StoreOf } from "../gemm/kernel.ts";

export type Args<A> = { inputs: Record<string, TensorInfo>; backend: BackendWasm; attrs: A };

export interface WasmContext {
  /** The single-threaded kernels that work in the backend's memory. */
  inPlace: InPlaceKernels;
  /** The threads that run our GEMM kernels, for the cases an in-place kernel leaves to them. */
  rt: KernelRuntime;
  /** The wasm backend's own kernel of a name we replace. */
  original(kernelName: string): KernelFunc;
}

/** One kernel: one registration under its name on the wasm backend. */
export interface WasmKernel<A = never> {
  kernelName: string;
  kernelFunc(args: Args<A>, ctx: WasmContext): TensorInfo | TensorInfo[];
}

export { float32 } from "../gemm/kernel.ts";

/** A tensor's values, viewed in the backend's memory. */
export function view(backend: BackendWasm, t: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

/** The wasm backend's tensors, for our GEMM kernels: views into its memory, made after any allocation. */
export const wasmStore: StoreOf = (backend) => {
  const wasm = backend as BackendWasm;
  return {
    read: (t) => view(wasm, t),
    output: (shape) => {
      const info = wasm.makeOutput(shape, "float32");
      return { info, values: view(wasm, info) };
    },
  };
};

/** A tensor's byte address in the backend's memory, for the in-place kernels. */
export function at(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}

export function addresses<K extends string>(
  backend: BackendWasm,
  tensors: Record<K, TensorInfo>,
): Record<K, number> {
  return Object.fromEntries(
    Object.entries(tensors).map(([k, t]) => [k, at(backend, t as TensorInfo)]),
  ) as Record<K, number>;
}
