/**
 * tfjs in the browser: WebGPU where the browser has a GPU adapter, else the
 * WebAssembly backend, whose binaries the server serves under /tfjs/.
 */
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

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
  setWasmPaths("/tfjs/");
  if (await tf.setBackend("wasm")) return "wasm";
  throw new Error("neither WebGPU nor WebAssembly starts here");
}
