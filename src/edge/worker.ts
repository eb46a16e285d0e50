/**
 * The edge worker: `{ fetch }`, the default export that Deno (`deno serve`),
 * Cloudflare Workers (workerd) and other WinterTC runtimes take. The entry
 * that scripts/build_edge.ts generates passes in the bundled models and our
 * kernels' module; the engine starts on the first request, since some
 * runtimes allow no work at import, and each model loads on its own first.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Hono } from "hono";
import { startPortableBackend } from "../backend/portable.ts";
import { createEdgeApp, memorySource } from "./app.ts";
import { edgeModel, type EdgeModelFiles } from "./model.ts";
import { WEB_PLATFORM } from "./platform.ts";

export interface EdgeWorker {
  fetch(request: Request): Promise<Response>;
}

/** The worker over `models`, sampling on `kernels`, our single-threaded kernels' module. */
export function edgeWorker(models: EdgeModelFiles[], kernels: WebAssembly.Module): EdgeWorker {
  let app: Promise<Hono> | undefined;
  const start = async () => {
    // workerd passes for a browser, and tfjs set its browser platform; Deno passes for nothing.
    if (!tf.env().platform) tf.setPlatform("web", WEB_PLATFORM);
    await startPortableBackend(kernels);
    return createEdgeApp(memorySource(models.map(edgeModel)));
  };
  return {
    async fetch(request) {
      app ??= start();
      return (await app).fetch(request);
    },
  };
}
