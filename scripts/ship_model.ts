/**
 * deno run -A scripts/ship_model.ts --run DIR --name ID
 *
 * Turns a finished run into a shipped model, models/ID/: its generator alone,
 * as float16 (half the size; the evaluation checks that quality holds), and
 * its run record with the figures `deno task eval --run DIR` measured, in the
 * config and as eval/report.json (where the server looks for a run's).
 */
import { join } from "node:path";
import { copyFile, mkdir } from "node:fs/promises";
import { loadCheckpoint, saveCheckpoint } from "../src/checkpoint/checkpoint.ts";
import { parseCommandLine } from "../src/cli/flags.ts";
import { generatorTensors } from "../src/sampling/generator.ts";

const flags = parseCommandLine(
  "deno run -A scripts/ship_model.ts",
  "Copies a run's generator (float16) and evaluation into models/NAME.",
  [
    { name: "run", type: "string", help: "the run directory (it holds checkpoint/)" },
    { name: "name", type: "string", help: "the model's id: lower-case letters, digits, '.', '_' and '-'" },
  ],
  Deno.args,
);
const run = flags.run as string | undefined, name = flags.name as string | undefined;
if (!run || !name || !/^[a-z0-9._-]{1,100}$/.test(name)) {
  console.error(
    "ship_model: --run DIR and --name ID (lower-case letters, digits, '.', '_', '-') are required",
  );
  Deno.exit(2);
}

const checkpoint = await loadCheckpoint(join(run, "checkpoint"));
const home = join(new URL("../models", import.meta.url).pathname, name);
const report = join(run, "eval", "report.json");
const evaluation = await Deno.readTextFile(report).then(JSON.parse, () => undefined);
await saveCheckpoint(home, {
  ...checkpoint,
  config: { ...checkpoint.config, evaluation },
  weights: generatorTensors(checkpoint.weights),
  optimizer: {},
}, { fp16: true });
if (evaluation) {
  await mkdir(join(home, "eval"), { recursive: true });
  await copyFile(report, join(home, "eval", "report.json"));
}
console.log(`shipped ${run} as ${home}`);
