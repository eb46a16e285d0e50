/** Registers our elementwise kernels on tfjs's cpu backend, each falling back to the backend's own. */
import type { KernelFunc } from "@tensorflow/tfjs-core";
import { replaceKernel } from "../replace_kernel.ts";
import {
  addKernel,
  type Args,
  batchNormKernel,
  type CpuKernel,
  reluKernel,
  tanhKernel,
} from "./elementwise.ts";

const KERNELS = [reluKernel, tanhKernel, addKernel, batchNormKernel] as CpuKernel<never>[];

export function registerCpuKernels(): void {
  for (const { kernelName, kernelFunc } of KERNELS) {
    replaceKernel(
      "cpu",
      kernelName,
      (own) => ((args: Args<never>) => kernelFunc(args, own!)) as unknown as KernelFunc,
    );
  }
}
