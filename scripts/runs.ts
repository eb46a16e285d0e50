/**
 * What the sweep scripts (ablation, quality chart, the papers' tables)
 * share: running `deno task` commands as a user would, and the mean and
 * standard deviation of their figures over seeds.
 */

/** Runs `deno task <args>` quietly; `env` is added to this process's environment. */
export async function denoTask(args: string[], env: Record<string, string> = {}): Promise<void> {
  const { code } = await new Deno.Command("deno", { args: ["task", "-q", ...args], stdout: "null", env })
    .output();
  if (code !== 0) throw new Error(`deno task ${args.join(" ")} exited ${code}`);
}

/** The mean and the sample standard deviation (0 for one value). */
export function meanStd(xs: number[]): [number, number] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return [mean, Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1))];
}
