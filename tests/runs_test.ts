// What the sweep scripts share (scripts/runs.ts): runs side by side, and a
// failed command's reason.
import { assert, assertEquals, assertRejects } from "./assert.ts";
import { denoTask, inParallel } from "../scripts/runs.ts";

/** Resolves when `release` is called: a job that stays under way until the test lets it end. */
function held() {
  let release!: () => void;
  return { done: new Promise<void>((resolve) => release = resolve), release: () => release() };
}

Deno.test("inParallel: every job once, in order, never more at a time than asked", async () => {
  let running = 0, most = 0;
  const started: number[] = [];
  await inParallel([0, 1, 2, 3, 4, 5, 6], 3, async (job) => {
    started.push(job);
    most = Math.max(most, ++running);
    await new Promise((resolve) => setTimeout(resolve, 5 * (job % 3)));
    running--;
  });
  assertEquals(started, [0, 1, 2, 3, 4, 5, 6]);
  assertEquals(most, 3);
});

Deno.test("inParallel: after a failure no job starts; the one under way finishes before the failure is thrown", async () => {
  const slow = held();
  const started: number[] = [];
  let finished = false;
  const sweep = inParallel([0, 1, 2, 3], 2, async (job) => {
    started.push(job);
    if (job === 1) throw new Error("run 1 failed");
    await slow.done;
    finished = true;
  });
  let settled = false;
  sweep.then(() => settled = true, () => settled = true);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert(!settled, "the failure is not thrown while job 0 is under way");
  slow.release();
  await assertRejects(() => sweep, /run 1 failed/);
  assert(finished, "job 0 finished first");
  assertEquals(started, [0, 1]);
});

Deno.test("denoTask: a failed command's error says what it printed", async () => {
  await assertRejects(
    () => denoTask(["train", "--batch", "0"]),
    /exited 2:\n.*--batch must be an integer ≥ 1/,
  );
});
