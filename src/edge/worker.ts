/**
 * The edge worker: `{ fetch }`, the default export that Deno (`deno serve`),
 * Cloudflare Workers (workerd) and other WinterTC runtimes take. The entry
 * that scripts/build_edge.ts generates passes in the bundled models and our
 * kernels' module, which sample on this thread with no tfjs
 * (src/sampling/forward.ts). The kernels start on the first request, since
 * some runtimes allow no work at import, and each model loads on its own first.
 */
import type { Hono } from "hono";
import { KernelRuntime } from "../kernels/runtime.ts";
import { createEdgeApp, memorySource } from "./app.ts";
import { edgeModel, type EdgeModelFiles } from "./model.ts";

export interface EdgeWorker {
  fetch(request: Request): Promise<Response>;
}

/** The worker over `models`, sampling on `kernels`, our single-threaded kernels' module. */
export function edgeWorker(models: EdgeModelFiles[], kernels: WebAssembly.Module): EdgeWorker {
  let app: Hono | undefined;
  const start = () => {
    const rt = KernelRuntime.single(kernels);
    return createEdgeApp(memorySource(models.map((files) => edgeModel(files, rt))));
  };
  return {
    fetch(request) {
      app ??= start();
      return Promise.resolve(app.fetch(request));
    },
  };
}
