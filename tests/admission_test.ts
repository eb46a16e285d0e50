// The sampling queue: a bounded number of requests run and wait; beyond
// that, or past the deadline, a 503 with Retry-After comes at once.
import { Hono } from "hono";
import { assert, assertEquals } from "./assert.ts";
import { Admission } from "../src/serve/admission.ts";

/** An app whose one route waits until the test releases it. */
function slowApp(admission: Admission) {
  const releases: (() => void)[] = [];
  const app = new Hono().use("*", admission.middleware()).get("/", async (c) => {
    await new Promise<void>((resolve) => releases.push(resolve));
    return c.text("done");
  });
  return { app, releaseAll: () => releases.splice(0).forEach((release) => release()) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

Deno.test("admission: one runs, one waits, the third is refused at once with Retry-After", async () => {
  const deadlineMs = 5000;
  const admission = new Admission({ running: 1, waiting: 1, deadlineMs });
  const { app, releaseAll } = slowApp(admission);
  const first = app.request("/"), second = app.request("/");
  await tick();
  assertEquals([admission.running, admission.depth], [1, 1]);
  const pending = app.request("/");
  await tick();
  // Refused, not queued: a queued request would count in the depth, unrefused until its deadline.
  assertEquals([admission.depth, admission.rejected], [1, 1]);
  const third = await pending;
  assertEquals([third.status, third.headers.get("retry-after")], [503, "1"]);
  assert((await third.json()).error.includes("busy"));
  releaseAll();
  assertEquals((await first).status, 200);
  await tick();
  releaseAll(); // the second has its turn now
  assertEquals([(await second).status, admission.running, admission.depth, admission.rejected], [
    200,
    0,
    0,
    1,
  ]);
});

Deno.test("admission: a request that waits past its deadline is refused and leaves the queue", async () => {
  const admission = new Admission({ running: 1, waiting: 4, deadlineMs: 30 });
  const { app, releaseAll } = slowApp(admission);
  const first = app.request("/");
  await tick();
  const late = await app.request("/");
  assertEquals([late.status, admission.depth, admission.rejected], [503, 0, 1]);
  releaseAll();
  assertEquals((await first).status, 200);
  assertEquals(admission.running, 0);
});

Deno.test("admission: a body is read before its request takes a turn, and not at all when the queue is full", async () => {
  const admission = new Admission({ running: 1, waiting: 0, deadlineMs: 5000 });
  const releases: (() => void)[] = [];
  const app = new Hono().use("*", admission.middleware()).post("/", async (c) => {
    const text = await c.req.text(); // from the middleware's read
    await new Promise<void>((resolve) => releases.push(resolve));
    return c.text(text);
  });
  /** A body that says when it is first read, and is held until `send`. */
  const held = () => {
    let send!: (text: string) => void, asked = false;
    const body = new ReadableStream<Uint8Array>({
      start: (c) => void (send = (text) => (c.enqueue(new TextEncoder().encode(text)), c.close())),
      pull: () => void (asked = true),
    }, { highWaterMark: 0 });
    return { body, send, asked: () => asked };
  };
  const upload = held();
  const first = app.request("/", { method: "POST", body: upload.body });
  await tick();
  assertEquals([upload.asked(), admission.running], [true, 0]); // reading, holding no turn
  upload.send("first");
  await tick();
  assertEquals(admission.running, 1);
  const refused = held();
  const second = await app.request("/", { method: "POST", body: refused.body });
  assertEquals([second.status, refused.asked()], [503, false]);
  releases.forEach((release) => release());
  assertEquals(await (await first).text(), "first");
});
