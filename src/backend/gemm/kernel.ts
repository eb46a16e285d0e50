/**
 * What our GEMM and convolution kernels (src/kernels, in their own wasm
 * memory) are written against as tfjs kernels: a store says where a
 * backend's tensor values lie (the wasm backend's: src/backend/wasm/kernel.ts),
 * so that the kernels here know nothing of that backend's internals.
 */
import type { KernelBackend, TensorInfo } from "@tensorflow/tfjs-core";
import type { KernelRuntime } from "../../kernels/runtime.ts";

/** A backend's tensors as float32 values. */
export interface TensorStore {
  read(t: TensorInfo): Float32Array;
  /** A new float32 tensor and its values, for the kernel to write. */
  output(shape: number[]): { info: TensorInfo; values: Float32Array };
}

export type GemmArgs<A> = { inputs: Record<string, TensorInfo>; attrs: A };

/** One kernel: one registration under its name, on each backend that runs our kernels. */
export interface GemmKernel<A = never> {
  kernelName: string;
  kernelFunc(args: GemmArgs<A>, rt: KernelRuntime, store: TensorStore): TensorInfo;
}

/** The store of a backend instance. */
export type StoreOf = (backend: KernelBackend) => TensorStore;

export function float32(kernel: string, ...tensors: TensorInfo[]): void {
  for (const t of tensors) {
    if (t.dtype !== "float32") throw new Error(`${kernel}: only float32 is supported, got ${t.dtype}`);
  }
}
