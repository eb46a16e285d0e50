/** Registers our elementwise kernels on tfjs's cpu backend, each falling back to the backend's own. */
import { getKernel, type KernelFunc, registerKernel, unregisterKernel } from "@tensorflow/tfjs-core";
import {
  addKernel,
  type Args,
  batchNormKernel,
  type CpuKernel,
  reluKernel,
  tanhKernel,
} from "./elementwise.ts";

const KERNELS = [reluKernel, tanhKernel, addKernel, batchNormKernel] as CpuKernel<never>[];

/** The cpu backend's own kernels that ours replaced. */
const originals = new Map<string, KernelFunc>();

export function registerCpuKernels(): void {
  for (const { kernelName, kernelFunc } of KERNELS) {
    const existing = getKernel(kernelName, "cpu");
    if (existing && !originals.has(kernelName)) originals.set(kernelName, existing.kernelFunc);
    if (existing) unregisterKernel(kernelName, "cpu");
    const own = originals.get(kernelName)!;
    registerKernel({
      kernelName,
      backendName: "cpu",
      kernelFunc: ((args: Args<never>) => kernelFunc(args, own)) as unknown as KernelFunc,
    });
  }
}
