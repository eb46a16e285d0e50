/**
 * deno task train [flags]: trains a GAN into a run directory (sample grids,
 * metrics.jsonl, checkpoint/), or continues one with --resume DIR. With no
 * flags: the reference DCGAN on MNIST, in about ten minutes on two cores.
 */
import { join } from "node:path";
import { initBackend } from "../backend/select.ts";
import { loadCheckpoint } from "../checkpoint/checkpoint.ts";
import type { RunRecord } from "../train/checkpointing.ts";
import { TrainingDiverged } from "../train/guard.ts";
import { FLAGS, resumedRunConfig, runConfig, runtimeOptions } from "../train/run_config.ts";
import { train } from "../train/trainer.ts";
import { FlagError, parseCommandLine } from "./flags.ts";

const COMMAND = "deno task train";
const SUMMARY = "Trains a GAN: by default the reference DCGAN on MNIST, into runs/<timestamp>/.";

async function main(args: string[]): Promise<void> {
  const flags = parseCommandLine(COMMAND, SUMMARY, FLAGS, args);
  const runtime = runtimeOptions(flags);
  const resume = runtime.resume ? await loadCheckpoint(join(runtime.resume, "checkpoint")) : undefined;
  const run = resume ? resumedRunConfig((resume.config as unknown as RunRecord).run, args) : runConfig(flags);
  const out = runtime.resume ?? runtime.out ??
    join("runs", new Date().toISOString().replace(/:/g, "-").slice(0, 19));
  await initBackend({ backend: runtime.backend, threads: runtime.threads });
  console.error(`${resume ? "resuming" : "training"} ${run.model} on ${run.data} in ${out}`);
  const state = await train(run, { out, resume });
  console.error(`done: ${state.step} iterations, ${state.epoch} epochs; samples and checkpoint in ${out}`);
}

/** The train command, as `deno task train` and `edgegan train` run it. */
export async function trainCommand(args: string[]): Promise<void> {
  try {
    await main(args);
  } catch (e) {
    // Mistakes in the flags and a diverged run are reported as they are, without a stack.
    if (!(e instanceof FlagError || e instanceof TrainingDiverged)) throw e;
    console.error(`${COMMAND}: ${e.message}`);
    Deno.exit(e instanceof FlagError ? 2 : 1);
  }
}

if (import.meta.main) await trainCommand(Deno.args);
