/**
 * deno task train [flags]: trains a GAN into a run directory (sample grids,
 * metrics.jsonl, checkpoint/), or continues one with --resume DIR. With no
 * flags: the default recipe on MNIST, in about ten minutes on two cores.
 */
import { join } from "node:path";
import * as z from "zod/mini";
import { BACKEND_OPTIONS } from "../backend/options.ts";
import { initBackend } from "../backend/select.ts";
import {
  type Checkpoint,
  loadCheckpoint,
  readConfig,
  restoreInterruptedSave,
} from "../checkpoint/checkpoint.ts";
import { OptionError } from "../options/option_error.ts";
import { option, parseOptions } from "../options/options.ts";
import { RunNotSaved } from "../train/checkpointing.ts";
import { TrainingDiverged } from "../train/guard.ts";
import { runConfig } from "../train/run_config.ts";
import { RUN_OPTIONS, type RunOptions } from "../train/run_options.ts";
import { epochsBegun, resumedRunConfig } from "../train/run_length.ts";
import type { LoopState } from "../train/state.ts";
import { TRANSLATION_OPTIONS, type TranslationOptions, translationRun } from "../train/translation_config.ts";
import { asTranslationRecord, type TranslationRecord } from "../train/translation_record.ts";
import { trainTranslation } from "../train/translation_trainer.ts";
import { TRANSLATION_ARCHS } from "../models/translation_config.ts";
import { readRunRecord, type RunRecord } from "../train/run_record.ts";
import { train } from "../train/trainer.ts";
import { exitOnOptionError, formatHelp, givenFlags, HELP } from "./command_line.ts";

const COMMAND = "deno task train";
const SUMMARY = "Trains a GAN: by default the recipe of the README on MNIST, into runs/<timestamp>/.";

export const TRAIN_FLAGS = z.extend(RUN_OPTIONS, {
  ...BACKEND_OPTIONS,
  out: option(z.string(), "run directory; default runs/<timestamp>"),
  resume: option(z.string(), "continue the run in this directory from its checkpoint"),
});

/** The translation models' flags (pix2pix, SRGAN, CycleGAN): their own, as they share no network or loss with the GANs. */
const TRANSLATION_FLAGS = z.extend(TRANSLATION_OPTIONS, {
  ...BACKEND_OPTIONS,
  out: TRAIN_FLAGS.shape.out,
  resume: TRAIN_FLAGS.shape.resume,
});
const TRANSLATION_SUMMARY =
  "Trains an image-to-image model (pix2pix, SRGAN or CycleGAN) into runs/<timestamp>/.";

async function main(args: string[]): Promise<void> {
  const translation = await isTranslation(args);
  const flags = translation ? TRANSLATION_FLAGS : TRAIN_FLAGS;
  const given = givenFlags(flags, args);
  if (given === HELP) {
    return console.log(
      translation
        ? formatHelp(`${COMMAND} --model pix2pix|srgan|cyclegan`, TRANSLATION_SUMMARY, flags)
        : formatHelp(COMMAND, SUMMARY, flags),
    );
  }
  const { out: outFlag, resume: resumeDir, threads, backend, ...options } = parseOptions(flags, given, {
    strings: true,
  }) as z.output<typeof TRAIN_FLAGS> | z.output<typeof TRANSLATION_FLAGS>;
  const resume = resumeDir ? await checkpointToResume(resumeDir) : undefined;
  if (resume && outFlag) {
    throw new OptionError("{out} cannot be given with {resume}: the run stays where it is");
  }
  const out = resumeDir ?? outFlag ?? join("runs", new Date().toISOString().replace(/:/g, "-").slice(0, 19));
  const stop = stopOnSignals();
  const training = { out, resume, signal: stop.signal };
  let trained: () => Promise<LoopState>, what: string;
  if (translation) {
    const run = resume
      ? resumedRunConfig(
        translationRecordOf(resume.config, resumeDir!).run,
        options,
        Object.keys(given),
        TRANSLATION_OPTIONS,
        epochsBegun(resume.state),
      )
      : translationRun(options as TranslationOptions);
    [trained, what] = [() => trainTranslation(run, training), `${run.model} on ${run.data}`];
  } else {
    const run = resume
      ? resumedRunConfig(
        runRecordOf(resume.config, resumeDir!).run,
        options,
        Object.keys(given),
        RUN_OPTIONS,
        epochsBegun(resume.state),
      )
      : runConfig(options as RunOptions);
    [trained, what] = [() => train(run, training), `${run.model} on ${run.data}`];
  }
  await initBackend({ backend, threads });
  console.error(`${resume ? "resuming" : "training"} ${what} in ${out}`);
  const state = await trained();
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

/** The last complete checkpoint of the run in `dir`; a directory that holds none is a mistake of flags. */
async function checkpointToResume(dir: string): Promise<Checkpoint> {
  const checkpoint = join(dir, "checkpoint");
  try {
    await restoreInterruptedSave(checkpoint);
    return await loadCheckpoint(checkpoint);
  } catch (e) {
    throw new OptionError(`{resume} ${dir}: ${(e as Error).message}`);
  }
}

/** A resumed GAN run's record; a checkpoint that holds none is a mistake of flags. */
function runRecordOf(config: unknown, dir: string): RunRecord {
  try {
    return readRunRecord(config, dir);
  } catch (e) {
    throw new OptionError(`{resume} ${(e as Error).message}`);
  }
}

/** A resumed translation run's record; `--model pix2pix` given with a GAN run's `--resume` is a mistake of flags. */
function translationRecordOf(config: unknown, dir: string): TranslationRecord {
  const record = asTranslationRecord(config);
  if (!record) {
    throw new OptionError(`{resume} ${dir} is a GAN run: resume it without {model}, which it keeps as saved`);
  }
  return record;
}

/** `--model pix2pix`, `srgan` or `cyclegan`, or `--resume` of a run whose checkpoint is a translation model's. */
async function isTranslation(args: string[]): Promise<boolean> {
  // The last one given, as the flag parser keeps it.
  const value = (name: string) =>
    args.reduce<string | undefined>(
      (found, arg, i) =>
        arg === `--${name}` ? args[i + 1] : arg.startsWith(`--${name}=`) ? arg.slice(name.length + 3) : found,
      undefined,
    );
  if ((TRANSLATION_ARCHS as readonly (string | undefined)[]).includes(value("model"))) return true;
  const resume = value("resume");
  if (resume === undefined) return false;
  const saved = await readConfig(join(resume, "checkpoint")).catch(() => undefined);
  return asTranslationRecord(saved?.config) !== undefined;
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
