/**
 * GET /healthz: the server is up, which tfjs backend samples, and whether our
 * kernels still work. Stalled kernels answer 503, so that a supervisor
 * restarts the server: this process cannot sample again.
 */
import { Hono } from "hono";
import * as tf from "@tensorflow/tfjs-core";
import type { ServerContext } from "../src/serve/context.ts";

export function healthRoute(ctx: Pick<ServerContext, "kernelFault">): Hono {
  return new Hono().get("/healthz", (c) => {
    const error = ctx.kernelFault();
    if (error) return c.json({ ok: false, backend: tf.getBackend(), error }, 503);
    return c.json({ ok: true, backend: tf.getBackend() });
  });
}
