/**
 * Builds the edge worker: one ESM bundle, `worker.js`, whose default export
 * is `{ fetch }`, with one or more models' generators inside it. The weights go
 * in as bytes (esbuild's binary loader), since an edge runtime has no files to read.
 * Our kernels' module goes beside it, and the bundle imports it as a
 * WebAssembly.Module (`import source`): workerd and Deno compile it when they
 * load the bundle, and workerd forbids compiling bytes at run time.
 */
import * as esbuild from "esbuild";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCheckpoint } from "../checkpoint/checkpoint.ts";
import { encodeTensors } from "../checkpoint/tensors.ts";
import { generatorTensors } from "../sampling/generator.ts";
import { readEvaluation } from "../serve/evaluation.ts";
import { readRunRecord } from "../train/run_record.ts";
import type { EdgeModelFiles } from "./model.ts";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));
/** Our kernels on one thread and an unshared memory: edge runtimes have no threads or SharedArrayBuffer. */
const KERNELS_FILE = "gemm_single.wasm";
const KERNELS = fileURLToPath(new URL(`../../wasm/${KERNELS_FILE}`, import.meta.url));

/** A model for the bundle: a checkpoint folder, and the id the worker serves it as. */
export interface EdgeModelSource {
  dir: string;
  id: string;
}

/** Bundles `models` into `out`/worker.js, with our kernels' module beside it; returns the bundle's path. */
export async function buildEdge(models: EdgeModelSource[], out: string): Promise<string> {
  const outDir = resolve(out); // esbuild resolves the entry's imports as paths, not packages
  await Deno.mkdir(outDir, { recursive: true });
  const bundled = await Promise.all(models.map(bundledModel));
  const weightsFiles = models.map(({ id }) => join(outDir, `${id}.safetensors`));
  await Promise.all(bundled.map(({ weights }, i) => Deno.writeFile(weightsFiles[i], weights)));
  const outfile = join(outDir, "worker.js");
  await Deno.copyFile(KERNELS, join(outDir, KERNELS_FILE));
  try {
    await esbuild.build({
      stdin: { contents: entry(bundled.map(({ files }) => files), weightsFiles), resolveDir: outDir },
      outfile,
      bundle: true,
      format: "esm",
      platform: "browser", // tfjs's packages map their Node-only files away for browsers
      target: "es2022",
      minify: true,
      loader: { ".safetensors": "binary" },
      external: [`./${KERNELS_FILE}`],
      supported: { "import-source": true },
      // tfjs takes any runtime with a `process` (Deno has one) for Node, and fails on Node's modules.
      define: { "process.versions.node": "undefined" },
      logLevel: "warning",
    });
  } finally {
    await esbuild.stop(); // its service process would keep Deno running
    await Promise.all(weightsFiles.map((file) => Deno.remove(file))); // they are inside the bundle now
  }
  return outfile;
}

/**
 * What the bundle holds of a model, read from its checkpoint once: its record
 * and evaluation, and its generator's tensors as float16 safetensors, half the
 * bytes of float32 (exact for shipped models, whose weights are float16
 * already; a run's own may sample a gray level apart).
 */
async function bundledModel(
  { dir, id }: EdgeModelSource,
): Promise<{ files: Omit<EdgeModelFiles, "weights">; weights: Uint8Array }> {
  const { config, state, weights } = await loadCheckpoint(dir);
  const files = {
    id,
    record: readRunRecord(config, dir),
    iterations: state.iterations,
    epoch: state.epoch,
    evaluation: await readEvaluation(basename(dir) === "checkpoint" ? dirname(dir) : dir),
  };
  return { files, weights: encodeTensors(generatorTensors(weights), { fp16: true }) };
}

/** The bundle's entry: the worker over the models. */
function entry(models: Omit<EdgeModelFiles, "weights">[], weightsFiles: string[]) {
  const list = models.map((model, i) => `{ ...${JSON.stringify(model)}, weights: weights${i} }`);
  return [
    `import { edgeWorker } from ${JSON.stringify(WORKER)};`,
    ...weightsFiles.map((file, i) => `import weights${i} from ${JSON.stringify(file)};`),
    `import source kernels from "./${KERNELS_FILE}";`,
    `export default edgeWorker([${list.join(", ")}], kernels);`,
  ].join("\n");
}
