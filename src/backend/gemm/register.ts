/**
 * Registers our GEMM and convolution kernels (src/kernels) on a tfjs backend
 * in place of its own: on wasm, for training.
 */
import type { KernelBackend, KernelFunc } from "@tensorflow/tfjs-core";
import type { KernelRuntime } from "../../kernels/runtime.ts";
import {
  conv2DBackpropFilterKernel,
  conv2DBackpropInputKernel,
  conv2DKernel,
  fusedConv2DKernel,
} from "./conv2d.ts";
import type { GemmKernel, StoreOf } from "./kernel.ts";
import { replaceKernel } from "../replace_kernel.ts";

// BatchMatMul on wasm is wasm/batch_mat_mul.ts, which hands our GEMM every product it does not run itself.
const GEMM_KERNELS = [
  conv2DKernel,
  fusedConv2DKernel,
  conv2DBackpropFilterKernel,
  conv2DBackpropInputKernel,
] as GemmKernel<never>[];

export function registerGemmKernels(backendName: string, rt: KernelRuntime, storeOf: StoreOf): void {
  for (const { kernelName, kernelFunc } of GEMM_KERNELS) {
    replaceKernel(
      backendName,
      kernelName,
      (({ inputs, attrs, backend }) =>
        kernelFunc({ inputs, attrs } as never, rt, storeOf(backend as KernelBackend))) as KernelFunc,
    );
  }
}
