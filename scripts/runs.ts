/**
 * What the sweep scripts (ablation, quality chart, the papers' tables)
 * share: running `deno task` commands as a user would, several side by side,
 * and the mean and standard deviation of their figures over seeds.
 */

/** The reference DCGAN of the benchmarks, as `deno task train` flags on MNIST: the image recipe undone. */
export const REFERENCE_DCGAN = [
  "--width",
  "64",
  "--ema",
  "0",
  "--r1",
  "0",
  "--lr",
  "0.0002",
  "--no-conditional",
];

/** A run that failed, or that a sweep refuses: the sweep ends with its message alone. */
export class SweepError extends Error {}

/** Lines of a failed command's stderr that its error repeats. */
const STDERR_TAIL = 8;

/**
 * Runs `deno task <args>` quietly; `env` is added to this process's
 * environment. A command that fails throws with the end of its stderr, so
 * that a sweep says why.
 */
export async function denoTask(args: string[], env: Record<string, string> = {}): Promise<void> {
  const { code, stderr } = await new Deno.Command("deno", {
    args: ["task", "-q", ...args],
    stdout: "null",
    env,
  }).output();
  if (code !== 0) {
    const said = new TextDecoder().decode(stderr).trimEnd().split("\n").slice(-STDERR_TAIL).join("\n");
    throw new SweepError(`deno task ${args.join(" ")} exited ${code}${said ? `:\n${said}` : ""}`);
  }
}

/** The mean and the sample standard deviation (0 for one value). */
export function meanStd(xs: number[]): [number, number] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return [mean, Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1))];
}

/**
 * Runs `work` on each job in order, `parallel` at a time: a sweep's runs side
 * by side, which on these machines do more in all than one run on every core.
 * After a job fails no other starts; those under way finish, then the first
 * failure is thrown, so no run is left training behind a sweep that stopped.
 */
export async function inParallel<T>(
  jobs: T[],
  parallel: number,
  work: (job: T) => Promise<void>,
): Promise<void> {
  let next = 0, failed = false;
  const workers = await Promise.allSettled(Array.from({ length: parallel }, async () => {
    while (!failed && next < jobs.length) {
      await work(jobs[next++]).catch((e) => {
        failed = true;
        throw e;
      });
    }
  }));
  const failure = workers.find((w) => w.status === "rejected");
  if (failure) throw failure.reason;
}

/** Awaits a sweep; a run that failed or was refused (SweepError) ends the script with its reason, without a stack. */
export async function finishSweep(command: string, sweep: Promise<void>): Promise<void> {
  try {
    await sweep;
  } catch (e) {
    if (!(e instanceof SweepError)) throw e;
    console.error(`${command}: ${e.message}`);
    Deno.exit(1);
  }
}
