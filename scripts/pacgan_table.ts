/**
 * deno task table:pacgan [--data ring8,grid25] [--packs 1,2,3,4] [--seeds 5]
 * [--first-seed 0] [--iterations N] [--parallel P]: PacGAN's Table 1 (Lin et
 * al. 2018) on our machine. Each (data, pack, seed) trains PacGAN's toy networks
 * (`--model pacgan`, the paper's settings and its 400 epochs, cut at N
 * iterations: every run the same length, however busy the machine), one
 * thread each with P runs side by side, and `deno task eval` counts its modes,
 * high-quality samples and reverse KL. Writes DIR/table.md after every run:
 * mean ± std over the seeds done so far and the standard error (the paper's
 * statistic), beside the paper's own. A run whose report is of N iterations is
 * read, not retrained; one cut short, or reported at fewer iterations, is
 * resumed to N, so a longer N continues the table's runs rather than restarting them.
 */
import { join } from "node:path";
import * as z from "zod/mini";
import { parseCommandLine } from "../src/cli/command_line.ts";
import { countList, int, nameList, option, SEED } from "../src/options/options.ts";
import { denoTask, finishSweep, inParallel, meanStd, SweepError } from "./runs.ts";

/** Their Table 1: modes, high-quality %, reverse KL; mean ± standard error over 10 trials, 400 epochs. */
const PAPER: Record<string, Record<number, string[]>> = {
  ring8: {
    1: ["6.3 ± 0.5", "98.2 ± 0.2", "0.45 ± 0.09"],
    2: ["7.9 ± 0.1", "95.6 ± 2.0", "0.07 ± 0.03"],
    3: ["7.8 ± 0.1", "97.7 ± 0.3", "0.10 ± 0.02"],
    4: ["7.8 ± 0.1", "95.9 ± 1.4", "0.07 ± 0.02"],
  },
  grid25: {
    1: ["17.3 ± 0.8", "94.8 ± 0.7", "0.70 ± 0.07"],
    2: ["23.8 ± 0.7", "91.3 ± 0.8", "0.13 ± 0.04"],
    3: ["24.6 ± 0.4", "94.2 ± 0.4", "0.06 ± 0.02"],
    4: ["24.8 ± 0.2", "93.6 ± 0.6", "0.04 ± 0.01"],
  },
};

const COMMAND = "deno task table:pacgan";
const flags = parseCommandLine(
  COMMAND,
  "Modes, high-quality samples and reverse KL of GAN and PacGAN on the 2-D mixtures, over seeds.",
  z.strictObject({
    data: option(nameList(Object.keys(PAPER)), "mixtures to train on", "ring8,grid25"),
    packs: option(countList("packing degrees"), "packing degrees m (1: the GAN)", "1,2,3,4"),
    seeds: option(int(1), "runs per cell, seeds S .. S+K-1", 5),
    "first-seed": option(SEED, "S, the first seed: a table's runs split across machines", 0),
    iterations: option(
      int(1),
      "iterations per run (the paper's 400 epochs of 100,000 packs, 100 packs a batch, are 400,000 for every m); " +
        "the default takes about 30 minutes, two side by side",
      25_000,
    ),
    parallel: option(int(1), "runs side by side, one thread each", 2),
    out: option(z.string(), "where the runs and the table go", "runs/pacgan-table"),
  }),
  Deno.args,
);
const DATA = flags.data.split(",");
const SEEDS = Array.from({ length: flags.seeds }, (_, i) => flags["first-seed"] + i);
const seedList = SEEDS.join(", ");
const PACKS = flags.packs.split(",").map(Number);

interface ToyReport {
  iterations: number;
  /** kl is null where no sample is near a mode: its histogram is empty. */
  samples: { captured: number; highQuality: number; kl: number | null };
}

