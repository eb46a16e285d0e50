/** GET /healthz: the server is up and which tfjs backend samples. */
import { Hono } from "hono";
import * as tf from "@tensorflow/tfjs-core";

export function healthRoute(): Hono {
  return new Hono().get("/healthz", (c) => c.json({ ok: true, backend: tf.getBackend() }));
}
