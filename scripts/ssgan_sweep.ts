/**
 * deno task sweep:ssgan [--labels 20,50,100,200] [--seeds 5] [--first-seed 0] [--epochs E]
 * [--decay-epochs L] [--parallel P] [--table-only]: Salimans et al.'s Table 1 on our
 * machine. For each number of labels and each seed (which draws the labelled
 * subset), trains the semi-supervised GAN and the supervised baseline on the
 * same labels for E epochs each, the learning rates falling to 0 over the
 * last L (the paper: 300 epochs at a constant rate; every run the same length,
 * however busy the machine), P runs side by side (2 by default), evaluates
 * D's test error on the official 10,000 test digits, and writes DIR/table.md
 * (mean ± std beside the paper's; after every run, over the runs done so
 * far), DIR/curves.png (each GAN run's test error at each epoch's end, as far
 * as it got) and DIR/error.png. A run whose report exists is read, not
 * retrained, and one cut short is resumed to the same length, so the sweep
 * continues where it stopped, across as many sittings as it takes;
 * --table-only writes the table and charts of the runs evaluated so far.
 */
import { join } from "node:path";
import * as z from "zod/mini";
import { exitOnOptionError, parseCommandLine } from "../src/cli/command_line.ts";
import { countList, int, option, SEED } from "../src/options/options.ts";
import { lineChartSvg, type Panel, svgToPng } from "./line_chart.ts";
import { denoTask, finishSweep, inParallel, meanStd, SweepError } from "./runs.ts";
import { writeFileAtomic } from "../src/checkpoint/atomic.ts";
import { readConfig } from "../src/checkpoint/checkpoint.ts";
import { checkLrSchedule, DECAY_EPOCHS_OPTION } from "../src/train/lr_schedule.ts";
import { readRunRecord } from "../src/train/run_record.ts";

/** Their Table 1: test errors out of 10,000, mean ± std over 10 label subsets. */
const PAPER: Record<number, [number, number]> = {
  20: [1677, 452],
  50: [221, 136],
  100: [93, 6.5],
  200: [90, 4.2],
};

/** The paper's length: 300 epochs at a constant rate, about 4 hours a run on both cores here. */
const EPOCHS = 300;

const COMMAND = "deno task sweep:ssgan";
const flags = parseCommandLine(
  COMMAND,
  "Test error of the semi-supervised GAN and of its supervised baseline against the number of labels.",
  z.strictObject({
    labels: option(
      countList("label counts"),
      "labels per run",
      "20,50,100,200",
    ),
    seeds: option(int(1), "label subsets per number of labels, seeds S .. S+K-1", 5),
    "first-seed": option(SEED, "S, the first seed: a sweep's runs split across machines", 0),
    epochs: option(int(1), "epochs per run, of 600 batches (the paper's: 300)", EPOCHS),
    "decay-epochs": DECAY_EPOCHS_OPTION,
    parallel: option(
      int(1),
      "runs side by side, the cores shared between them (EDGEGAN_THREADS, where set, is each run's threads)",
      2,
    ),
    out: option(z.string(), "where the runs, table and chart go", "runs/ssgan-sweep"),
    "table-only": option(
      z.boolean(),
      "write the table and charts of the runs evaluated so far, and train or evaluate none",
      false,
    ),
  }),
  Deno.args,
);
const { seeds, epochs, parallel, out } = flags;
const LABELS = flags.labels.split(",").map(Number);
const SEEDS = Array.from({ length: seeds }, (_, i) => flags["first-seed"] + i);
const seedList = SEEDS.join(", ");
try {
  checkLrSchedule({ epochs, decayEpochs: flags["decay-epochs"] });
} catch (e) {
  exitOnOptionError(COMMAND, e);
}

/**
 * Each run's share of the cores, unless EDGEGAN_THREADS says otherwise. A run
 * resumed with another share continues, though not bit for bit as it would have.
 */
const cores: Record<string, string> = Deno.env.get("EDGEGAN_THREADS")
  ? {}
  : { EDGEGAN_THREADS: String(Math.max(1, Math.floor(navigator.hardwareConcurrency / parallel))) };

/** A run's directory: the semi-supervised GAN's, or with `unlabelled` false its supervised baseline's. */
const runDir = (labels: number, seed: number, unlabelled: boolean) =>
  join(out, `${unlabelled ? "ssgan" : "supervised"}-${labels}-seed${seed}`);

/** D's test errors of one run, trained and evaluated unless it was already (none with --table-only). */
async function testErrors(labels: number, seed: number, unlabelled: boolean): Promise<number | undefined> {
  const run = runDir(labels, seed, unlabelled);
  const checkpoint = await readConfig(join(run, "checkpoint")).catch(() => undefined);
  // A run of another length would go into the table under this one's.
  if (checkpoint) {
    const { epochs, decayEpochs } = readRunRecord(checkpoint.config, run).run;
    if (epochs !== flags.epochs || decayEpochs !== flags["decay-epochs"]) {
      throw new SweepError(
        `${run} trains ${epochs} epochs, the last ${decayEpochs} decaying, not --epochs ${flags.epochs} ` +
          `--decay-epochs ${flags["decay-epochs"]}: give those or use another --out`,
      );
    }
  }
  const report = join(run, "eval", "report.json");
  const saved = await Deno.readTextFile(report).then(JSON.parse, () => undefined);
  if (saved) return saved.discriminator.errors;
  if (flags["table-only"]) return undefined;
  await denoTask(
    checkpoint ? ["train", "--resume", run] : [
      "train",
      ...["--semi-supervised", "--labels", String(labels), "--seed", String(seed)],
      ...(unlabelled ? [] : ["--no-unlabelled"]),
      ...["--epochs", String(epochs), "--decay-epochs", String(flags["decay-epochs"]), "--out", run],
    ],
    cores,
  );
  await denoTask(["eval", "--run", run, "--samples", "1000"], cores);
  return JSON.parse(await Deno.readTextFile(report)).discriminator.errors;
}

