/**
 * deno task eval --run DIR [--json] [--samples N]: measures a trained run.
 * It samples the run's generator and prints its metrics beside the same
 * metrics of held-out real data (the floor a perfect generator would reach);
 * DIR/eval/ receives the report and its pictures. Toy mixtures and Stacked
 * MNIST get the mode-collapse metrics; MNIST and Fashion-MNIST the metrics
 * in their shipped classifier's feature space; tables their marginals,
 * correlations and distances to the closest training rows.
 */
import { join } from "node:path";
import * as z from "zod/mini";
import { BACKEND_OPTIONS } from "../backend/options.ts";
import { initBackend } from "../backend/select.ts";
import { readConfig } from "../checkpoint/checkpoint.ts";
import { type Dataset, loadDataset } from "../data/mod.ts";
import { cycleTable, evaluateCycle } from "../eval/evaluate_cycle.ts";
import { evaluateTranslation, translationTable } from "../eval/evaluate_translation.ts";
import { loadTranslation } from "../eval/translation_run.ts";
import { pairedData, unpairedData } from "../train/translation_config.ts";
import { asTranslationRecord } from "../train/translation_record.ts";
import { STACKED_MNIST, STACKED_SAMPLES } from "../data/stacked.ts";
import { CLASSIFIED_DATA } from "../models/classifier_store.ts";
import { evaluateImages } from "../eval/evaluate_images.ts";
import { evaluateStacked } from "../eval/evaluate_stacked.ts";
import { evaluateTable } from "../eval/evaluate_table.ts";
import { evaluateToy } from "../eval/evaluate_toy.ts";
import { writeReport } from "../eval/report.ts";
import { loadRun, type TrainedRun } from "../eval/run.ts";
import { reportTable } from "../eval/report_table.ts";
import { TOY_SAMPLES } from "../eval/toy.ts";
import { OptionError } from "../options/option_error.ts";
import { int, option, SEED } from "../options/options.ts";
import { Rng } from "../random.ts";
import { exitOnOptionError, parseCommandLine } from "./command_line.ts";

const MAX_SAMPLES = 10_000;

const FLAGS = z.strictObject({
  run: z.string().check(
    z.describe("the run directory, as deno task train wrote it, or a shipped model's folder"),
  ),
  samples: option(
    int(10),
    `samples to draw (default: ${TOY_SAMPLES} for toys, ${STACKED_SAMPLES} for ${STACKED_MNIST}; ` +
      `for other images and tables the test split's size, at most ${MAX_SAMPLES}, and no more; ` +
      "for translation pairs the test split's size, a larger value cut to it)",
  ),
  json: option(z.boolean(), "print one JSON object instead of the table", false),
  seed: option(SEED, "seeds the noise the samples are drawn from", 0),
  ...BACKEND_OPTIONS,
});

const COMMAND = "deno task eval";
const SUMMARY = "Evaluates a trained run against held-out real data; writes the report into DIR/eval/.";

async function main(args: string[]): Promise<void> {
  const flags = parseCommandLine(COMMAND, SUMMARY, FLAGS, args);
  const dir = flags.run;
  await initBackend({ backend: flags.backend, threads: flags.threads });
  const translation = await translationIn(dir);
  if (translation) return evaluateTranslationRun(dir, translation, flags);
  const run = await loadRun(dir).catch((e) => {
    throw new OptionError(`{run} ${dir}: ${(e as Error).message}`); // a wrong directory: say so, no stack
  });
  const { data, imageSize, channels } = run.record.run;
  const dataset = await loadDataset(data, { imageSize, channels: channels ?? undefined }).catch((e) => {
    throw new OptionError(`{run} ${dir} trained on ${data}, which cannot be loaded: ${(e as Error).message}`);
  });
  const { report, pictures } = await evaluate(run, dataset, flags.samples, Rng.seeded(flags.seed));
  const table = reportTable(report, dataset.classes);
  const full = { run: dir, data, iterations: run.iterations, ...report };
  const out = await writeReport(dir, full, table, pictures);
  console.log(flags.json ? JSON.stringify(full) : `${data}, ${run.iterations} iterations\n${table}`);
  console.error(`report and pictures in ${out}`);
}

/** The translation model in a run directory or a model's folder, if that is what it holds. */
async function translationIn(dir: string): Promise<string | undefined> {
  for (const where of [join(dir, "checkpoint"), dir]) {
    const saved = await readConfig(where).catch(() => undefined);
    if (saved) return asTranslationRecord(saved.config) ? where : undefined;
  }
}

async function evaluateTranslationRun(dir: string, checkpoint: string, flags: z.output<typeof FLAGS>) {
  const model = await loadTranslation(checkpoint).catch((e) => {
    throw new OptionError(`{run} ${dir}: ${(e as Error).message}`);
  });
  const { run } = model.record;
  const loaded = <T>(data: Promise<T>) =>
    data.catch((e) => {
      throw new OptionError(
        `{run} ${dir} trained on ${run.data}, which cannot be loaded: ${(e as Error).message}`,
      );
    });
  const { report, pictures, table } = run.model === "cyclegan"
    ? await evaluateCycle(model, await loaded(unpairedData(run)), flags.samples).then((e) => ({
      ...e,
      table: cycleTable(e.report),
    }))
    : await loaded(pairedData(run)).then((paired) =>
      evaluateTranslation(model, paired, Math.min(flags.samples ?? paired.test.n, paired.test.n))
    ).then((e) => ({ ...e, table: translationTable(e.report) }));
  const full = { run: dir, data: run.data, iterations: model.iterations, ...report };
  const out = await writeReport(dir, full, table, pictures);
  console.log(flags.json ? JSON.stringify(full) : `${run.data}, ${model.iterations} iterations\n${table}`);
  console.error(`report and pictures in ${out}`);
}

function evaluate(run: TrainedRun, dataset: Dataset, samples: number | undefined, rng: Rng) {
  if (dataset.kind === "points") return evaluateToy(run, dataset, samples ?? TOY_SAMPLES, rng);
  if (dataset.name === STACKED_MNIST) return evaluateStacked(run, dataset, samples ?? STACKED_SAMPLES, rng);
  const most = Math.min(dataset.test.n, MAX_SAMPLES);
  // The samples are measured beside as many real test images (rows), and against 10,000 reference images.
  if (samples !== undefined && samples > most) {
    throw new OptionError(
      `{samples} is at most ${most} for ${dataset.name}: as many real test items go beside them`,
    );
  }
  const n = samples ?? most;
  if (dataset.kind === "table") return evaluateTable(run, dataset, n, rng);
  return evaluateImages(run, checkClassified(dataset), n, rng);
}

/** Image metrics need the data's classifier. */
function checkClassified(dataset: Dataset): Dataset {
  if (!(CLASSIFIED_DATA as readonly string[]).includes(dataset.name)) {
    throw new OptionError(
      `no metrics for ${dataset.name}: deno task eval measures ring8, grid25, ${STACKED_MNIST}, ${
        CLASSIFIED_DATA.join(", ")
      } and CSV tables`,
    );
  }
  return dataset;
}

/** The eval command, as `deno task eval` and `edgegan eval` run it. */
export async function evalCommand(args: string[]): Promise<void> {
  try {
    await main(args);
  } catch (e) {
    exitOnOptionError(COMMAND, e);
  }
}

if (import.meta.main) await evalCommand(Deno.args);
