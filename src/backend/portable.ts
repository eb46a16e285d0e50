/**
 * The portable sampling engine: tfjs's cpu backend with our WASM SIMD GEMM
 * and convolution kernels in place of its own, on one thread over an
 * unshared memory (wasm/gemm_single.wasm), and plain-loop elementwise
 * kernels. It runs wherever WebAssembly does: edge runtimes, which have no
 * workers or SharedArrayBuffer, and browsers without a GPU.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { registerCpuKernels } from "./cpu/register.ts";
import { cpuStore } from "./cpu/store.ts";
import { registerGemmKernels } from "./gemm/register.ts";
import { KernelRuntime } from "../kernels/runtime.ts";

/** Starts the engine on `kernels`, the compiled wasm/gemm_single.wasm. */
export async function startPortableBackend(kernels: WebAssembly.Module): Promise<void> {
  tf.env().set("PROD", true); // no per-op debug checks
  if (!(await tf.setBackend("cpu"))) throw new Error("the tfjs cpu backend failed to start");
  registerGemmKernels("cpu", KernelRuntime.single(kernels), cpuStore);
  registerCpuKernels();
}
