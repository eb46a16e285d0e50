/**
 * deno task build:edge [--model ID|DIR] [--out DIR]: the edge worker bundle
 * (src/edge/build.ts) with one model: a shipped model's id, or a checkpoint
 * folder; by default the first GAN in models/.
 */
import { basename, join } from "node:path";
import * as z from "zod/mini";
import { option } from "../src/options/options.ts";
import { parseCommandLine } from "../src/cli/command_line.ts";
import { buildEdge } from "../src/edge/build.ts";
import { toModelId } from "../src/serve/model_id.ts";
import { Registry } from "../src/serve/registry.ts";

const FLAGS = z.strictObject({
  model: option(z.string(), "a model id in models/, or a checkpoint folder; default: the first GAN"),
  out: option(z.string(), "folder of the bundle", "dist/edge"),
});

/** The checkpoint folder and the id the worker serves it as. */
async function chooseModel(model?: string): Promise<{ dir: string; id: string }> {
  const isFolder = model !== undefined &&
    (await Deno.stat(join(model, "config.json")).catch(() => undefined));
  if (isFolder) return { dir: model, id: idOf(model) };
  const entries = await new Registry("models", "runs").list();
  const entry = entries.find((e) => e.source === "model" && (model === undefined || e.id === model));
  if (!entry) {
    throw new Error(
      model ? `no model "${model}" in models/` : "no GAN in models/: pass --model CHECKPOINT_DIR",
    );
  }
  return { dir: entry.dir, id: entry.id };
}

/** A checkpoint folder's id: its name, or its run's name for a run's checkpoint/ folder. */
function idOf(dir: string): string {
  const name = basename(dir) === "checkpoint" ? basename(join(dir, "..")) : basename(dir);
  return toModelId(name);
}

const flags = parseCommandLine("deno task build:edge", "Builds the edge worker bundle.", FLAGS, Deno.args);
const { dir, id } = await chooseModel(flags.model);
const bundle = await buildEdge(dir, id, flags.out);
console.error(
  `built ${bundle} (${((await Deno.stat(bundle)).size / 1e6).toFixed(2)} MB) serving model "${id}"`,
);
