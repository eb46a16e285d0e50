/**
 * The edge worker: `{ fetch }`, the default export that Deno (`deno serve`),
 * Cloudflare Workers (workerd) and other WinterTC runtimes take. The entry
 * that src/edge/build.ts generates passes in the models, our kernels'
 * module, on which they sample on this thread with no tfjs
 * (src/sampling/forward.ts), and the data module of their weights. Both
 * modules are instantiated on the first request, since some runtimes allow no
 * work at import, and each model loads on its own first.
 */
import type { Hono } from "hono";
import { KernelRuntime } from "../kernels/runtime.ts";
import { createEdgeApp, memorySource } from "./app.ts";
import { moduleData } from "./data_module.ts";
import { edgeModel, type EdgeModelFiles } from "./model.ts";

export interface EdgeWorker {
  fetch(request: Request): Promise<Response>;
}

/** The worker over `models`, sampling on `kernels` (our single-threaded kernels) with the bytes of `weights`. */
export function edgeWorker(
  models: EdgeModelFiles[],
  kernels: WebAssembly.Module,
  weights: WebAssembly.Module,
): EdgeWorker {
  let app: Hono | undefined;
  const start = () => {
    const rt = KernelRuntime.single(kernels);
    const bytes = moduleData(weights, Math.max(0, ...models.map((m) => m.weights.offset + m.weights.length)));
    return createEdgeApp(memorySource(models.map((files) => edgeModel(files, bytes, rt))));
  };
  return {
    fetch(request) {
      app ??= start();
      return Promise.resolve(app.fetch(request));
    },
  };
}
