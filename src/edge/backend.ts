/**
 * The edge worker's tfjs backend: tfjs-backend-cpu, plain JavaScript, with
 * our WASM SIMD GEMM and convolution kernels in place of its own, on one
 * thread and an unshared memory, and plain-loop elementwise kernels. Edge runtimes have no workers or
 * SharedArrayBuffer, which the tfjs wasm backend's threads need.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { registerCpuKernels } from "../backend/cpu/register.ts";
import { cpuStore } from "../backend/cpu/store.ts";
import { registerGemmKernels } from "../backend/gemm/register.ts";
import { KernelRuntime } from "../kernels/runtime.ts";
import { WEB_PLATFORM } from "./platform.ts";

export async function startEdgeBackend(kernels: WebAssembly.Module): Promise<void> {
  // workerd passes for a browser, and tfjs set its browser platform; Deno passes for nothing.
  if (!tf.env().platform) tf.setPlatform("web", WEB_PLATFORM);
  tf.env().set("PROD", true); // no per-op debug checks
  if (!(await tf.setBackend("cpu"))) throw new Error("the tfjs cpu backend failed to start");
  registerGemmKernels("cpu", KernelRuntime.single(kernels), cpuStore);
  registerCpuKernels();
}
