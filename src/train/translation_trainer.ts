/**
 * The image-to-image training loop (pix2pix, SRGAN, CycleGAN): iterations
 * of the run's method (src/train/translation_method.ts) over epochs, with a
 * picture of fixed test images each epoch, metrics.jsonl, checkpoints and the
 * NaN guard. Seeded throughout, and resumable from its checkpoint as a GAN
 * run is.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../checkpoint/atomic.ts";
import { type Checkpoint, saveCheckpoint } from "../checkpoint/checkpoint.ts";
import { assignVariables, readVariables } from "../checkpoint/variables.ts";
import { encodePng } from "../image/png.ts";
import { rowsGrid } from "../image/pairs_grid.ts";
import { Rng, type RngState } from "../random.ts";
import { RunNotSaved } from "./checkpointing.ts";
import { checkLosses, checkWeights } from "./guard.ts";
import { MetricsLog } from "./metrics.ts";
import { Progress } from "./progress.ts";
import { checkOutDir, makeRunDir } from "./setup.ts";
import { INITIAL_STATE, type LoopState } from "./state.ts";
import type { TranslationRun } from "./translation_record.ts";
import { openMethod, type TranslationMethod } from "./translation_method.ts";
import type { TrainOptions } from "./trainer.ts";

/** Iterations per metrics line. */
const LOG_EVERY = 10;

type SavedState = LoopState & { rng: RngState; adamUpdates: Record<string, number> };

export async function trainTranslation(
  run: TranslationRun,
  { out, resume, log = true, signal }: TrainOptions,
): Promise<LoopState> {
  await checkOutDir(out, resume);
  const method = await openMethod(run);
  const { rng, state } = resume
    ? restore(resume, method)
    : { rng: Rng.seeded(run.seed), state: { ...INITIAL_STATE } };
  await makeRunDir(out);

  const { perEpoch } = method;
  const total = Math.min(run.epochs * perEpoch, run.iterations ?? Infinity);
  const budget = run.minutes === null ? Infinity : run.minutes * 60;
  const metrics = await MetricsLog.open(out, state.iterations, run.batch);
  const progress = new Progress(
    {
      total,
      start: state.iterations,
      perEpoch,
      epochs: run.epochs,
      samplesPerIteration: run.batch,
      secondsLeft: budget - state.elapsed,
    },
    log ? (text) => Deno.stderr.writeSync(new TextEncoder().encode(text)) : () => {},
  );
  const began = performance.now() / 1000 - state.elapsed;
  const clock = () => performance.now() / 1000 - began;
  const dir = join(out, "checkpoint");
  let saved = resume ? state.iterations : undefined;
  const kept = () =>
    saved === undefined
      ? "no checkpoint had been saved yet"
      : `the last good checkpoint (iteration ${saved}) is kept in ${dir}`;
  const save = async () => {
    await checkWeights(method.weights.values(), state.iterations);
    await saveCheckpoint(dir, await toCheckpoint(method, rng, { ...state, elapsed: clock() })).catch((e) => {
      throw new RunNotSaved(`could not save a checkpoint in ${dir}: ${e.message}; ${kept()}`);
    });
    saved = state.iterations;
  };
  const picture = (epoch: number) =>
    epochPicture(out, epoch, method).catch((e) => {
      throw new RunNotSaved(`could not write the epoch's picture in ${out}: ${e.message}; ${kept()}`);
    });

  try {
    while (state.iterations < total && clock() < budget && !signal?.aborted) {
      if (state.epochIterations === 0) state.orderSeed = rng.uint32();
      const stats = await method.update(state.epochIterations, state.orderSeed, rng);
      checkLosses(stats, state.iterations + 1);
      state.iterations++;
      state.epochIterations++;
      metrics.add(stats);
      progress.update(state.iterations, stats);
      const epochDone = state.epochIterations === perEpoch;
      if (epochDone) [state.epoch, state.epochIterations] = [state.epoch + 1, 0];
      if (state.iterations % LOG_EVERY === 0 || epochDone || state.iterations === total) {
        await metrics.write(state.iterations, Math.ceil(state.iterations / perEpoch), clock());
      }
      if (epochDone) {
        progress.finishLine(state.iterations);
        await picture(state.epoch);
      }
      if (run.checkpointEvery ? state.iterations % run.checkpointEvery === 0 : epochDone) await save();
    }
    progress.finishLine(state.iterations);
    if (state.epochIterations > 0) await picture(state.epoch + 1);
    if (saved !== state.iterations) await save();
  } finally {
    method.dispose();
  }
  return { ...state, elapsed: clock() };
}

/** The optimizers' moments, each under its optimizer's name. */
function moments({ optimizers }: TranslationMethod) {
  return new Map(Object.values(optimizers).flatMap((adam) => [...adam.moments()]));
}

async function toCheckpoint(method: TranslationMethod, rng: Rng, state: LoopState): Promise<Checkpoint> {
  const adamUpdates = Object.fromEntries(
    Object.entries(method.optimizers).map(([name, adam]) => [name, adam.updates]),
  );
  return {
    config: { ...method.record },
    state: { ...state, rng: rng.state, adamUpdates } satisfies SavedState,
    weights: await readVariables(method.weights),
    optimizer: await readVariables(moments(method)),
  };
}

function restore(checkpoint: Checkpoint, method: TranslationMethod): { rng: Rng; state: LoopState } {
  const { rng, adamUpdates, ...state } = checkpoint.state as unknown as SavedState;
  assignVariables(method.weights, checkpoint.weights);
  assignVariables(moments(method), checkpoint.optimizer);
  for (const [name, adam] of Object.entries(method.optimizers)) adam.updates = adamUpdates[name];
  return { rng: Rng.restore(rng), state };
}

/** samples/epoch-NNN.png: the method's rows of test images and their translations. */
async function epochPicture(out: string, epoch: number, method: TranslationMethod) {
  const rows = await method.pictureRows();
  const n = rows[0].x.length / (rows[0].side * rows[0].side * rows[0].channels);
  await Deno.mkdir(join(out, "samples"), { recursive: true });
  const file = join(out, "samples", `epoch-${String(epoch).padStart(3, "0")}.png`);
  await writeFileAtomic(file, encodePng(rowsGrid(rows, n)));
}
