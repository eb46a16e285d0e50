/**
 * Registers our kernels (src/kernels, multithreaded WASM SIMD) in place of
 * some of the tfjs wasm backend's own, chiefly MatMul and convolutions: its
 * Conv2DBackpropInput is a scalar loop and it has no Conv2DBackpropFilter
 * (tensorflow/tfjs#8474), so without these no conv layer could train.
 */
import type { KernelFunc } from "@tensorflow/tfjs-core";
import type { InPlaceKernels } from "../../kernels/inplace.ts";
import type { KernelRuntime } from "../../kernels/runtime.ts";
import { adamKernel } from "./adam.ts";
import { batchNormGradKernel, batchNormKernel } from "./batch_norm.ts";
import { registerGemmKernels } from "../gemm/register.ts";
import { ownKernel, replaceKernel } from "../replace_kernel.ts";
import { gaussianNoiseKernel } from "./gaussian_noise.ts";
import { identityKernel } from "./identity.ts";
import { type WasmContext, type WasmKernel, wasmStore } from "./kernel.ts";
import { leakyReluGradKernel, leakyReluKernel } from "./leaky_relu.ts";
import { batchMatMulWasmKernel } from "./batch_mat_mul.ts";
import { maxoutGradKernel, maxoutKernel } from "./maxout.ts";
import { softplusKernel } from "./softplus.ts";
import { sumKernel } from "./sum.ts";
import { sumOfSquaresKernel } from "./sum_of_squares.ts";
import { tanhGradKernel, tanhKernel } from "./tanh.ts";

const KERNELS: WasmKernel<never>[] = [
  identityKernel,
  leakyReluKernel,
  leakyReluGradKernel,
  maxoutKernel,
  maxoutGradKernel,
  tanhKernel,
  tanhGradKernel,
  softplusKernel,
  sumKernel,
  sumOfSquaresKernel,
  adamKernel,
  batchNormKernel,
  batchNormGradKernel,
  batchMatMulWasmKernel,
  gaussianNoiseKernel,
] as WasmKernel<never>[];

/** Makes the wasm backend run our kernels, replacing its own. */
export function registerWasmKernels(rt: KernelRuntime, inPlace: InPlaceKernels): void {
  registerGemmKernels("wasm", rt, wasmStore);
  const ctx: WasmContext = { inPlace, rt, original: (name) => ownKernel("wasm", name)! };
  for (const { kernelName, kernelFunc } of KERNELS) {
    replaceKernel("wasm", kernelName, ((args: never) => kernelFunc(args, ctx)) as KernelFunc);
  }
}
