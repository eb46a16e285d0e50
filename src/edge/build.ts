/**
 * Builds the edge worker: one ESM bundle, `worker.js`, whose default export
 * is `{ fetch }`, with a model's generator inside it. The weights go in as
 * bytes (esbuild's binary loader), since an edge runtime has no files to read.
 */
import * as esbuild from "esbuild";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCheckpoint, readConfig } from "../checkpoint/checkpoint.ts";
import { encodeTensors } from "../checkpoint/tensors.ts";
import { generatorTensors } from "../sampling/generator.ts";
import { readEvaluation } from "../serve/evaluation.ts";
import { readRunRecord } from "../train/run_record.ts";
import type { EdgeModelFiles } from "./model.ts";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));

/** Bundles the model of checkpoint `dir` as `id` into `outDir`/worker.js; returns the bundle's path. */
export async function buildEdge(dir: string, id: string, out: string): Promise<string> {
  const outDir = resolve(out); // esbuild resolves the entry's imports as paths, not packages
  await Deno.mkdir(outDir, { recursive: true });
  const { config, state } = await readConfig(dir);
  const files: Omit<EdgeModelFiles, "weights"> = {
    id,
    record: readRunRecord(config, dir),
    iterations: state.iterations,
    epoch: state.epoch,
    evaluation: await readEvaluation(basename(dir) === "checkpoint" ? dirname(dir) : dir),
  };
  const weightsFile = join(outDir, `${id}.safetensors`);
  await Deno.writeFile(weightsFile, await generatorBytes(dir));
  const outfile = join(outDir, "worker.js");
  try {
    await esbuild.build({
      stdin: { contents: entry(files, weightsFile), resolveDir: outDir },
      outfile,
      bundle: true,
      format: "esm",
      platform: "browser", // tfjs's packages map their Node-only files away for browsers
      target: "es2022",
      minify: true,
      loader: { ".safetensors": "binary" },
      // tfjs takes any runtime with a `process` (Deno has one) for Node, and fails on Node's modules.
      define: { "process.versions.node": "undefined" },
      logLevel: "warning",
    });
  } finally {
    await esbuild.stop(); // its service process would keep Deno running
    await Deno.remove(weightsFile); // it is inside the bundle now
  }
  return outfile;
}

/** The generator's tensors of a checkpoint as float32 safetensors. */
async function generatorBytes(dir: string): Promise<Uint8Array> {
  return encodeTensors(generatorTensors((await loadCheckpoint(dir)).weights));
}

/** The bundle's entry: the worker over the one model. */
function entry(files: Omit<EdgeModelFiles, "weights">, weightsFile: string) {
  return [
    `import { edgeWorker } from ${JSON.stringify(WORKER)};`,
    `import weights from ${JSON.stringify(weightsFile)};`,
    `export default edgeWorker([{ ...${JSON.stringify(files)}, weights }]);`,
  ].join("\n");
}
