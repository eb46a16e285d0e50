/**
 * How long a run trains, for GAN and image-to-image runs alike: its epochs, a
 * wall-clock budget over every process of the run, this process's iterations,
 * how often it saves and how its learning rate decays; and which of these a
 * resumed run may change.
 */
import * as z from "zod/mini";
import type { TrainState } from "../checkpoint/checkpoint.ts";
import { OptionError } from "../options/option_error.ts";
import { int, number, option } from "../options/options.ts";
import { checkLrSchedule, DECAY_EPOCHS_OPTION } from "./lr_schedule.ts";

/**
 * The length where none is given: 15 epochs, cut at 9 minutes so that a
 * default run ends within ten on a 2-core machine whatever the data (on
 * MNIST's 60,000 digits, 15 epochs would take about 50).
 */
const DEFAULT_LENGTH = { epochs: 15, minutes: 9 };

/** The length options of a kind of run whose epochs are `passes` ("passes over the training split"). */
export function lengthOptions(passes: string) {
  return {
    epochs: option(int(1), `${passes}; default ${DEFAULT_LENGTH.epochs}, cut short by the default --minutes`),
    minutes: option(
      number(0),
      "stop after this many minutes of training, over every process of the run, or when the epochs are done " +
        `if sooner; default ${DEFAULT_LENGTH.minutes} where neither --epochs nor --iterations is given, else none`,
    ),
    iterations: option(int(1), "stop after this many iterations in all; default: when the epochs are done"),
    "decay-epochs": DECAY_EPOCHS_OPTION,
    "checkpoint-every": option(
      int(1),
      "save a checkpoint every N iterations (and at the end); default: at each epoch's end",
    ),
  };
}

const LENGTH_OPTIONS = z.object(lengthOptions(""));
type LengthOptions = z.output<typeof LENGTH_OPTIONS>;

/** A run's length, as its checkpoint saves it. */
export interface RunLength {
  epochs: number;
  /** Minutes of training over every process of the run; null: no budget. */
  minutes: number | null;
  /**
   * The run's iteration (counted across resumes) at which this process stops;
   * a resume does not keep it. null: at the epochs' end.
   */
  iterations: number | null;
  /** Iterations between checkpoints; null: at each epoch's end. */
  checkpointEvery: number | null;
  /** Epochs at the end over which the learning rates fall to 0. */
  decayEpochs: number;
}

/** A new run's length: a time budget by default only where neither its epochs nor its iterations are given. */
export function runLength(options: LengthOptions): RunLength {
  const lengthGiven = options.epochs !== undefined || options.iterations !== undefined;
  const length = {
    epochs: options.epochs ?? DEFAULT_LENGTH.epochs,
    minutes: options.minutes ?? (lengthGiven ? null : DEFAULT_LENGTH.minutes),
    iterations: options.iterations ?? null,
    checkpointEvery: options["checkpoint-every"] ?? null,
    decayEpochs: options["decay-epochs"],
  };
  checkLength(length);
  return length;
}

function checkLength(length: RunLength): void {
  checkLrSchedule(length);
  // A budget stops a run wherever the clock says, maybe before its decay began.
  if (length.decayEpochs > 0 && length.minutes !== null) {
    throw new OptionError(
      `{decay-epochs} counts back from the run's last epoch, which a {minutes} budget (${length.minutes}) ` +
        "may stop short of: give {epochs}, and no {minutes}",
    );
  }
}

/** The epochs a run has begun: those done, and the one under way if it is. */
export const epochsBegun = (
  { epoch, epochIterations }: TrainState,
): number => epoch + (epochIterations ? 1 : 0);

/** What a resumed run may change: how long it runs and how it is saved. */
const CHANGEABLE_ON_RESUME = ["epochs", "minutes", "iterations", "checkpoint-every"] as const;

/**
 * The saved configuration of a run being resumed, its length changed by the
 * options that `given` names, by the rules of a new run: a new --epochs or
 * --iterations ends the saved time budget unless --minutes is given too.
 * Any other option of `schema` given is an error rather than silently
 * ignored. A saved `iterations` is not kept: a resumed run trains to its
 * epochs unless it is given again. `epochsBegun` counts the epochs the run has
 * begun, the one under way included.
 */
export function resumedRunConfig<R extends RunLength>(
  saved: R,
  options: Partial<Record<(typeof CHANGEABLE_ON_RESUME)[number], number>>,
  given: Iterable<string>,
  schema: z.ZodMiniObject,
  epochsBegun: number,
): R {
  const names = new Set(given);
  const changeable: ReadonlySet<string> = new Set(CHANGEABLE_ON_RESUME);
  const fixed = [...names].find((name) => name in schema.shape && !changeable.has(name));
  if (fixed) {
    throw new OptionError(`{${fixed}} cannot be given with a resumed run: it keeps its saved settings`);
  }
  const pick = (name: (typeof CHANGEABLE_ON_RESUME)[number]) => names.has(name) ? options[name] : undefined;
  const epochs = pick("epochs");
  const lengthGiven = names.has("epochs") || names.has("iterations");
  const resumed = {
    ...saved,
    epochs: epochs ?? saved.epochs,
    minutes: pick("minutes") ?? (lengthGiven ? null : saved.minutes),
    iterations: pick("iterations") ?? null,
    checkpointEvery: pick("checkpoint-every") ?? saved.checkpointEvery,
  };
  checkLength(resumed);
  // The decay counts back from the last epoch: once begun, a new length would move it under the run's feet.
  const decayBegins = Math.min(saved.epochs, epochs ?? saved.epochs) - saved.decayEpochs;
  if (saved.decayEpochs > 0 && epochs !== undefined && epochs !== saved.epochs && epochsBegun > decayBegins) {
    throw new OptionError(
      `{epochs} cannot change on this run now: its learning rates decay over the last ${saved.decayEpochs} of ` +
        `its ${saved.epochs} epochs, and at epoch ${epochsBegun} a decay has begun that ${epochs} would move`,
    );
  }
  return resumed;
}