/** Test errors of the runs done so far, by run directory. */
const done = new Map<string, number>();
/** Each number of labels with the errors of its runs done so far, in order of seed. */
const rows = () =>
  LABELS.map((labels) => {
    const errors = (unlabelled: boolean) =>
      SEEDS.map((seed) => done.get(runDir(labels, seed, unlabelled))).filter((e) => e !== undefined);
    return { labels, gan: errors(true), supervised: errors(false) };
  });

const cell = (xs: number[]) => {
  if (xs.length === 0) return "–";
  const [mean, std] = meanStd(xs);
  const partial = xs.length < seeds ? `, ${xs.length} of ${seeds} subsets` : "";
  return `${mean.toFixed(0)} ± ${std.toFixed(1)} (${(mean / 100).toFixed(2)}%${partial})`;
};

/** The table of the runs done so far. */
function table(): string {
  return [
    `Test errors out of 10,000, mean ± std over label subsets (seeds) ${seedList}, ${epochs} epochs each, ` +
    `the last ${flags["decay-epochs"]} decaying`,
    "",
    "| labels | semi-supervised GAN | supervised baseline | Salimans et al. 2016 |",
    "| ------ | ------------------- | ------------------- | -------------------- |",
    ...rows().map(({ labels, gan, supervised }) =>
      `| ${labels} | ${cell(gan)} | ${cell(supervised)} | ${
        PAPER[labels] ? `${PAPER[labels][0]} ± ${PAPER[labels][1]}` : "–"
      } |`
    ),
  ].join("\n") + "\n";
}

/**
 * A run's test error (%) at each epoch's end, from its metrics.jsonl: none
 * before it starts. The last line may be half written (a run under way, or
 * one that crashed): a line that does not parse ends the curve.
 */
async function errorCurve(run: string): Promise<[number, number][]> {
  const text = await Deno.readTextFile(join(run, "metrics.jsonl")).catch(() => "");
  const curve: [number, number][] = [];
  for (const line of text.split("\n").filter((line) => line.includes('"testError"'))) {
    try {
      const { epoch, testError } = JSON.parse(line);
      curve.push([epoch, 100 * testError]);
    } catch {
      break;
    }
  }
  return curve;
}

const SEED_COLOURS = ["#1f5fbf", "#d0552a", "#2a9d4a", "#8e44ad", "#c9a227", "#17a2b8"];

/** curves.png: each GAN run's test error against epochs, a panel per number of labels, the paper's beside. */
async function writeCurves(): Promise<void> {
  if (epochs < 2) return; // a curve needs two epochs' ends
  const ticks = [1, 3, 10, 30, 100, 300].filter((t) => t < epochs).concat(epochs);
  const panels: Panel[] = await Promise.all(LABELS.map(async (labels) => ({
    title: `test error (%), ${labels} labels`,
    // The tail is what matters: the first epochs' errors, far above the paper's, are cut at the top.
    y: [0, Math.max(10, 5 * Math.ceil((1.5 * (PAPER[labels]?.[0] ?? 0)) / 100 / 5))],
    ...(PAPER[labels] ? { floor: { value: PAPER[labels][0] / 100, label: "Salimans et al." } } : {}),
    series: await Promise.all(SEEDS.map(async (seed) => ({
      name: `seed ${seed}`,
      colour: SEED_COLOURS[seed % SEED_COLOURS.length],
      points: await errorCurve(runDir(labels, seed, true)),
      dots: false,
    }))),
  })));
  await writeFileAtomic(join(out, "curves.png"), await svgToPng(lineChartSvg(panels, "epoch", ticks)));
}

const runs = LABELS.flatMap((labels) =>
  SEEDS.flatMap((seed) => [true, false].map((unlabelled) => ({ labels, seed, unlabelled })))
);
/** table.md and curves.png, rewritten one after another: two runs may end together. */
let written = Promise.resolve();
const writeResults = () =>
  written = written.then(async () => {
    await writeFileAtomic(join(out, "table.md"), table());
    await writeCurves();
  });

await finishSweep(
  COMMAND,
  inParallel(runs, parallel, async ({ labels, seed, unlabelled }) => {
    const errors = await testErrors(labels, seed, unlabelled);
    if (errors === undefined) return;
    done.set(runDir(labels, seed, unlabelled), errors);
    await writeResults();
    console.log(
      `${labels} labels, seed ${seed}: ${unlabelled ? "GAN" : "supervised baseline"} ${errors} errors`,
    );
  }),
);

await writeResults(); // with --table-only, perhaps the first time

const series = (name: string, colour: string, errors: (row: ReturnType<typeof rows>[number]) => number) => ({
  name,
  colour,
  points: rows().map((row) => [row.labels, errors(row) / 100] as [number, number]),
});
const lines = [
  series("semi-supervised GAN", "#1f5fbf", (r) => meanStd(r.gan)[0]),
  series("supervised baseline", "#d0552a", (r) => meanStd(r.supervised)[0]),
  series("Salimans et al. 2016", "#777777", (r) => PAPER[r.labels]?.[0] ?? NaN),
];
const worst = Math.max(...lines.flatMap((line) => line.points.map(([, y]) => y)).filter(Number.isFinite));
const panel = {
  title: "MNIST test error (%) against labels",
  y: [0, Math.ceil(worst / 5) * 5],
  series: lines,
};
const svg = lineChartSvg([panel as Panel], "labelled training digits", LABELS);
await writeFileAtomic(join(out, "error.png"), await svgToPng(svg));
console.log(table());
