/** Run options as `deno task train` reads them from its arguments, for tests of the run config. */
import { givenFlags, HELP } from "../src/cli/command_line.ts";
import { TRAIN_FLAGS } from "../src/cli/train.ts";
import { FLAG_SURFACE } from "../src/cli/command_line.ts";
import { OptionError } from "../src/options/option_error.ts";
import { parseOptions } from "../src/options/options.ts";
import { type RunConfig, runConfig } from "../src/train/run_config.ts";
import { RUN_OPTIONS, type RunOptions } from "../src/train/run_options.ts";
import { resumedRunConfig } from "../src/train/run_length.ts";

export function runOptions(...args: string[]): RunOptions {
  const runOnly = Object.entries(given(args)).filter(([name]) => name in RUN_OPTIONS.shape);
  return parseOptions(RUN_OPTIONS, Object.fromEntries(runOnly), { strings: true });
}

function given(args: string[]): Record<string, unknown> {
  const values = givenFlags(TRAIN_FLAGS, args);
  if (values === HELP) throw new Error("help was asked for");
  return values;
}

/** The run config of `deno task train ARGS`. */
export const config = (...args: string[]) => runConfig(runOptions(...args));

/**
 * The config of `saved` resumed with `deno task train --resume DIR ARGS` (only run options in ARGS),
 * from its start or, with `epochsBegun`, from further on.
 */
export const resumed = (saved: RunConfig, ...args: string[]) => resumedAfter(0, saved, ...args);
export const resumedAfter = (epochsBegun: number, saved: RunConfig, ...args: string[]) =>
  resumedRunConfig(saved, runOptions(...args), Object.keys(given(args)), RUN_OPTIONS, epochsBegun);

/** The message, in a command line's words, of the OptionError that `fn` (`what`) must throw. */
export function flagError(fn: () => unknown, what = "it"): string {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof OptionError)) throw new Error(`${what}: threw ${e}, not an OptionError`);
    return e.render(FLAG_SURFACE);
  }
  throw new Error(`${what} was accepted`);
}

/** The message of the OptionError that `deno task train ARGS` must raise. */
export const configError = (...args: string[]): string => flagError(() => config(...args), args.join(" "));
