/**
 * deno run -A scripts/ship_model.ts --run DIR --name ID
 *
 * Turns a finished run into a shipped model, models/ID/: its generator alone
 * (a semi-supervised model's discriminator too, its classifier; a CycleGAN's
 * F, its way back), as float16 (half the size; the evaluation checks that
 * quality holds), and its run record with the figures `deno task eval --run
 * DIR` measured, in the config, and the eval folder (report.json, where the
 * server looks for a run's, and its pictures).
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { copyFile, mkdir } from "node:fs/promises";
import { loadWeights, saveCheckpoint } from "../src/checkpoint/checkpoint.ts";
import * as z from "zod/mini";
import { exitOnOptionError, parseCommandLine } from "../src/cli/command_line.ts";
import { OptionError } from "../src/options/option_error.ts";
import { generatorTensors } from "../src/sampling/generator.ts";
import { MODEL_ID } from "../src/serve/model_id.ts";
import { option } from "../src/options/options.ts";
import { readRunRecord } from "../src/train/run_record.ts";
import { asTranslationRecord } from "../src/train/translation_record.ts";
import type { Tensors } from "../src/checkpoint/tensors.ts";

/** The record's codeNames from the '|'-separated names, one per code. */
function codeNames(config: unknown, given?: string) {
  if (given === undefined) return {};
  const { codes } = readRunRecord(config, "the run's checkpoint").model;
  const names = given.split("|");
  const count = codes.categorical.length + codes.continuous;
  if (names.length !== count) {
    throw new OptionError(`{code-names}: the model has ${count} codes, got ${names.length} names`);
  }
  const split = codes.categorical.length;
  return { codeNames: { categorical: names.slice(0, split), continuous: names.slice(split) } };
}

const COMMAND = "deno run -A scripts/ship_model.ts";
const flags = parseCommandLine(
  COMMAND,
  "Copies a run's generator (float16) and evaluation into models/NAME.",
  z.strictObject({
    run: z.string().check(z.describe("the run directory (it holds checkpoint/)")),
    name: MODEL_ID.check(z.describe("the model's id: 1 to 100 of a-z, 0-9, '.', '_' and '-'")),
    "code-names": option(
      z.string(),
      "InfoGAN: what each code was seen to control, categorical codes first, separated by '|'",
    ),
  }),
  Deno.args,
);
const { run, name } = flags;

const checkpoint = await loadWeights(join(run, "checkpoint")).catch((e: Error) =>
  exitOnOptionError(COMMAND, new OptionError(`{run} ${run}: ${e.message}`))
);
/** The weights that sample or translate: G's (and a CycleGAN's F's, or a semi-supervised model's D's). */
function shippedWeights(): Tensors {
  const keep = (test: (name: string) => boolean) =>
    Object.fromEntries(Object.entries(checkpoint.weights).filter(([name]) => test(name)));
  if (asTranslationRecord(checkpoint.config)) return keep((name) => /^[GF]\//.test(name));
  // A semi-supervised model's discriminator is its classifier: it ships too.
  return readRunRecord(checkpoint.config, run).model.classifies
    ? keep((name) => !name.startsWith("raw/"))
    : generatorTensors(checkpoint.weights);
}
const home = join(fileURLToPath(new URL("../models", import.meta.url)), name);
const report = join(run, "eval", "report.json");
const evaluation = await Deno.readTextFile(report).then(JSON.parse, () => undefined);
let named: ReturnType<typeof codeNames> = {};
try {
  named = codeNames(checkpoint.config, flags["code-names"]);
} catch (e) {
  exitOnOptionError(COMMAND, e);
}
await saveCheckpoint(home, {
  ...checkpoint,
  config: { ...checkpoint.config, evaluation, ...named },
  weights: shippedWeights(),
  optimizer: {},
}, { fp16: true });
if (evaluation) {
  await mkdir(join(home, "eval"), { recursive: true });
  for await (const { name, isFile } of Deno.readDir(join(run, "eval"))) {
    if (isFile) await copyFile(join(run, "eval", name), join(home, "eval", name));
  }
}
console.log(`shipped ${run} as ${home}`);
