/** Everything a run trains with, built fresh from its config or restored from a checkpoint. */
import * as tf from "@tensorflow/tfjs-core";
import { join } from "node:path";
import { type Checkpoint, restoreInterruptedSave } from "../checkpoint/checkpoint.ts";
import { OptionError } from "../options/option_error.ts";
import { type Dataset, loadDataset } from "../data/mod.ts";
import type { ModelConfig } from "../models/config.ts";
import {
  buildDiscriminator,
  buildGenerator,
  type Discriminator,
  type Generator,
} from "../models/networks.ts";
import { Rng } from "../random.ts";
import { restore } from "./checkpointing.ts";
import { readRunRecord, type RunRecord } from "./run_record.ts";
import { chooseLabelled } from "./labelled.ts";
import { Ema } from "./ema.ts";
import { createGan, type Gan } from "./gan.ts";
import { modelConfig, type RunConfig } from "./run_config.ts";
import { INITIAL_STATE, type LoopState } from "./state.ts";

export interface Session {
  dataset: Dataset;
  model: ModelConfig;
  gan: Gan;
  ema?: Ema<Generator>;
  /** A semi-supervised run's average of D: the classifier it saves. */
  emaD?: Ema<Discriminator>;
  /** Every random draw of training after the initial weights: batch orders, z, fake labels. */
  rng: Rng;
  state: LoopState;
  record: RunRecord;
  /** A semi-supervised run's labelled samples, by index into the training split. */
  labelled?: Int32Array;
}

export async function openRun(run: RunConfig, out: string, resume?: Checkpoint): Promise<Session> {
  await checkOutDir(out, resume);
  const dataset = await loadDataset(run.data, {
    imageSize: run.imageSize,
    channels: run.channels ?? undefined,
    seed: run.seed,
  }).catch((e) => {
    throw new OptionError(`{data} ${run.data}: ${(e as Error).message}`);
  });
  if (dataset.train.n < run.batch * run.dUpdates) {
    throw new OptionError(
      `{batch} ${run.batch} × {d-updates} ${run.dUpdates} exceeds the ${dataset.train.n} training samples`,
    );
  }
  const model = modelConfig(run, dataset.shape, dataset.classes?.length ?? 0);
  const rng = Rng.seeded(run.seed);
  const gan = createGan(model, run, rng);
  if (!resume) initialiseFromData(gan, dataset);
  // The averages' own initial weights are overwritten at once: any seed does.
  const ema = run.ema > 0 ? new Ema(buildGenerator(model, Rng.seeded(0)), gan.G, run.ema) : undefined;
  const emaD = run.ema > 0 && run.labels !== null
    ? new Ema(buildDiscriminator(model, Rng.seeded(0)), gan.D, run.ema)
    : undefined;
  const labelled = run.labels === null ? undefined : labelledSamples(run, dataset, model, resume);
  const record = {
    run,
    model,
    classes: dataset.classes,
    columns: dataset.columns,
    ...(labelled ? { labelled: Array.from(labelled) } : {}),
  };
  const restored = resume ? restore(resume, gan, { ema, emaD }) : { rng, state: { ...INITIAL_STATE } };
  await makeRunDir(out); // only now: a run refused for its flags leaves nothing behind
  return { dataset, model, gan, ema, emaD, record, labelled, ...restored };
}

/** Samples of weight norm's data-dependent init: the paper's code takes the first 500 training images. */
const INIT_SAMPLES = 500;

/** A new D whose layers initialise from data (the semi-supervised GAN's) sees the first training samples. */
function initialiseFromData(gan: Gan, { train, shape }: Dataset): void {
  if (!gan.D.initialise) return;
  const n = Math.min(INIT_SAMPLES, train.n), size = train.x.length / train.n;
  const x = tf.tensor(train.x.subarray(0, n * size), [n, ...shape]);
  gan.D.initialise(x);
  x.dispose();
}

/** The labelled samples: those the checkpoint recorded, or a new balanced draw. */
function labelledSamples(
  run: RunConfig,
  dataset: Dataset,
  model: ModelConfig,
  resume?: Checkpoint,
): Int32Array {
  if (resume) return Int32Array.from(readRunRecord(resume.config, "the checkpoint").labelled!);
  try {
    return chooseLabelled(dataset.train.labels!, run.labels!, model.classifies, run.seed);
  } catch (e) {
    throw new OptionError(`{labels} ${run.labels}: ${(e as Error).message}`);
  }
}

/** Puts back a checkpoint an interrupted save moved aside; refuses to start a new run over an old one. */
export async function checkOutDir(out: string, resume?: Checkpoint): Promise<void> {
  await restoreInterruptedSave(join(out, "checkpoint"));
  if (!resume && await Deno.stat(join(out, "checkpoint")).then(() => true, () => false)) {
    throw new OptionError(
      `{out} ${out} already holds a run: continue it with {resume} ${out}, or choose another`,
    );
  }
}

/** Creates the run directory and checks that it takes files, so that a run fails before it trains, not after. */
export async function makeRunDir(out: string): Promise<void> {
  const probe = join(out, `.write-test-${Deno.pid}`);
  try {
    await Deno.mkdir(out, { recursive: true });
    await Deno.writeFile(probe, new Uint8Array(1));
    await Deno.remove(probe);
  } catch (e) {
    throw new OptionError(`{out} ${out} cannot be written: ${(e as Error).message}`);
  }
}

/** Frees the session's variables: one process may train several runs (the tests do). */
export function closeRun({ gan, ema, emaD }: Session): void {
  const maps = [gan.G.params.all(), gan.D.params.all(), gan.optG.moments(), gan.optD.moments()];
  for (const average of [ema, emaD]) if (average) maps.push(average.net.params.all());
  tf.dispose(maps.flatMap((variables) => [...variables.values()]));
}
