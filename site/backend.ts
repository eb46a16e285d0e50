/**
 * tfjs in the browser: WebGPU where the browser has a GPU adapter, else the
 * portable engine of the edge worker (src/backend/portable.ts): our WASM SIMD
 * kernels on one thread, whose module the server serves under /wasm/.
 */
import * as tf from "@tensorflow/tfjs-core";
import { startPortableBackend } from "../src/backend/portable.ts";

let started: Promise<string> | undefined;

/** The backend's name, once it is ready; it starts once per page. */
export function startBackend(): Promise<string> {
  return started ??= start();
}

async function start(): Promise<string> {
  tf.env().set("PROD", true);
  if (await navigator.gpu?.requestAdapter().catch(() => null)) {
    await import("@tensorflow/tfjs-backend-webgpu"); // a chunk of its own: only GPU browsers load it
    if (await tf.setBackend("webgpu").catch(() => false)) return "webgpu";
  }
  await startPortableBackend(await WebAssembly.compileStreaming(fetch("/wasm/gemm_single.wasm")));
  return "wasm";
}
