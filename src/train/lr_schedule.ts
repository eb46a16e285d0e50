/**
 * The learning rate's schedule, shared by GAN and image-to-image runs:
 * constant, then falling linearly to 0 over a run's last `decayEpochs`, as
 * pix2pix and CycleGAN train (their papers: half the epochs).
 */
import { OptionError } from "../options/option_error.ts";
import { int, option } from "../options/options.ts";

export interface LrSchedule {
  epochs: number;
  /** Epochs at the end over which the rate falls to 0; 0 keeps it constant. */
  decayEpochs: number;
}

export const DECAY_EPOCHS_OPTION = option(
  int(0),
  "the last N of --epochs lower the learning rates linearly to 0 (the pix2pix and CycleGAN papers decay over " +
    "half their epochs); 0 keeps them constant",
  0,
);

/** Refuses a decay longer than the run. */
export function checkLrSchedule({ epochs, decayEpochs }: LrSchedule): void {
  if (decayEpochs > epochs) {
    throw new OptionError(`{decay-epochs} ${decayEpochs} exceeds the ${epochs} {epochs} of the run`);
  }
}

/** The share of its base learning rate that iteration `done` + 1 steps with. */
export function lrShare({ epochs, decayEpochs }: LrSchedule, perEpoch: number, done: number): number {
  const decaying = decayEpochs * perEpoch, left = epochs * perEpoch - done;
  return decaying === 0 ? 1 : Math.min(1, left / decaying);
}