/** One run's report at the table's length, trained and evaluated unless it was already. */
async function measure(data: string, pack: number, seed: number): Promise<ToyReport> {
  const run = join(flags.out, `${data}-pack${pack}-seed${seed}`);
  const report = join(run, "eval", "report.json");
  const saved = await Deno.readTextFile(report).then(JSON.parse, () => undefined);
  if (saved?.iterations === flags.iterations) return saved;
  // A longer run cannot be cut back to the table's length: it would go into the table at its own.
  if (saved?.iterations > flags.iterations) {
    throw new SweepError(
      `${run} is at ${saved.iterations} iterations, past --iterations ${flags.iterations}: use another --out`,
    );
  }
  const started = await Deno.stat(join(run, "checkpoint")).then(() => true, () => false);
  const length = ["--iterations", String(flags.iterations)];
  const oneThread = { EDGEGAN_THREADS: "1" };
  await denoTask(
    started ? ["train", "--resume", run, ...length] : [
      "train",
      ...["--model", "pacgan", "--data", data, "--pack", String(pack), "--seed", String(seed)],
      ...["--epochs", "400", ...length, "--out", run],
    ],
    oneThread,
  );
  await denoTask(["eval", "--run", run], oneThread);
  return JSON.parse(await Deno.readTextFile(report));
}

/** Mean ± std, and the standard error, the paper's statistic, of the values that are defined. */
const cell = (values: (number | null)[], digits: number) => {
  const xs = values.filter((x) => x !== null);
  if (xs.length === 0) return "n/a";
  const [mean, std] = meanStd(xs);
  const error = std / Math.sqrt(xs.length);
  const partial = xs.length < values.length ? ` of ${xs.length} runs` : "";
  return `${mean.toFixed(digits)} ± ${std.toFixed(digits)} (${error.toFixed(digits)})${partial}`;
};

/** The table of the runs done so far: a row with fewer than all its seeds says how many it has. */
function table(): string {
  const lines = [
    `PacGAN's Table 1 here: mean ± std (standard error) over seeds ${seedList}, ${flags.iterations} ` +
    "iterations per run (one thread); the paper: mean ± standard error over 10 trials of 400 epochs (400,000 " +
    "iterations, each of 100 packs). Reverse KL is undefined for a run with no sample near a mode; its mean is of the others.",
    "",
    "| data | D | iterations | modes | high quality (%) | reverse KL | paper: modes, high quality (%), reverse KL |",
    "| ---- | - | ---------- | ----- | ---------------- | ---------- | ------------------------------------------ |",
  ];
  for (const data of DATA) {
    for (const pack of PACKS) {
      const runs = SEEDS.map((seed) => reports.get(key(data, pack, seed))).filter((r) => r !== undefined);
      const of = (f: (r: ToyReport) => number | null, digits: number) =>
        runs.length ? cell(runs.map(f), digits) : "–";
      const seeds = runs.length < flags.seeds ? ` (${runs.length} of ${flags.seeds} seeds)` : "";
      lines.push(
        `| ${data} | ${pack === 1 ? "GAN" : `PacGAN${pack}`}${seeds} | ${of((r) => r.iterations, 0)} | ` +
          `${of((r) => r.samples.captured, 1)} | ${of((r) => 100 * r.samples.highQuality, 1)} | ` +
          `${of((r) => r.samples.kl, 2)} | ${PAPER[data][pack]?.join(", ") ?? "–"} |`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

const cells = DATA.flatMap((data) => PACKS.flatMap((pack) => SEEDS.map((seed) => ({ data, pack, seed }))));
const reports = new Map<string, ToyReport>();
const key = (data: string, pack: number, seed: number) => `${data}/${pack}/${seed}`;
await finishSweep(
  COMMAND,
  inParallel(cells, flags.parallel, async ({ data, pack, seed }) => {
    const report = await measure(data, pack, seed);
    reports.set(key(data, pack, seed), report);
    Deno.writeTextFileSync(join(flags.out, "table.md"), table()); // synchronous: two runs may end together
    const { captured, highQuality, kl } = report.samples;
    console.log(
      `${data}, pack ${pack}, seed ${seed}: ${captured} modes, ${
        (100 * highQuality).toFixed(1)
      }% high quality, ` +
        `reverse KL ${kl?.toFixed(3) ?? "n/a"} (${report.iterations} iterations)`,
    );
  }),
);

console.log(table());
