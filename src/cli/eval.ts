/**
 * deno task eval --run DIR [--json] [--samples N]: measures a trained run.
 * It samples the run's generator and prints its metrics beside the same
 * metrics of held-out real data (the floor a perfect generator would reach);
 * DIR/eval/ receives the report and its pictures. Toy mixtures and Stacked
 * MNIST get the mode-collapse metrics; MNIST and Fashion-MNIST the metrics
 * in their shipped classifier's feature space; tables their marginals,
 * correlations and distances to the closest training rows.
 */
import { initBackend } from "../backend/select.ts";
import { BACKEND_FLAGS, backendOptions } from "./backend_flags.ts";
import { type Dataset, loadDataset } from "../data/mod.ts";
import { STACKED_MNIST, STACKED_SAMPLES } from "../data/stacked.ts";
import { CLASSIFIED_DATA } from "../eval/classifier_store.ts";
import { evaluateImages } from "../eval/evaluate_images.ts";
import { evaluateStacked } from "../eval/evaluate_stacked.ts";
import { evaluateTable } from "../eval/evaluate_table.ts";
import { evaluateToy } from "../eval/evaluate_toy.ts";
import { writeReport } from "../eval/report.ts";
import { loadRun, type TrainedRun } from "../eval/run.ts";
import { reportTable } from "../eval/table.ts";
import { TOY_SAMPLES } from "../eval/toy.ts";
import { Rng } from "../random.ts";
import { type Flag, FlagError, formatHelp, parseFlags } from "./flags.ts";

const MAX_SAMPLES = 10_000;

const FLAGS: readonly Flag[] = [
  { name: "run", type: "string", help: "the run directory, as deno task train wrote it (required)" },
  {
    name: "samples",
    type: "int",
    min: 10,
    help: `samples to draw (default: ${TOY_SAMPLES} for toys, ${STACKED_SAMPLES} for ${STACKED_MNIST}; ` +
      `for other images and tables the test split's size, at most ${MAX_SAMPLES})`,
  },
  { name: "json", type: "boolean", help: "print one JSON object instead of the table" },
  { name: "seed", type: "int", default: 0, min: 0, help: "seeds the noise the samples are drawn from" },
  ...BACKEND_FLAGS,
];

const SUMMARY = "Evaluates a trained run against held-out real data; writes the report into DIR/eval/.";

async function main(args: string[]): Promise<number> {
  const flags = parseFlags(FLAGS, args);
  if (flags.help) {
    console.log(formatHelp("deno task eval", SUMMARY, FLAGS));
    return 0;
  }
  const dir = flags.run as string | undefined;
  if (!dir) throw new FlagError("--run DIR is required: the directory of a run of deno task train");
  await initBackend(backendOptions(flags));
  const run = await loadRun(dir).catch((e) => {
    throw new FlagError(`--run ${dir}: ${(e as Error).message}`); // a wrong directory: say so, no stack
  });
  const { data, imageSize, channels } = run.record.run;
  const dataset = await loadDataset(data, { imageSize, channels: channels ?? undefined }).catch((e) => {
    throw new FlagError(`--run ${dir} trained on ${data}, which cannot be loaded: ${(e as Error).message}`);
  });
  const rng = Rng.seeded(flags.seed as number);
  const samples = flags.samples as number | undefined;
  const { report, pictures } = await evaluate(run, dataset, samples, rng);
  const table = reportTable(report, dataset.classes);
  const full = { run: dir, data, step: run.step, ...report };
  const out = await writeReport(dir, full, table, pictures);
  console.log(flags.json ? JSON.stringify(full) : `${data}, step ${run.step}\n${table}`);
  console.error(`report and pictures in ${out}`);
  return 0;
}

function evaluate(run: TrainedRun, dataset: Dataset, samples: number | undefined, rng: Rng) {
  if (dataset.kind === "points") return evaluateToy(run, dataset, samples ?? TOY_SAMPLES, rng);
  if (dataset.name === STACKED_MNIST) return evaluateStacked(run, dataset, samples ?? STACKED_SAMPLES, rng);
  const n = samples ?? Math.min(dataset.test.n, MAX_SAMPLES);
  if (dataset.kind === "table") return evaluateTable(run, dataset, n, rng);
  return evaluateImages(run, checkClassified(dataset), n, rng);
}

/** Image metrics need the data's classifier. */
function checkClassified(dataset: Dataset): Dataset {
  if (!(CLASSIFIED_DATA as readonly string[]).includes(dataset.name)) {
    throw new FlagError(
      `no metrics for ${dataset.name}: deno task eval measures ring8, grid25, ${STACKED_MNIST}, ${
        CLASSIFIED_DATA.join(", ")
      } and CSV tables`,
    );
  }
  return dataset;
}

try {
  Deno.exit(await main(Deno.args));
} catch (e) {
  if (!(e instanceof FlagError)) throw e;
  console.error(`eval: ${e.message}`);
  Deno.exit(2);
}
