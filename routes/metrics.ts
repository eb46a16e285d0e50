/** GET /metrics: the server's counters and gauges in Prometheus's text format (public, as /healthz is). */
import { Hono } from "hono";
import type { ServerContext } from "../src/serve/context.ts";

export function metricsRoute(ctx: ServerContext): Hono {
  return new Hono().get(
    "/metrics",
    (c) =>
      c.text(ctx.metrics.render(ctx.admission, ctx.jobs), 200, {
        "content-type": "text/plain; version=0.0.4",
      }),
  );
}
