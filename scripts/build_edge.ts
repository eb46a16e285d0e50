/**
 * deno task build:edge [--model ID|DIR,...|all] [--out DIR]: the edge worker
 * bundle (src/edge/build.ts) with one or more models: shipped models' ids or
 * checkpoint folders, or every shipped generator; by default the first GAN in
 * models/.
 */
import { basename, join } from "node:path";
import * as z from "zod/mini";
import { option } from "../src/options/options.ts";
import { exitOnOptionError, parseCommandLine } from "../src/cli/command_line.ts";
import { OptionError } from "../src/options/option_error.ts";
import { buildEdge, type EdgeModelSource } from "../src/edge/build.ts";
import { runModelId, toModelId } from "../src/serve/model_id.ts";
import { Registry } from "../src/serve/registry.ts";
import { isTranslator } from "../src/serve/model_entry.ts";

const FLAGS = z.strictObject({
  model: option(
    z.string(),
    "model ids in models/ or checkpoint folders, separated by commas, or all: every shipped generator; " +
      "default: the first GAN",
  ),
  out: option(z.string(), "folder of the bundle", "dist/edge"),
});

/** The models that `--model` names. */
async function chooseModels(model?: string): Promise<EdgeModelSource[]> {
  // Translation models run on tfjs, which the edge bundle leaves out: the edge serves GANs.
  const shipped = (await new Registry("models", "runs").list()).filter((e) =>
    e.origin === "shipped" && !isTranslator(e)
  );
  if (model === "all") return shipped.map(({ dir, id }) => ({ dir, id }));
  if (model === undefined) {
    if (!shipped.length) throw new OptionError("no GAN in models/: pass {model} CHECKPOINT_DIR");
    return [{ dir: shipped[0].dir, id: shipped[0].id }];
  }
  const chosen = await Promise.all(
    model.split(",").map(async (name) => {
      if (await Deno.stat(join(name, "config.json")).catch(() => undefined)) {
        return { dir: name, id: idOf(name) };
      }
      const entry = shipped.find((e) => e.id === name);
      if (!entry) {
        throw new OptionError(
          `{model}: no GAN "${name}" in models/ (translation models do not run on the edge), ` +
            "and no checkpoint folder of that name",
        );
      }
      return { dir: entry.dir, id: entry.id };
    }),
  );
  const twice = chosen.find(({ id }, i) => chosen.findIndex((m) => m.id === id) !== i);
  if (twice) {
    throw new OptionError(`{model} names "${twice.id}" twice: each model is served under its own id`);
  }
  return chosen;
}

/** A checkpoint folder's id: its name, or for a run's checkpoint/ folder the id the server gives the run. */
function idOf(dir: string): string {
  return basename(dir) === "checkpoint" ? runModelId(basename(join(dir, ".."))) : toModelId(basename(dir));
}

const COMMAND = "deno task build:edge";
const flags = parseCommandLine(COMMAND, "Builds the edge worker bundle.", FLAGS, Deno.args);
const models = await chooseModels(flags.model).catch((e) => exitOnOptionError(COMMAND, e));
const bundle = await buildEdge(models, flags.out);
console.error(
  `built ${bundle} (${((await Deno.stat(bundle)).size / 1e6).toFixed(2)} MB) serving ` +
    models.map(({ id }) => `"${id}"`).join(", "),
);
