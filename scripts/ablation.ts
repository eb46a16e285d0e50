/**
 * deno task ablation [--minutes N] [--out DIR] [--seeds K] [--only NAME,...]
 *
 * The MNIST recipe's ablation: each row trains `deno task train` with its
 * flags for the same wall-clock budget, then `deno task eval` measures it.
 * Rows run one after another (they share the cores) and a row whose report
 * exists (for the same flags, seed and minutes) is read, not retrained, so an
 * interrupted ablation resumes. Prints
 * a Markdown table: confident share, class KL and FID per row, mean ± std
 * over the seeds.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import * as z from "zod/mini";
import { int, nameList, number, option } from "../src/options/options.ts";
import { parseCommandLine } from "../src/cli/command_line.ts";
import { denoTask, meanStd, REFERENCE_DCGAN } from "./runs.ts";

/** The half-width DCGAN with an EMA of G, lazy R1, and both without labels. */
const HALF_NET = ["--width", "32", "--ema", "0.999"];
const LAZY_R1 = ["--r1", "1", "--r1-every", "16"];
// Every row but the last is unconditional, as it was measured before labels became the default.
const HALF = [...HALF_NET, "--no-conditional"];
const HALF_R1 = [...HALF, ...LAZY_R1];

/**
 * The rows, spelled out in full (R1 and the learning rate included, which the
 * default image recipe sets) so that they keep their meaning when the
 * defaults change.
 */
const ROWS: { name: string; flags: string[] }[] = [
  {
    name: "reference DCGAN",
    flags: REFERENCE_DCGAN,
  },
  {
    name: "+ EMA of G (0.999)",
    flags: ["--width", "64", "--ema", "0.999", "--r1", "0", "--lr", "0.0002", "--no-conditional"],
  },
  {
    name: "+ lazy R1 (γ 1, every 16)",
    flags: ["--width", "64", "--ema", "0.999", ...LAZY_R1, "--lr", "0.0002", "--no-conditional"],
  },
  { name: "half width, EMA (the default before R1)", flags: [...HALF, "--r1", "0", "--lr", "0.0002"] },
  { name: "half width, EMA, lazy R1", flags: [...HALF_R1, "--lr", "0.0002"] },
  {
    name: "half width, EMA, lazy R1, D without batch norm",
    flags: [...HALF_R1, "--d-norm", "none", "--lr", "0.0002"],
  },
  {
    name: "half width, EMA, minibatch std",
    flags: [...HALF, "--minibatch-std", "--r1", "0", "--lr", "0.0002"],
  },
  { name: "half width, EMA, hinge loss", flags: [...HALF, "--loss", "hinge", "--r1", "0", "--lr", "0.0002"] },
  {
    name: "half width, EMA, lazy R1 γ 5",
    flags: [...HALF, "--r1", "5", "--r1-every", "16", "--lr", "0.0002"],
  },
  { name: "half width, EMA, lazy R1, lr 5e-4", flags: [...HALF_R1, "--lr", "0.0005"] },
  { name: "half width, EMA, lazy R1, batch 32", flags: [...HALF_R1, "--batch", "32", "--lr", "0.0002"] },
  {
    name: "half width, EMA, lazy R1, betas 0 and 0.99",
    flags: [...HALF_R1, "--beta1", "0", "--beta2", "0.99", "--lr", "0.0002"],
  },
  { name: "half width, EMA, lazy R1, lr 1e-3", flags: [...HALF_R1, "--lr", "0.001"] },
  { name: "half width, EMA, lazy R1, lr 2e-3", flags: [...HALF_R1, "--lr", "0.002"] },
  { name: "half width, EMA, lazy R1, lr 4e-3", flags: [...HALF_R1, "--lr", "0.004"] },
  {
    name: "half width, EMA, lazy R1, lr 2e-3, projection on the labels (the default)",
    flags: [...HALF_NET, ...LAZY_R1, "--lr", "0.002", "--conditional", "projection"],
  },
];

const FLAGS = z.strictObject({
  minutes: option(number(0.1), "training budget of each run", 5),
  seeds: option(int(1), "runs per row, seeds 0 .. K-1", 1),
  out: option(z.string(), "where the runs go", "runs/ablation"),
  only: option(nameList(ROWS.map((_, i) => String(i + 1))), "row numbers (1-based) to run; default all"),
});

const flags = parseCommandLine(
  "deno task ablation",
  "Trains and evaluates each row of the MNIST recipe's ablation for the same wall-clock budget.",
  FLAGS,
  Deno.args,
);
const { minutes, seeds, out } = flags;
const only = flags.only ? new Set(flags.only.split(",").map(Number)) : undefined;

interface Metrics {
  confident: number;
  kl: number;
  fid: number;
}

/**
 * A run's folder, named by what it trains: its budget, a digest of its flags and its seed, so that a
 * report is never read for other settings (another --minutes, or rows renumbered by an insertion).
 */
function runDir(rowFlags: string[], seed: number): string {
  const digest = createHash("sha256").update(rowFlags.join(" ")).digest("hex").slice(0, 12);
  return join(out, `${minutes}min-${digest}-seed${seed}`);
}

async function measure(dir: string, rowFlags: string[], seed: number): Promise<Metrics> {
  const report = join(dir, "eval", "report.json");
  if (!(await Deno.stat(report).then(() => true, () => false))) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    await denoTask([
      "train",
      ...rowFlags,
      "--minutes",
      String(minutes),
      "--seed",
      String(seed),
      "--out",
      dir,
    ]);
    await denoTask(["eval", "--run", dir]);
  }
  const { samples } = JSON.parse(await Deno.readTextFile(report));
  return { confident: samples.confident, kl: samples.coverage.kl, fid: samples.fid };
}

const spread = (xs: number[], digits: number) => {
  const [mean, std] = meanStd(xs);
  return xs.length === 1 ? mean.toFixed(digits) : `${mean.toFixed(digits)} ± ${std.toFixed(digits)}`;
};

console.log(
  `| row (${minutes} min each, ${seeds} seed${seeds > 1 ? "s" : ""}) | flags | confident | class KL | FID |`,
);
console.log("| --- | --- | --- | --- | --- |");
for (const [i, row] of ROWS.entries()) {
  if (only && !only.has(i + 1)) continue;
  const runs: Metrics[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    runs.push(await measure(runDir(row.flags, seed), row.flags, seed));
  }
  const col = (k: keyof Metrics, d: number) => spread(runs.map((r) => r[k]), d);
  console.log(
    `| ${row.name} | \`${row.flags.join(" ")}\` | ${col("confident", 3)} | ${col("kl", 4)} | ${
      col("fid", 2)
    } |`,
  );
}
