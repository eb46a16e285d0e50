/**
 * GET /api/jobs/:id/events: the job as server-sent events, from its start:
 * `status` (the job, as GET /api/jobs/:id gives it), `metrics` (a line of
 * the run's metrics.jsonl: iteration, epoch, losses, D outputs, speed) and
 * `sample` (`{epoch, png}`: the epoch's sample grid as a data URL). The
 * stream ends after the job's last status, or early for a client that has
 * stopped reading (see MAX_PENDING and DRAIN_MS): one that reconnects gets
 * the replay.
 */
import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { ServerContext } from "../src/serve/context.ts";
import { THINNED_MAX } from "../src/serve/job_feed.ts";
import { requireJob } from "../src/serve/job_param.ts";

/**
 * Events queued for a client that reads slower than they come: room for the
 * whole replay and as many live events again. Past this many the stream
 * ends, so that a stalled client holds no more memory (on reconnecting it
 * gets the replay).
 */
export const MAX_PENDING = 2 * THINNED_MAX;
/** How long the events queued at the cut-off have to go out: a client that reads none in this time is dropped. */
const DRAIN_MS = 30_000;

export function jobEventsRoute(ctx: ServerContext, { drainMs = DRAIN_MS } = {}): Hono {
  return new Hono().get("/api/jobs/:id/events", (c) => {
    const { feed } = requireJob(c, ctx);
    return streamSSE(c, (stream) =>
      new Promise<void>((resolve) => {
        let written = Promise.resolve(); // one event after another, in order
        let pending = 0;
        const unsubscribe = feed.subscribe(
          ({ id, type, data }) => {
            if (pending === MAX_PENDING) {
              unsubscribe(); // the events queued still go out to a client that reads; then the stream ends
              const stalled = setTimeout(() => stream.abort(), drainMs); // its writes wait on the client
              written.then(() => {
                clearTimeout(stalled);
                resolve();
              });
              return;
            }
            pending++;
            written = written.then(() =>
              stream.writeSSE({ id: String(id), event: type, data: JSON.stringify(data) })
            ).finally(() => pending--);
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
