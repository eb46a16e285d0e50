/**
 * deno task train [flags]: trains a GAN into a run directory (sample grids,
 * metrics.jsonl, checkpoint/), or continues one with --resume DIR. With no
 * flags: the default recipe on MNIST, in about ten minutes on two cores.
 */
import { join } from "node:path";
import * as z from "zod/mini";
import { BACKEND_OPTIONS } from "../backend/options.ts";
import { initBackend } from "../backend/select.ts";
import { loadCheckpoint, restoreInterruptedSave } from "../checkpoint/checkpoint.ts";
import { OptionError } from "../options/option_error.ts";
import { option, parseOptions } from "../options/options.ts";
import { RunNotSaved } from "../train/checkpointing.ts";
import { TrainingDiverged } from "../train/guard.ts";
import { resumedRunConfig, RUN_OPTIONS, runConfig } from "../train/run_config.ts";
import { readRunRecord } from "../train/run_record.ts";
import { train } from "../train/trainer.ts";
import { exitOnOptionError, formatHelp, givenFlags, HELP } from "./command_line.ts";

const COMMAND = "deno task train";
const SUMMARY = "Trains a GAN: by default the recipe of the README on MNIST, into runs/<timestamp>/.";

export const TRAIN_FLAGS = z.extend(RUN_OPTIONS, {
  ...BACKEND_OPTIONS,
  out: option(z.string(), "run directory; default runs/<timestamp>"),
  resume: option(z.string(), "continue the run in this directory from its checkpoint"),
});

async function main(args: string[]): Promise<void> {
  const given = givenFlags(TRAIN_FLAGS, args);
  if (given === HELP) return console.log(formatHelp(COMMAND, SUMMARY, TRAIN_FLAGS));
  const { out: outFlag, resume: resumeDir, threads, backend, ...options } = parseOptions(TRAIN_FLAGS, given, {
    strings: true,
  });
  if (resumeDir) await restoreInterruptedSave(join(resumeDir, "checkpoint"));
  const resume = resumeDir ? await loadCheckpoint(join(resumeDir, "checkpoint")) : undefined;
  if (resume && outFlag) {
    throw new OptionError("{out} cannot be given with {resume}: the run stays where it is");
  }
  const run = resume
    ? resumedRunConfig(readRunRecord(resume.config, resumeDir!).run, options, Object.keys(given))
    : runConfig(options);
  const out = resumeDir ?? outFlag ?? join("runs", new Date().toISOString().replace(/:/g, "-").slice(0, 19));
  await initBackend({ backend, threads });
  console.error(`${resume ? "resuming" : "training"} ${run.model} on ${run.data} in ${out}`);
  const stop = stopOnSignals();
  const state = await train(run, { out, resume, signal: stop.signal });
  if (!stop.signal.aborted) {
    console.error(
      `done: ${state.iterations} iterations, ${state.epoch} epochs; samples and checkpoint in ${out}`,
    );
    return;
  }
  console.error(
    `stopped by ${stop.signal.reason} at iteration ${state.iterations}; checkpoint in ${out}\n` +
      `continue with: ${COMMAND} --resume ${out}`,
  );
  Deno.exit(EXIT_CODES[stop.signal.reason as Signal]);
}

type Signal = "SIGINT" | "SIGTERM";
/** A process ended by a signal exits 128 + its number, as shells report it. */
const EXIT_CODES: Record<Signal, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * The first SIGINT or SIGTERM aborts the controller's signal, so the loop
 * saves a checkpoint and stops; a second exits at once, which loses only the
 * iteration under way, since checkpoints are written whole or not at all.
 */
function stopOnSignals(): AbortController {
  const stop = new AbortController();
  for (const name of Object.keys(EXIT_CODES) as Signal[]) {
    Deno.addSignalListener(name, () => {
      if (stop.signal.aborted) Deno.exit(EXIT_CODES[name]);
      console.error(`\n${name}: saving a checkpoint after this iteration (again to quit at once)`);
      stop.abort(name);
    });
  }
  return stop;
}

/** The train command, as `deno task train` and `edgegan train` run it. */
export async function trainCommand(args: string[]): Promise<void> {
  try {
    await main(args);
  } catch (e) {
    // A diverged run or a failed save is reported as it is, without a stack; so are mistakes in the flags.
    if (!(e instanceof TrainingDiverged || e instanceof RunNotSaved)) exitOnOptionError(COMMAND, e);
    console.error(`${COMMAND}: ${e.message}`);
    Deno.exit(1);
  }
}

if (import.meta.main) await trainCommand(Deno.args);
