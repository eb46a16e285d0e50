/**
 * The training loop: iterations of D then G updates over epochs of the data,
 * with the epoch's pictures, metrics, checkpoints and the NaN guard around
 * them, until the run's length or time is done or its caller aborts it. Seeded throughout: the same run config, backend and threads give the
 * same losses, whether the run goes straight through or is resumed.
 */
import { join } from "node:path";
import type { Checkpoint } from "../checkpoint/checkpoint.ts";
import { epochOrder, mixBatch, noiseBatch, realBatch } from "./batches.ts";
import { Checkpointer } from "./checkpointing.ts";
import { checkLosses, TrainingDiverged } from "./guard.ts";
import { iteration } from "./iteration.ts";
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
  const { dataset, model, gan, ema, rng, state } = session;
  const perIteration = run.batch * run.dSteps;
  const perEpoch = Math.floor(dataset.train.n / perIteration);
  const total = Math.min(run.epochs * perEpoch, run.steps ?? Infinity);
  const budget = run.minutes === null ? Infinity : run.minutes * 60; // seconds, over every process of the run
  const G = ema?.G ?? gan.G; // the generator that samples and is saved as the model
  const interpolates = penalties(run).gp > 0;
  const snapshots = new Snapshots(out, dataset, model, run.seed);
  const metrics = await MetricsLog.open(out, state.step, perIteration);
  const checkpoints = new Checkpointer(join(out, "checkpoint"), session, resume ? state.step : undefined);
  const progress = new Progress(
    {
      total,
      start: state.step,
      perEpoch,
      epochs: run.epochs,
      samplesPerIteration: perIteration,
      secondsLeft: budget - state.elapsed,
    },
    log ? (text) => Deno.stderr.writeSync(new TextEncoder().encode(text)) : () => {},
  );
  const began = performance.now() / 1000 - state.elapsed;
  const clock = () => performance.now() / 1000 - began;

  let order: Int32Array | undefined;
  try {
    while (state.step < total && clock() < budget && !signal?.aborted) {
      if (state.iteration === 0) [state.orderSeed, order] = [rng.uint32(), undefined];
      order ??= epochOrder(dataset.train.n, state.orderSeed);
      let batch = state.iteration * run.dSteps;
      const stats = await iteration(gan, run, () => ({
        ...realBatch(dataset.train, order!, run.batch * batch++, run.batch, model),
        ...noiseBatch(rng, run.batch, model),
        ...(interpolates ? { mix: mixBatch(rng, run.batch, model) } : {}),
      }));
      checkLosses(stats, state.step + 1);
      state.step++;
      state.iteration++;
      ema?.update(gan.G, state.step);
      metrics.add(stats);
      progress.update(state.step, stats);

      const epochDone = state.iteration === perEpoch;
      if (epochDone) [state.epoch, state.iteration] = [state.epoch + 1, 0];
      if (state.step % LOG_EVERY === 0 || epochDone || state.step === total) {
        await metrics.write(state.step, Math.ceil(state.step / perEpoch), clock());
      }
      if (epochDone) {
        progress.finishLine(state.step);
        await snapshots.epoch(state.epoch, G, gan.D);
      }
      if (run.checkpointEvery ? state.step % run.checkpointEvery === 0 : epochDone) {
        await checkpoints.save({ ...state, elapsed: clock() });
      }
    }
    progress.finishLine(state.step);
    // A run stopped mid-epoch (--steps, --minutes, a signal) still ends on a picture of where it got to.
    if (state.iteration > 0) await snapshots.epoch(state.epoch + 1, G, gan.D);
    if (checkpoints.saved !== state.step) await checkpoints.save({ ...state, elapsed: clock() });
    await snapshots.finish(G);
  } catch (e) {
    if (!(e instanceof TrainingDiverged)) throw e;
    progress.finishLine(state.step);
    throw new TrainingDiverged(`training diverged at ${e.message}; ${checkpoints.kept()}`);
  } finally {
    snapshots.dispose();
    closeRun(session);
  }
  return { ...state, elapsed: clock() };
}
