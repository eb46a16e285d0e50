/**
 * What the image-to-image training loop (src/train/translation_trainer.ts)
 * trains: pix2pix and SRGAN on pairs (src/train/paired_method.ts), or
 * CycleGAN on two unpaired domains (src/train/cycle_method.ts). A method owns
 * its data, networks and optimizers; the loop owns epochs, pictures,
 * metrics and checkpoints.
 */
import type * as tf from "@tensorflow/tfjs-core";
import type { Row } from "../image/pairs_grid.ts";
import type { Rng } from "../random.ts";
import type { Optimizers } from "./optimizer_state.ts";
import { OptionError } from "../options/option_error.ts";
import { cycleMethod } from "./cycle_method.ts";
import { pairedMethod } from "./paired_method.ts";
import { pairedData, unpairedData } from "./translation_config.ts";
import type { TranslationRecord, TranslationRun } from "./translation_record.ts";
import type { UpdateStats } from "./update_stats.ts";

export interface TranslationMethod {
  /** The record the checkpoints carry: the run, the networks, what they translate. */
  record: TranslationRecord;
  /** Iterations in one epoch: one pass over the training pairs, or over the smaller domain. */
  perEpoch: number;
  /** What a checkpoint saves as the model: the networks' weights (and CycleGAN's history of fakes). */
  weights: Map<string, tf.Variable>;
  /** The Adam optimizers by name; their moments are the checkpoint's optimizer state. */
  optimizers: Optimizers;
  /** One iteration on the epoch's batch `epochIterations`, drawn in the orders that `orderSeed` gives. */
  iterate(epochIterations: number, orderSeed: number, rng: Rng): Promise<UpdateStats>;
  /** The rows of the epoch's picture: test inputs, their translations, and what to compare them with. */
  pictureRows(): Promise<Row[]>;
  /** Frees the tfjs variables. */
  dispose(): void;
}

/** The run's method, with its data loaded; a mistake in the data is an OptionError naming --data. */
export async function openMethod(run: TranslationRun): Promise<TranslationMethod> {
  const loaded = <T>(data: Promise<T>) =>
    data.catch((e) => {
      throw e instanceof OptionError ? e : new OptionError(`{data} ${run.data}: ${(e as Error).message}`);
    });
  return run.model === "cyclegan"
    ? cycleMethod(run, await loaded(unpairedData(run)))
    : pairedMethod(run, await loaded(pairedData(run)));
}
