/**
 * The training loop: iterations of D then G updates over epochs of the data,
 * with the epoch's pictures, metrics, checkpoints and the NaN guard around
 * them, until the run's length or time is done or its caller aborts it. Seeded throughout: the same run config, backend and threads give the
 * same losses, whether the run goes straight through or is resumed.
 */
import { join } from "node:path";
import type { Checkpoint } from "../checkpoint/checkpoint.ts";
import { epochOrder, mixBatch, noiseBatch, realBatch } from "./batches.ts";
import { Checkpointer, RunNotSaved } from "./checkpointing.ts";
import { checkLosses, TrainingDiverged } from "./guard.ts";
import { iteration } from "./iteration.ts";
import { labelledBatch } from "./labelled.ts";
import { MetricsLog } from "./metrics.ts";
import { Progress } from "./progress.ts";
import { penalties, type RunConfig } from "./run_config.ts";
import { closeRun, openRun } from "./setup.ts";
import { Snapshots } from "./snapshots.ts";
import type { LoopState } from "./state.ts";

/** Iterations per metrics line (the end of an epoch or of the run also ends one). */
const LOG_EVERY = 10;

export interface TrainOptions {
  /** The run directory. */
  out: string;
  /** The run's last checkpoint, to continue from. */
  resume?: Checkpoint;
  /** Print progress on stderr (default true). */
  log?: boolean;
  /** Aborted: finish the iteration under way, save a checkpoint and return (Ctrl-C). */
  signal?: AbortSignal;
}

export async function train(
  run: RunConfig,
  { out, resume, log = true, signal }: TrainOptions,
): Promise<LoopState> {
  const session = await openRun(run, out, resume);
  const { dataset, model, gan, ema, emaD, rng, state } = session;
  const perIteration = run.batch * run.dUpdates;
  const perEpoch = Math.floor(dataset.train.n / perIteration);
  const total = Math.min(run.epochs * perEpoch, run.iterations ?? Infinity);
  const budget = run.minutes === null ? Infinity : run.minutes * 60; // seconds, over every process of the run
  const G = ema?.net ?? gan.G; // the generator that samples and is saved as the model
  const interpolates = penalties(run).gp > 0;
  const snapshots = new Snapshots(out, dataset, model, run.seed);
  const metrics = await MetricsLog.open(out, state.iterations, perIteration);
  const checkpoints = new Checkpointer(
    join(out, "checkpoint"),
    session,
    resume ? state.iterations : undefined,
  );
  const progress = new Progress(
    {
      total,
      start: state.iterations,
      perEpoch,
      epochs: run.epochs,
      samplesPerIteration: perIteration,
      secondsLeft: budget - state.elapsed,
    },
    log ? (text) => Deno.stderr.writeSync(new TextEncoder().encode(text)) : () => {},
  );
  const began = performance.now() / 1000 - state.elapsed;
  const clock = () => performance.now() / 1000 - began;

  // The run's other files fail as a checkpoint does (a full disk): one line, the last checkpoint kept.
  const written = (what: string, write: Promise<void>) =>
    write.catch((e: Error) => {
      throw new RunNotSaved(`could not write ${what} in ${out}: ${e.message}; ${checkpoints.kept()}`);
    });
  let order: Int32Array | undefined;
  try {
    while (state.iterations < total && clock() < budget && !signal?.aborted) {
      if (state.epochIterations === 0) [state.orderSeed, order] = [rng.uint32(), undefined];
      order ??= epochOrder(dataset.train.n, state.orderSeed);
      let batch = state.epochIterations * run.dUpdates;
      const stats = await iteration(gan, run, () => ({
        ...realBatch(dataset.train, order!, run.batch * batch++, run.batch, model),
        ...noiseBatch(rng, run.batch, model),
        ...(interpolates ? { mix: mixBatch(rng, run.batch, model) } : {}),
        ...(session.labelled
          ? {
            ...labelledBatch(dataset.train, session.labelled, rng, run.batch, model.classifies),
            zG: noiseBatch(rng, run.batch, model).z,
          }
          : {}),
      }));
      checkLosses(stats, state.iterations + 1);
      state.iterations++;
      state.epochIterations++;
      ema?.update(gan.G, state.iterations);
      emaD?.update(gan.D, state.iterations);
      metrics.add(stats);
      progress.update(state.iterations, stats);

      const epochDone = state.epochIterations === perEpoch;
      if (epochDone) [state.epoch, state.epochIterations] = [state.epoch + 1, 0];
      if (state.iterations % LOG_EVERY === 0 || epochDone || state.iterations === total) {
        await written(
          "metrics.jsonl",
          metrics.write(state.iterations, Math.ceil(state.iterations / perEpoch), clock()),
        );
      }
      if (epochDone) {
        progress.finishLine(state.iterations);
        await written("the epoch's samples", snapshots.epoch(state.epoch, G, gan.D));
      }
      if (run.checkpointEvery ? state.iterations % run.checkpointEvery === 0 : epochDone) {
        await checkpoints.save({ ...state, elapsed: clock() });
      }
    }
    progress.finishLine(state.iterations);
    // A run stopped mid-epoch (--iterations, --minutes, a signal) still ends on a picture of where it got to.
    if (state.epochIterations > 0) await written("the samples", snapshots.epoch(state.epoch + 1, G, gan.D));
    if (checkpoints.saved !== state.iterations) await checkpoints.save({ ...state, elapsed: clock() });
    await written("the samples", snapshots.finish(G));
  } catch (e) {
    if (!(e instanceof TrainingDiverged || e instanceof RunNotSaved)) throw e;
    progress.finishLine(state.iterations);
    if (e instanceof RunNotSaved) throw e;
    throw new TrainingDiverged(`training diverged at ${e.message}; ${checkpoints.kept()}`);
  } finally {
    snapshots.dispose();
    closeRun(session);
  }
  return { ...state, elapsed: clock() };
}
