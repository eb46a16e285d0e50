// The job feed: what it replays to late subscribers, and how the events route streams it.
import { assert, assertEquals } from "./assert.ts";
import { type JobEvent, JobFeed, THINNED_MAX } from "../src/serve/job_feed.ts";
import { jobEventsRoute, MAX_PENDING } from "../routes/job_events.ts";
import type { ServerContext } from "../src/serve/context.ts";
import { RunWatcher } from "../src/serve/run_watch.ts";
import { withTempDir } from "./temp_dir.ts";

function replayOf(feed: JobFeed): JobEvent[] {
  const seen: JobEvent[] = [];
  feed.subscribe((event) => seen.push(event), () => {})();
  return seen;
}

Deno.test("job feed: a late subscriber gets the latest status and the whole metrics span, thinned", () => {
  const feed = new JobFeed();
  const published = 5 * THINNED_MAX;
  for (let i = 0; i < published; i++) {
    feed.publish("metrics", { iteration: i }, "thinned");
    if (i % 100 === 0) feed.publish("status", { i }, "latest");
  }
  const replay = replayOf(feed);
  const metrics = replay.filter((e) => e.type === "metrics").map((e) =>
    (e.data as { iteration: number }).iteration
  );
  assert(metrics.length <= THINNED_MAX && metrics.length > THINNED_MAX / 2, `${metrics.length} kept`);
  assertEquals([metrics[0], metrics.at(-1)], [0, published - 1]);
  // Evenly spread: no gap much wider than the average.
  const gaps = metrics.slice(1).map((m, i) => m - metrics[i]);
  assert(Math.max(...gaps) <= 2 * published / metrics.length, `widest gap ${Math.max(...gaps)}`);
  assertEquals(replay.filter((e) => e.type === "status").map((e) => e.data), [{ i: 4900 }]);
  assert(replay.every((e, i) => i === 0 || e.id > replay[i - 1].id), "the replay is in publishing order");
});

Deno.test("job feed: live subscribers get every event, and are told when the job ends", () => {
  const feed = new JobFeed();
  const seen: number[] = [];
  let closed = false;
  feed.subscribe((event) => seen.push(event.id), () => closed = true);
  for (let i = 0; i < THINNED_MAX + 10; i++) feed.publish("metrics", i, "thinned");
  feed.close();
  assertEquals([seen.length, closed], [THINNED_MAX + 10, true]);
});

Deno.test("job events: a client that stops reading is cut off after MAX_PENDING events, not buffered without end", async () => {
  const feed = new JobFeed();
  // A full replay goes out whole first.
  for (let i = 0; i < 10 * THINNED_MAX; i++) feed.publish("metrics", { i }, "thinned");
  const ctx = { jobs: { get: () => ({ feed }) } } as unknown as ServerContext;
  const response = await jobEventsRoute(ctx).request("/api/jobs/x/events");
  for (let i = 0; i < 4 * MAX_PENDING; i++) feed.publish("status", { i }, "latest");
  await new Promise((resolve) => setTimeout(resolve, 0)); // the route has taken its events
  feed.close();
  const text = await response.text(); // read only now: the stream ends once the queued events are out
  const count = (type: string) => text.split("\n\n").filter((e) => e.includes(`event: ${type}`)).length;
  assertEquals(count("metrics"), replayOf(feed).filter((e) => e.type === "metrics").length);
  const events = count("metrics") + count("status");
  assert(events <= MAX_PENDING && count("status") > 0, `${events} events reached the client`);
});

Deno.test("run watcher: each metrics line is sent once, a line that is not JSON skipped", async () => {
  await withTempDir(async (out) => {
    const feed = new JobFeed();
    const watcher = new RunWatcher(out, feed);
    const errors: string[] = [];
    const error = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      await Deno.writeTextFile(`${out}/metrics.jsonl`, '{"iteration":1}\n{"iter\n{"iteration":3}\n');
      await watcher.poll();
      await watcher.poll();
      await Deno.writeTextFile(`${out}/metrics.jsonl`, '{"iteration":4}\n', { append: true });
      await watcher.poll();
    } finally {
      console.error = error;
    }
    const sent = replayOf(feed).map((e) => (e.data as { iteration: number }).iteration);
    assertEquals(sent, [1, 3, 4]);
    assertEquals(errors.length, 1);
  });
});

Deno.test("job events: a client that reads nothing past the cut-off is dropped once the queue has had its time", async () => {
  const feed = new JobFeed();
  for (let i = 0; i < 10 * THINNED_MAX; i++) feed.publish("metrics", { i }, "thinned");
  const ctx = { jobs: { get: () => ({ feed }) } } as unknown as ServerContext;
  const response = await jobEventsRoute(ctx, { drainMs: 100 }).request("/api/jobs/x/events");
  for (let i = 0; i < 4 * MAX_PENDING; i++) feed.publish("status", { i }, "latest");
  await new Promise((resolve) => setTimeout(resolve, 300)); // past the drain time, not a byte read
  const text = await response.text(); // what had gone out before: the queued rest was dropped with the client
  const events = text.split("\n\n").filter((e) => e.includes("event: ")).length;
  assert(events < replayOf(feed).length, `${events} events reached the client`);
  feed.close();
});
