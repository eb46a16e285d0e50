/**
 * The training loop that GANs (src/train/trainer.ts) and translation models
 * (src/train/translation_trainer.ts) share: iterations over epochs until the
 * run's length or time is done or its caller aborts it, each epoch's seed
 * drawn from the run's Rng, with metrics.jsonl, the progress line, what is
 * measured and pictured at each epoch's end, checkpoints, and the NaN guard
 * around them.
 */
import { type Checkpointer, RunNotSaved } from "./checkpointing.ts";
import { checkLosses, TrainingDiverged } from "./guard.ts";
import { type EpochMeasures, MetricsLog } from "./metrics.ts";
import { Progress } from "./progress.ts";
import type { Rng } from "../random.ts";
import type { RunLength } from "./run_length.ts";
import type { LoopState } from "./state.ts";
import type { UpdateStats } from "./update_stats.ts";

/** Iterations per metrics line (the end of an epoch, of the run or a checkpoint also ends one). */
const LOG_EVERY = 10;

export interface LoopPlan extends Omit<RunLength, "decayEpochs"> {
  /** The run directory. */
  out: string;
  perEpoch: number;
  samplesPerIteration: number;
}

export interface LoopHooks {
  /** One iteration at `state`: batch `state.epochIterations` of the epoch whose data order `state.orderSeed` seeds. */
  iterate(state: Readonly<LoopState>): Promise<UpdateStats>;
  /** Figures measured at each epoch's end (a semi-supervised D's test error), logged and printed. */
  measure?(): Promise<EpochMeasures>;
  /** samples/epoch-NNN.png after epoch `epoch` (1-based). */
  picture(epoch: number): Promise<void>;
  /** What the run leaves at its end, after its last checkpoint. */
  finish?(): Promise<void>;
}

export interface LoopOptions {
  /** Print progress on stderr (default true). */
  log?: boolean;
  /** Aborted: finish the iteration under way, save a checkpoint and return (Ctrl-C). */
  signal?: AbortSignal;
}

export async function runLoop(
  plan: LoopPlan,
  state: LoopState,
  rng: Rng,
  hooks: LoopHooks,
  checkpoints: Checkpointer,
  { log = true, signal }: LoopOptions,
): Promise<LoopState> {
  const { out, perEpoch } = plan;
  const total = Math.min(plan.epochs * perEpoch, plan.iterations ?? Infinity);
  const budget = plan.minutes === null ? Infinity : plan.minutes * 60; // seconds, over every process of the run
  const metrics = await MetricsLog.open(out, state.iterations, plan.samplesPerIteration);
  const progress = new Progress(
    {
      total,
      start: state.iterations,
      perEpoch,
      epochs: plan.epochs,
      samplesPerIteration: plan.samplesPerIteration,
      secondsLeft: budget - state.elapsed,
    },
    log ? (text) => Deno.stderr.writeSync(new TextEncoder().encode(text)) : () => {},
  );
  const began = performance.now() / 1000 - state.elapsed;
  const clock = () => performance.now() / 1000 - began;
  const writeMetrics = (measures?: EpochMeasures) =>
    metrics.write(state.iterations, Math.ceil(state.iterations / perEpoch), clock(), measures);
  // The run's other files fail as a checkpoint does (a full disk): one line, the last checkpoint kept.
  const written = (what: string, write: Promise<void>) =>
    write.catch((e: Error) => {
      throw new RunNotSaved(`could not write ${what} in ${out}: ${e.message}; ${checkpoints.kept()}`);
    });
  try {
    while (state.iterations < total && clock() < budget && !signal?.aborted) {
      if (state.epochIterations === 0) state.orderSeed = rng.uint32();
      const started = performance.now();
      const stats = await hooks.iterate(state);
      const ms = performance.now() - started;
      checkLosses(stats, state.iterations + 1);
      state.iterations++;
      state.epochIterations++;
      metrics.add(stats, ms);
      progress.update(state.iterations, stats);

      const epochDone = state.epochIterations === perEpoch;
      if (epochDone) [state.epoch, state.epochIterations] = [state.epoch + 1, 0];
      const measures = epochDone && hooks.measure ? await hooks.measure() : {};
      const checkpointDue = plan.checkpointEvery ? state.iterations % plan.checkpointEvery === 0 : epochDone;
      // A checkpoint ends a window too: a run resumed from it logs no window that began before it.
      if (state.iterations % LOG_EVERY === 0 || epochDone || state.iterations === total || checkpointDue) {
        await written("metrics.jsonl", writeMetrics(measures));
      }
      if (epochDone) {
        progress.finishLine(state.iterations, measures);
        await written("the epoch's samples", hooks.picture(state.epoch));
      }
      if (checkpointDue) await checkpoints.save({ ...state, elapsed: clock() });
    }
    progress.finishLine(state.iterations);
    // A run stopped between lines (--minutes, a signal) logs its last iterations before its last checkpoint.
    await written("metrics.jsonl", writeMetrics());
    // A run stopped mid-epoch (--iterations, --minutes, a signal) still ends on a picture of where it got to.
    if (state.epochIterations > 0) await written("the samples", hooks.picture(state.epoch + 1));
    if (checkpoints.saved !== state.iterations) await checkpoints.save({ ...state, elapsed: clock() });
    if (hooks.finish) await written("the samples", hooks.finish());
  } catch (e) {
    if (!(e instanceof TrainingDiverged || e instanceof RunNotSaved)) throw e;
    progress.finishLine(state.iterations);
    if (e instanceof RunNotSaved) throw e;
    throw new TrainingDiverged(`training diverged at ${e.message}; ${checkpoints.kept()}`);
  }
  return { ...state, elapsed: clock() };
}
