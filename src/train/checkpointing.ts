/**
 * A training run to a checkpoint and back. The model file holds the generator
 * to use (`G/...`: the moving average when there is one), the discriminator
 * (`D/...`: a semi-supervised run's moving average, its classifier) and, for
 * each network averaged, the raw one that training continues from
 * (`raw/G/...`, `raw/D/...`). The optimizer file holds Adam's moments.
 */
import { type Checkpoint, saveCheckpoint } from "../checkpoint/checkpoint.ts";
import { assignVariables, readVariables } from "../checkpoint/variables.ts";
import type * as tf from "@tensorflow/tfjs-core";
import { Rng, type RngState } from "../random.ts";
import type { Ema } from "./ema.ts";
import type { Gan } from "./gan.ts";
import type { Discriminator, Generator } from "../models/networks.ts";
import { checkWeights } from "./guard.ts";
import { restoreOptimizers, saveOptimizers } from "./optimizer_state.ts";
import type { RunRecord } from "./run_record.ts";
import type { LoopState } from "./state.ts";

type SavedState = LoopState & {
  rng: RngState;
  adamUpdates: Record<string, number>;
  /** The stream of D's noise layers, where it has any (the semi-supervised GAN's). */
  dNoise?: RngState;
};

const RAW = "raw/";

const optimizers = (gan: Gan) => ({ G: gan.optG, D: gan.optD });

/** The moving averages of a run's networks, where it keeps them. */
export interface Averages {
  ema?: Ema<Generator>;
  emaD?: Ema<Discriminator>;
}

/** A write of the run failed (a full disk, a folder gone): the run stops, and its last checkpoint is whole. */
export class RunNotSaved extends Error {
  override name = "RunNotSaved";
}

/** Saves a run's checkpoints to `dir`, remembering the iterations of the last one. */
export class Checkpointer {
  constructor(
    readonly dir: string,
    /** The run's checkpoint at `state`, read out of its variables. */
    readonly snapshot: (state: LoopState) => Promise<Checkpoint>,
    /** The weights that must all be finite for a save to replace the last one. */
    readonly weights: () => Iterable<tf.Variable>,
    public saved?: number,
  ) {}

  async save(state: LoopState): Promise<void> {
    // Never let a broken state replace the last good checkpoint.
    await checkWeights(this.weights(), state.iterations);
    await saveCheckpoint(this.dir, await this.snapshot(state)).catch((e) => {
      throw new RunNotSaved(
        `could not save a checkpoint in ${this.dir}: ${e.message}; ${this.kept()}`,
      );
    });
    this.saved = state.iterations;
  }

  /** Where the last good checkpoint is, for the message of a run that stops on a NaN or a failed write. */
  kept(): string {
    return this.saved === undefined
      ? "no checkpoint had been saved yet"
      : `the last good checkpoint (iteration ${this.saved}) is kept in ${this.dir}`;
  }
}

/** The checkpoints of a GAN run: its networks, their averages, Adam's moments and the Rng. */
export function ganCheckpointer(
  dir: string,
  run: Averages & { record: RunRecord; gan: Gan; rng: Rng },
  saved?: number,
): Checkpointer {
  const { record, gan, ema, emaD, rng } = run;
  return new Checkpointer(
    dir,
    (state) => toCheckpoint(record, gan, { ema, emaD }, rng, state),
    () => [...gan.G.params.all().values(), ...gan.D.params.all().values()],
    saved,
  );
}

/** The run's variables and state, read out (asynchronously, for GPU backends). */
export async function toCheckpoint(
  record: RunRecord,
  gan: Gan,
  { ema, emaD }: Averages,
  rng: Rng,
  state: LoopState,
): Promise<Checkpoint> {
  const weights = new Map([...(ema?.net ?? gan.G).params.all(), ...(emaD?.net ?? gan.D).params.all()]);
  if (ema) { for (const [name, v] of gan.G.params.all()) weights.set(RAW + name, v); }
  if (emaD) { for (const [name, v] of gan.D.params.all()) weights.set(RAW + name, v); }
  const { adamUpdates, moments } = await saveOptimizers(optimizers(gan));
  return {
    config: { ...record },
    state: {
      ...state,
      rng: rng.state,
      adamUpdates,
      ...(gan.D.noise ? { dNoise: gan.D.noise.state } : {}),
    } satisfies SavedState,
    weights: await readVariables(weights),
    optimizer: moments,
  };
}

/** Loads a checkpoint's variables into a freshly built run; returns its Rng and loop state. */
export function restore(
  checkpoint: Checkpoint,
  gan: Gan,
  { ema, emaD }: Averages,
): { rng: Rng; state: LoopState } {
  const { rng, adamUpdates, dNoise, ...state } = checkpoint.state as unknown as SavedState;
  // Semi-supervised checkpoints from before D was averaged hold D alone.
  const rawD = emaD && Object.keys(checkpoint.weights).some((name) => name.startsWith(`${RAW}D/`));
  assignVariables(gan.D.params.all(), checkpoint.weights, rawD ? RAW : "");
  assignVariables(gan.G.params.all(), checkpoint.weights, ema ? RAW : "");
  for (const average of [ema, emaD]) {
    if (average) assignVariables(average.net.params.all(), checkpoint.weights);
  }
  restoreOptimizers(optimizers(gan), adamUpdates, checkpoint.optimizer);
  if (dNoise) gan.D.noise!.continueFrom(dNoise);
  return { rng: Rng.restore(rng), state };
}
