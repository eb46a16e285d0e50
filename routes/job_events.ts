/**
 * GET /api/jobs/:id/events: the job as server-sent events, from its start:
 * `status` (the job, as GET /api/jobs/:id gives it), `metrics` (a line of
 * the run's metrics.jsonl: iteration, epoch, losses, D outputs, speed) and
 * `sample` (`{epoch, png}`: the epoch's sample grid as a data URL). The
 * stream ends after the job's last status.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { ServerContext } from "../src/serve/context.ts";
import { requireJob } from "../src/serve/job_param.ts";

export function jobEventsRoute(ctx: ServerContext): Hono {
  return new Hono().get("/api/jobs/:id/events", (c) => {
    const { feed } = requireJob(c, ctx);
    return streamSSE(c, (stream) =>
      new Promise<void>((resolve) => {
        let written = Promise.resolve(); // one event after another, in order
        const unsubscribe = feed.subscribe(
          ({ id, type, data }) => {
            written = written.then(() =>
              stream.writeSSE({ id: String(id), event: type, data: JSON.stringify(data) })
            );
          },
          () => written.then(resolve),
        );
        stream.onAbort(() => {
          unsubscribe();
          resolve();
        });
      }));
  });
}
