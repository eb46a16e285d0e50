/**
 * deno run -A scripts/crash.ts [--kills N] [--iterations N]: kills a training
 * run with SIGKILL at random moments, many during checkpoint writes (it
 * saves one every iteration), resumes it after each kill, and checks that
 * nothing was lost or doubled: every checkpoint loads, metrics.jsonl holds
 * each logged iteration once, and the final weights and Adam state equal
 * those of a straight run. tests/crash_test.ts runs a short version.
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import * as z from "zod/mini";
import { loadCheckpoint, restoreInterruptedSave } from "../src/checkpoint/checkpoint.ts";
import type { Tensors } from "../src/checkpoint/tensors.ts";
import { parseCommandLine } from "../src/cli/command_line.ts";
import { int, option } from "../src/options/options.ts";
import { Rng } from "../src/random.ts";

const ENTRY = fileURLToPath(new URL("../src/cli/train.ts", import.meta.url));
/** A run small enough that an iteration and a checkpoint take milliseconds. */
const RUN = [
  "--data",
  "ring8",
  "--width",
  "16",
  "--batch",
  "32",
  "--threads",
  "1",
  "--checkpoint-every",
  "1",
];

export interface CrashReport {
  kills: number;
  resumes: number;
  iterations: number;
}

function spawn(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ENTRY, ...args],
    stdout: "null",
    stderr: "null",
  })
    .spawn();
}

/**
 * Iterations saved in the run's checkpoint, or 0 before the first; throws if
 * a checkpoint is broken. A save cut short is put back first, as --resume does.
 */
async function savedIterations(out: string): Promise<number> {
  await restoreInterruptedSave(join(out, "checkpoint"));
  const exists = await Deno.stat(join(out, "checkpoint")).then(() => true, () => false);
  return exists ? (await loadCheckpoint(join(out, "checkpoint"))).state.iterations : 0;
}

/** The logged lines; throws on one that is not whole JSON. */
async function metrics(out: string): Promise<{ iteration: number }[]> {
  const text = await Deno.readTextFile(join(out, "metrics.jsonl"));
  return text.trim().split("\n").map((line) => JSON.parse(line));
}

function same(a: Tensors, b: Tensors, what: string): void {
  for (const name of Object.keys(a)) {
    if (a[name].data.some((v, i) => v !== b[name]?.data[i])) throw new Error(`${what}: ${name} differs`);
  }
}

/** Kills and resumes a run in `dir` at least `kills` times until it finishes `iterations`, then compares. */
export async function crashRun(
  dir: string,
  kills: number,
  iterations: number,
  seed = 1,
): Promise<CrashReport> {
  const rng = Rng.seeded(seed);
  const straight = join(dir, "straight"), killed = join(dir, "killed");
  const length = ["--iterations", String(iterations)];
  const done = await spawn([...RUN, ...length, "--out", straight]).status;
  if (!done.success) throw new Error("the straight run failed");
  const report: CrashReport = { kills: 0, resumes: 0, iterations };
  let startup = 300; // ms before a kill may land: doubled after each kill that beat the first checkpoint
  for (;;) {
    const before = await savedIterations(killed);
    const resuming = before > 0;
    const child = spawn(
      resuming ? ["--resume", killed, ...length, "--threads", "1"] : [...RUN, ...length, "--out", killed],
    );
    if (resuming) report.resumes++;
    let wasKilled = false;
    if (report.kills < kills) {
      // Past the start-up (about 0.5 s), into the iterations and their checkpoint writes.
      await new Promise((resolve) => setTimeout(resolve, startup + rng.float() * 1200));
      try {
        child.kill("SIGKILL");
        wasKilled = true;
      } catch {
        // It finished first.
      }
    }
    const status = await child.status;
    const after = await savedIterations(killed); // loads whole, or throws
    if (after < before) throw new Error(`the checkpoint went back from ${before} to ${after} iterations`);
    // A kill before the first checkpoint (a slow start on a loaded machine) leaves nothing to resume: it tests
    // nothing, and the next kill waits longer.
    if (wasKilled && after > 0) report.kills++;
    else if (wasKilled) startup *= 2;
    if (status.success && after === iterations) break;
  }
  const [a, b] = await Promise.all([straight, killed].map((out) => loadCheckpoint(join(out, "checkpoint"))));
  same(a.weights, b.weights, "weights");
  same(a.optimizer, b.optimizer, "optimizer");
  // Each line averages the iterations since the last; a resume starts a new window, so the means of
  // windows cut by a kill differ: the iterations logged must not.
  const [logA, logB] = await Promise.all(
    [straight, killed].map(async (out) => (await metrics(out)).map((l) => l.iteration)),
  );
  if (JSON.stringify(logA) !== JSON.stringify(logB)) {
    throw new Error(`logged iterations differ: ${logB.join(",")} against ${logA.join(",")}`);
  }
  return report;
}

if (import.meta.main) {
  const { kills, iterations } = parseCommandLine(
    "deno run -A scripts/crash.ts",
    "Kills a training run at random moments, resumes it, and checks that nothing was lost.",
    z.strictObject({
      kills: option(int(1), "SIGKILLs at least", 100),
      iterations: option(int(1), "iterations of the run", 400),
    }),
    Deno.args,
  );
  const dir = await Deno.makeTempDir({ prefix: "edgegan-crash-" });
  try {
    const report = await crashRun(dir, kills, iterations);
    console.log(
      `${report.kills} kills, ${report.resumes} resumes, ${report.iterations} iterations: nothing lost`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
