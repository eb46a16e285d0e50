/**
 * Builds the edge worker: one ESM bundle, `worker.js`, whose default export
 * is `{ fetch }`, over one or more models. Beside it go two WebAssembly
 * modules that the bundle imports as compiled modules (`import source`):
 * our kernels, and the models' generator weights as a data module
 * (./data_module.ts), since an edge runtime has no files to read. workerd and
 * Deno compile both when they load the bundle; workerd forbids compiling
 * bytes at run time.
 */
import * as esbuild from "esbuild";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadWeights } from "../checkpoint/checkpoint.ts";
import { encodeTensors } from "../checkpoint/tensors.ts";
import { dataModule } from "./data_module.ts";
import { generatorTensors } from "../sampling/generator.ts";
import { readEvaluation } from "../serve/evaluation.ts";
import { readRunRecord } from "../train/run_record.ts";
import type { EdgeModelFiles } from "./model.ts";

const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));
/** Our kernels on one thread and an unshared memory: edge runtimes have no threads or SharedArrayBuffer. */
const KERNELS_FILE = "gemm_single.wasm";
const KERNELS = fileURLToPath(new URL(`../../wasm/${KERNELS_FILE}`, import.meta.url));
/** Every model's generator weights, one after another. */
const WEIGHTS_FILE = "weights.wasm";

/** A model for the bundle: a checkpoint folder, and the id the worker serves it as. */
export interface EdgeModelSource {
  dir: string;
  id: string;
}

/** Bundles `models` into `out`/worker.js, with the two modules beside it; returns the bundle's path. */
export async function buildEdge(models: EdgeModelSource[], out: string): Promise<string> {
  const outDir = resolve(out); // esbuild resolves the entry's imports as paths, not packages
  await Deno.mkdir(outDir, { recursive: true });
  const bundled = await Promise.all(models.map(bundledModel));
  let offset = 0;
  const files = bundled.map(({ files, weights }): EdgeModelFiles => {
    const at = { offset, length: weights.length };
    offset += weights.length;
    return { ...files, weights: at };
  });
  const all = new Uint8Array(offset);
  bundled.forEach(({ weights }, i) => all.set(weights, files[i].weights.offset));
  await Deno.writeFile(join(outDir, WEIGHTS_FILE), dataModule(all));
  await Deno.copyFile(KERNELS, join(outDir, KERNELS_FILE));
  const outfile = join(outDir, "worker.js");
  try {
    await esbuild.build({
      stdin: { contents: entry(files), resolveDir: outDir },
      outfile,
      bundle: true,
      format: "esm",
      platform: "browser", // web-standard APIs only: packages' browser builds, no Node modules
      target: "es2022",
      minify: true,
      external: [`./${KERNELS_FILE}`, `./${WEIGHTS_FILE}`],
      supported: { "import-source": true },
      logLevel: "warning",
    });
  } finally {
    await esbuild.stop(); // its service process would keep Deno running
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
  const { config, state, weights } = await loadWeights(dir);
  const files = {
    id,
    record: readRunRecord(config, dir),
    iterations: state.iterations,
    epoch: state.epoch,
    modified: (await Deno.stat(join(dir, "config.json"))).mtime?.getTime() ?? 0,
    evaluation: await readEvaluation(basename(dir) === "checkpoint" ? dirname(dir) : dir),
  };
  return { files, weights: encodeTensors(generatorTensors(weights), { fp16: true }) };
}

/** The bundle's entry: the worker over the models. */
function entry(models: EdgeModelFiles[]) {
  return [
    `import { edgeWorker } from ${JSON.stringify(WORKER)};`,
    `import source kernels from "./${KERNELS_FILE}";`,
    `import source weights from "./${WEIGHTS_FILE}";`,
    `export default edgeWorker(${JSON.stringify(models)}, kernels, weights);`,
  ].join("\n");
}
